/**
 * Identity resolution for a whole chunk of identities in one query: the chunk is grouped by form,
 * and the query has one branch per form present, joining a json_each list of that form's keys against
 * its index (SIP, UPN, domain\logon, DN, display name). CROSS JOIN keeps each list as the outer loop,
 * so a key is one index lookup (and the GLOB branch scans only for wildcard keys). Users without a SIP
 * address are never found.
 */
import type { Statement } from 'better-sqlite3';
import { USER_VALUES, userRowOf, type UserRow } from './adUser.js';
import type { DirectoryDatabase } from './database.js';
import type { QueryWorker } from './queryWorker.js';
import { classifyIdentity, type IdentityForm, type UserId } from './userId.js';

/** Extra SQL a caller adds to every lookup (e.g. an OU range), over the alias `u`. */
export interface ResolveScope {
  sql: string;
  params: readonly unknown[];
}

/**
 * What a lookup returns: a select list over `u` whose first column is `u.id`, the joins it needs,
 * and how one row's values (in select order) become the caller's row. Rows come back as arrays
 * (better-sqlite3's raw mode): building small objects in JavaScript costs less than its row objects.
 */
export interface ResolveShape<Row> {
  select: string;
  join?: string;
  row(values: readonly unknown[]): Row;
  /**
   * Rows come back as one JSON array per chunk instead: for narrow rows of text and numbers (no
   * blobs), one JSON.parse costs less than better-sqlite3 converting every value (~1 µs a row).
   */
  packed?: boolean;
}

/** The default shape: whole users rows. */
export const USER_SHAPE: ResolveShape<UserRow> = { select: USER_VALUES, row: userRowOf };

/** An identity form, and the sip:+UPN fallback branch. */
export type Kind = IdentityForm['kind'] | 'sipOfUpn';

/** The forms, in the order their branches appear in the query. */
const KINDS: readonly Kind[] = ['sip', 'upn', 'sipOfUpn', 'logon', 'dn', 'display', 'displayWildcard'];

const CONDITIONS: Readonly<Record<Kind, string>> = {
  sip: 'u.sip_key = q.value',
  upn: 'u.upn_key = q.value',
  // A UPN-shaped value with no UPN match is also tried as sip:+value.
  sipOfUpn: "u.sip_key = 'sip:' || q.value",
  logon: 'u.logon_key = q.value',
  dn: 'u.dn_key = q.value',
  display: 'u.display_key = q.value',
  displayWildcard: 'u.display_key GLOB q.value',
};

/** A prepared lookup: rows one by one, or all rows of a chunk as one JSON text (null: none). */
type Lookup =
  | { packed: true; sql: string; statement: Statement<unknown[], string | null> }
  | { packed: false; statement: Statement<unknown[], unknown[]> };

/** A chunk's lookup between {@link IdentityResolver.start} and {@link IdentityResolver.collect}. */
export interface PendingLookup {
  kinds: readonly Kind[];
  params: readonly unknown[];
  indexes: number[][];
  /** Set when the query runs there. */
  worker?: QueryWorker;
}

/** A match: the caller's row, the user id and, for display names, the DN key to order matches by. */
interface Match<Row> {
  row: Row;
  id: number;
  order: string | null;
}

/** Resolves identities against one database, caching a statement per set of forms. */
export class IdentityResolver<Row = UserRow> {
  readonly #db: DirectoryDatabase;
  readonly #scope: ResolveScope | undefined;
  readonly #shape: ResolveShape<Row>;
  readonly #lookups = new Map<string, Lookup>();

  /**
   * @param db the directory database
   * @param scope optional extra condition every match must meet
   * @param shape the columns to return: only what the caller needs, since each column costs per row
   */
  constructor(db: DirectoryDatabase, scope?: ResolveScope, shape?: ResolveShape<Row>) {
    this.#db = db;
    this.#scope = scope;
    // Without a shape, Row is UserRow (the class default).
    this.#shape = shape ?? (USER_SHAPE as unknown as ResolveShape<Row>);
  }

  /**
   * Finds the users of each identity, in one query for the whole chunk.
   * @param ids the identities of one chunk
   * @returns the matching users of each identity, by its index in ids (no entry: not found)
   */
  resolve(ids: readonly UserId[]): Map<number, Row[]> {
    return this.collect(this.start(ids));
  }

  /**
   * Starts resolving a chunk: on the worker, when one is given and the lookup packs its rows (the
   * answer then waits there until {@link collect}), else on this thread when collected.
   * @param ids the identities of one chunk
   * @param worker a worker with its own connection to the same database
   * @returns the lookup, for collect
   */
  start(ids: readonly UserId[], worker?: QueryWorker): PendingLookup {
    const groups = new Map<Kind, { indexes: number[]; keys: string[] }>();
    ids.forEach((id, index) => {
      const form = classifyIdentity(id.text);
      let group = groups.get(form.kind);
      if (!group) groups.set(form.kind, (group = { indexes: [], keys: [] }));
      group.indexes.push(index);
      group.keys.push('key' in form ? form.key : form.glob);
    });
    const upn = groups.get('upn');
    if (upn) groups.set('sipOfUpn', upn);
    const kinds = KINDS.filter((kind) => groups.has(kind));
    const scope = this.#scope?.params ?? [];
    const params = kinds.flatMap((kind) => [JSON.stringify(groups.get(kind)?.keys), ...scope]);
    const indexes = kinds.map((kind) => groups.get(kind)?.indexes ?? []);
    const pending: PendingLookup = { kinds, params, indexes };
    const lookup = kinds.length > 0 ? this.#lookup(kinds) : undefined;
    if (worker && lookup?.packed) {
      worker.send(lookup.sql, params);
      pending.worker = worker;
    }
    return pending;
  }

  /**
   * Finishes a lookup begun with {@link start} (lookups on a worker finish in the order started).
   * @param pending what start returned
   * @returns the matching users of each identity, by its index (no entry: not found)
   */
  collect(pending: PendingLookup): Map<number, Row[]> {
    const { kinds, params, indexes } = pending;
    if (kinds.length === 0) return new Map();
    const lookup = this.#lookup(kinds);
    let rows: unknown[][];
    if (pending.worker) rows = JSON.parse(pending.worker.take() ?? '[]') as unknown[][];
    else if (lookup.packed) rows = JSON.parse(lookup.statement.get(...params) ?? '[]') as unknown[][];
    else rows = lookup.statement.all(...params);
    return this.#collect(rows, indexes, kinds.indexOf('upn'), kinds.indexOf('sipOfUpn'));
  }

  // Each raw row is [...select columns, i (key position), b (branch), dn_order]. Most identities
  // match one user, so rows go straight into the result; only a second match pays for ordering.
  #collect(rows: unknown[][], indexes: number[][], upnBranch: number, sipOfUpnBranch: number): Map<number, Row[]> {
    const width = rows[0]?.length ?? 0;
    const indexOf = (values: unknown[]) => indexes[values[width - 2] as number]?.[values[width - 3] as number] ?? -1;
    const byUpn = sipOfUpnBranch < 0 ? undefined : new Set(rows.filter((values) => values[width - 2] === upnBranch).map(indexOf));
    const found = new Map<number, Row[]>();
    const first = new Map<number, unknown[]>();
    const several = new Map<number, Match<Row>[]>();
    const matchOf = (values: unknown[], row: Row): Match<Row> => ({ row, id: values[0] as number, order: values[width - 1] as string | null });
    for (const values of rows) {
      const index = indexOf(values);
      if (values[width - 2] === sipOfUpnBranch && byUpn?.has(index)) continue;
      const row = this.#shape.row(values);
      const rowsOfIndex = found.get(index);
      if (!rowsOfIndex) {
        found.set(index, [row]);
        first.set(index, values);
        continue;
      }
      const matches = several.get(index) ?? [matchOf(first.get(index) ?? [], rowsOfIndex[0] as Row)];
      if (matches.some((m) => m.id === values[0])) continue;
      matches.push(matchOf(values, row));
      several.set(index, matches);
      // Several users match only a display name (or a logon imported twice): DN order, then id.
      found.set(index, matches.sort(byDnThenId).map((m) => m.row));
    }
    return found;
  }

  #lookup(kinds: readonly Kind[]): Lookup {
    const key = kinds.join(',');
    let lookup = this.#lookups.get(key);
    if (!lookup) {
      // A wildcard may match the whole directory: its rows are not worth one giant JSON text.
      if (this.#shape.packed === true && !kinds.includes('displayWildcard')) {
        const sql = `SELECT '[' || group_concat(r) || ']' FROM (${this.sql(true, ...kinds)})`;
        lookup = { packed: true, sql, statement: this.#db.prepare<unknown[], string | null>(sql).pluck() };
      } else {
        lookup = { packed: false, statement: this.#db.prepare<unknown[], unknown[]>(this.sql(false, ...kinds)).raw() };
      }
      this.#lookups.set(key, lookup);
    }
    return lookup;
  }

  /**
   * The statement for a chunk holding these forms: per form, a json_each(?) list of its keys
   * followed by the scope's parameters. After the caller's columns come the key's position (i), the
   * form's branch (b) and, for display names, the DN key to order several matches by.
   * @param packed each row as one column r, the JSON array of those values
   * @param kinds the identity forms present
   * @returns the SQL
   */
  sql(packed: boolean, ...kinds: Kind[]): string {
    const scope = this.#scope ? ` AND (${this.#scope.sql})` : '';
    const branches = kinds.map((kind, b) => {
      const order = kind === 'display' || kind === 'displayWildcard' ? 'u.dn_key' : 'NULL';
      const columns = `${this.#shape.select}, q.key, ${b}, ${order}`;
      return `SELECT ${packed ? `json_array(${columns}) AS r` : columns}
      ${lookupSource(kind, this.#shape.join)}${scope}`;
    });
    return branches.join('\nUNION ALL\n');
  }
}

/**
 * Where one form's lookup reads from: its json_each(?) list of keys (q), each joined to the users with
 * a SIP address it names (u), and the caller's joins.
 * @param kind the identity form
 * @param join extra joins over u, if any
 * @returns the FROM and WHERE clauses
 */
export function lookupSource(kind: Kind, join?: string): string {
  return `FROM json_each(?) q CROSS JOIN users u ON ${CONDITIONS[kind]}${join ? ` ${join}` : ''} WHERE u.sip_key IS NOT NULL`;
}

function byDnThenId(a: { id: number; order: string | null }, b: { id: number; order: string | null }): number {
  const x = a.order ?? '';
  const y = b.order ?? '';
  return x < y ? -1 : x > y ? 1 : a.id - b.id;
}

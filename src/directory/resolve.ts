/**
 * Identity resolution for a whole chunk of identities in one query: the chunk is grouped by form,
 * and the query has one branch per form present, joining a json_each list of that form's keys against
 * its index (SIP, UPN, domain\logon, DN, display name). CROSS JOIN keeps each list as the outer loop,
 * so a key is one index lookup (and the GLOB branch scans only for wildcard keys). Users without a SIP
 * address are never found.
 */
import type { Statement } from 'better-sqlite3';
import { USER_COLUMNS, type UserRow } from './adUser.js';
import type { DirectoryDatabase } from './database.js';
import { classifyIdentity, type IdentityForm, type UserId } from './userId.js';

/** Extra SQL a caller adds to every lookup (e.g. an OU range), over the alias `u`. */
export interface ResolveScope {
  sql: string;
  params: readonly unknown[];
}

type Kind = IdentityForm['kind'] | 'sipOfUpn';
/** What a lookup returns: the select list (over `u`, with `u.id`) and any joins it needs. */
export interface ResolveShape {
  select: string;
  join?: string;
}

type Resolved<Row> = Row & { i: number; b: number; dn_order: string };

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

/** Resolves identities against one database, caching a statement per set of forms. */
export class IdentityResolver<Row extends { id: number } = UserRow> {
  readonly #db: DirectoryDatabase;
  readonly #scope: ResolveScope | undefined;
  readonly #shape: ResolveShape;
  readonly #statements = new Map<string, Statement<unknown[], Resolved<Row>>>();

  /**
   * @param db the directory database
   * @param scope optional extra condition every match must meet
   * @param shape the columns to return (only what the caller needs: each column costs per row) @default the UserRow columns
   */
  constructor(db: DirectoryDatabase, scope?: ResolveScope, shape: ResolveShape = { select: USER_COLUMNS }) {
    this.#db = db;
    this.#scope = scope;
    this.#shape = shape;
  }

  /**
   * Finds the users of each identity, in one query for the whole chunk.
   * @param ids the identities of one chunk
   * @returns the matching users of each identity, by its index in ids (no entry: not found), in DN order
   */
  resolve(ids: readonly UserId[]): Map<number, Row[]> {
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
    const found = new Map<number, Row[]>();
    if (kinds.length === 0) return found;
    const scope = this.#scope?.params ?? [];
    const rows = this.#statement(kinds).all(...kinds.flatMap((kind) => [JSON.stringify(groups.get(kind)?.keys), ...scope]));
    const indexOf = (row: Resolved<Row>) => groups.get(kinds[row.b] ?? 'sip')?.indexes[row.i] ?? -1;
    const byUpn = new Set(rows.filter((row) => kinds[row.b] === 'upn').map(indexOf));
    // Rows keep their i, b and dn_order columns: copying each row without them costs more than they do.
    for (const row of rows) {
      const index = indexOf(row);
      if (kinds[row.b] === 'sipOfUpn' && byUpn.has(index)) continue;
      const list = found.get(index);
      if (!list) found.set(index, [row]);
      else if (!list.some((user) => user.id === row.id)) list.push(row);
    }
    // Only display names match several users; those come back in DN order.
    for (const list of found.values()) if (list.length > 1) list.sort((a, b) => compare(dnOrder(a), dnOrder(b)));
    return found;
  }

  #statement(kinds: readonly Kind[]): Statement<unknown[], Resolved<Row>> {
    const key = kinds.join(',');
    let statement = this.#statements.get(key);
    if (!statement) {
      statement = this.#db.prepare<unknown[], Resolved<Row>>(this.sql(...kinds));
      this.#statements.set(key, statement);
    }
    return statement;
  }

  /**
   * The statement for a chunk holding these forms: per form, a json_each(?) list of its keys
   * followed by the scope's parameters. Rows carry the key's position (i) and the form's branch (b).
   * @param kinds the identity forms present
   * @returns the SQL
   */
  sql(...kinds: Kind[]): string {
    const scope = this.#scope ? ` AND (${this.#scope.sql})` : '';
    const branches = kinds.map(
      (kind, b) => `SELECT q.key AS i, ${b} AS b, u.dn_key AS dn_order, ${this.#shape.select}
      FROM json_each(?) q
      CROSS JOIN users u ON ${CONDITIONS[kind]}${this.#shape.join ? ` ${this.#shape.join}` : ''}
      WHERE u.sip_key IS NOT NULL${scope}`,
    );
    return branches.join('\nUNION ALL\n');
  }
}

function dnOrder(row: object): string {
  return (row as { dn_order: string }).dn_order;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

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
type ResolvedRow = UserRow & { i: number; b: number };

/** The forms, in the order their branches appear in the query. */
const KINDS: readonly Kind[] = ['sip', 'upn', 'sipOfUpn', 'logon', 'dn', 'display', 'displayWildcard'];

const CONDITIONS: Readonly<Record<Kind, string>> = {
  sip: 'u.sip_key = q.k',
  upn: 'u.upn_key = q.k',
  // A UPN-shaped value with no UPN match is also tried as sip:+value.
  sipOfUpn: "u.sip_key = 'sip:' || q.k",
  logon: 'u.logon_key = q.k',
  dn: 'u.dn_key = q.k',
  display: 'u.display_key = q.k',
  displayWildcard: 'u.display_key GLOB q.k',
};

/** Resolves identities against one database, caching a statement per form. */
export class IdentityResolver {
  readonly #db: DirectoryDatabase;
  readonly #scope: ResolveScope | undefined;
  readonly #statements = new Map<string, Statement<unknown[], ResolvedRow>>();

  /**
   * @param db the directory database
   * @param scope optional extra condition every match must meet
   */
  constructor(db: DirectoryDatabase, scope?: ResolveScope) {
    this.#db = db;
    this.#scope = scope;
  }

  /**
   * Finds the users of each identity, in one query for the whole chunk.
   * @param ids the identities of one chunk
   * @returns the matching users of each identity, by its index in ids (no entry: not found), in DN order
   */
  resolve(ids: readonly UserId[]): Map<number, UserRow[]> {
    const groups = new Map<Kind, [number, string][]>();
    ids.forEach((id, index) => {
      const form = classifyIdentity(id.text);
      const group = groups.get(form.kind) ?? [];
      group.push([index, 'key' in form ? form.key : form.glob]);
      groups.set(form.kind, group);
    });
    const upn = groups.get('upn');
    if (upn) groups.set('sipOfUpn', upn);
    const kinds = KINDS.filter((kind) => groups.has(kind));
    const found = new Map<number, UserRow[]>();
    if (kinds.length === 0) return found;
    const lists = kinds.map((kind) => JSON.stringify(groups.get(kind)));
    const rows = this.#statement(kinds).all(...lists.flatMap((list) => [list, ...(this.#scope?.params ?? [])]));
    const byUpn = new Set(rows.filter((row) => kinds[row.b] === 'upn').map((row) => row.i));
    for (const { i, b, ...row } of rows) {
      if (kinds[b] === 'sipOfUpn' && byUpn.has(i)) continue;
      const list = found.get(i);
      if (!list) found.set(i, [row]);
      else if (!list.some((user) => user.id === row.id)) list.push(row);
    }
    return found;
  }

  #statement(kinds: readonly Kind[]): Statement<unknown[], ResolvedRow> {
    const key = kinds.join(',');
    let statement = this.#statements.get(key);
    if (!statement) {
      statement = this.#db.prepare<unknown[], ResolvedRow>(this.sql(...kinds));
      this.#statements.set(key, statement);
    }
    return statement;
  }

  /**
   * The statement for a chunk holding these forms: per form, a json_each(?) list of [index, key]
   * pairs followed by the scope's parameters.
   * @param kinds the identity forms present
   * @returns the SQL
   */
  sql(...kinds: Kind[]): string {
    const scope = this.#scope ? ` AND (${this.#scope.sql})` : '';
    const branches = kinds.map(
      (kind, b) => `SELECT q.i AS i, ${b} AS b, ${USER_COLUMNS}
      FROM (SELECT value ->> 0 AS i, value ->> 1 AS k FROM json_each(?)) q
      CROSS JOIN users u ON ${CONDITIONS[kind]}
      WHERE u.sip_key IS NOT NULL${scope}`,
    );
    return `${branches.join('\nUNION ALL\n')}\nORDER BY i, b, dn_key`;
  }
}

/**
 * Identity resolution for a whole chunk of identities in one query: each form uses its own index
 * (SIP, UPN, domain\logon, DN, display name), joined against a json_each list of the chunk.
 * Users without a SIP address are never found.
 */
import { USER_COLUMNS, type UserRow } from './adUser.js';
import type { Statement } from 'better-sqlite3';
import type { DirectoryDatabase } from './database.js';
import { classifyIdentity, type UserId } from './userId.js';

/** Extra SQL a caller adds to every branch (e.g. an OU range), over the alias `u`. */
export interface ResolveScope {
  sql: string;
  params: readonly unknown[];
}

type ResolvedRow = UserRow & { i: number; branch: number };

const BRANCHES = [
  ['sip', 'u.sip_key = q.k'],
  ['upn', 'u.upn_key = q.k'],
  // A UPN-shaped value with no UPN match is also tried as sip:+value (see below).
  ['upn', "u.sip_key = 'sip:' || q.k"],
  ['logon', 'u.logon_key = q.k'],
  ['dn', 'u.dn_key = q.k'],
  ['display', 'u.display_key = q.k'],
  ['displayWildcard', 'u.display_key GLOB q.k'],
] as const;

/** Resolves identities against one database, caching the statement per scope. */
export class IdentityResolver {
  readonly #db: DirectoryDatabase;
  readonly #scope: ResolveScope | undefined;
  #statement: Statement<unknown[], ResolvedRow> | undefined;

  /**
   * @param db the directory database
   * @param scope optional extra condition every match must meet
   */
  constructor(db: DirectoryDatabase, scope?: ResolveScope) {
    this.#db = db;
    this.#scope = scope;
  }

  /**
   * Finds the users of each identity.
   * @param ids the identities of one chunk
   * @returns the matching users of each identity, by its index in ids (no entry: not found)
   */
  resolve(ids: readonly UserId[]): Map<number, UserRow[]> {
    const forms = ids.map((id) => {
      const form = classifyIdentity(id.text);
      return [form.kind, 'key' in form ? form.key : form.glob] as const;
    });
    this.#statement ??= this.#db.prepare<unknown[], ResolvedRow>(this.#sql());
    const extra = this.#scope?.params ?? [];
    const args = BRANCHES.flatMap(() => [JSON.stringify(forms), ...extra]);
    const rows = this.#statement.all(...args);
    const found = new Map<number, UserRow[]>();
    const byUpn = new Set(rows.filter((r) => r.branch === 1).map((r) => r.i));
    const seen = new Set<string>();
    for (const { i, branch, ...row } of rows) {
      if (branch === 2 && byUpn.has(i)) continue;
      const key = `${i}:${row.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = found.get(i) ?? [];
      list.push(row);
      found.set(i, list);
    }
    return found;
  }

  #sql(): string {
    const scope = this.#scope ? ` AND (${this.#scope.sql})` : '';
    const branches = BRANCHES.map(
      ([kind, condition], branch) =>
        `SELECT q.i AS i, ${branch} AS branch, ${USER_COLUMNS}
         FROM (SELECT key AS i, value ->> 0 AS kind, value ->> 1 AS k FROM json_each(?)) q
         JOIN users u ON ${condition}
         WHERE q.kind = '${kind}' AND u.sip_key IS NOT NULL${scope}`,
    );
    return `${branches.join("\nUNION ALL\n")}\nORDER BY i, dn_key`;
  }
}

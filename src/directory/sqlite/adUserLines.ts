/**
 * Get-CsUser's fast path on the embedded directory, private to it: ADUser lines that SQLite builds
 * itself (ADUSER_JSON_SQL), by pages for a plain scan, row by row under a filter, and identity
 * lookups scoped to the OU and LDAP filter in the same query.
 */
import { ADUSER_JSON_SQL } from '../adUser.js';
import type { DirectoryDatabase } from '../database.js';
import { compileLdapFilter } from '../ldap/index.js';
import type { LdapFilter } from '../ldap/ast.js';
import { IdentityResolver, type ResolveShape } from '../resolve.js';
import type { UserId } from '../userId.js';
import { countUserPages, searchUserPages, type UserPage } from '../userPages.js';
import { searchUsers, subtreeCondition, type SqlCondition } from '../userSearch.js';

const JSON_SHAPE: ResolveShape<string> = {
  select: `u.id, ${ADUSER_JSON_SQL}`,
  row: (values) => values[1] as string,
};

/** Users per page of a scan: a page's text (~50 KB) stays under glibc's mmap threshold. */
const PAGE_SIZE = 128;

/** One Get-CsUser search over the SQLite file. */
export class AdUserLines {
  readonly #db: DirectoryDatabase;
  readonly #ou: string | undefined;
  readonly #where: SqlCondition | undefined;
  #resolver: IdentityResolver<string> | undefined;

  /**
   * @param db the database
   * @param search the OU (base) and parsed LDAP filter
   * @throws Error (SqliteError) when SQLite cannot take the filter's statement (checked before anything is read)
   */
  constructor(db: DirectoryDatabase, search: { base?: string; filter?: LdapFilter }) {
    this.#db = db;
    this.#ou = search.base;
    this.#where = search.filter ? compileLdapFilter(search.filter) : undefined;
    if (this.#where) db.prepare(`SELECT 1 FROM users u WHERE ${this.#where.sql}`);
  }

  /** Whether a scan goes by pages of lines (no LDAP filter, whose plan a keyset would upset). */
  get paged(): boolean {
    return this.#where === undefined;
  }

  /**
   * How many users a paged scan writes.
   * @param limit at most this many
   * @returns the count
   */
  count(limit: number | undefined): number {
    return countUserPages(this.#db, { ou: this.#ou, limit });
  }

  /**
   * A paged scan: the lines of a page as one text.
   * @param limit at most this many users
   * @returns the pages
   */
  pages(limit: number | undefined): Generator<UserPage> {
    return searchUserPages(this.#db, { ou: this.#ou, limit }, ADUSER_JSON_SQL, PAGE_SIZE);
  }

  /**
   * A scan line by line (return() releases the statement).
   * @param limit at most this many users
   * @returns the lines
   */
  lines(limit: number | undefined): IterableIterator<string> {
    return searchUsers<string>(this.#db, { ou: this.#ou, where: this.#where, limit }, ADUSER_JSON_SQL, true);
  }

  /**
   * Identities resolved inside the search's scope, one query per chunk.
   * @param ids the identities
   * @returns input index → lines
   */
  resolve(ids: readonly UserId[]): Map<number, string[]> {
    const scope = [...(this.#where ? [this.#where] : []), ...(this.#ou === undefined ? [] : [subtreeCondition(this.#ou)])];
    const combined = scope.length === 0 ? undefined : { sql: scope.map((c) => `(${c.sql})`).join(' AND '), params: scope.flatMap((c) => c.params) };
    this.#resolver ??= new IdentityResolver(this.#db, combined, JSON_SHAPE);
    return this.#resolver.resolve(ids);
  }
}

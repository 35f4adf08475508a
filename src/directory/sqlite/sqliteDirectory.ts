/**
 * The embedded directory: the users of cspin's SQLite file behind the UserDirectory seam. Its own
 * fast paths (SQL-built lines, the lookup worker) stay reachable through `db` for the stores that
 * share the file (see SqlitePinStore.joinedWith).
 */
import { USER_COLUMNS, type UserRow } from '../adUser.js';
import { AdUserLines } from './adUserLines.js';
import { databasePath, openDatabase, type DatabaseMode, type DirectoryDatabase } from '../database.js';
import { compileLdapFilter } from '../ldap/index.js';
import { IdentityResolver } from '../resolve.js';
import type { DirectoryEntry, DirectorySearch, DirectoryUser, EntrySearch, UserDirectory } from '../userDirectory.js';
import type { UserId } from '../userId.js';
import { containerExists, searchUsers, subtreeCondition } from '../userSearch.js';
import { directoryUserOf } from './directoryUser.js';
import { searchEntries } from './entrySearch.js';

/** Users per page of search(): enough to amortize a statement step, little memory. */
const PAGE_SIZE = 500;

/** The users table of one cspin database. */
export class SqliteDirectory implements UserDirectory {
  readonly description = 'embedded';
  /** The database file. */
  readonly path: string;
  /** The connection (read-only unless opened for writing). */
  readonly db: DirectoryDatabase;
  #resolver: IdentityResolver<UserRow> | undefined;
  #scoped: { scope: DirectorySearch; resolver: IdentityResolver<UserRow> } | undefined;

  /**
   * @param path the database file
   * @param db an open connection to it
   */
  constructor(path: string, db: DirectoryDatabase) {
    this.path = path;
    this.db = db;
  }

  /**
   * Opens the database the environment names (CSPIN_DB, else the XDG data folder).
   * @param env the environment
   * @param mode read (the default: a directory is only read) or write
   * @returns the directory
   * @throws TerminatingError when there is no cspin database there, or it cannot be used
   */
  static open(env: NodeJS.ProcessEnv, mode: DatabaseMode = 'read'): SqliteDirectory {
    const path = databasePath(env);
    return new SqliteDirectory(path, openDatabase(path, mode));
  }

  resolve(ids: readonly UserId[], scope?: DirectorySearch): Promise<Map<number, DirectoryUser[]>> {
    const resolver = scope?.base !== undefined || scope?.filter ? this.#scopedResolver(scope) : (this.#resolver ??= new IdentityResolver(this.db));
    const found = resolver.resolve(ids);
    return Promise.resolve(new Map([...found].map(([index, rows]) => [index, rows.map(directoryUserOf)])));
  }

  /** A resolver limited to the scope's subtree and filter, kept for the next chunk of the same scope. */
  #scopedResolver(scope: DirectorySearch): IdentityResolver<UserRow> {
    if (this.#scoped?.scope !== scope) {
      const conditions = [...(scope.filter ? [compileLdapFilter(scope.filter)] : []), ...(scope.base === undefined ? [] : [subtreeCondition(scope.base)])];
      const combined = { sql: conditions.map((c) => `(${c.sql})`).join(' AND '), params: conditions.flatMap((c) => c.params) };
      this.#scoped = { scope, resolver: new IdentityResolver<UserRow>(this.db, combined) };
    }
    return this.#scoped.resolver;
  }

  async *search(search: DirectorySearch): AsyncIterableIterator<readonly DirectoryUser[]> {
    const where = search.filter ? compileLdapFilter(search.filter) : undefined;
    const rows = searchUsers<UserRow>(this.db, { ou: search.base, where, limit: search.limit }, USER_COLUMNS);
    let page: DirectoryUser[] = [];
    try {
      for (const row of rows) {
        page.push(directoryUserOf(row));
        if (page.length === PAGE_SIZE) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    } finally {
      rows.return?.();
    }
  }

  /**
   * Get-CsUser's SQL-built lines (the embedded directory's fast path).
   * @param search the OU and parsed LDAP filter
   * @returns the search
   * @throws Error (SqliteError) when SQLite cannot take the filter
   */
  adUserLines(search: Pick<DirectorySearch, 'base' | 'filter'>): AdUserLines {
    return new AdUserLines(this.db, search);
  }

  async *entries(search: EntrySearch): AsyncIterableIterator<readonly DirectoryEntry[]> {
    yield* searchEntries(this.db, search);
  }

  containerExists(dn: string): Promise<boolean> {
    return Promise.resolve(containerExists(this.db, dn));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export { directoryUserOf };

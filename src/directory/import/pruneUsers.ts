/**
 * `cspin import --prune`: the users an import saw are marked in a temporary table as they are
 * stored; afterwards the users it did not see, within the scope, are removed with their PIN state.
 * The default scope is the containers the export's users sit in (one level each), so an export of
 * one OU never empties the rest of the directory.
 */
import type { Statement } from 'better-sqlite3';
import type { DirectoryDatabase } from '../database.js';
import { dnKey, parentDns, subtreeRange } from '../dn.js';

/** A user an import would remove. */
export interface PruneTarget {
  id: number;
  dn: string;
}

const PAGE = 2000;

/** What one import saw: the users' ids (in SQLite, transactional with the rows) and their containers. */
export class ImportSeen {
  readonly #mark: Statement<[number]>;
  readonly #db: DirectoryDatabase;
  /** The RFC 4514 keys of the containers that hold an imported user. */
  readonly containers = new Set<string>();

  /** @param db the directory database (a connection of its own: the table is temporary) */
  constructor(db: DirectoryDatabase) {
    this.#db = db;
    db.exec('CREATE TEMP TABLE IF NOT EXISTS import_seen (id INTEGER PRIMARY KEY); DELETE FROM temp.import_seen');
    this.#mark = db.prepare('INSERT OR IGNORE INTO temp.import_seen (id) VALUES (?)');
  }

  /**
   * Marks a stored user (call inside the row's transaction).
   * @param id its users.id
   * @param dn its DN
   */
  saw(id: number, dn: string): void {
    this.#mark.run(id);
    const parent = parentDns(dn)[0];
    if (parent !== undefined) this.containers.add(dnKey(parent));
  }

  /**
   * The users not seen, within the scope, in id order, a page at a time (the caller may delete
   * each page before asking for the next).
   * @param scope a container DN (its whole subtree); undefined: the containers of the seen users
   * @yields pages of users to remove
   */
  *unseen(scope: string | undefined): Generator<PruneTarget[]> {
    const range = scope === undefined ? undefined : subtreeRange(scope);
    const within = range ? 'AND dn_key >= @low AND dn_key < @high' : '';
    const page = this.#db.prepare<[{ after: number; low?: string; high?: string }], PruneTarget>(
      `SELECT id, dn FROM users WHERE id > @after ${within} AND id NOT IN (SELECT id FROM temp.import_seen) ORDER BY id LIMIT ${PAGE}`,
    );
    for (let after = 0; ; ) {
      const rows = page.all({ after, ...range });
      if (rows.length === 0) return;
      after = rows[rows.length - 1]?.id ?? after;
      // Without a scope, only the containers the export's users sit in are pruned.
      const inScope = range ? rows : rows.filter((row) => this.#inSeenContainer(row.dn));
      if (inScope.length > 0) yield inScope;
    }
  }

  #inSeenContainer(dn: string): boolean {
    const parent = parentDns(dn)[0];
    return parent !== undefined && this.containers.has(dnKey(parent));
  }
}

/**
 * Removes users with their attributes, PIN state, grant and key stand-in (call inside a transaction).
 * @param db the directory database
 * @returns a function removing one user by id
 */
export function userRemover(db: DirectoryDatabase): (id: number) => void {
  const statements = ['DELETE FROM pins WHERE key_id = ?', 'DELETE FROM pin_grants WHERE key_id = ?', 'DELETE FROM user_keys WHERE id = ?', 'DELETE FROM user_attrs WHERE user_id = ?', 'DELETE FROM users WHERE id = ?'].map((sql) => db.prepare(sql));
  return (id) => statements.forEach((statement) => statement.run(id));
}

/**
 * Removes, in one transaction, the users an import did not see within the scope.
 * @param db the directory database
 * @param seen what the import saw
 * @param scope a container DN (its subtree), or undefined for the containers of the seen users
 * @param onRemoved told each removed user's DN
 * @returns how many were removed
 */
export function pruneUnseen(db: DirectoryDatabase, seen: ImportSeen, scope: string | undefined, onRemoved?: (dn: string) => void): number {
  const remove = userRemover(db);
  return db.transaction(() => {
    let removed = 0;
    for (const page of seen.unseen(scope)) {
      for (const { id, dn } of page) {
        onRemoved?.(dn);
        remove(id);
        removed++;
      }
    }
    return removed;
  }).immediate();
}

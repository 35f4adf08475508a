/**
 * A bulk load builds the indexes it does not read once at the end instead of row by row: random
 * inserts into user_attrs' value index were a quarter of a large import, and one sorted build costs a
 * third of them; the same holds for the users' name indexes. While they are missing, lookups still
 * answer rightly, only slower. An import killed before the end leaves them missing: the next
 * connection that writes builds them again, unless that import is still running (its pid is in meta).
 * The import's own checks (the DN, the GUID, SIP and UPN owners) keep their indexes.
 */
import type { DirectoryDatabase } from '../database.js';

/** The indexes as the migrations made them. */
const DEFERRED: Readonly<Record<string, string>> = {
  user_attrs_by_value: 'user_attrs(name, value_key, user_id)',
  users_sam: 'users(sam_key)',
  users_logon: 'users(logon_key)',
  users_display: 'users(display_key)',
};
const LOADER_KEY = 'bulk-load-pid';

/** Exports smaller than this load row by row: the build would not pay for itself. */
const MIN_BULK_BYTES = 32 * 1024 * 1024;
/** A generous guess of an export's bytes per user (a 20-column CSV row is about 400). */
const BYTES_PER_USER = 800;

/**
 * Drops the deferred indexes for a load that brings at least as many users as the directory holds.
 * @param db the directory, outside any transaction
 * @param bytes the size of the exports (0 when unknown: stdin)
 * @returns whether they were dropped ({@link restoreIndexes} must follow)
 */
export function deferIndexes(db: DirectoryDatabase, bytes: number): boolean {
  if (bytes < MIN_BULK_BYTES) return false;
  const { users } = db.prepare<[], { users: number }>('SELECT count(*) AS users FROM users').get() ?? { users: 0 };
  if (users > bytes / BYTES_PER_USER) return false;
  db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(LOADER_KEY, String(process.pid));
    for (const name of Object.keys(DEFERRED)) db.exec(`DROP INDEX IF EXISTS ${name}`);
  }).immediate();
  return true;
}

/**
 * Builds the deferred indexes again after a bulk load.
 * @param db the directory
 */
export function restoreIndexes(db: DirectoryDatabase): void {
  // SQLite's sorter may use a helper thread: the build of a million users' value index takes 7 s, not 10.
  db.pragma('threads = 2');
  try {
    db.transaction(() => {
      for (const [name, on] of Object.entries(DEFERRED)) db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
      db.prepare('DELETE FROM meta WHERE key = ?').run(LOADER_KEY);
    }).immediate();
  } finally {
    db.pragma('threads = 0');
  }
}

/**
 * Builds the deferred indexes when a bulk load died without building them (called when a connection
 * opens for writing; a no-op lookup otherwise).
 * @param db the directory, opened for writing
 */
export function healIndexes(db: DirectoryDatabase): void {
  const present = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM sqlite_master AS m WHERE m.type = 'index' AND m.name IN (SELECT value FROM json_each(?))");
  if (present.get(JSON.stringify(Object.keys(DEFERRED)))?.n === Object.keys(DEFERRED).length) return;
  const loader = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(LOADER_KEY);
  if (loader !== undefined && isAlive(Number(loader.value))) return;
  restoreIndexes(db);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

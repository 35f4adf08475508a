/**
 * A bulk load builds user_attrs' value index once at the end instead of row by row: random inserts
 * into that index were a quarter of a large import, and one sorted build costs a third of them. While
 * it is missing, attribute filters still answer rightly, only slower. An import killed before the end
 * leaves it missing: the next connection that writes builds it again, unless that import is still
 * running (its process id is in meta).
 */
import type { DirectoryDatabase } from '../database.js';

/** The index as migration 1 made it. */
const CREATE_VALUE_INDEX = 'CREATE INDEX IF NOT EXISTS user_attrs_by_value ON user_attrs(name, value_key, user_id)';
const LOADER_KEY = 'bulk-load-pid';

/** Exports smaller than this load row by row: the build would not pay for itself. */
const MIN_BULK_BYTES = 32 * 1024 * 1024;
/** A generous guess of an export's bytes per user (a 20-column CSV row is about 400). */
const BYTES_PER_USER = 800;

/**
 * Drops the value index for a load that brings at least as many users as the directory holds.
 * @param db the directory, outside any transaction
 * @param bytes the size of the exports (0 when unknown: stdin)
 * @returns whether the index was dropped ({@link restoreValueIndex} must follow)
 */
export function deferValueIndex(db: DirectoryDatabase, bytes: number): boolean {
  if (bytes < MIN_BULK_BYTES) return false;
  const { users } = db.prepare<[], { users: number }>('SELECT count(*) AS users FROM users').get() ?? { users: 0 };
  if (users > bytes / BYTES_PER_USER) return false;
  db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(LOADER_KEY, String(process.pid));
    db.exec('DROP INDEX IF EXISTS user_attrs_by_value');
  }).immediate();
  return true;
}

/**
 * Builds the value index again after a bulk load.
 * @param db the directory
 */
export function restoreValueIndex(db: DirectoryDatabase): void {
  // SQLite's sorter may use a helper thread: the build of a million users' index takes 7 s, not 10.
  db.pragma('threads = 2');
  try {
    db.transaction(() => {
      db.exec(CREATE_VALUE_INDEX);
      db.prepare('DELETE FROM meta WHERE key = ?').run(LOADER_KEY);
    }).immediate();
  } finally {
    db.pragma('threads = 0');
  }
}

/**
 * Builds the value index when a bulk load died without building it (called when a connection opens
 * for writing; a no-op lookup otherwise).
 * @param db the directory, opened for writing
 */
export function healValueIndex(db: DirectoryDatabase): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'user_attrs_by_value'").get() !== undefined) return;
  const loader = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(LOADER_KEY);
  if (loader !== undefined && isAlive(Number(loader.value))) return;
  restoreValueIndex(db);
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

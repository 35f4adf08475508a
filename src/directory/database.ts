/**
 * The one SQLite file that holds the directory and the PIN store: its location, creation (0600, WAL)
 * and schema migrations.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { TerminatingError } from '../core/index.js';
import { MIGRATIONS } from './schema.js';

export type DirectoryDatabase = Database.Database;

/**
 * Where the database lives: `CSPIN_DB`, else `$XDG_DATA_HOME/cspin/cspin.db` (XDG fallback ~/.local/share).
 * @param env the environment
 * @returns the database path
 */
export function databasePath(env: NodeJS.ProcessEnv): string {
  if (env.CSPIN_DB) return env.CSPIN_DB;
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'cspin', 'cspin.db');
}

/**
 * Opens the existing database.
 * @param path the database file
 * @returns the open database, migrated to the current schema
 * @throws TerminatingError (exit status 2) when there is no database yet
 */
export function openDatabase(path: string): DirectoryDatabase {
  if (!existsSync(path)) {
    throw new TerminatingError(
      {
        errorId: 'DatabaseNotFound',
        category: 'ResourceUnavailable',
        message: `There is no cspin database at ${path}. Create one with: cspin init --sample (or set CSPIN_DB to its path).`,
        target: path,
      },
      2,
    );
  }
  return configure(new Database(path, { fileMustExist: true }));
}

/**
 * Creates a new, empty database file (mode 0600) and its schema.
 * @param path the database file
 * @param force replace an existing database
 * @returns the open database
 * @throws TerminatingError (exit status 2) when the file exists and force is not set
 */
export function createDatabase(path: string, force: boolean): DirectoryDatabase {
  if (existsSync(path)) {
    if (!force) {
      throw new TerminatingError(
        { errorId: 'DatabaseExists', category: 'InvalidOperation', message: `A cspin database already exists at ${path}. Use --force to replace it.`, target: path },
        2,
      );
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Create the file ourselves so it is 0600 from the start; SQLite gives -wal/-shm the same mode.
  closeSync(openSync(path, 'wx', 0o600));
  return configure(new Database(path, { fileMustExist: true }));
}

/**
 * Waits until no connection holds the write lock. A writer that delivers changes (Set-CsClientPin)
 * holds it from a change until the change's commit and writes the change's line in between, so once
 * the lock is free, every change whose line a reader downstream has read is committed and visible.
 * @param db the connection (a read-only one cannot take the lock and does not wait)
 */
export function waitForWriters(db: DirectoryDatabase): void {
  if (db.readonly) return;
  db.exec('BEGIN IMMEDIATE');
  db.exec('ROLLBACK');
}

function configure(db: DirectoryDatabase): DirectoryDatabase {
  db.pragma('busy_timeout = 10000');
  // 4 MiB of page cache (better-sqlite3 builds with 16): lookups stream in index order, and every
  // cmdlet must stay under 100 MiB of memory on any directory size.
  db.pragma('cache_size = -4096');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: DirectoryDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new TerminatingError({
      errorId: 'DatabaseTooNew',
      category: 'InvalidOperation',
      message: `The database was written by a newer cspin (schema ${current}, this one knows ${MIGRATIONS.length}).`,
    });
  }
  if (current === MIGRATIONS.length) return;
  db.transaction(() => {
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.slice(version).forEach((sql) => db.exec(sql));
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

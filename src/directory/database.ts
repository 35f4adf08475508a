/**
 * The one SQLite file that holds the directory and the PIN store: its location, its opening (for
 * reading or for writing), its creation (0600, WAL, marked as cspin's) and schema migrations.
 * Opening never creates: only `cspin init` does (see src/admin/init.ts).
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { TerminatingError, errorCode, noteSqliteFile, systemError } from '../core/index.js';
import {
  CSPIN_APPLICATION_ID,
  checkCspinDatabase,
  checkWritable,
  databaseTooNew,
  databaseRefusal,
  folderWritable,
  hasPendingWal,
  immutableUri,
  NotCspinDatabaseError,
  readDatabaseHeader,
} from './databaseFile.js';
import { directoryMessages } from './messages.js';
import { rekeyDistinguishedNames, retypeOrderedValues } from './dnRekey.js';
import { MIGRATIONS } from './schema.js';
import { healIndexes } from './sqlite/deferredIndexes.js';

/** Databases older than this kept DN keys and attribute values before RFC 4514 keys and typed values. */
const RFC4514_KEYS_SINCE_VERSION = 3;
/** Integer and time values keep the number ordering compares from schema 5 on. */
const ORDERED_VALUES_SINCE_VERSION = 5;
import { Database } from './sqlite.js';

export type DirectoryDatabase = Database.Database;

/** How a command uses the database: `read` never writes (a read-only connection), `write` may. */
export type DatabaseMode = 'read' | 'write';

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
 * Opens the existing database, after checking that it is cspin's: anything else is left as it is.
 * A database made before cspin marked its files is marked on its first opening for writing; an
 * older schema is migrated then (a reader migrates it first when it may write it).
 * @param path the database file
 * @param mode read (a read-only connection) or write
 * @returns the open database
 * @throws TerminatingError exit 2 when the path holds no cspin database (DatabaseNotFound,
 *   NotACspinDatabase, IsADirectory, DatabaseTooNew...); exit 1 when it cannot be used (read-only,
 *   damaged, busy...)
 */
export function openDatabase(path: string, mode: DatabaseMode = 'write'): DirectoryDatabase {
  noteSqliteFile(path);
  checkCspinDatabase(path, readDatabaseHeader(path));
  if (mode === 'write') checkWritable(path);
  try {
    if (mode === 'write') return openForWriting(path);
    const db = openForReading(path);
    let version;
    try {
      version = schemaOf(db, path).version;
    } finally {
      if (version !== MIGRATIONS.length) db.close();
    }
    if (version === MIGRATIONS.length) return db;
    // An older schema: migrated by a writer first, if this user may write it.
    try {
      checkWritable(path);
    } catch (error) {
      throw needsUpgrade(path, error);
    }
    openForWriting(path).close();
    return openForReading(path);
  } catch (error) {
    throw systemError(error, { doing: mode === 'write' ? 'open the database' : 'read the database', path }) ?? error;
  }
}

/**
 * Creates a new database file (mode 0600) with the whole schema, marked as cspin's. The file must not
 * exist: `cspin init` builds the database under a temporary name and renames it into place.
 * @param path the new file
 * @param journal WAL (as every cspin database is used), or a rollback journal while it is built, so
 *   that every change is in the file itself when it is closed
 * @returns the open database
 */
export function createDatabase(path: string, journal: 'wal' | 'delete' = 'wal'): DirectoryDatabase {
  // Create the file ourselves so it is 0600 from the start; SQLite gives -wal/-shm the same mode.
  closeSync(openSync(path, 'wx', 0o600));
  const db = new Database(resolve(path), { fileMustExist: true });
  configureWriter(db, journal);
  db.transaction(() => {
    MIGRATIONS.forEach((sql) => db.exec(sql));
    db.pragma(`user_version = ${MIGRATIONS.length}`);
    db.pragma(`application_id = ${CSPIN_APPLICATION_ID}`);
  }).immediate();
  return db;
}

/**
 * Readies a database to be replaced by a rename: its -wal is checkpointed into it and removed (it
 * leaves WAL mode), so that no -wal or -journal of the old file is ever applied to the new one.
 * @param path the database to replace
 * @throws TerminatingError (DatabaseBusy, exit 1) when another process has it open
 */
export function retireDatabase(path: string): void {
  let db: DirectoryDatabase | undefined;
  try {
    db = new Database(resolve(path), { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    // Leaving WAL mode needs the only connection: SQLITE_BUSY while any other process has it open.
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    if (errorCode(error)?.startsWith('SQLITE_BUSY')) {
      throw systemError(error, { doing: 'replace the database', path }) ?? error;
    }
    // A damaged file: nothing in its -wal or -journal can be applied to it anyway.
  } finally {
    db?.close();
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Waits until no connection holds the write lock. A writer that delivers changes (Set-CsClientPin)
 * holds it from a change until the change's commit and writes the change's line in between, so once
 * the lock is free, every change whose line a reader downstream has read is committed and visible.
 * A read-only connection cannot take the lock: a short-lived writable one takes it for it, unless
 * the file cannot be written at all (then no writer can hold the lock either).
 * @param db the connection
 */
export function waitForWriters(db: DirectoryDatabase): void {
  if (!db.readonly) {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return;
  }
  // Opened as immutable (read-only media): nobody writes it.
  if (db.name.startsWith('file:')) return;
  const writer = new Database(db.name, { fileMustExist: true });
  try {
    writer.pragma('busy_timeout = 10000');
    writer.exec('BEGIN IMMEDIATE');
    writer.exec('ROLLBACK');
  } catch (error) {
    if (!/^SQLITE_(READONLY|CANTOPEN)/.test(errorCode(error) ?? '')) throw error;
  } finally {
    writer.close();
  }
}

function openForWriting(path: string): DirectoryDatabase {
  const db = new Database(resolve(path), { fileMustExist: true });
  try {
    configureWriter(db);
    const schema = schemaOf(db, path);
    if (schema.version < MIGRATIONS.length || schema.applicationId !== CSPIN_APPLICATION_ID) migrate(db, path);
    healIndexes(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

// SQLite reads a WAL database read-only only if its -wal and -shm exist or can be made. On read-only
// media where neither exists, every change is in the main file: it is read as immutable. A -wal with
// changes but no -shm cannot be read there (immutable would skip the changes): a clear error.
function openForReading(path: string): DirectoryDatabase {
  let db = new Database(resolve(path), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('user_version');
  } catch (error) {
    db.close();
    if (!errorCode(error)?.startsWith('SQLITE_CANTOPEN') || folderWritable(path)) throw error;
    if (hasPendingWal(path)) {
      throw databaseRefusal(
        'CannotOpenDatabase',
        'ResourceUnavailable',
        directoryMessages.CannotOpenDatabase(path),
        path,
        1,
      );
    }
    db = new Database(immutableUri(path), { readonly: true, fileMustExist: true });
  }
  // 4 MiB of page cache (better-sqlite3 builds with 16): lookups stream in index order, and every
  // cmdlet must stay under 100 MiB of memory on any directory size.
  db.pragma('cache_size = -4096');
  return db;
}

function configureWriter(db: DirectoryDatabase, journal: 'wal' | 'delete' = 'wal'): void {
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -4096');
  db.pragma(`journal_mode = ${journal}`);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/** The schema version and the mark, as SQLite reads them (the -wal included); refuses what cspin cannot use. */
function schemaOf(db: DirectoryDatabase, path: string): { version: number; applicationId: number } {
  const version = db.pragma('user_version', { simple: true }) as number;
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId !== CSPIN_APPLICATION_ID && applicationId !== 0) throw new NotCspinDatabaseError(path, directoryMessages.NotACspinDatabase.otherApplication);
  if (version < 1) throw new NotCspinDatabaseError(path, directoryMessages.NotACspinDatabase.noSchema);
  if (version > MIGRATIONS.length) throw databaseTooNew(path, version);
  return { version, applicationId };
}

function migrate(db: DirectoryDatabase, path: string): void {
  db.transaction(() => {
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    const { version } = schemaOf(db, path);
    MIGRATIONS.slice(version).forEach((sql) => db.exec(sql));
    if (version < RFC4514_KEYS_SINCE_VERSION) rekeyDistinguishedNames(db);
    else if (version < ORDERED_VALUES_SINCE_VERSION) retypeOrderedValues(db);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
    db.pragma(`application_id = ${CSPIN_APPLICATION_ID}`);
  }).immediate();
}

function needsUpgrade(path: string, cause: unknown): TerminatingError {
  const why = cause instanceof TerminatingError ? cause.message : '';
  return new TerminatingError({
    errorId: 'DatabaseNeedsUpgrade',
    category: 'InvalidOperation',
    message: directoryMessages.DatabaseNeedsUpgrade(path, why),
    target: path,
    cause,
  });
}

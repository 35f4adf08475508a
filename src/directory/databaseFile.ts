/**
 * What a path must be before SQLite may open it as cspin's database: an existing regular file, an
 * SQLite file, and cspin's (its application_id, or for a database made before cspin marked its
 * files, cspin's tables). Anything else is refused as it is: SQLite never opens it for writing.
 */
import { Database } from './sqlite.js';
import { accessSync, closeSync, constants, fsyncSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TerminatingError, errorCode, systemError, type ErrorCategory, type ErrorId } from '../core/index.js';
import { directoryMessages } from './messages.js';
import { MIGRATIONS } from './schema.js';

/**
 * `PRAGMA application_id` of a cspin database: "CSPN" in ASCII. The `file` command and other tools
 * read it from the header (offset 68) to tell whose database a file is.
 */
export const CSPIN_APPLICATION_ID = 0x4353504e;

const MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;

/** What the 100-byte header of an SQLite file says. */
export interface DatabaseHeader {
  applicationId: number;
  /** PRAGMA user_version: the schema version. */
  userVersion: number;
  /** The file's length in bytes. */
  size: number;
  /** The length its header claims (page size × page count), when that count is valid. */
  claimedSize: number | undefined;
}

/** A refusal of the path (exit 2 when CSPIN_DB names the wrong thing, 1 when the right thing is unusable). */
export function databaseRefusal(errorId: ErrorId, category: ErrorCategory, message: string, path: string, exitCode: 1 | 2 = 2): TerminatingError {
  return new TerminatingError({ errorId, category, message, target: path }, exitCode);
}

/** The refusal of a file that is not a cspin database; `why` says what it is instead. */
export class NotCspinDatabaseError extends TerminatingError {
  readonly why: string;

  constructor(path: string, why: string, advice: string = directoryMessages.NotACspinDatabase.advice) {
    super({ errorId: 'NotACspinDatabase', category: 'InvalidData', message: directoryMessages.NotACspinDatabase.message(path, why, advice), target: path }, 2);
    this.why = why;
  }
}

const notCspinDatabase = (path: string, why: string) => new NotCspinDatabaseError(path, why);

/** The refusal of a path where no database is. */
export function databaseNotFound(path: string): TerminatingError {
  return databaseRefusal(
    'DatabaseNotFound',
    'ResourceUnavailable',
    directoryMessages.DatabaseNotFound(path),
    path,
  );
}

/**
 * Checks that a path is an existing regular file and reads its SQLite header.
 * @param path the database path
 * @returns the header
 * @throws TerminatingError DatabaseNotFound, NotADirectory, IsADirectory, NotACspinDatabase (exit 2);
 *   PermissionDenied and other system failures (exit 1)
 */
export function readDatabaseHeader(path: string): DatabaseHeader {
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw databaseRefusal('IsADirectory', 'InvalidArgument', directoryMessages.IsADirectory(path), path);
    if (!stats.isFile()) throw notCspinDatabase(path, directoryMessages.NotACspinDatabase.notRegular);
    size = stats.size;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') throw databaseNotFound(path);
    if (code === 'ENOTDIR') throw databaseRefusal('NotADirectory', 'InvalidArgument', directoryMessages.NotADirectory(path), path);
    throw systemError(error, { doing: 'open the database', path }) ?? error;
  }
  if (size === 0) throw notCspinDatabase(path, directoryMessages.NotACspinDatabase.empty);
  const header = Buffer.alloc(HEADER_BYTES);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (readSync(fd, header, 0, HEADER_BYTES, 0) < HEADER_BYTES || header.toString('latin1', 0, MAGIC.length) !== MAGIC) {
      throw notCspinDatabase(path, directoryMessages.NotACspinDatabase.notSqlite);
    }
  } catch (error) {
    throw systemError(error, { doing: 'read the database', path }) ?? error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  // The page count at offset 28 is valid only when the change counter (24) matches offset 92.
  const pages = header.readUInt32BE(24) === header.readUInt32BE(92) ? header.readUInt32BE(28) : 0;
  return { applicationId: header.readUInt32BE(68), userVersion: header.readUInt32BE(60), size, claimedSize: pages > 0 ? pages * pageSize : undefined };
}

/** The refusal of a database that a newer cspin wrote. */
export function databaseTooNew(path: string, version: number): TerminatingError {
  return databaseRefusal(
    'DatabaseTooNew',
    'InvalidOperation',
    directoryMessages.DatabaseTooNew(path, version, MIGRATIONS.length),
    path,
  );
}

/**
 * Checks that an SQLite file is cspin's, of a schema this cspin knows, and whole, without changing
 * anything (SQLite has not opened it yet: nothing is locked, no -wal or -shm is made).
 * @param path the database path
 * @param header its header
 * @throws TerminatingError NotACspinDatabase, DatabaseTooNew (exit 2), DatabaseCorrupt for a truncated file (exit 1)
 */
export function checkCspinDatabase(path: string, header: DatabaseHeader): void {
  if (header.applicationId !== CSPIN_APPLICATION_ID) {
    if (header.applicationId !== 0) {
      throw notCspinDatabase(path, directoryMessages.NotACspinDatabase.applicationId(header.applicationId));
    }
    if (!hasCspinTables(path)) throw notCspinDatabase(path, directoryMessages.NotACspinDatabase.noTables);
  }
  // With changes still in the -wal, the header may lag behind: SQLite decides then.
  if (hasPendingWal(path)) return;
  if (header.userVersion > MIGRATIONS.length) throw databaseTooNew(path, header.userVersion);
  // A file shorter than its header says lost its end.
  if (header.claimedSize !== undefined && header.size < header.claimedSize) {
    throw databaseRefusal(
      'DatabaseCorrupt',
      'InvalidData',
      directoryMessages.DatabaseCorrupt(path, header.size, header.claimedSize),
      path,
      1,
    );
  }
}

/** Whether the -wal beside the database holds changes (a writer stopped before its checkpoint). */
export function hasPendingWal(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

/**
 * The name SQLite opens a database by without locking it or reading its -wal (URI `immutable=1`):
 * only for a file nobody can change, and that has no changes waiting in a -wal.
 * @param path the database path
 * @returns the URI
 */
export function immutableUri(path: string): string {
  return `${pathToFileURL(resolve(path)).href}?immutable=1`;
}

// A database made before cspin set its application_id: cspin's tables and its key fingerprint. Read
// as immutable, so that a foreign file is not locked, and no -wal or -shm is made beside it.
function hasCspinTables(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(immutableUri(path), { readonly: true, fileMustExist: true });
    const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'pins', 'pin_policies', 'meta')").pluck().get();
    if (tables !== 4) return false;
    return db.prepare("SELECT count(*) FROM meta WHERE key = 'pin_key_fingerprint'").pluck().get() === 1;
  } catch (error) {
    if (errorCode(error)?.startsWith('SQLITE_NOTADB')) return false;
    throw systemError(error, { doing: 'read the database', path }) ?? error;
  } finally {
    db?.close();
  }
}

/**
 * Checks that a database can be written: the file, and its folder (where SQLite keeps the -wal and
 * -shm files) unless both already exist and can be written.
 * @param path the database path
 * @throws TerminatingError (exit 1) ReadOnlyFileSystem, PermissionDenied...
 */
export function checkWritable(path: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    throw systemError(error, { doing: 'write the database', path }) ?? error;
  }
  const sidecarsWritable = [`${path}-wal`, `${path}-shm`].every((file) => {
    try {
      accessSync(file, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (sidecarsWritable) return;
  const folder = dirname(resolve(path));
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw systemError(error, { doing: "write the database's -wal and -shm files in its folder", path: folder }) ?? error;
  }
}

/** Whether a folder can be written (for the read-only fallback: nobody can add a -wal there). */
export function folderWritable(path: string): boolean {
  try {
    accessSync(dirname(resolve(path)), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}


/**
 * Flushes a file or a folder to disk (a folder after a rename into it, so the rename survives a crash).
 * @param path the file or folder
 */
export function syncToDisk(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Failures of the system (Node's errno codes, SQLite's result codes) as terminating errors: one line
 * saying what was being done, to which path, and why, with a stable errorId per condition. Anything
 * else is an InternalError: a bug, whose stack trace CSPIN_DEBUG=1 shows.
 */
import { echo } from './echo.js';
import { TerminatingError, type ErrorCategory } from './errors.js';
import { coreMessages } from './messages.js';

/** The ids of system conditions: each has the systemFailure text in the core table. */
type SystemFailureId =
  | 'BrokenPipe'
  | 'CannotOpenDatabase'
  | 'DatabaseBusy'
  | 'DatabaseCorrupt'
  | 'DatabaseReadOnly'
  | 'DiskFull'
  | 'IOError'
  | 'IsADirectory'
  | 'NotACspinDatabase'
  | 'NotADirectory'
  | 'OutOfMemory'
  | 'PathNotFound'
  | 'PermissionDenied'
  | 'ReadOnlyFileSystem'
  | 'TooManyOpenFiles';

interface Condition {
  errorId: SystemFailureId;
  category: ErrorCategory;
  reason: string;
}

const condition = (errorId: SystemFailureId, category: ErrorCategory, reason: string): Condition => ({ errorId, category, reason });

const DISK_FULL = condition('DiskFull', 'WriteError', coreMessages.DiskFull.ENOSPC);
const PERMISSION = condition('PermissionDenied', 'PermissionDenied', coreMessages.PermissionDenied.EACCES);
const IO = condition('IOError', 'ResourceUnavailable', coreMessages.IOError.EIO);
const MEMORY = condition('OutOfMemory', 'ResourceUnavailable', coreMessages.OutOfMemory.ENOMEM);

const ERRNO: Readonly<Record<string, Condition>> = {
  ENOSPC: DISK_FULL,
  EDQUOT: condition('DiskFull', 'WriteError', coreMessages.DiskFull.EDQUOT),
  EFBIG: condition('DiskFull', 'WriteError', coreMessages.DiskFull.EFBIG),
  EACCES: PERMISSION,
  EPERM: condition('PermissionDenied', 'PermissionDenied', coreMessages.PermissionDenied.EPERM),
  EROFS: condition('ReadOnlyFileSystem', 'PermissionDenied', coreMessages.ReadOnlyFileSystem.EROFS),
  EISDIR: condition('IsADirectory', 'InvalidArgument', coreMessages.IsADirectory.EISDIR),
  ENOTDIR: condition('NotADirectory', 'InvalidArgument', coreMessages.NotADirectory.ENOTDIR),
  ENOENT: condition('PathNotFound', 'ObjectNotFound', coreMessages.PathNotFound.ENOENT),
  ENAMETOOLONG: condition('PathNotFound', 'InvalidArgument', coreMessages.PathNotFound.ENAMETOOLONG),
  ELOOP: condition('PathNotFound', 'InvalidArgument', coreMessages.PathNotFound.ELOOP),
  EPIPE: condition('BrokenPipe', 'WriteError', coreMessages.BrokenPipe.EPIPE),
  EIO: IO,
  EMFILE: condition('TooManyOpenFiles', 'ResourceUnavailable', coreMessages.TooManyOpenFiles.EMFILE),
  ENFILE: condition('TooManyOpenFiles', 'ResourceUnavailable', coreMessages.TooManyOpenFiles.ENFILE),
  ENOMEM: MEMORY,
};

// SQLite's extended codes refine a primary one (SQLITE_READONLY_DBMOVED is a SQLITE_READONLY): the
// first entry whose code is the error's code or its prefix wins.
const SQLITE: readonly (readonly [string, Condition])[] = [
  ['SQLITE_FULL', condition('DiskFull', 'WriteError', coreMessages.DiskFull.SQLITE_FULL)],
  // The wal-index (-shm) could not be grown: on Linux, a full file system.
  ['SQLITE_IOERR_SHMSIZE', condition('DiskFull', 'WriteError', coreMessages.DiskFull.SQLITE_IOERR_SHMSIZE)],
  ['SQLITE_IOERR', IO],
  ['SQLITE_READONLY_DBMOVED', condition('DatabaseReadOnly', 'WriteError', coreMessages.DatabaseReadOnly.SQLITE_READONLY_DBMOVED)],
  ['SQLITE_READONLY', condition('DatabaseReadOnly', 'WriteError', coreMessages.DatabaseReadOnly.SQLITE_READONLY)],
  ['SQLITE_NOTADB', condition('NotACspinDatabase', 'InvalidData', coreMessages.NotACspinDatabase.SQLITE_NOTADB)],
  ['SQLITE_CORRUPT', condition('DatabaseCorrupt', 'InvalidData', coreMessages.DatabaseCorrupt.SQLITE_CORRUPT)],
  ['SQLITE_CANTOPEN', condition('CannotOpenDatabase', 'ResourceUnavailable', coreMessages.CannotOpenDatabase.SQLITE_CANTOPEN)],
  ['SQLITE_BUSY', condition('DatabaseBusy', 'ResourceUnavailable', coreMessages.DatabaseBusy.SQLITE_BUSY)],
  ['SQLITE_LOCKED', condition('DatabaseBusy', 'ResourceUnavailable', coreMessages.DatabaseBusy.SQLITE_LOCKED)],
  ['SQLITE_PERM', PERMISSION],
  ['SQLITE_NOMEM', MEMORY],
];

const SYSCALL_VERBS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  rename: 'rename',
  mkdir: 'create the directory',
  unlink: 'remove',
  rmdir: 'remove',
  scandir: 'read the directory',
  stat: 'read',
  lstat: 'read',
  fsync: 'write',
  access: 'use',
};

// SQLite errors name no file: the store names the one database file a process works on.
let sqliteFile: string | undefined;

/**
 * Names the SQLite file that SQLite errors are about (SQLite's own errors carry no path).
 * @param path the database file this process works on
 */
export function noteSqliteFile(path: string): void {
  sqliteFile = path;
}

/** What a system error was about: the action (a verb phrase: "write the database"), the path, the exit status. */
export interface SystemErrorContext {
  doing?: string;
  path?: string;
  /** @default 1 */
  exitCode?: 1 | 2;
}

/** The errno or SQLite code of an error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Why a system call failed, in words, or undefined for a code that is not a known condition. */
export function systemReason(error: unknown): string | undefined {
  const code = errorCode(error);
  return code === undefined ? undefined : conditionOf(code)?.reason;
}

function conditionOf(code: string): Condition | undefined {
  if (!code.startsWith('SQLITE_')) return ERRNO[code];
  return SQLITE.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1];
}

/**
 * Translates a known system failure into a terminating error whose message names the path.
 * @param error what was thrown
 * @param context what was being done, to which path (else the error's own path), and the exit status
 * @returns the terminating error, or undefined when the error is not a known system condition
 */
export function systemError(error: unknown, context: SystemErrorContext = {}): TerminatingError | undefined {
  const code = errorCode(error);
  const known = code === undefined ? undefined : conditionOf(code);
  if (!code || !known) return undefined;
  const sqlite = code.startsWith('SQLITE_');
  const errno = error as NodeJS.ErrnoException;
  const path = context.path ?? errno.path ?? (sqlite ? sqliteFile : undefined);
  const doing = context.doing ?? (sqlite ? 'use the database' : (SYSCALL_VERBS[errno.syscall ?? ''] ?? 'use'));
  const subject = path === undefined ? doing : `${doing} ${echo(path)}`;
  return new TerminatingError(
    { errorId: known.errorId, category: known.category, message: coreMessages[known.errorId].message(subject, known.reason, code), target: path, cause: error },
    context.exitCode ?? 1,
  );
}

/**
 * An error nobody expected, as one line: its kind only (an unknown error's text could hold input),
 * and how to see the rest.
 * @param error what was thrown
 * @returns the InternalError
 */
export function internalError(error: unknown): TerminatingError {
  const kind = error instanceof Error ? error.name : typeof error;
  return new TerminatingError({
    errorId: 'InternalError',
    category: 'NotSpecified',
    message: coreMessages.InternalError(kind),
    cause: error,
  });
}

/**
 * What any error thrown out of a command becomes: a terminating error as it is, a known system
 * failure translated, anything else an InternalError.
 * @param error what was thrown
 * @returns the terminating error to report
 */
export function terminatingErrorOf(error: unknown): TerminatingError {
  if (error instanceof TerminatingError) return error;
  return systemError(error) ?? internalError(error);
}

/**
 * The stack trace to show under CSPIN_DEBUG (set, and not 0) for an error that is not a plain
 * terminating error.
 * @param error what was thrown
 * @param env the environment
 * @returns the trace, or undefined when there is none to show
 */
export function debugTrace(error: unknown, env: NodeJS.ProcessEnv): string | undefined {
  if (!env.CSPIN_DEBUG || env.CSPIN_DEBUG === '0' || (error instanceof TerminatingError && error.cause === undefined)) return undefined;
  const cause = error instanceof TerminatingError ? error.cause : error;
  return cause instanceof Error ? (cause.stack ?? String(cause)) : String(cause);
}

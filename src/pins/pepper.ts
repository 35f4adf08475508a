/**
 * The PIN pepper: a secret key kept outside the database and mixed into every PIN (HMAC) before
 * hashing, so a copied database file alone cannot be searched offline. It comes from
 * `CSPIN_PIN_KEY` (64 hex digits) or from the key file beside the database (`<db>.key`, 0600).
 * The database keeps a fingerprint, so a missing or wrong key is a clear error, never a silent
 * "wrong PIN" for everyone.
 *
 * Rotation writes the new key to a pending file named after its fingerprint
 * (`<db>.key.new-<16 hex>`), commits the new fingerprint, then renames the pending file over the key
 * file. A crash after the commit leaves a pending file that matches the database: loading the key
 * finishes the rename. A crash before the commit leaves one that matches nothing: it is ignored.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TerminatingError, errorCode, systemError, type ErrorId } from '../core/index.js';
import { syncToDisk, type DirectoryDatabase } from '../directory/index.js';
import { pinMessages } from './messages.js';

const KEY_BYTES = 32;

/** The key file that belongs to a database. */
export function keyFilePath(dbPath: string): string {
  return `${dbPath}.key`;
}

/** The pending key file of a rotation to the key with this fingerprint. */
export function pendingKeyPath(dbPath: string, fingerprintHex: string): string {
  return `${keyFilePath(dbPath)}.new-${fingerprintHex.slice(0, 16)}`;
}

/** The fingerprint the database keeps of its key. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('cspin pin key fingerprint v1').digest('hex');
}

function keyError(errorId: ErrorId, message: string): TerminatingError {
  return new TerminatingError({ errorId, category: 'SecurityError', message });
}

/** Writes a key file: 0600 from the start, flushed to disk before anyone can rely on it. */
function writeKeyFile(path: string, key: Buffer): void {
  try {
    rmSync(path, { force: true });
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${key.toString('hex')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    // A write that failed half-way (a full disk) leaves no partial key behind.
    rmSync(path, { force: true });
    throw systemError(error, { doing: 'write the PIN key file', path }) ?? error;
  }
}

/**
 * A new key: CSPIN_PIN_KEY's when it is set, else 32 random bytes.
 * @param env the environment
 * @returns the key
 * @throws TerminatingError (PinKeyInvalid, exit 2) when CSPIN_PIN_KEY is not a key
 */
export function newPepper(env: NodeJS.ProcessEnv): Buffer {
  return env.CSPIN_PIN_KEY ? parseEnvironmentKey(env.CSPIN_PIN_KEY) : randomBytes(KEY_BYTES);
}

/**
 * Records a new database's key: the database keeps its fingerprint only.
 * @param db the new database
 * @param key the key
 */
export function recordPepper(db: DirectoryDatabase, key: Buffer): void {
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('pin_key_fingerprint', ?)").run(keyFingerprint(key));
}

/**
 * Creates a new key for a new database in place: writes the key file (0600) unless CSPIN_PIN_KEY
 * supplies the key, and records its fingerprint.
 * @param db the new database
 * @param dbPath its path
 * @param env the environment
 */
export function createPepper(db: DirectoryDatabase, dbPath: string, env: NodeJS.ProcessEnv): void {
  const key = newPepper(env);
  if (!env.CSPIN_PIN_KEY) writeKeyFile(keyFilePath(dbPath), key);
  recordPepper(db, key);
}

/**
 * Writes the key of a database that is about to replace the one at dbPath as a pending key file
 * (named after its fingerprint, 0600, flushed): loading the key finds it whichever step a crash
 * interrupts, until {@link installPendingKey} renames it over the key file.
 * @param dbPath the database path
 * @param key the new database's key
 * @returns the pending key file
 */
export function stagePendingKey(dbPath: string, key: Buffer): string {
  const pending = pendingKeyPath(dbPath, keyFingerprint(key));
  writeKeyFile(pending, key);
  return pending;
}

/**
 * Renames a pending key file over the database's key file and flushes the folder.
 * @param pending the pending key file
 * @param dbPath the database path
 */
export function installPendingKey(pending: string, dbPath: string): void {
  renameSync(pending, keyFilePath(dbPath));
  syncFolder(keyFilePath(dbPath));
}

function storedFingerprint(db: DirectoryDatabase): string | undefined {
  return (db.prepare("SELECT value FROM meta WHERE key = 'pin_key_fingerprint'").get() as { value: string } | undefined)?.value;
}

function matches(key: Buffer, fingerprintHex: string): boolean {
  const expected = Buffer.from(fingerprintHex, 'hex');
  const actual = Buffer.from(keyFingerprint(key), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A key file longer than this holds no key (64 hex digits and a newline). */
const KEY_FILE_MAX_BYTES = 1024;

/**
 * The key in a file: undefined when there is no file, null when it holds no key. Like ssh with a
 * private key, cspin refuses a key file that others may read, or that is not a regular file.
 */
function readKeyFile(path: string): Buffer | null | undefined {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) {
      throw keyError('KeyFileNotRegular', pinMessages.KeyFileNotRegular(path));
    }
    if ((stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      throw keyError('KeyFilePermissions', pinMessages.KeyFilePermissions(path, mode, shellQuote(path)));
    }
    if (stats.size > KEY_FILE_MAX_BYTES) return null;
    return parseKeyText(readFileSync(path, 'utf8')) ?? null;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw systemError(error, { doing: 'read the PIN key file', path }) ?? error;
  }
}

const shellQuote = (text: string) => (/^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`);

/**
 * Loads the key and checks it against the database's fingerprint; finishes a rotation that was
 * interrupted between its commit and its rename.
 * @param db the database
 * @param dbPath its path
 * @param env the environment
 * @returns the key
 * @throws TerminatingError when the key is missing or is not this database's key
 */
export function loadPepper(db: DirectoryDatabase, dbPath: string, env: NodeJS.ProcessEnv): Buffer {
  const file = keyFilePath(dbPath);
  const envKey = env.CSPIN_PIN_KEY ? parseEnvironmentKey(env.CSPIN_PIN_KEY) : undefined;
  const fingerprint = storedFingerprint(db);
  if (!fingerprint) throw keyError('PinKeyMissing', pinMessages.PinKeyMissing.noFingerprint);
  if (envKey) {
    if (matches(envKey, fingerprint)) return envKey;
    throw keyError('PinKeyMismatch', pinMessages.PinKeyMismatch.environment);
  }
  const key = readKeyFile(file);
  if (key && matches(key, fingerprint)) return key;
  const pending = pendingKeyPath(dbPath, fingerprint);
  const pendingKey = readKeyFile(pending);
  if (pendingKey && matches(pendingKey, fingerprint)) {
    finishPendingKey(pending, file);
    return pendingKey;
  }
  if (key === undefined) throw missingKey(file);
  if (key === null) throw keyError('PinKeyInvalid', pinMessages.PinKeyInvalid.file(file));
  throw keyError('PinKeyMismatch', pinMessages.PinKeyMismatch.file(file));
}

function missingKey(file: string): TerminatingError {
  return keyError('PinKeyMissing', pinMessages.PinKeyMissing.missing(file));
}

/** Renames a committed pending key over the key file; another process may have done it already, and a reader without write access just uses it. */
function finishPendingKey(pending: string, file: string): void {
  try {
    renameSync(pending, file);
    syncFolder(file);
  } catch (error) {
    if (!['ENOENT', 'EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}

/**
 * Checks, inside a write transaction, that the key a command loaded is still the database's key:
 * a hash made with a key that was rotated away meanwhile could never be verified.
 * @param db the database
 * @param key the key the command loaded
 * @throws TerminatingError (PinKeyMismatch) when the key was rotated since
 */
export function assertPepperCurrent(db: DirectoryDatabase, key: Buffer): void {
  const fingerprint = storedFingerprint(db);
  if (!fingerprint || !matches(key, fingerprint)) {
    throw keyError('PinKeyMismatch', pinMessages.PinKeyMismatch.rotated);
  }
}

/** What a rotation did. */
export interface PepperRotation {
  /** How many PIN hashes were cleared (they were made with the old key). */
  cleared: number;
  /** The new key file, or undefined when the key lives in CSPIN_PIN_KEY. */
  keyFile: string | undefined;
}

/**
 * Replaces the key. The PIN hashes made with the old key can never be verified again, so the same
 * transaction clears them (IsPinSet False; failure counters of the old PINs reset; locks and the
 * global counter stay).
 * @param db the database
 * @param dbPath its path
 * @param options `oldKey`: the current key (checked again inside the transaction), or undefined to
 *   replace a lost key; `publish`: with CSPIN_PIN_KEY, hands over the new key (hex) before the commit
 * @returns how many PINs were cleared and where the new key is
 */
export function rotatePepper(
  db: DirectoryDatabase,
  dbPath: string,
  options: { oldKey: Buffer | undefined; publish?: (keyHex: string) => void },
): PepperRotation {
  const key = randomBytes(KEY_BYTES);
  const fingerprint = keyFingerprint(key);
  const pending = pendingKeyPath(dbPath, fingerprint);
  const rotate = db.transaction(() => {
    if (options.oldKey) assertPepperCurrent(db, options.oldKey);
    if (options.publish) {
      options.publish(key.toString('hex'));
    } else {
      removeStalePendingKeys(dbPath, storedFingerprint(db));
      writeKeyFile(pending, key);
    }
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('pin_key_fingerprint', ?)").run(fingerprint);
    return db
      .prepare('UPDATE pins SET hash = NULL, pin_length = NULL, local_failures = 0, window_start = NULL, locked_until = NULL WHERE hash IS NOT NULL')
      .run().changes;
  });
  let cleared: number;
  try {
    cleared = rotate.immediate();
  } catch (error) {
    // Rolled back: the pending key matches nothing; do not leave a secret lying around.
    rmSync(pending, { force: true });
    throw error;
  }
  if (options.publish) return { cleared, keyFile: undefined };
  finishPendingKey(pending, keyFilePath(dbPath));
  return { cleared, keyFile: keyFilePath(dbPath) };
}

/**
 * Removes pending keys of rotations (or inits) that stopped before their commit: they match no
 * database. The one the database names is kept.
 * @param dbPath the database path
 * @param current the fingerprint the database keeps
 */
export function removeStalePendingKeys(dbPath: string, current: string | undefined): void {
  const keep = current === undefined ? undefined : basename(pendingKeyPath(dbPath, current));
  const prefix = `${basename(keyFilePath(dbPath))}.new-`;
  for (const name of readdirSync(dirname(dbPath))) {
    if (name.startsWith(prefix) && name !== keep) rmSync(join(dirname(dbPath), name), { force: true });
  }
}

/** Flushes the folder of a file that was just renamed into it, so the rename survives a crash. */
const syncFolder = (file: string) => syncToDisk(dirname(file));

function parseKeyText(text: string): Buffer | undefined {
  const hex = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

// The value is a secret: the message never shows it.
function parseEnvironmentKey(text: string): Buffer {
  const key = parseKeyText(text);
  if (key) return key;
  throw new TerminatingError({ errorId: 'PinKeyInvalid', category: 'InvalidArgument', message: pinMessages.PinKeyInvalid.environment, target: 'CSPIN_PIN_KEY' }, 2);
}

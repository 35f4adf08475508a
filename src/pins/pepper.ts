/**
 * The PIN pepper: a secret key kept outside the database and mixed into every PIN (HMAC) before
 * hashing, so a copied database file alone cannot be searched offline. It comes from
 * `CSPIN_PIN_KEY` (64 hex digits) or from the key file beside the database (`<db>.key`, 0600).
 * The database keeps a fingerprint, so a missing or wrong key is a clear error, never a silent
 * "wrong PIN" for everyone.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { TerminatingError } from '../core/index.js';
import type { DirectoryDatabase } from '../directory/index.js';

const KEY_BYTES = 32;

/** The key file that belongs to a database. */
export function keyFilePath(dbPath: string): string {
  return `${dbPath}.key`;
}

function fingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('cspin pin key fingerprint v1').digest('hex');
}

function keyError(errorId: string, message: string): TerminatingError {
  return new TerminatingError({ errorId, category: 'SecurityError', message });
}

/**
 * Creates a new key for a new database: writes the key file (0600) unless CSPIN_PIN_KEY supplies
 * the key, and records its fingerprint.
 * @param db the new database
 * @param dbPath its path
 * @param env the environment
 */
export function createPepper(db: DirectoryDatabase, dbPath: string, env: NodeJS.ProcessEnv): void {
  let key: Buffer;
  if (env.CSPIN_PIN_KEY) {
    key = parseKey(env.CSPIN_PIN_KEY);
  } else {
    key = randomBytes(KEY_BYTES);
    rmSync(keyFilePath(dbPath), { force: true });
    writeFileSync(keyFilePath(dbPath), `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('pin_key_fingerprint', ?)").run(fingerprint(key));
}

/**
 * Loads the key and checks it against the database's fingerprint.
 * @param db the database
 * @param dbPath its path
 * @param env the environment
 * @returns the key
 * @throws TerminatingError when the key is missing or is not this database's key
 */
export function loadPepper(db: DirectoryDatabase, dbPath: string, env: NodeJS.ProcessEnv): Buffer {
  const file = keyFilePath(dbPath);
  let key: Buffer;
  if (env.CSPIN_PIN_KEY) key = parseKey(env.CSPIN_PIN_KEY);
  else if (existsSync(file)) key = parseKey(readFileSync(file, 'utf8'));
  else throw keyError('PinKeyMissing', `The PIN key is missing: neither CSPIN_PIN_KEY nor ${file} is there. PINs cannot be checked or set without it.`);
  const row = db.prepare("SELECT value FROM meta WHERE key = 'pin_key_fingerprint'").get() as { value: string } | undefined;
  if (!row) throw keyError('PinKeyMissing', 'This database has no PIN key fingerprint; recreate it with cspin init.');
  const expected = Buffer.from(row.value, 'hex');
  const actual = Buffer.from(fingerprint(key), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw keyError('PinKeyMismatch', `The PIN key (${env.CSPIN_PIN_KEY ? 'CSPIN_PIN_KEY' : file}) is not the key of this database.`);
  }
  return key;
}

function parseKey(text: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw keyError('PinKeyInvalid', 'A PIN key must be 64 hexadecimal digits (32 bytes).');
  return Buffer.from(hex, 'hex');
}

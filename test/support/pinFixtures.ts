/**
 * PIN fixtures written straight into a test database with better-sqlite3: known PINs (hashed with the
 * database's own key, so the bins can verify them), lockout counters, policies. The PINs of the
 * sample directory are random and never seen, so tests that need a right PIN make their own.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPin } from '../../src/pins/hash.js';
import type { PinRow } from '../../src/pins/logon.js';

export type { PinRow };

/**
 * A private copy of a database and its key file.
 * @param template the environment of the database to copy
 * @returns the environment of the copy
 */
export function databaseCopy(template: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const db = join(mkdtempSync(join(tmpdir(), 'cspin-pins-')), 'cspin.db');
  copyFileSync(String(template.CSPIN_DB), db);
  copyFileSync(`${String(template.CSPIN_DB)}.key`, `${db}.key`);
  return { CSPIN_DB: db };
}

/** Runs a function on the database of an environment. */
export function withDb<T>(env: NodeJS.ProcessEnv, use: (db: Database.Database) => T): T {
  const db = new Database(String(env.CSPIN_DB), { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** The PIN key in the key file beside the database. */
export function keyOf(env: NodeJS.ProcessEnv): Buffer {
  return Buffer.from(readFileSync(`${String(env.CSPIN_DB)}.key`, 'utf8').trim(), 'hex');
}

/**
 * Gives a user a known PIN with clean counters, then applies the other changes.
 * @param env the database
 * @param sam the user's SamAccountName
 * @param pin the digits
 * @param change other pins columns (pin_length defaults to the PIN's length)
 * @param key the key to hash with @default the key file's
 */
export async function setPin(env: NodeJS.ProcessEnv, sam: string, pin: string, change: Partial<PinRow> = {}, key = keyOf(env)): Promise<void> {
  const hash = await hashPin(pin, key);
  const row: PinRow = { hash, changed_at: Date.UTC(2026, 0, 1), locked: 0, local_failures: 0, global_failures: 0, window_start: null, locked_until: null, pin_length: pin.length, ...change };
  withDb(env, (db) => {
    const user = db.prepare('SELECT id FROM users WHERE sam = ?').get(sam) as { id: number } | undefined;
    if (!user) throw new Error(`no user ${sam}`);
    db.prepare('DELETE FROM pins WHERE key_id = ?').run(user.id);
    db.prepare(
      `INSERT INTO pins (key_id, hash, changed_at, locked, local_failures, global_failures, window_start, locked_until, pin_length)
       VALUES (@id, @hash, @changed_at, @locked, @local_failures, @global_failures, @window_start, @locked_until, @pin_length)`,
    ).run({ id: user.id, ...row });
  });
}

/**
 * Gives a user a per-user policy (created if needed) with the given settings.
 * @param env the database
 * @param sam the user's SamAccountName
 * @param tag the policy's name, without `tag:`
 * @param settings maximum_logon_attempts and pin_lifetime
 */
export function grantPolicy(env: NodeJS.ProcessEnv, sam: string, tag: string, settings: { maximum_logon_attempts?: number | null; pin_lifetime?: number }): void {
  withDb(env, (db) => {
    db.prepare('INSERT OR REPLACE INTO pin_policies (identity, maximum_logon_attempts, pin_lifetime, pin_history_count) VALUES (?, ?, ?, 1)').run(
      `tag:${tag}`,
      settings.maximum_logon_attempts ?? null,
      settings.pin_lifetime ?? 0,
    );
    db.prepare('INSERT OR REPLACE INTO pin_grants (key_id, policy) SELECT id, ? FROM users WHERE sam = ?').run(tag, sam);
  });
}

/** A user's pins row, or undefined. */
export function pinRow(env: NodeJS.ProcessEnv, sam: string): PinRow | undefined {
  return withDb(
    env,
    (db) =>
      db
        .prepare('SELECT hash, changed_at, locked, local_failures, global_failures, window_start, locked_until, pin_length FROM pins JOIN users u ON u.id = key_id WHERE u.sam = ?')
        .get(sam) as PinRow | undefined,
  );
}

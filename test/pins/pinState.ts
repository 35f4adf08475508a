/** Test helpers: read and change the PIN state of a cspin database file directly, and check PINs against it. */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyPin } from '../../src/pins/index.js';

/** A user's row in the pins table (all null when the user has none). */
export interface PinRow {
  sip: string;
  hash: string | null;
  changed_at: number | null;
  locked: number | null;
  local_failures: number | null;
  global_failures: number | null;
  window_start: number | null;
  locked_until: number | null;
}

/** Opens the database of an environment, runs fn and closes it. */
export function withDb<T>(env: NodeJS.ProcessEnv, fn: (db: Database.Database) => T): T {
  const db = new Database(String(env.CSPIN_DB));
  try {
    db.pragma('busy_timeout = 10000');
    return fn(db);
  } finally {
    db.close();
  }
}

/** Every user with a SIP address and their PIN state, by SIP address. */
export function pinRows(env: NodeJS.ProcessEnv): Map<string, PinRow> {
  const rows = withDb(env, (db) =>
    db
      .prepare(
        `SELECT u.sip, p.hash, p.changed_at, p.locked, p.local_failures, p.global_failures, p.window_start, p.locked_until
         FROM users u LEFT JOIN pins p ON p.user_id = u.id WHERE u.sip IS NOT NULL ORDER BY u.sip`,
      )
      .all() as PinRow[],
  );
  return new Map(rows.map((row) => [row.sip, row]));
}

/** The PIN key of an environment's database (its key file). */
export function pepperOf(env: NodeJS.ProcessEnv): Buffer {
  return Buffer.from(readFileSync(`${String(env.CSPIN_DB)}.key`, 'utf8').trim(), 'hex');
}

/** Whether a stored hash is the hash of a PIN. */
export async function isHashOf(env: NodeJS.ProcessEnv, hash: string | null | undefined, pin: string): Promise<boolean> {
  return typeof hash === 'string' && verifyPin(pin, hash, pepperOf(env));
}

/** Objects of a type from a result's NDJSON output. */
export function resets(objects: readonly Record<string, unknown>[]): { Identity: string; PIN: string; PinReset: unknown }[] {
  return objects.filter((o) => o.PSTypeName === 'cspin.ClientPinReset') as unknown as { Identity: string; PIN: string; PinReset: unknown }[];
}

/**
 * A private copy of a database (and its key file), so each test starts from the same state without
 * paying for `cspin init --sample` again.
 * @param template the environment of the database to copy
 * @returns the environment of the copy
 */
export function copyOf(template: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const db = join(mkdtempSync(join(tmpdir(), 'cspin-copy-')), 'cspin.db');
  copyFileSync(String(template.CSPIN_DB), db);
  copyFileSync(`${String(template.CSPIN_DB)}.key`, `${db}.key`);
  return { ...template, CSPIN_DB: db };
}

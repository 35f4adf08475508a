/**
 * Test helpers for the PIN-changing cmdlets, on top of test/support/pinFixtures.ts: every user's PIN
 * state read straight from the file, stored hashes checked against PINs that were written out.
 */
import { beforeAll, beforeEach } from 'vitest';
import { verifyPin } from '../../src/pins/index.js';
import { databaseCopy, keyOf, withDb } from '../support/pinFixtures.js';
import { sampleDirectory } from '../support/shell.js';

export { withDb };

/** The fixed clock of these tests (CSPIN_NOW). */
export const NOW = '2026-02-01T10:00:00.000Z';
export const KEN = 'sip:kenmyer@litwareinc.com';
export const PILAR = 'sip:pilar@litwareinc.com';
export const AIDAN = 'sip:aidan@litwareinc.com';
/** The three users of the Finance OU (and Payroll below it), in Get-CsUser's order: Ken, Pilar, Aidan. */
export const FINANCE = 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com"';

/**
 * Gives each test of the file its own copy of one sample directory (JSON errors, the fixed clock).
 * @param use receives each test's environment
 */
export function sampleCopyPerTest(use: (env: NodeJS.ProcessEnv) => void): void {
  let sample: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sample = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json', CSPIN_NOW: NOW };
  });
  beforeEach(() => use(copyOf(sample)));
}

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

/**
 * A private copy of a database, so each test starts from the same state without paying for
 * `cspin init --sample` again.
 * @param template the environment of the database to copy (its other variables are kept)
 * @returns the environment of the copy
 */
export function copyOf(template: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...template, ...databaseCopy(template) };
}

/** Every user with a SIP address and their PIN state, by SIP address. */
export function pinRows(env: NodeJS.ProcessEnv): Map<string, PinRow> {
  const rows = withDb(env, (db) =>
    db
      .prepare(
        `SELECT u.sip, p.hash, p.changed_at, p.locked, p.local_failures, p.global_failures, p.window_start, p.locked_until
         FROM users u LEFT JOIN pins p ON p.key_id = u.id WHERE u.sip IS NOT NULL ORDER BY u.sip`,
      )
      .all() as PinRow[],
  );
  return new Map(rows.map((row) => [row.sip, row]));
}

/** Whether a stored hash is the hash of a PIN (with the database's key). */
export async function isHashOf(env: NodeJS.ProcessEnv, hash: string | null | undefined, pin: string): Promise<boolean> {
  return typeof hash === 'string' && verifyPin(pin, hash, keyOf(env));
}

/** Set-CsClientPin's output objects among a result's NDJSON objects. */
export function resets(objects: readonly Record<string, unknown>[]): { Identity: string; PIN: string; PinReset: unknown }[] {
  return objects.filter((o) => o.PSTypeName === 'cspin.ClientPinReset') as unknown as { Identity: string; PIN: string; PinReset: unknown }[];
}

/**
 * Test-CsClientPin decides each user's attempts one after the other, in input order, however many
 * hash in parallel: random streams of attempts for a few users, run through the real bin at random
 * times (CSPIN_NOW steps between runs), give exactly the results and final counters of the
 * sequential model in src/pins/lockout.ts.
 */
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../src/pins/hash.js';
import { applyLogon, lockoutLimits, type LockoutState, type LogonResult } from '../../src/pins/lockout.js';
import { databaseCopy, grantPolicy, keyOf, pinRow, setPin } from '../support/pinFixtures.js';
import { sampleDirectory, sh } from '../support/shell.js';

const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);
const MINUTE = 60_000;
/** Cheap scrypt parameters (stored in each hash): the order, not the cost, is under test. */
const CHEAP = { N: 1024, r: 8, p: 1 };
const USERS = ['kenmyer', 'bobk', 'ellens'] as const;
const sip = (sam: string) => `sip:${sam}@litwareinc.com`;
const CLEAN: LockoutState = { isSet: true, expiresAt: null, locked: false, localFailures: 0, globalFailures: 0, windowStart: null, lockedUntil: null };

let sample: NodeJS.ProcessEnv;
const folders: string[] = [];
beforeAll(async () => {
  sample = await sampleDirectory();
  folders.push(dirname(String(sample.CSPIN_DB)));
});
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A copy of the sample where each user has a known PIN and a policy with their MaximumLogonAttempts. */
async function directory(pins: readonly string[], maxima: readonly (number | null)[]): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...databaseCopy(sample), CSPIN_ERROR_FORMAT: 'json' };
  folders.push(dirname(String(env.CSPIN_DB)));
  for (const [i, sam] of USERS.entries()) {
    const pin = pins[i] as string;
    await setPin(env, sam, pin, { hash: await hashPin(pin, keyOf(env), CHEAP) });
    grantPolicy(env, sam, `order${i}`, { maximum_logon_attempts: maxima[i] ?? null });
  }
  return env;
}

const attempt = fc.record({ user: fc.integer({ min: 0, max: USERS.length - 1 }), right: fc.boolean() });
const segment = fc.record({ gapMinutes: fc.integer({ min: 0, max: 90 }), attempts: fc.array(attempt, { minLength: 1, maxLength: 12 }) });

describe('Test-CsClientPin: one user at a time, in input order', () => {
  it('three wrong PINs then the right one, under MaximumLogonAttempts 3, is TemporarilyLockedOut every time', async () => {
    const env = await directory(['70219', '81736', '92847'], [3, null, null]);
    for (let run = 0; run < 8; run++) {
      await sh(`Unlock-CsClientPin -Identity ${sip('kenmyer')}`, { env });
      const input = ['11111', '22222', '33333', '70219'].map((pin) => `{"Pin":"${pin}"}\n`).join('');
      const result = await sh(`Test-CsClientPin -Identity ${sip('kenmyer')}`, { env: { ...env, CSPIN_NOW: String(T0) }, input });
      expect(result.objects.map((o) => o.Result)).toEqual(['WrongPin', 'WrongPin', 'WrongPin', 'TemporarilyLockedOut']);
    }
  });

  it('random streams for three users at random times give the sequential model’s results and counters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('4', '5', '6'), { minLength: 3, maxLength: 3 }),
        fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), { minLength: 3, maxLength: 3 }),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        async (lengths, maxima, segments) => {
          const pins = lengths.map((length, i) => String(70_000_000 + i * 1_111_111).slice(0, Number(length)));
          const env = await directory(pins, maxima);
          const states = USERS.map(() => CLEAN);
          let at = T0;
          for (const { gapMinutes, attempts } of segments) {
            at += gapMinutes * MINUTE;
            const expected: LogonResult[] = attempts.map(({ user, right }) => {
              const next = applyLogon(states[user] as LockoutState, at, lockoutLimits(pins[user]?.length ?? null, maxima[user] ?? null), right);
              states[user] = next.state;
              return next.result;
            });
            const input = attempts.map(({ user, right }) => `${JSON.stringify({ Identity: sip(USERS[user] as string), Pin: right ? pins[user] : '0'.repeat(pins[user]?.length ?? 4) })}\n`).join('');
            const result = await sh('Test-CsClientPin', { env: { ...env, CSPIN_NOW: String(at) }, input });
            expect(result.stderr).toBe('');
            expect(result.objects.map((o) => o.Result)).toEqual(expected);
          }
          for (const [i, sam] of USERS.entries()) {
            const row = pinRow(env, sam);
            const state = states[i] as LockoutState;
            expect({ locked: row?.locked === 1, local: row?.local_failures, global: row?.global_failures, window: row?.window_start, until: row?.locked_until }).toEqual({
              locked: state.locked,
              local: state.localFailures,
              global: state.globalFailures,
              window: state.windowStart,
              until: state.lockedUntil,
            });
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);
});

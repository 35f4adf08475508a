/**
 * Test-CsClientPin end to end: the real bins against a copy of the sample directory, with known PINs
 * written by the fixtures. The clock is CSPIN_NOW, so the 30-minute window and the 1-hour lockout
 * are crossed by running the command at different times, never by sleeping.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import decl from '../../src/cmdlets/testCsClientPin.js';
import { openDatabase } from '../../src/directory/index.js';
import { hashPin } from '../../src/pins/hash.js';
import { PinLogon } from '../../src/pins/sqlite/pinLogon.js';
import { rotatePepper } from '../../src/pins/pepper.js';
import { loadPolicyResolver } from '../../src/pins/sqlite/policyResolver.js';
import { databaseCopy, grantPolicy, keyOf, pinRow, setPin, withDb } from '../support/pinFixtures.js';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const sip = (sam: string) => `sip:${sam}@litwareinc.com`;

let sample: NodeJS.ProcessEnv;
beforeAll(async () => {
  sample = await sampleDirectory();
});

/** A private copy of the sample directory, with JSON errors. */
const fresh = (): NodeJS.ProcessEnv => ({ ...databaseCopy(sample), CSPIN_ERROR_FORMAT: 'json' });

/** Runs one Test-CsClientPin at a time (ms) and returns its Result. */
async function logon(env: NodeJS.ProcessEnv, sam: string, pin: string, at: number): Promise<unknown> {
  const result = await sh(`Test-CsClientPin -Identity ${sip(sam)} -Pin ${pin}`, { env: { ...env, CSPIN_NOW: String(at) } });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.objects[0]?.Result;
}

describe('Test-CsClientPin: the documented examples give the documented results', () => {
  const want: Record<string, Record<string, string>> = {
    'A wrong PIN (cspin extension)': { [sip('kenmyer')]: 'WrongPin' },
    'A locked PIN (cspin extension)': { [sip('pilar')]: 'LockedOut' },
    'A user without a PIN (cspin extension)': { [sip('aidan')]: 'NotSet' },
    'One PIN for the users of an OU (cspin extension)': { [sip('kenmyer')]: 'WrongPin', [sip('pilar')]: 'LockedOut', [sip('aidan')]: 'NotSet' },
  };
  it.each(decl.examples.map((e) => [e.title, e.code] as const))('%s', async (title, code) => {
    const result = await sh(code, { env: fresh() });
    expect(result.code, result.stderr).toBe(0);
    expect(Object.fromEntries(result.objects.map((o) => [o.Identity, o.Result]))).toEqual(want[title]);
    expect(result.objects.every((o) => o.PSTypeName === 'Cspin.PinLogonResult')).toBe(true);
  });
});

describe.concurrent('Test-CsClientPin: the window and the temporary lockout over time (CSPIN_NOW)', () => {
  it('three failures inside the window lock the PIN for an hour, even for the right PIN; after it the right PIN succeeds', async () => {
    const env = fresh();
    await setPin(env, 'bobk', '918273');
    grantPolicy(env, 'bobk', 'Three', { maximum_logon_attempts: 3 });
    const results = [];
    for (const [at, pin] of [[0, '111111'], [10, '222222'], [29, '333333'], [30, '918273']] as const) results.push(await logon(env, 'bobk', pin, T0 + at * MINUTE));
    results.push(await logon(env, 'bobk', '918273', T0 + 29 * MINUTE + HOUR - 1));
    expect(results).toEqual(['WrongPin', 'WrongPin', 'WrongPin', 'TemporarilyLockedOut', 'TemporarilyLockedOut']);
    expect(pinRow(env, 'bobk')).toMatchObject({ local_failures: 3, global_failures: 3, window_start: T0, locked_until: T0 + 29 * MINUTE + HOUR });
    expect(await logon(env, 'bobk', '918273', T0 + 29 * MINUTE + HOUR)).toBe('Success');
    expect(pinRow(env, 'bobk')).toMatchObject({ local_failures: 0, global_failures: 3, window_start: null, locked_until: null, locked: 0 });
  });

  it('a failure after the window has run out opens a new window with the local counter at 1', async () => {
    const env = fresh();
    await setPin(env, 'lolaj', '918273');
    grantPolicy(env, 'lolaj', 'Three', { maximum_logon_attempts: 3 });
    const results = [];
    for (const at of [0, 20, 30, 40, 50]) results.push(await logon(env, 'lolaj', '000000', T0 + at * MINUTE));
    expect(results).toEqual(['WrongPin', 'WrongPin', 'WrongPin', 'WrongPin', 'WrongPin']);
    expect(pinRow(env, 'lolaj')).toMatchObject({ local_failures: 3, global_failures: 5, window_start: T0 + 30 * MINUTE, locked_until: T0 + 50 * MINUTE + HOUR });
  });

  it('a success resets the local counter: two failures, a success and two failures lock nothing', async () => {
    const env = fresh();
    await setPin(env, 'markh', '918273');
    grantPolicy(env, 'markh', 'Three', { maximum_logon_attempts: 3 });
    const results = [];
    for (const [at, pin] of [[0, '1'], [1, '2'], [2, '918273'], [3, '4'], [4, '5']] as const) results.push(await logon(env, 'markh', pin, T0 + at * MINUTE));
    expect(results).toEqual(['WrongPin', 'WrongPin', 'Success', 'WrongPin', 'WrongPin']);
    expect(pinRow(env, 'markh')).toMatchObject({ local_failures: 2, global_failures: 4, window_start: T0 + 3 * MINUTE, locked_until: null });
  });
});

describe('Test-CsClientPin: limits by PIN length and by policy', () => {
  // [user, PIN, local limit, global limit]: one user just under both limits, one a failure away from both.
  const LENGTHS: [string, string, string, number, number][] = [
    ['4 digits', 'rayc', '9182', 10, 100],
    ['5 digits', 'gregw', '91827', 25, 1000],
    ['6 digits', 'hollyh', '918273', 25, 5000],
  ];
  let env: NodeJS.ProcessEnv;
  let results: Record<string, unknown>[];
  const under = ['amys', 'kima', 'tonip'];
  beforeAll(async () => {
    env = fresh();
    const now = { window_start: T0 - MINUTE };
    for (const [i, [, sam, pin, local, global]] of LENGTHS.entries()) {
      await setPin(env, sam, pin, { ...now, local_failures: local - 1, global_failures: global - 1 });
      await setPin(env, under[i] ?? '', pin, { ...now, local_failures: local - 2, global_failures: global - 2 });
    }
    await setPin(env, 'tyc', '918273', { ...now, local_failures: 1 });
    grantPolicy(env, 'tyc', 'Two', { maximum_logon_attempts: 2 });
    await setPin(env, 'yanli', '918273', { ...now, local_failures: 9, pin_length: null });
    await setPin(env, 'sanjays', '918273', { pin_length: null });
    const users = [...LENGTHS.map(([, sam]) => sam), ...under, 'tyc', 'yanli'];
    const input = [...users.map((sam) => ({ Identity: sip(sam), PIN: '00000000' })), { Identity: sip('sanjays'), PIN: '918273' }];
    const result = await sh('Test-CsClientPin', { env: { ...env, CSPIN_NOW: String(T0) }, input: input.map((o) => JSON.stringify(o)).join('\n') });
    expect(result.stderr).toBe('');
    results = result.objects;
  });

  it.each(LENGTHS)('a %s PIN: the failure that reaches the local and global limits locks it for an hour and for good', (_length, sam) => {
    expect(results.find((o) => o.Identity === sip(sam))?.Result).toBe('WrongPin');
    expect(pinRow(env, sam)).toMatchObject({ locked: 1, locked_until: T0 + HOUR });
  });

  it.each(LENGTHS.map((row, i) => [row[0], under[i] ?? ''] as const))('a %s PIN one failure further from both limits is not locked', (_length, sam) => {
    expect(pinRow(env, sam)).toMatchObject({ locked: 0, locked_until: null });
  });

  it('a PIN locked by the global limit shows IsLockedOut in Get-CsClientPinInfo and refuses even the right PIN', async () => {
    const info = await sh(`Get-CsClientPinInfo -Identity ${sip('rayc')}`, { env });
    expect(info.objects[0]).toMatchObject({ IsLockedOut: true, IsPinSet: true });
    expect(await logon(env, 'rayc', '9182', T0 + 10 * HOUR)).toBe('LockedOut');
  });

  it('MaximumLogonAttempts of the effective policy replaces the local limit', () => {
    expect(pinRow(env, 'tyc')).toMatchObject({ local_failures: 2, locked_until: T0 + HOUR, locked: 0 });
  });

  it('a PIN of unknown length gets the 4-digit limits; a success records its length', () => {
    expect(pinRow(env, 'yanli')).toMatchObject({ local_failures: 10, locked_until: T0 + HOUR });
    expect(results.at(-1)).toMatchObject({ Identity: sip('sanjays'), Result: 'Success' });
    expect(pinRow(env, 'sanjays')?.pin_length).toBe(6);
  });
});

describe.concurrent('Test-CsClientPin: expiry, no PIN and locks are not counted', () => {
  it('a PIN is Expired once PINLifetime days have passed since its change, for the right and a wrong PIN alike, and nothing is counted', async () => {
    const env = fresh();
    await setPin(env, 'zrinkam', '918273', { changed_at: T0 - 30 * 24 * HOUR });
    grantPolicy(env, 'zrinkam', 'Month', { pin_lifetime: 30 });
    expect(await logon(env, 'zrinkam', '918273', T0)).toBe('Expired');
    expect(await logon(env, 'zrinkam', '000000', T0)).toBe('Expired');
    expect(pinRow(env, 'zrinkam')).toMatchObject({ local_failures: 0, global_failures: 0 });
    expect(await logon(env, 'zrinkam', '918273', T0 - 1)).toBe('Success');
  });

  it('a locked or unset PIN gives LockedOut or NotSet and counts nothing', async () => {
    const env = fresh();
    const result = await sh(`Test-CsClientPin -Identity ${sip('pilar')} -Pin 0000; Test-CsClientPin -Identity ${sip('aidan')} -Pin 0000`, { env });
    expect(result.objects.map((o) => o.Result)).toEqual(['LockedOut', 'NotSet']);
    expect(pinRow(env, 'pilar')).toMatchObject({ local_failures: 0, global_failures: 0 });
    expect(pinRow(env, 'aidan')).toBeUndefined();
  });
});

describe('Test-CsClientPin: errors and exit status', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    env = fresh();
  });

  it('a bad record is an error for that record only; results are not errors (exit 1 only for the errors)', async () => {
    const input = ['{"Identity":"nobody@litwareinc.com","Pin":"1234"}', '{"Identity":"Chris Preston","Pin":"1234"}', `{"Identity":"${sip('kenmyer')}","Pin":"12a4"}`, `{"Identity":"${sip('aidan')}","Pin":"1234"}`];
    const result = await sh('Test-CsClientPin', { env, input: input.join('\n') });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['ManagementObjectNotFound', 1], ['AmbiguousIdentity', 2], ['InvalidPinFormat', 3]]);
    expect(result.stderr).not.toContain('12a4');
    expect(result.objects.map((o) => [o.Identity, o.Result])).toEqual([[sip('aidan'), 'NotSet']]);
    for (const sam of ['chrisp', 'kenmyer']) expect(pinRow(env, sam)).toMatchObject({ local_failures: 0, global_failures: 0 });
  });

  it('a * wildcard display name checks the PIN of every match', async () => {
    const result = await sh('Test-CsClientPin "* Smith" -Pin 1234', { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects.map((o) => [o.Identity, o.Result]).sort()).toEqual([[sip('ellens'), 'WrongPin'], [sip('jsmith'), 'NotSet']]);
  });

  it('a missing PIN key stops the command before any input (PinKeyMissing, exit 1); a bad CSPIN_NOW is a usage error (exit 2)', async () => {
    const copy = fresh();
    rmSync(`${String(copy.CSPIN_DB)}.key`);
    const missing = await sh(`Test-CsClientPin ${sip('kenmyer')} -Pin 1234`, { env: copy });
    expect([missing.code, errorsOf(missing).map((e) => e.errorId)]).toEqual([1, ['PinKeyMissing']]);
    const clock = await sh(`Test-CsClientPin ${sip('kenmyer')} -Pin 1234`, { env: { ...env, CSPIN_NOW: 'yesterday' } });
    expect([clock.code, errorsOf(clock).map((e) => e.errorId)]).toEqual([2, ['InvalidClock']]);
  });

  it('the PIN given appears nowhere: not in output, -Verbose or -Debug messages, nor the database files', async () => {
    await setPin(env, 'nuriag', '90817263');
    const result = await sh(`Test-CsClientPin ${sip('nuriag')} -Pin 90817263 -Verbose -Debug; Test-CsClientPin ${sip('nuriag')} -Pin 80917263 -Verbose -Debug`, { env });
    expect(result.objects.map((o) => o.Result)).toEqual(['Success', 'WrongPin']);
    expect(result.stderr).toContain('VERBOSE: sip:nuriag@litwareinc.com: WrongPin (local failures 1 of 25, global failures 1 of 5000)');
    for (const pin of ['90817263', '80917263']) {
      expect(result.stdout + result.stderr).not.toContain(pin);
      for (const file of ['', '-wal', '-shm'].map((s) => `${String(env.CSPIN_DB)}${s}`).filter(existsSync)) {
        expect(readFileSync(file).includes(pin), file).toBe(false);
      }
    }
  });

  it('an input line that binds to nothing (a PIN piped by mistake) is not echoed in the error, even as JSON', async () => {
    const result = await sh(`echo 90817263 | Test-CsClientPin -Identity ${sip('nuriag')}`, { env });
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['InputObjectNotBound']);
    expect(result.stdout + result.stderr).not.toContain('90817263');
  });
});

describe('Test-CsClientPin: concurrent processes on one database', () => {
  /** Runs `processes` Test-CsClientPin processes at once, each with `attempts` wrong PINs for one user. */
  async function parallel(env: NodeJS.ProcessEnv, sam: string, processes: number, attempts: number) {
    const dir = join(String(env.CSPIN_DB), '..');
    writeFileSync(join(dir, 'attempts.ndjson'), `${JSON.stringify({ Identity: sip(sam), Pin: '000000' })}\n`.repeat(attempts));
    const command = `for i in $(seq ${processes}); do Test-CsClientPin < attempts.ndjson > out.$i & done; wait; cat out.*`;
    return sh(command, { env: { ...env, CSPIN_NOW: String(T0) }, cwd: dir });
  }

  it('4 processes × 15 wrong PINs count exactly 60 failures, with no SQLITE_BUSY', async () => {
    const env = fresh();
    await setPin(env, 'cpreston', '918273');
    // Above the 999 a policy allows: no temporary lockout may interfere with the count.
    grantPolicy(env, 'cpreston', 'Wide', { maximum_logon_attempts: 100_000 });
    const result = await parallel(env, 'cpreston', 4, 15);
    expect(result.stderr).toBe('');
    expect(result.objects.filter((o) => o.Result === 'WrongPin')).toHaveLength(60);
    expect(pinRow(env, 'cpreston')).toMatchObject({ local_failures: 60, global_failures: 60 });
  });

  it('4 processes × 10 wrong PINs at one moment on a 4-digit PIN: exactly 10 count, then TemporarilyLockedOut', async () => {
    const env = fresh();
    await setPin(env, 'davidl', '9182');
    const result = await parallel(env, 'davidl', 4, 10);
    expect(result.stderr).toBe('');
    const count = (r: string) => result.objects.filter((o) => o.Result === r).length;
    expect([count('WrongPin'), count('TemporarilyLockedOut')]).toEqual([10, 30]);
    expect(pinRow(env, 'davidl')).toMatchObject({ local_failures: 10, global_failures: 10, locked_until: T0 + HOUR });
  });
});

describe('PinLogon: the store side re-checks what changed while the PIN was being verified', () => {
  it('a PIN changed during the check is checked again against the new hash, and the stale failure is not counted', async () => {
    const env = fresh();
    await setPin(env, 'wendyr', '111111');
    const key = keyOf(env);
    const newHash = await hashPin('222222', key);
    const db = openDatabase(String(env.CSPIN_DB));
    try {
      const user = db.prepare('SELECT guid AS key, NULL AS pin_policy, registrar_pool FROM users WHERE sam = ?').get('wendyr') as { key: string; pin_policy: null; registrar_pool: string };
      const logon = new PinLogon(db, key, loadPolicyResolver(db), () => T0);
      const attempt = logon.attempt(user, '222222');
      db.prepare('UPDATE pins SET hash = ? WHERE key_id = (SELECT id FROM user_keys WHERE key = ?)').run(newHash, user.key);
      expect((await attempt).result).toBe('Success');
      expect(pinRow(env, 'wendyr')).toMatchObject({ global_failures: 0 });
      // A key rotation during the check clears the hash: the attempt ends NotSet, counting nothing.
      const during = logon.attempt(user, '000000');
      rotatePepper(db, String(env.CSPIN_DB), { oldKey: key });
      expect((await during).result).toBe('NotSet');
      expect(withDb(env, (d) => d.prepare('SELECT sum(global_failures) AS n FROM pins').get())).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

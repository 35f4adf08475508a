/**
 * `cspin rotate-key` end to end: confirmation, the new key (file 0600, or stdout with CSPIN_PIN_KEY),
 * every PIN cleared in the same transaction as the new fingerprint, a lost key replaced, and the
 * states a crash can leave behind (simulated file by file: before the commit, between the commit and
 * the rename).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESET_COMMAND } from '../../src/admin/rotateKey.js';
import { keyFingerprint, pendingKeyPath } from '../../src/pins/pepper.js';
import { databaseCopy, keyOf, setPin, withDb } from '../support/pinFixtures.js';
import { errorsOf, sampleDirectory, sh, type ShellResult } from '../support/shell.js';

const SAMPLE_PINS = 14;
const LOCKED = ['pilar', 'wendyr', 'yanli'];

let sample: NodeJS.ProcessEnv;
beforeAll(async () => {
  sample = await sampleDirectory();
});

const fresh = (): NodeJS.ProcessEnv => ({ ...databaseCopy(sample), CSPIN_ERROR_FORMAT: 'json' });
const dbOf = (env: NodeJS.ProcessEnv) => String(env.CSPIN_DB);
const keyFile = (env: NodeJS.ProcessEnv) => `${dbOf(env)}.key`;
const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** How many PIN hashes are stored, and the fingerprint the database keeps. */
function store(env: NodeJS.ProcessEnv) {
  return withDb(env, (db) => ({
    hashes: (db.prepare('SELECT count(*) AS n FROM pins WHERE hash IS NOT NULL').get() as { n: number }).n,
    fingerprint: (db.prepare("SELECT value FROM meta WHERE key = 'pin_key_fingerprint'").get() as { value: string }).value,
    locked: (db.prepare('SELECT u.sam FROM pins JOIN users u ON u.id = key_id WHERE locked = 1 ORDER BY 1').all() as { sam: string }[]).map((r) => r.sam),
  }));
}

/** The files beside the database other than the database itself. */
const besides = (env: NodeJS.ProcessEnv) => readdirSync(dirname(dbOf(env))).filter((f) => f.startsWith(`${basename(dbOf(env))}.key`)).sort();

/** The Result of Test-CsClientPin for a user. */
async function logonResult(env: NodeJS.ProcessEnv, sam: string, pin: string): Promise<ShellResult> {
  return sh(`Test-CsClientPin -Identity sip:${sam}@litwareinc.com -Pin ${pin}`, { env });
}

describe('cspin rotate-key asks first: every PIN goes', () => {
  it('cspin rotate-key without --yes and without a terminal changes nothing and exits 2, saying how to confirm', async () => {
    const env = fresh();
    const key = readFileSync(keyFile(env), 'utf8');
    const result = await sh('setsid -w cspin rotate-key', { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`clears every PIN (${SAMPLE_PINS} set)`);
    expect(result.stderr).toContain('--yes');
    expect(readFileSync(keyFile(env), 'utf8')).toBe(key);
    expect(store(env).hashes).toBe(SAMPLE_PINS);
  });

  it.each([
    ['n', 1, SAMPLE_PINS],
    ['', 1, SAMPLE_PINS],
    ['y', 0, 0],
  ])('cspin rotate-key on a terminal answered "%s" exits %i and leaves %i PINs', async (answer, code, hashes) => {
    const env = fresh();
    const result = await sh(`script -qfec ${quote('cspin rotate-key')} /dev/null`, { env, input: `${answer}\n` });
    expect(result.stdout).toContain('Replace the PIN key?');
    expect(result.stdout).toContain('[N] No  [Y] Yes');
    expect(result.code).toBe(code);
    expect(store(env).hashes).toBe(hashes);
  });
});

describe('cspin rotate-key --yes with the key in a file', () => {
  let env: NodeJS.ProcessEnv;
  let oldKey: Buffer;
  let before: ReturnType<typeof store>;
  let result: ShellResult;
  beforeAll(async () => {
    env = fresh();
    oldKey = keyOf(env);
    before = store(env);
    result = await sh('cspin rotate-key --yes', { env });
  });

  it('writes a new 32-byte key file, mode 0600, whose fingerprint the database now keeps; no pending file is left', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(keyFile(env), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(keyOf(env).equals(oldKey)).toBe(false);
    expect(statSync(keyFile(env)).mode & 0o777).toBe(0o600);
    expect(store(env).fingerprint).toBe(keyFingerprint(keyOf(env)));
    expect(besides(env)).toEqual([basename(keyFile(env))]);
  });

  it('clears every PIN hash (IsPinSet False) and keeps the locks', async () => {
    expect(store(env)).toMatchObject({ hashes: 0, locked: before.locked });
    expect(before.locked).toEqual(LOCKED);
    const info = await sh('Get-CsUser | Get-CsClientPinInfo', { env });
    expect(info.objects.filter((o) => o.IsPinSet === true)).toEqual([]);
    expect(info.objects.filter((o) => o.IsLockedOut === true).map((o) => o.Identity)).toEqual(LOCKED.map((s) => `sip:${s}@litwareinc.com`));
  });

  it('says how many PINs must be reset and the exact command that resets them', () => {
    expect(result.stderr).toContain(`${SAMPLE_PINS} PINs were made with the old key and were cleared`);
    expect(result.stderr).toContain(`\n  ${RESET_COMMAND}\n`);
    expect(result.stdout).toBe('');
  });

  it('Test-CsClientPin then gives NotSet, a PIN hashed with the new key succeeds, and the old key is refused', async () => {
    expect((await logonResult(env, 'kenmyer', '1234')).objects[0]?.Result).toBe('NotSet');
    await setPin(env, 'kenmyer', '918273');
    expect((await logonResult(env, 'kenmyer', '918273')).objects[0]?.Result).toBe('Success');
    const old = await logonResult({ ...env, CSPIN_PIN_KEY: oldKey.toString('hex') }, 'kenmyer', '918273');
    expect([old.code, errorsOf(old).map((e) => e.errorId)]).toEqual([1, ['PinKeyMismatch']]);
  });
});

describe('cspin rotate-key: a crash leaves a database that still opens', () => {
  it('a crash between the commit and the rename: the next command finishes the rotation from the pending key file', async () => {
    const env = fresh();
    const oldKey = readFileSync(keyFile(env), 'utf8');
    expect((await sh('cspin rotate-key --yes', { env })).code).toBe(0);
    // Put the files back as they were just before the rename.
    const newKey = keyOf(env);
    const pending = pendingKeyPath(dbOf(env), keyFingerprint(newKey));
    renameSync(keyFile(env), pending);
    writeFileSync(keyFile(env), oldKey, { mode: 0o600 });
    const result = await logonResult(env, 'kenmyer', '1234');
    expect([result.code, result.stderr, result.objects[0]?.Result]).toEqual([0, '', 'NotSet']);
    expect(keyOf(env).equals(newKey)).toBe(true);
    expect(statSync(keyFile(env)).mode & 0o777).toBe(0o600);
    expect(existsSync(pending)).toBe(false);
  });

  it('a crash before the commit: the pending key matches nothing and is ignored; the next rotation removes it', async () => {
    const env = fresh();
    const stray = randomBytes(32);
    const pending = pendingKeyPath(dbOf(env), keyFingerprint(stray));
    writeFileSync(pending, `${stray.toString('hex')}\n`, { mode: 0o600 });
    await setPin(env, 'kenmyer', '918273');
    expect((await logonResult(env, 'kenmyer', '918273')).objects[0]?.Result).toBe('Success');
    expect(existsSync(pending)).toBe(true);
    expect((await sh('cspin rotate-key --yes', { env })).code).toBe(0);
    expect(besides(env)).toEqual([basename(keyFile(env))]);
  });
});

describe('cspin rotate-key with CSPIN_PIN_KEY', () => {
  it('prints the new key on stdout and nothing else, writes no key file, and only the new key opens the database', async () => {
    const env = fresh();
    const oldKey = readFileSync(keyFile(env), 'utf8').trim();
    rmSync(keyFile(env));
    const result = await sh('cspin rotate-key --yes', { env: { ...env, CSPIN_PIN_KEY: oldKey } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(result.stderr).toContain('set CSPIN_PIN_KEY to it');
    expect(besides(env)).toEqual([]);
    const newKey = result.stdout.trim();
    expect(store(env)).toMatchObject({ hashes: 0, fingerprint: keyFingerprint(Buffer.from(newKey, 'hex')) });
    expect((await logonResult({ ...env, CSPIN_PIN_KEY: newKey }, 'kenmyer', '1234')).objects[0]?.Result).toBe('NotSet');
    const old = await logonResult({ ...env, CSPIN_PIN_KEY: oldKey }, 'kenmyer', '1234');
    expect(errorsOf(old).map((e) => e.errorId)).toEqual(['PinKeyMismatch']);
  });
});

describe('cspin rotate-key with a lost or wrong key', () => {
  it.each([
    ['missing', (env: NodeJS.ProcessEnv) => rmSync(keyFile(env)), 'is missing'],
    ['wrong', (env: NodeJS.ProcessEnv) => writeFileSync(keyFile(env), `${randomBytes(32).toString('hex')}\n`), 'is not the key of this database'],
  ])('a %s key is refused with the way out; --lost-key replaces it', async (_case, damage, message) => {
    const env = fresh();
    damage(env);
    const refused = await sh('cspin rotate-key --yes', { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(message);
    expect(refused.stderr).toContain('cspin rotate-key --lost-key --yes');
    expect(store(env).hashes).toBe(SAMPLE_PINS);
    const replaced = await sh('cspin rotate-key --lost-key --yes', { env });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(store(env)).toMatchObject({ hashes: 0, fingerprint: keyFingerprint(keyOf(env)) });
    expect((await logonResult(env, 'kenmyer', '1234')).objects[0]?.Result).toBe('NotSet');
  });
});

/**
 * The PIN-changing cmdlets under stress, end to end: a bulk `Get-CsUser | Set-CsClientPin` killed
 * with SIGKILL mid-way leaves every user either fully changed or untouched and the file intact, and
 * several Set/Lock/Unlock pipelines at once on one database all succeed and lose no update.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BULK, bulkDirectory as bulkOf } from '../support/bulk.js';
import { bins, sampleDirectory, sh } from '../support/shell.js';
import { NOW, isHashOf, pinRows, withDb, type PinRow } from '../pins/pinState.js';

let sample: NodeJS.ProcessEnv;
beforeAll(async () => {
  sample = { ...(await sampleDirectory()), CSPIN_NOW: NOW, CSPIN_ERROR_FORMAT: 'json' };
});

const bulkDirectory = (count: number) => bulkOf(sample, count);

/** The complete NDJSON lines of a stream so far. */
const lines = (text: string) => text.split('\n').slice(0, -1).map((line) => JSON.parse(line) as { Identity: string; PIN: string });

/**
 * Runs `Get-CsUser -OU Bulk | Set-CsClientPin` as two processes and SIGKILLs Set after `after` lines.
 * @returns what Set had written
 */
function killSetAfter(env: NodeJS.ProcessEnv, after: number): Promise<string> {
  const options = { env: { ...process.env, ...env, CSPIN_FORMAT: '' } };
  const getUser = spawn(join(bins(), 'Get-CsUser'), ['-OU', 'OU=Bulk,DC=litwareinc,DC=com'], { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
  const set = spawn(join(bins(), 'Set-CsClientPin'), [], { ...options, stdio: [getUser.stdout, 'pipe', 'inherit'] });
  let out = '';
  set.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (out.split('\n').length > after) set.kill('SIGKILL');
  });
  return new Promise((resolve) => set.on('close', (_code, signal) => resolve(signal === 'SIGKILL' ? out : `not killed: ${signal}`)));
}

describe('Set-CsClientPin killed mid-way', () => {
  it('Set-CsClientPin killed with SIGKILL leaves an intact file where each user has either the PIN written out or the old state', async () => {
    const { env, order } = await bulkDirectory(300);
    const before = pinRows(env);
    const written = await killSetAfter(env, 20);
    expect(written).not.toMatch(/^not killed/);
    const printed = lines(written);
    expect(printed.length).toBeGreaterThanOrEqual(20);
    expect(printed.length).toBeLessThan(order.length);
    expect(withDb(env, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');

    const after = pinRows(env);
    const changed = order.filter((sip) => JSON.stringify(after.get(sip)) !== JSON.stringify(before.get(sip)));
    // Users change one transaction at a time, in input order, and each PIN is committed only after its
    // line was written: the written-out users are the first ones, the changed ones the first of those;
    // the last line may have been written in the instant before the kill, without its commit.
    expect(printed.map((p) => p.Identity)).toEqual(order.slice(0, printed.length));
    expect(changed).toEqual(order.slice(0, changed.length));
    expect(printed.length - changed.length).toBeGreaterThanOrEqual(0);
    expect(printed.length - changed.length).toBeLessThanOrEqual(1);
    for (const sip of changed) expect(after.get(sip)).toMatchObject({ changed_at: Date.parse(NOW), locked: 0, local_failures: 0 } satisfies Partial<PinRow>);
    // No user has a PIN nobody saw: each changed user's hash is the PIN written out for them.
    const verified = await Promise.all(changed.map((sip, i) => isHashOf(env, after.get(sip)?.hash, printed[i]?.PIN ?? '')));
    expect(verified.every(Boolean)).toBe(true);

    const last = order[order.length - 1] ?? '';
    const again = await sh(`${BULK} | Get-CsClientPinInfo; Set-CsClientPin ${last} | Get-CsClientPinInfo`, { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.objects).toHaveLength(order.length + 1);
    expect(again.objects.at(-1)).toMatchObject({ Identity: last, IsPinSet: true, LastPinChangeTime: NOW });
  }, 240_000);
});

describe('PIN-changing pipelines at once on one database', () => {
  it('Set, Lock and Unlock pipelines run at once without SQLITE_BUSY, and no update is lost', async () => {
    const { env, order } = await bulkDirectory(24);
    const ok = (command: string) =>
      sh(command, { env }).then((result) => {
        expect(result.code, `${command}: ${result.stderr}`).toBe(0);
        expect(result.stderr, command).toBe('');
        return result;
      });
    const locks = Array.from({ length: 5 }, () => ok(`${BULK} | Lock-CsClientPin`));
    const [first, second] = await Promise.all([
      ok(`${BULK} | Set-CsClientPin -Force`),
      ok(`${BULK} | Set-CsClientPin -Force`),
      ...locks,
      ok(`${BULK} | Get-CsClientPinInfo`),
    ]);
    let rows = pinRows(env);
    const pinsOf = (result: Awaited<ReturnType<typeof sh>> | undefined) => new Map(result?.objects.map((o) => [String(o.Identity), String(o.PIN)]));
    const [one, two] = [pinsOf(first), pinsOf(second)];
    for (const sip of order) {
      expect(rows.get(sip)?.locked, sip).toBe(1);
      const hash = rows.get(sip)?.hash;
      const matches = await Promise.all([isHashOf(env, hash, one.get(sip) ?? ''), isHashOf(env, hash, two.get(sip) ?? '')]);
      expect(matches.some(Boolean), sip).toBe(true);
    }

    withDb(env, (db) => db.exec("UPDATE pins SET global_failures = 40, local_failures = 3 WHERE key_id IN (SELECT id FROM users WHERE dn LIKE '%OU=Bulk%')"));
    const unlocks = Array.from({ length: 5 }, () => ok(`${BULK} | Unlock-CsClientPin`));
    const [third] = await Promise.all([ok(`${BULK} | Set-CsClientPin -Force`), ...unlocks]);
    rows = pinRows(env);
    const three = pinsOf(third);
    for (const sip of order) {
      expect(rows.get(sip), sip).toMatchObject({ locked: 0, global_failures: 0, local_failures: 0 });
      expect(await isHashOf(env, rows.get(sip)?.hash, three.get(sip) ?? ''), sip).toBe(true);
    }
    expect(withDb(env, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
  }, 240_000);
});

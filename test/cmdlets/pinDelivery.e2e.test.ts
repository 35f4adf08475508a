/**
 * A new PIN is delivered, or it is not changed: Set-CsClientPin commits a PIN only once stdout has
 * taken its line. Faults are real: /dev/full, a reader that quits, a closed stdout, SIGINT and
 * SIGTERM at random points of a bulk reset. After each, every user has either the old state or the
 * PIN printed for them.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, copyOf, pinRows } from '../pins/pinState.js';
import { BULK, bulkDirectory, expectDeliveredOrUnchanged, printedPins, spawnBulkSet } from '../support/bulk.js';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

let sample: NodeJS.ProcessEnv;
const folders: string[] = [];
beforeAll(async () => {
  sample = { ...(await sampleDirectory()), CSPIN_NOW: NOW, CSPIN_ERROR_FORMAT: 'json' };
  folders.push(dirname(String(sample.CSPIN_DB)));
});
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function bulk(count: number) {
  const made = await bulkDirectory(sample, count);
  folders.push(dirname(String(made.env.CSPIN_DB)));
  return { ...made, before: pinRows(made.env) };
}

const FINANCE = 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com"';

describe('Set-CsClientPin: output failures change nothing that was not delivered', () => {
  it('stdout at /dev/full: one OutputFailed line, exit 1, no PIN changed', async () => {
    const { env, order, before } = await bulk(30);
    const result = await sh(`${BULK} | Set-CsClientPin > /dev/full`, { env });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['OutputFailed']);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await expectDeliveredOrUnchanged(env, order, before, [])).toEqual([]);
  });

  it('Get-CsUser and Get-CsClientPinInfo at /dev/full: OutputFailed, exit 1, no stack trace', async () => {
    for (const command of ['Get-CsUser', 'Get-CsUser | Get-CsClientPinInfo']) {
      const result = await sh(`${command} > /dev/full; echo "status $?" >&2`, { env: sample });
      expect(result.stderr, command).toMatch(/status 1\n$/);
      expect(errorsOf(result).map((e) => e.errorId), command).toEqual(['OutputFailed']);
    }
  });

  it('a reader that quits after one line: Set stops, exit 1, and every changed user was printed or is named', async () => {
    const { env, order, before } = await bulk(12);
    const result = await sh(`${BULK} | Set-CsClientPin | head -n 1; echo "status \${PIPESTATUS[1]}" >&2`, { env });
    expect(result.stderr).toMatch(/status 1\n$/);
    const errors = errorsOf(result);
    expect(errors[0]?.errorId).toBe('OutputClosed');
    expect(errors.slice(1).every((e) => e.errorId === 'OutputMayBeUnread')).toBe(true);
    const named = errors.slice(1).map((e) => String(e.target));
    const changed = await expectDeliveredOrUnchanged(env, order, before, printedPins(result.stdout), named);
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThan(order.length);
    // Only the first users changed, in input order; nothing after the failed line.
    expect(changed).toEqual(order.slice(0, changed.length));
  });

  it('stdout closed (>&-): refused before anything changes, exit 2; with -Force it proceeds', async () => {
    const env = copyOf(sample);
    const before = pinRows(env);
    const refused = await sh(`${FINANCE} | Set-CsClientPin >&-`, { env });
    expect(refused.code).toBe(2);
    expect(errorsOf(refused).map((e) => e.errorId)).toEqual(['PinOutputClosed']);
    expect(pinRows(env)).toEqual(before);
    const forced = await sh(`${FINANCE} | Set-CsClientPin -Force >&-`, { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(pinRows(env).get('sip:aidan@litwareinc.com')?.changed_at).toBe(Date.parse(NOW));
  });

  it('stdout closed with a chosen -Pin: the PIN is known, so it is set', async () => {
    const env = copyOf(sample);
    const result = await sh('Set-CsClientPin -Identity "litwareinc\\kenmyer" -Pin 18723834 >&-', { env });
    expect(result.code, result.stderr).toBe(0);
    expect(pinRows(env).get('sip:kenmyer@litwareinc.com')?.changed_at).toBe(Date.parse(NOW));
  });

  it('stdout at /dev/null by choice: the PINs are set, with one warning that nobody sees them (none with -Force)', async () => {
    const env = copyOf(sample);
    const result = await sh(`${FINANCE} | Set-CsClientPin > /dev/null`, { env });
    expect(result.code).toBe(0);
    expect(result.stderr.match(/^WARNING: stdout is \/dev\/null/gm)).toHaveLength(1);
    expect(pinRows(env).get('sip:aidan@litwareinc.com')?.changed_at).toBe(Date.parse(NOW));
    const forced = await sh(`${FINANCE} | Set-CsClientPin -Force > /dev/null`, { env });
    expect(forced.stderr).toBe('');
  });

  it('a file that others can read: one warning naming it and umask 077; a private file: none', async () => {
    const env = copyOf(sample);
    const dir = mkdtempSync(join(tmpdir(), 'cspin-pins-out-'));
    folders.push(dir);
    const open = await sh(`umask 022; ${FINANCE} | Set-CsClientPin -Force > pins.ndjson`, { env, cwd: dir });
    expect(open.code).toBe(0);
    expect(open.stderr.match(/^WARNING: .*pins\.ndjson.*umask 077/gm)).toHaveLength(1);
    expect(printedPins((await sh('cat pins.ndjson', { cwd: dir })).stdout)).toHaveLength(3);
    const closed = await sh(`umask 077; ${FINANCE} | Set-CsClientPin -Force > private.ndjson`, { env, cwd: dir });
    expect(closed.code).toBe(0);
    expect(closed.stderr).toBe('');
    expect(statSync(join(dir, 'private.ndjson')).mode & 0o077).toBe(0);
  });
});

describe('Set-CsClientPin stopped by a signal at a random point', () => {
  it.each([
    ['SIGINT', 5],
    ['SIGTERM', 2],
    ['SIGINT', 17],
    ['SIGTERM', 11],
  ] as const)('%s after %i lines: the command dies of the signal, and every user has the old state or the PIN printed', async (signal, after) => {
    const { env, order, before } = await bulk(40);
    const run = spawnBulkSet(env);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (printedPins(run.output()).length < after) return;
        clearInterval(timer);
        run.set.kill(signal);
        resolve();
      }, 2);
    });
    const { signal: died } = await run.closed;
    expect(died).toBe(signal);
    expect(run.stderr()).not.toMatch(/\n\s+at /);
    const printed = printedPins(run.output());
    const changed = await expectDeliveredOrUnchanged(env, order, before, printed);
    // Stopped cleanly: what was printed was committed, and nothing more.
    expect(changed).toEqual(printed.map((p) => p.Identity));
    expect(changed.length).toBeLessThan(order.length);
  }, 120_000);
});

describe('the same user twice in one stream', () => {
  it('Set-CsClientPin sets both PINs in order: the user keeps the second one printed', async () => {
    const env = copyOf(sample);
    const before = pinRows(env);
    const result = await sh('printf "%s\\n" sip:kenmyer@litwareinc.com sip:kenmyer@litwareinc.com | Set-CsClientPin', { env });
    expect(result.code, result.stderr).toBe(0);
    const printed = printedPins(result.stdout);
    expect(printed.map((p) => p.Identity)).toEqual(['sip:kenmyer@litwareinc.com', 'sip:kenmyer@litwareinc.com']);
    expect(printed[0]?.PIN).not.toBe(printed[1]?.PIN);
    expect(await expectDeliveredOrUnchanged(env, ['sip:kenmyer@litwareinc.com'], before, printed)).toEqual(['sip:kenmyer@litwareinc.com']);
  });

  it('Lock and Unlock take a stream of the same user in order; -PassThru shows each state as it was left', async () => {
    const env = copyOf(sample);
    const ken = 'sip:kenmyer@litwareinc.com';
    const lock = await sh(`printf "%s\\n" ${ken} ${ken} | Lock-CsClientPin -PassThru`, { env });
    expect(lock.objects.map((o) => o.IsLockedOut)).toEqual([true, true]);
    const unlock = await sh(`printf "%s\\n" ${ken} ${ken} | Unlock-CsClientPin -PassThru`, { env });
    expect(unlock.objects.map((o) => o.IsLockedOut)).toEqual([false, false]);
    expect(pinRows(env).get(ken)).toMatchObject({ locked: 0, local_failures: 0, global_failures: 0 });
  });

  it('Grant-CsPinPolicy (no work in flight: one transaction per record, in order) grants a user listed twice twice', async () => {
    const env = copyOf(sample);
    const ken = 'sip:kenmyer@litwareinc.com';
    expect((await sh('New-CsPinPolicy -Identity tag:first', { env })).code).toBe(0);
    const result = await sh(`printf "%s\\n" ${ken} ${ken} | Grant-CsPinPolicy -PolicyName first -PassThru`, { env });
    expect(result.code, result.stderr).toBe(0);
    const user = await sh(`Get-CsUser -Identity ${ken}`, { env });
    expect(user.objects[0]?.PinPolicy).toBe('first');
  });
});

/**
 * Lock-CsClientPin and Unlock-CsClientPin end to end (and -Confirm for all three PIN-changing
 * cmdlets): the real bins on copies of the sample directory, the PIN state read back from the file.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf, identities, sh } from '../support/shell.js';
import { AIDAN, FINANCE, KEN, PILAR, pinRows, sampleCopyPerTest, withDb } from '../pins/pinState.js';

let env: NodeJS.ProcessEnv;
sampleCopyPerTest((copy) => (env = copy));

const run = (command: string, input?: string) => sh(command, { env, input });
const info = async (identity: string) => (await run(`Get-CsClientPinInfo -Identity "${identity}"`)).objects[0];

/** Failure counters and a temporary lockout for a user, set straight in the file. */
function fail(sam: string): void {
  withDb(env, (db) =>
    db.exec(`UPDATE pins SET local_failures = 7, global_failures = 40, window_start = 1000, locked_until = 9999999999999
      WHERE key_id = (SELECT id FROM users WHERE sam = '${sam}')`),
  );
}

describe('Lock-CsClientPin', () => {
  it('Lock-CsClientPin locks the PIN, writes nothing, and keeps the hash and the failure counters', async () => {
    fail('kenmyer');
    const before = pinRows(env).get(KEN);
    const result = await run('Lock-CsClientPin -Identity "kenmyer@litwareinc.com"');
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(pinRows(env).get(KEN)).toEqual({ ...before, locked: 1 });
    expect(await info(KEN)).toMatchObject({ IsPinSet: true, IsLockedOut: true });
  });

  it('Lock-CsClientPin -PassThru writes the PinInfoDetails after the change', async () => {
    const result = await run(`${FINANCE} | Lock-CsClientPin -PassThru`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects.map((o) => [o.PSTypeName, o.Identity, o.IsLockedOut])).toEqual(
      [KEN, PILAR, AIDAN].map((sip) => ['Microsoft.Rtc.Management.UserPinService.PinInfoDetails', sip, true]),
    );
    expect(result.objects.map((o) => o.IsPinSet)).toEqual([true, true, false]);
  });

  it('Lock-CsClientPin locks a user without a PIN; a PIN set later stays locked until Unlock-CsClientPin', async () => {
    expect((await run(`Lock-CsClientPin ${AIDAN}`)).code).toBe(0);
    expect(await info(AIDAN)).toMatchObject({ IsPinSet: false, IsLockedOut: true });
    const set = await run(`Set-CsClientPin ${AIDAN}`);
    expect(set.stderr).toContain('is locked');
    expect(await info(AIDAN)).toMatchObject({ IsPinSet: true, IsLockedOut: true });
    expect((await run(`Unlock-CsClientPin ${AIDAN}`)).code).toBe(0);
    expect(await info(AIDAN)).toMatchObject({ IsPinSet: true, IsLockedOut: false });
  });
});

describe('Unlock-CsClientPin', () => {
  it('Unlock-CsClientPin unlocks the PIN and resets the global and local failure counters and the temporary lockout', async () => {
    fail('pilar');
    const before = pinRows(env).get(PILAR);
    expect(before?.locked).toBe(1);
    const result = await run('Unlock-CsClientPin -Identity "Pilar Ackerman"');
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(pinRows(env).get(PILAR)).toEqual({
      ...before,
      locked: 0,
      local_failures: 0,
      global_failures: 0,
      window_start: null,
      locked_until: null,
    });
  });

  it('Unlock-CsClientPin of a user who never had a PIN changes nothing and succeeds', async () => {
    const before = pinRows(env);
    const result = await run(`Unlock-CsClientPin ${AIDAN} -PassThru`);
    expect(result.code).toBe(0);
    expect(result.objects).toMatchObject([{ Identity: AIDAN, IsPinSet: false, IsLockedOut: false }]);
    expect(pinRows(env)).toEqual(before);
  });

  it('Unlock-CsClientPin takes the PinInfoDetails of Get-CsClientPinInfo by property name', async () => {
    const locked = ['sip:pilar@litwareinc.com', 'sip:wendyr@litwareinc.com', 'sip:yanli@litwareinc.com'];
    const result = await run('Get-CsClientPinInfo | Unlock-CsClientPin -PassThru', locked.join('\n'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects.map((o) => [o.Identity, o.IsLockedOut])).toEqual(locked.map((sip) => [sip, false]));
  });
});

describe.each([['Lock-CsClientPin'], ['Unlock-CsClientPin']])('%s identities', (cmdlet) => {
  it(`${cmdlet} refuses a display name shared by two users and changes neither, but a wildcard changes both`, async () => {
    const before = pinRows(env);
    const ambiguous = await run(`${cmdlet} -Identity "Chris Preston"`);
    expect(ambiguous.code).toBe(1);
    expect(errorsOf(ambiguous).map((e) => e.errorId)).toEqual(['AmbiguousIdentity']);
    expect(pinRows(env)).toEqual(before);
    const wildcard = await run(`${cmdlet} -Identity "Chris*" -PassThru`);
    expect(identities(wildcard.objects)).toEqual(['sip:chrisp@litwareinc.com', 'sip:cpreston@litwareinc.com']);
  });

  it(`${cmdlet} goes on after a record that names nobody`, async () => {
    const result = await run(`${cmdlet} -PassThru`, 'litwareinc\\nobody\nlitwareinc\\kenmyer\n');
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['ManagementObjectNotFound', 1]]);
    expect(result.objects.map((o) => o.Identity)).toEqual([KEN]);
  });

  it(`${cmdlet} -WhatIf names each user and changes nothing`, async () => {
    const before = pinRows(env);
    const result = await run(`${FINANCE} | ${cmdlet} -WhatIf -PassThru`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.match(new RegExp(`^What if: Performing the operation "${cmdlet}" on target "sip:[^"]+"\\.$`, 'gm'))).toHaveLength(3);
    expect(pinRows(env)).toEqual(before);
  });
});

/** Single-quotes a command line for `script -c '...'`. */
const quote = (command: string) => `'${command.replace(/'/g, `'\\''`)}'`;

describe('-Confirm on the PIN-changing cmdlets', () => {
  it.each([['Set-CsClientPin'], ['Lock-CsClientPin'], ['Unlock-CsClientPin']])(
    '%s -Confirm asks on the terminal for each user and changes only those answered Yes',
    async (cmdlet) => {
      if (cmdlet === 'Unlock-CsClientPin') expect((await run(`${FINANCE} | Lock-CsClientPin`)).code).toBe(0);
      const before = pinRows(env);
      const session = await sh(`script -qfec ${quote(`${FINANCE} | ${cmdlet} -Confirm -Force`)} /dev/null`, { env, input: 'y\nn\ny\n' });
      const text = session.stdout.replace(/\r/g, '');
      const asked = [...text.matchAll(new RegExp(`^Performing the operation "${cmdlet}" on target "(sip:[^"]+)"\\.$`, 'gm'))].map((m) => m[1]);
      expect(asked).toEqual([KEN, PILAR, AIDAN]);
      const after = pinRows(env);
      const changed = [KEN, PILAR, AIDAN].filter((sip) => JSON.stringify(after.get(sip)) !== JSON.stringify(before.get(sip)));
      expect(changed).toEqual([KEN, AIDAN]);
      expect(after.get(PILAR)).toEqual(before.get(PILAR));
    },
  );

  it.each([['Set-CsClientPin'], ['Lock-CsClientPin'], ['Unlock-CsClientPin']])(
    '%s -Confirm without a terminal is a usage error before anything is read or changed',
    async (cmdlet) => {
      const before = pinRows(env);
      const result = await run(`setsid -w bash -c ${quote(`${FINANCE} | ${cmdlet} -Confirm`)}`);
      expect(result.code).toBe(2);
      expect(errorsOf(result).map((e) => e.errorId)).toEqual(['NoTerminalForConfirm']);
      expect(pinRows(env)).toEqual(before);
    },
  );
});

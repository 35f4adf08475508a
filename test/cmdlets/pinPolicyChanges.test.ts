/**
 * Changing PIN policies end to end: what New/Set/Remove-CsPinPolicy store (read back with
 * Get-CsPinPolicy), the Global rules, null values in bash, -Instance pipelines, the site warning,
 * -WhatIf (nothing changes) and -Confirm on a terminal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOf, policiesOf } from '../support/sampleCopy.js';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

let template: string;
beforeAll(async () => {
  template = (await sampleDirectory()).CSPIN_DB ?? '';
});

const fresh = () => copyOf(template, { CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' });

/** Runs a command that must succeed silently. */
async function ok(command: string, env: NodeJS.ProcessEnv): Promise<void> {
  const result = await sh(command, { env });
  expect(result.code, `${command}: ${result.stderr}`).toBe(0);
  expect(result.stderr, command).toBe('');
}

describe.concurrent('what New-CsPinPolicy and Set-CsPinPolicy store', () => {
  it('New-CsPinPolicy stores the given values and the defaults for the rest, and writes nothing', async () => {
    const env = fresh();
    const result = await sh("New-CsPinPolicy RedmondUsers -MinPasswordLength 7 -AllowCommonPatterns '$True' -Description 'Redmond staff'", { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect((await policiesOf(env))['tag:RedmondUsers']).toEqual({
      PSTypeName: 'Microsoft.Rtc.Management.WritableConfig.Policy.UserPin.UserPinPolicy',
      Identity: 'tag:RedmondUsers',
      Description: 'Redmond staff',
      MinPasswordLength: 7,
      PINHistoryCount: 0,
      AllowCommonPatterns: true,
      PINLifetime: 0,
      MaximumLogonAttempts: null,
    });
  });

  it.each([["'$True'", true], ['True', true], ['1', true], ["'$false'", false], ['false', false], ['0', false]])(
    'Set-CsPinPolicy -AllowCommonPatterns %s stores %s',
    async (text, want) => {
      const env = fresh();
      await ok(`Set-CsPinPolicy -AllowCommonPatterns true && Set-CsPinPolicy -AllowCommonPatterns ${text}`, env);
      expect((await policiesOf(env)).Global?.AllowCommonPatterns).toBe(want);
    },
  );

  it.each([
    ["'$null'", "-MaximumLogonAttempts '$null'"],
    ['an empty value', "-MaximumLogonAttempts ''"],
    ['-MaximumLogonAttempts: (an unquoted $null in bash)', '-MaximumLogonAttempts:$null'],
    ['-MaximumLogonAttempts:$NULL', "'-MaximumLogonAttempts:$NULL'"],
  ])('Set-CsPinPolicy clears MaximumLogonAttempts with %s', async (_case, argument) => {
    const env = fresh();
    await ok('Set-CsPinPolicy -MaximumLogonAttempts 25', env);
    expect((await policiesOf(env)).Global?.MaximumLogonAttempts).toBe(25);
    await ok(`Set-CsPinPolicy ${argument}`, env);
    expect((await policiesOf(env)).Global?.MaximumLogonAttempts).toBeNull();
  });

  it('Set-CsPinPolicy -MaximumLogonAttempts with nothing after it (bash ate $null at the end of the line) is MissingArgument', async () => {
    const result = await sh('Set-CsPinPolicy -MaximumLogonAttempts $null', { env: fresh() });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['MissingArgument']);
  });

  it('Set-CsPinPolicy -Description with an empty value clears the description', async () => {
    const env = fresh();
    await ok("Set-CsPinPolicy -Description 'All users' && Set-CsPinPolicy -Description ''", env);
    expect((await policiesOf(env)).Global?.Description).toBeNull();
  });

  it('Set-CsPinPolicy changes only the properties it is given, on the policy it names', async () => {
    const env = fresh();
    await ok('New-CsPinPolicy tag:A -MinPasswordLength 8 -PINHistoryCount 2 && New-CsPinPolicy tag:B && Set-CsPinPolicy -Identity A -PINLifetime 10', env);
    const stored = await policiesOf(env);
    expect(stored['tag:A']).toMatchObject({ MinPasswordLength: 8, PINHistoryCount: 2, PINLifetime: 10 });
    expect(stored['tag:B']).toMatchObject({ MinPasswordLength: 5, PINHistoryCount: 0, PINLifetime: 0 });
    expect(stored.Global).toMatchObject({ MinPasswordLength: 5, PINLifetime: 0 });
  });

  it('Set-CsPinPolicy on a policy that does not exist is the not-found error and creates nothing', async () => {
    const env = fresh();
    const result = await sh('Set-CsPinPolicy -Identity site:Nowhere -MinPasswordLength 8', { env });
    expect(result.code).toBe(1);
    expect(errorsOf(result)).toMatchObject([{ errorId: 'ManagementObjectNotFound', target: 'site:Nowhere' }]);
    expect(Object.keys(await policiesOf(env))).toEqual(['Global']);
  });
});

describe.concurrent('the global policy', () => {
  it.each([['Global'], ['global'], ['GLOBAL']])('New-CsPinPolicy -Identity %s fails with GlobalPolicyExists and changes nothing', async (name) => {
    const env = fresh();
    const result = await sh(`New-CsPinPolicy -Identity ${name} -MinPasswordLength 9`, { env });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['GlobalPolicyExists']);
    expect((await policiesOf(env)).Global?.MinPasswordLength).toBe(5);
  });

  it('New-CsPinPolicy of an existing site or per-user policy fails with PolicyAlreadyExists and keeps the old values', async () => {
    const env = fresh();
    await ok('New-CsPinPolicy -Force site:Paris -MinPasswordLength 6', env);
    const result = await sh('New-CsPinPolicy -Force SITE:paris -MinPasswordLength 9', { env });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['PolicyAlreadyExists']);
    expect((await policiesOf(env))['site:Paris']?.MinPasswordLength).toBe(6);
  });

  it('Remove-CsPinPolicy -Identity Global resets every property to its default and keeps the policy', async () => {
    const env = fresh();
    await ok("Set-CsPinPolicy -MinPasswordLength 11 -PINHistoryCount 4 -PINLifetime 60 -MaximumLogonAttempts 7 -AllowCommonPatterns True -Description x", env);
    await ok('Remove-CsPinPolicy -Identity Global', env);
    expect((await policiesOf(env)).Global).toMatchObject({ Description: null, MinPasswordLength: 5, PINHistoryCount: 0, AllowCommonPatterns: false, PINLifetime: 0, MaximumLogonAttempts: null });
  });

  it('Remove-CsPinPolicy deletes a site policy and reports a missing one as not found', async () => {
    const env = fresh();
    await ok('New-CsPinPolicy -Force site:Paris && Remove-CsPinPolicy site:paris', env);
    expect(Object.keys(await policiesOf(env))).toEqual(['Global']);
    const again = await sh('Remove-CsPinPolicy site:Paris', { env });
    expect(again.code).toBe(1);
    expect(errorsOf(again).map((e) => e.errorId)).toEqual(['ManagementObjectNotFound']);
  });
});

describe.concurrent('policy objects through the pipeline', () => {
  it('Get-CsPinPolicy | Set-CsPinPolicy changes every policy and keeps each one\'s other values', async () => {
    const env = fresh();
    await ok('New-CsPinPolicy -Force site:Paris -PINHistoryCount 3 && New-CsPinPolicy tag:T -MaximumLogonAttempts 9', env);
    await ok('Get-CsPinPolicy | Set-CsPinPolicy -MinPasswordLength 10', env);
    const stored = await policiesOf(env);
    expect(Object.values(stored).map((p) => p.MinPasswordLength)).toEqual([10, 10, 10]);
    expect(stored['site:Paris']?.PINHistoryCount).toBe(3);
    expect(stored['tag:T']?.MaximumLogonAttempts).toBe(9);
  });

  it('New-CsPinPolicy -InMemory writes the policy object and stores nothing; Set-CsPinPolicy creates it from that object', async () => {
    const env = fresh();
    const memory = await sh('New-CsPinPolicy -Identity tag:Later -MinPasswordLength 6 -InMemory', { env });
    expect(memory.objects).toMatchObject([{ Identity: 'tag:Later', MinPasswordLength: 6, PINLifetime: 0 }]);
    expect(Object.keys(await policiesOf(env))).toEqual(['Global']);
    await ok('New-CsPinPolicy -Identity tag:Later -MinPasswordLength 6 -InMemory | Set-CsPinPolicy -PINHistoryCount 1 -PINLifetime 30', env);
    expect((await policiesOf(env))['tag:Later']).toMatchObject({ MinPasswordLength: 6, PINHistoryCount: 1, PINLifetime: 30 });
  });

  it('Set-CsPinPolicy restores saved policies from a file, re-creating removed ones', async () => {
    const env = fresh();
    const saved = `${String(env.CSPIN_DB)}.saved.ndjson`;
    await ok(`New-CsPinPolicy tag:Saved -MinPasswordLength 12 && Get-CsPinPolicy > ${saved} && Remove-CsPinPolicy tag:Saved`, env);
    await ok(`Set-CsPinPolicy < ${saved}`, env);
    expect((await policiesOf(env))['tag:Saved']?.MinPasswordLength).toBe(12);
  });

  it('Set-CsPinPolicy reports each bad pipeline object and goes on with the next', async () => {
    const env = fresh();
    const input = ['"Global"', '{"MinPasswordLength":8}', '{"Identity":"Global","MinPasswordLength":3}', '{"Identity":"Global","PINLifetime":5}', '{"Identity":"Global","MinPasswordLength":9}'].join('\n');
    const result = await sh('Set-CsPinPolicy', { env, input: `${input}\n` });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.record, e.errorId])).toEqual([
      [1, 'InputObjectNotBound'],
      [2, 'InvalidPolicyInstance'],
      [3, 'ParameterArgumentValidationError'],
      [4, 'PinLifetimeRequiresHistory'],
    ]);
    expect((await policiesOf(env)).Global).toMatchObject({ MinPasswordLength: 9, PINLifetime: 0 });
  });

  it('Set-CsPinPolicy refuses -Identity together with -Instance', async () => {
    const result = await sh('Set-CsPinPolicy -Identity Global -Instance \'{"Identity":"Global"}\'', { env: fresh() });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['AmbiguousParameterSet']);
  });
});

describe.concurrent('the site warning', () => {
  it('New-CsPinPolicy for a site that no pool is in warns, and -Force silences it', async () => {
    const env = fresh();
    const warned = await sh('New-CsPinPolicy site:Atlantis', { env });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('WARNING: No registrar pool is in the site "Atlantis"');
    const forced = await sh('New-CsPinPolicy site:Lemuria -Force', { env });
    expect(forced.stderr).toBe('');
    const mapped = await sh('cspin site set red-cs-001.litwareinc.com Redmond && New-CsPinPolicy site:Redmond', { env });
    expect(mapped.stderr).toBe('');
  });
});

describe.concurrent('-WhatIf and -Confirm', () => {
  it.each([
    ['New-CsPinPolicy', 'New-CsPinPolicy tag:W -MinPasswordLength 9 -WhatIf', 'New-CsPinPolicy', 'tag:W'],
    ['Set-CsPinPolicy', 'Set-CsPinPolicy -MinPasswordLength 9 -WhatIf', 'Set-CsPinPolicy', 'Global'],
    ['Set-CsPinPolicy from the pipeline', 'Get-CsPinPolicy -Identity Keep | Set-CsPinPolicy -MinPasswordLength 9 -wi', 'Set-CsPinPolicy', 'tag:Keep'],
    ['Remove-CsPinPolicy on a per-user policy', 'Remove-CsPinPolicy tag:Keep -WhatIf', 'Remove-CsPinPolicy', 'tag:Keep'],
    ['Remove-CsPinPolicy on Global', 'Remove-CsPinPolicy Global -WhatIf', 'Remove-CsPinPolicy', 'Global'],
  ])('%s -WhatIf prints the What if line and changes nothing', async (_case, command, action, target) => {
    const env = fresh();
    await ok('Set-CsPinPolicy -MinPasswordLength 7 && New-CsPinPolicy tag:Keep -MinPasswordLength 8', env);
    const before = await policiesOf(env);
    const result = await sh(command, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`What if: Performing the operation "${action}" on target "${target}".\n`);
    expect(await policiesOf(env)).toEqual(before);
  });

  const quote = (command: string) => `'${command.replace(/'/g, `'\\''`)}'`;
  it.each([
    ['n', 5],
    ['y', 9],
  ])('Set-CsPinPolicy -Confirm answered %s on a terminal leaves MinPasswordLength at %i', async (answer, want) => {
    const env = fresh();
    const session = await sh(`script -qfec ${quote('Set-CsPinPolicy -MinPasswordLength 9 -Confirm')} /dev/null`, { env, input: `${answer}\n` });
    expect(session.stdout).toContain('Performing the operation "Set-CsPinPolicy" on target "Global".');
    expect((await policiesOf(env)).Global?.MinPasswordLength).toBe(want);
  });

  it('Remove-CsPinPolicy without -Confirm does not prompt (ConfirmImpact Medium), so it runs without a terminal', async () => {
    const env = fresh();
    const result = await sh(`setsid -w bash -c ${quote('New-CsPinPolicy tag:Gone && Remove-CsPinPolicy tag:Gone')}`, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(await policiesOf(env))).toEqual(['Global']);
  });
});

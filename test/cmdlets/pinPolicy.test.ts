/**
 * Get/New/Set/Remove-CsPinPolicy end to end through the real bins on copies of the sample directory:
 * every range boundary in and out, the lifetime/history rule on the resulting policy, Global (never
 * created, reset instead of removed), -Filter wildcards, -Instance pipelines, -WhatIf and -Confirm.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOf, policiesOf } from '../support/sampleCopy.js';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';
import { DEFAULT_GLOBAL_POLICY } from '../support/sampleObjects.js';

let template: string;
beforeAll(async () => {
  template = (await sampleDirectory()).CSPIN_DB ?? '';
});

const fresh = () => copyOf(template, { CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' });

const DEFAULT_GLOBAL = DEFAULT_GLOBAL_POLICY;

describe('Get-CsPinPolicy', () => {
  it('Get-CsPinPolicy piped writes the default global policy as NDJSON, properties in the documented order', async () => {
    const result = await sh('Get-CsPinPolicy | cat', { env: fresh() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(DEFAULT_GLOBAL)}\n`);
  });

  // An empty value keeps the space after the colon, as PowerShell 7.6's list view writes it.
  it('Get-CsPinPolicy on a terminal view prints the documented list block', async () => {
    const result = await sh('Get-CsPinPolicy', { env: { ...fresh(), CSPIN_FORMAT: 'list' } });
    expect(result.stdout).toContain(
      'Identity             : Global\nDescription          : \nMinPasswordLength    : 5\nPINHistoryCount      : 0\nAllowCommonPatterns  : False\nPINLifetime          : 0\nMaximumLogonAttempts : \n',
    );
  });

  describe('with site and per-user policies', () => {
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      env = fresh();
      const made = await sh('for p in site:Seattle site:Redmond site:Saskatoon tag:Sales tag:Contractors; do New-CsPinPolicy -Force $p || exit 1; done', { env });
      expect(made.code, made.stderr).toBe(0);
    });

    it('Get-CsPinPolicy without parameters lists Global first, then site, then per-user policies, each by name', async () => {
      const result = await sh('Get-CsPinPolicy', { env });
      expect(result.objects.map((o) => o.Identity)).toEqual(['Global', 'site:Redmond', 'site:Saskatoon', 'site:Seattle', 'tag:Contractors', 'tag:Sales']);
    });

    it.each([
      ['site:*', ['site:Redmond', 'site:Saskatoon', 'site:Seattle']],
      ['site:S*', ['site:Saskatoon', 'site:Seattle']],
      ['SITE:s*', ['site:Saskatoon', 'site:Seattle']],
      ['tag:*', ['tag:Contractors', 'tag:Sales']],
      ['*a*', ['Global', 'site:Saskatoon', 'site:Seattle', 'tag:Contractors', 'tag:Sales']],
      ['Glob?l', ['Global']],
      ['site:[RS]e*', ['site:Redmond', 'site:Seattle']],
      ['tag:Nobody*', []],
    ])('Get-CsPinPolicy -Filter %j matches the Identity with PowerShell wildcards, case-insensitively', async (filter, want) => {
      const result = await sh(`Get-CsPinPolicy -Filter '${filter}'`, { env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.objects.map((o) => o.Identity)).toEqual(want);
    });

    it.each([
      ['site:redmond', 'site:Redmond'],
      ['Sales', 'tag:Sales'],
      ['tag:SALES', 'tag:Sales'],
      ['global', 'Global'],
    ])('Get-CsPinPolicy -Identity %j finds %s (a bare name is tag:, case-insensitive)', async (given, identity) => {
      const result = await sh(`Get-CsPinPolicy -Identity '${given}'`, { env });
      expect(result.objects.map((o) => o.Identity)).toEqual([identity]);
    });

    it('Get-CsPinPolicy -Identity of a missing policy is the standard not-found error, exit 1', async () => {
      const result = await sh('Get-CsPinPolicy site:Nowhere', { env });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(errorsOf(result)).toMatchObject([{ errorId: 'ManagementObjectNotFound', message: 'Management object not found for identity "site:Nowhere".' }]);
    });
  });

  it.each([
    ['-Identity with a wildcard', "Get-CsPinPolicy -Identity 'site:*'", 'CannotConvertArgumentNoMessage'],
    ['-Identity and -Filter together', "Get-CsPinPolicy -Identity Global -Filter 'site:*'", 'AmbiguousParameterSet'],
    ['an invalid wildcard pattern', "Get-CsPinPolicy -Filter 'site:[x'", 'InvalidFilter'],
    ['an Identity of another scope', 'Get-CsPinPolicy service:Registrar:pool', 'CannotConvertArgumentNoMessage'],
  ])('Get-CsPinPolicy refuses %s with a usage error (exit 2)', async (_case, command, errorId) => {
    const result = await sh(command, { env: fresh() });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual([errorId]);
  });
});

describe('New-CsPinPolicy and Set-CsPinPolicy ranges', () => {
  it.each([
    ['the lower bounds', '-MinPasswordLength 4 -PINHistoryCount 0 -PINLifetime 0 -MaximumLogonAttempts 1', { MinPasswordLength: 4, PINHistoryCount: 0, PINLifetime: 0, MaximumLogonAttempts: 1 }],
    ['the upper bounds', '-MinPasswordLength 24 -PINHistoryCount 20 -PINLifetime 999 -MaximumLogonAttempts 999', { MinPasswordLength: 24, PINHistoryCount: 20, PINLifetime: 999, MaximumLogonAttempts: 999 }],
  ])('New-CsPinPolicy and Set-CsPinPolicy store %s', async (_case, values, want) => {
    const env = fresh();
    const result = await sh(`New-CsPinPolicy tag:Edge ${values} && Set-CsPinPolicy ${values}`, { env });
    expect(result.code, result.stderr).toBe(0);
    const stored = await policiesOf(env);
    expect(stored['tag:Edge']).toMatchObject(want);
    expect(stored.Global).toMatchObject(want);
  });

  it.each([
    ['MinPasswordLength', '3'],
    ['MinPasswordLength', '25'],
    ['PINHistoryCount', '21'],
    ['PINLifetime', '1000'],
    ['MaximumLogonAttempts', '0'],
    ['MaximumLogonAttempts', '1000'],
  ])('-%s %s is ParameterArgumentValidationError (exit 2) and changes nothing', async (name, value) => {
    const env = fresh();
    for (const command of [`New-CsPinPolicy tag:Out -${name} ${value}`, `Set-CsPinPolicy -${name} ${value}`]) {
      const result = await sh(command, { env });
      expect(result.code, command).toBe(2);
      expect(errorsOf(result).map((e) => e.errorId)).toEqual(['ParameterArgumentValidationError']);
    }
    expect(await policiesOf(env)).toEqual({ Global: DEFAULT_GLOBAL });
  });

  it.each([
    ['a negative number', 'MinPasswordLength', '-1'],
    ['a fraction', 'PINLifetime', '1.5'],
    ['text', 'PINHistoryCount', 'ten'],
    ['an empty value (not nullable)', 'MinPasswordLength', "''"],
  ])('-%s given %s is CannotConvertArgumentNoMessage (exit 2), as PowerShell says for a failed conversion', async (_case, name, value) => {
    const result = await sh(`Set-CsPinPolicy -${name} ${value}`, { env: fresh() });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['CannotConvertArgumentNoMessage']);
  });
});

describe('the lifetime/history rule', () => {
  const UNCHANGED = { PINHistoryCount: 0, PINLifetime: 0 };
  it.each([
    // The command line's own values break the rule: a usage error before anything is read.
    ['New-CsPinPolicy with a lifetime and no history', 'New-CsPinPolicy tag:T -PINLifetime 30', 2, UNCHANGED],
    ['New-CsPinPolicy with a lifetime and a history of 0', 'New-CsPinPolicy tag:T -PINLifetime 30 -PINHistoryCount 0', 2, UNCHANGED],
    ['New-CsPinPolicy -InMemory with a lifetime and no history', 'New-CsPinPolicy tag:T -PINLifetime 30 -InMemory', 2, UNCHANGED],
    ['Set-CsPinPolicy given a lifetime and a history of 0', 'Set-CsPinPolicy -PINLifetime 30 -PINHistoryCount 0', 2, UNCHANGED],
    // A value breaks it together with the stored policy's other value: that policy's error.
    ['Set-CsPinPolicy on Global with a lifetime and its history at 0', 'Set-CsPinPolicy -PINLifetime 1', 1, UNCHANGED],
    ['Set-CsPinPolicy taking the history of a policy with a lifetime back to 0', 'Set-CsPinPolicy -PINHistoryCount 2 -PINLifetime 30 && Set-CsPinPolicy -PINHistoryCount 0', 1, { PINHistoryCount: 2, PINLifetime: 30 }],
  ])('%s fails with PinLifetimeRequiresHistory (exit %i) and changes nothing', async (_case, command, code, global) => {
    const env = fresh();
    const result = await sh(command, { env });
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['PinLifetimeRequiresHistory']);
    const stored = await policiesOf(env);
    expect(Object.keys(stored)).toEqual(['Global']);
    expect(stored.Global).toMatchObject(global);
  });

  it('Set-CsPinPolicy -PINLifetime alone is accepted when the stored policy already has a history', async () => {
    const env = fresh();
    const result = await sh('Set-CsPinPolicy -PINHistoryCount 3 && Set-CsPinPolicy -PINLifetime 90', { env });
    expect(result.code, result.stderr).toBe(0);
    expect((await policiesOf(env)).Global).toMatchObject({ PINHistoryCount: 3, PINLifetime: 90 });
  });
});

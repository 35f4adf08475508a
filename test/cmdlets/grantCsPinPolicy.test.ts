/**
 * Grant-CsPinPolicy end to end: assigning and unassigning per-user policies (read back through
 * Get-CsUser's PinPolicy), -PassThru, pipeline input (ADUser and PinInfoDetails objects), ambiguous
 * and unknown identities, an unknown policy, -WhatIf, and Remove-CsPinPolicy unassigning its users.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOf } from '../support/sampleCopy.js';
import { errorsOf, identities, sampleDirectory, sh } from '../support/shell.js';

let template: string;
beforeAll(async () => {
  const base = await sampleDirectory();
  // One template with the per-user policies these tests grant.
  const made = await sh('New-CsPinPolicy RedmondUsers -MinPasswordLength 7 && New-CsPinPolicy tag:Contractors', { env: base });
  if (made.code !== 0) throw new Error(made.stderr);
  template = base.CSPIN_DB ?? '';
});

const fresh = () => copyOf(template, { CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' });

/** Every user's PinPolicy, by SamAccountName, as Get-CsUser shows it (only the assigned ones). */
async function assignments(env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const result = await sh('Get-CsUser', { env });
  return Object.fromEntries(result.objects.filter((u) => u.PinPolicy !== null).map((u) => [String(u.SamAccountName), u.PinPolicy]));
}

const ADUSER_PROPERTIES = ['Identity', 'SipAddress', 'UserPrincipalName', 'SamAccountName', 'DisplayName', 'Enabled', 'RegistrarPool', 'LineUri', 'EnterpriseVoiceEnabled', 'PinPolicy'];

describe.concurrent('Grant-CsPinPolicy assigns', () => {
  it.each([
    ['the bare name', 'RedmondUsers'],
    ['the name in another case', 'redmondusers'],
    ['the name with tag:', 'tag:RedmondUsers'],
  ])('Grant-CsPinPolicy given %s stores the policy\'s own name, which Get-CsUser shows as PinPolicy', async (_case, name) => {
    const env = fresh();
    const result = await sh(`Grant-CsPinPolicy -Identity kenmyer@litwareinc.com -PolicyName ${name}`, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(await assignments(env)).toEqual({ kenmyer: 'RedmondUsers' });
  });

  it('Grant-CsPinPolicy -PassThru writes the ADUser object with its new PinPolicy', async () => {
    const env = fresh();
    const result = await sh('Grant-CsPinPolicy "litwareinc\\pilar" RedmondUsers -PassThru', { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toHaveLength(1);
    const [user] = result.objects;
    expect(Object.keys(user ?? {})).toEqual(['PSTypeName', ...ADUSER_PROPERTIES]);
    expect(user).toMatchObject({ PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser', Identity: 'CN=Pilar Ackerman,OU=Finance,DC=litwareinc,DC=com', PinPolicy: 'RedmondUsers' });
    const again = await sh('Get-CsUser "litwareinc\\pilar"', { env });
    expect(again.objects).toEqual(result.objects);
  });

  it('Get-CsUser -OU | Grant-CsPinPolicy assigns the policy to every user of the OU', async () => {
    const env = fresh();
    const result = await sh('Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Grant-CsPinPolicy -PolicyName Contractors', { env });
    expect(result.code, result.stderr).toBe(0);
    expect(await assignments(env)).toEqual({ aidan: 'Contractors', kenmyer: 'Contractors', pilar: 'Contractors' });
  });

  it('PinInfoDetails objects bind by their Identity, so Get-CsClientPinInfo output pipes into Grant-CsPinPolicy', async () => {
    const env = fresh();
    const result = await sh('Get-CsUser -LdapFilter "Title=Manager" | Get-CsClientPinInfo | Grant-CsPinPolicy -PolicyName RedmondUsers -PassThru', { env });
    expect(result.code, result.stderr).toBe(0);
    expect(identities(result.objects)).toEqual(
      ['CN=Aidan Delaney,OU=Payroll,OU=Finance,DC=litwareinc,DC=com', 'CN=David Longmuir,OU=Sales,DC=litwareinc,DC=com', 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com'].map((s) => s.toLowerCase()).sort(),
    );
  });

  it('Grant-CsPinPolicy with a display-name wildcard assigns every match', async () => {
    const env = fresh();
    await sh('Grant-CsPinPolicy "Chris*" RedmondUsers', { env });
    expect(await assignments(env)).toEqual({ chrisp: 'RedmondUsers', cpreston: 'RedmondUsers' });
  });
});

describe.concurrent('Grant-CsPinPolicy unassigns', () => {
  it.each([
    ['-PolicyName omitted', 'Grant-CsPinPolicy kenmyer@litwareinc.com'],
    ["-PolicyName '$Null'", "Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName '$Null'"],
    ['-PolicyName with an empty value', "Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName ''"],
    ['-PolicyName:$Null (bash leaves -PolicyName:)', 'Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName:$Null'],
  ])('Grant-CsPinPolicy with %s clears the user\'s per-user policy and no one else\'s', async (_case, command) => {
    const env = fresh();
    const granted = await sh('Grant-CsPinPolicy kenmyer@litwareinc.com RedmondUsers && Grant-CsPinPolicy pilar@litwareinc.com RedmondUsers', { env });
    expect(granted.code, granted.stderr).toBe(0);
    const result = await sh(`${command} -PassThru`, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toMatchObject([{ SamAccountName: 'kenmyer', PinPolicy: null }]);
    expect(await assignments(env)).toEqual({ pilar: 'RedmondUsers' });
  });

  it('Remove-CsPinPolicy on a granted per-user policy unassigns it from its users and warns how many', async () => {
    const env = fresh();
    await sh('Grant-CsPinPolicy kenmyer@litwareinc.com RedmondUsers && Grant-CsPinPolicy pilar@litwareinc.com RedmondUsers && Grant-CsPinPolicy aidan@litwareinc.com Contractors', { env });
    const result = await sh('Remove-CsPinPolicy RedmondUsers', { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('WARNING: The PIN policy tag:RedmondUsers was granted to 2 user(s)');
    expect(await assignments(env)).toEqual({ aidan: 'Contractors' });
  });
});

describe.concurrent('Grant-CsPinPolicy errors', () => {
  it.each([
    ['a per-user policy that does not exist', 'Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName Nobody', 1, 'PolicyNotFound'],
    ['the global policy', 'Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName Global', 1, 'PolicyNotFound'],
    // Names that can never be a per-user policy: known wrong before the database is read.
    ['a site policy', 'Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName site:Redmond', 2, 'CannotConvertArgumentNoMessage'],
    ['a wildcard', "Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName 'Redmond*'", 2, 'CannotConvertArgumentNoMessage'],
  ])('Grant-CsPinPolicy naming %s fails (exit %i, %s) and assigns nothing', async (_case, command, code, errorId) => {
    const env = fresh();
    const result = await sh(command, { env });
    expect(result.code).toBe(code);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual([errorId]);
    expect(await assignments(env)).toEqual({});
  });

  it('Grant-CsPinPolicy refuses an ambiguous display name, names the candidates, and goes on with the next record', async () => {
    const env = fresh();
    const result = await sh('Grant-CsPinPolicy -PolicyName RedmondUsers', { env, input: 'Chris Preston\nnobody@litwareinc.com\nKen Myer\n' });
    expect(result.code).toBe(1);
    const errors = errorsOf(result);
    expect(errors.map((e) => [e.record, e.errorId])).toEqual([
      [1, 'AmbiguousIdentity'],
      [2, 'ManagementObjectNotFound'],
    ]);
    expect(errors[0]?.message).toContain('CN=Chris Preston,OU=IT,DC=litwareinc,DC=com');
    expect(await assignments(env)).toEqual({ kenmyer: 'RedmondUsers' });
  });

  it('Grant-CsPinPolicy -WhatIf prints a What if line per user and assigns nothing', async () => {
    const env = fresh();
    const result = await sh('Get-CsUser -OU "OU=Payroll,OU=Finance,DC=litwareinc,DC=com" | Grant-CsPinPolicy -PolicyName RedmondUsers -PassThru -WhatIf', { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('What if: Performing the operation "Grant-CsPinPolicy" on target "sip:aidan@litwareinc.com".\n');
    expect(await assignments(env)).toEqual({});
  });
});

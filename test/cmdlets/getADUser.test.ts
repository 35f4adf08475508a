/**
 * Get-ADUser end to end through real pipes, on the embedded sample directory and on slapd holding the
 * same sample (test/fixtures/ldap/litwareinc.ldif): every case must give the same answer on both.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adAccount } from '../../src/cmdlets/sampleAdUsers.js';
import { SAMPLE_LDIF, slapdMissing, startSlapd, type Slapd } from '../support/slapd.js';
import { sampleDirectory, sh } from '../support/shell.js';

const FINANCE = 'OU=Finance,DC=litwareinc,DC=com';

let embedded: NodeJS.ProcessEnv;
let slapd: Slapd | undefined;

beforeAll(async () => {
  embedded = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
  if (slapdMissing() === undefined) slapd = await startSlapd({ ldif: [SAMPLE_LDIF] });
});
afterAll(async () => {
  await slapd?.stop();
  rmSync(dirname(String(embedded.CSPIN_DB)), { recursive: true, force: true });
});

const backends = [
  ['the embedded directory', () => embedded],
  ['slapd', () => ({ ...embedded, CSPIN_LDAP_URL: slapd?.url ?? '', CSPIN_LDAP_BASE: 'DC=litwareinc,DC=com' })],
] as const;

/** The error ids of JSON error lines. */
const errorIds = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { errorId: string }).errorId);

const sams = (objects: readonly Record<string, unknown>[]) => objects.map((o) => o.SamAccountName);

describe.each(backends)('Get-ADUser on %s', (name, envOf) => {
  const skip = name === 'slapd' && slapdMissing() !== undefined;
  const run = (command: string, input?: string) => sh(command, { env: envOf(), input });

  it.skipIf(skip)('gets one user with the properties asked for, under the module names', async () => {
    const result = await run('Get-ADUser -Identity kenmyer -Properties Department, Title, Manager, City, OfficePhone');
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toEqual([
      adAccount('kenmyer', { City: 'Redmond', Department: 'Finance', Manager: null, OfficePhone: '+1 425 555 0101', Title: 'Manager' }),
    ]);
    expect(Object.keys(result.objects[0] ?? {})).toEqual(Object.keys(adAccount('kenmyer', { City: 1, Department: 1, Manager: 1, OfficePhone: 1, Title: 1 })));
  });

  it.skipIf(skip)('-Filter selects users with a SIP address or not', async () => {
    const result = await run('Get-ADUser -Filter \'Department -eq "Finance" -and Title -like "Man*"\' -Properties Department, Title');
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toEqual([adAccount('kenmyer', { Department: 'Finance', Title: 'Manager' }), adAccount('janec', { Department: 'Finance', Title: 'Manager' })]);
  });

  it.skipIf(skip)('-LDAPFilter below -SearchBase, and the scopes', async () => {
    const sub = await run(`Get-ADUser -LDAPFilter "(msRTCSIP-PrimaryUserAddress=*)" -SearchBase "${FINANCE}" -Properties msRTCSIP-PrimaryUserAddress, l`);
    expect(sub.code, sub.stderr).toBe(0);
    expect(sub.objects.map((o) => [o.SamAccountName, o['msRTCSIP-PrimaryUserAddress'], o.l])).toEqual([
      ['kenmyer', 'sip:kenmyer@litwareinc.com', 'Redmond'],
      ['pilar', 'sip:pilar@litwareinc.com', 'Redmond'],
      ['aidan', 'sip:aidan@litwareinc.com', 'Redmond'],
    ]);
    const one = await run(`Get-ADUser -Filter '*' -SearchBase "${FINANCE}" -SearchScope OneLevel`);
    expect(sams(one.objects).sort()).toEqual(['janec', 'kenmyer', 'pilar']);
    const base = await run(`Get-ADUser -Filter '*' -SearchBase "CN=Aidan Delaney,OU=Payroll,${FINANCE}" -SearchScope Base`);
    expect(sams(base.objects)).toEqual(['aidan']);
    const all = await run("Get-ADUser -Filter '*' | Measure-Object");
    expect(all.objects[0]?.Count).toBe(26);
    const two = await run('Get-ADUser -LDAPFilter "(l=Seattle)" -ResultSetSize 2');
    expect(two.objects).toHaveLength(2);
  });

  it.skipIf(skip)('-Identity takes the module forms and the Lync ones, from the pipeline too', async () => {
    const ids = [
      '1623ab97-9679-5735-a740-f8554e52aa0e',
      'litwareinc\\pilar',
      'sip:aidan@litwareinc.com',
      'wendyr@litwareinc.com',
      'CN=Jeff Hay,CN=Users,DC=litwareinc,DC=com',
      'yanli',
      'nobody',
      'fabrikam\\pilar',
    ];
    const result = await run('Get-ADUser', `${ids.join('\n')}\n`);
    expect(result.code).toBe(1);
    expect(sams(result.objects)).toEqual(['janec', 'pilar', 'aidan', 'wendyr', 'jeffh', 'yanli']);
    expect(errorIds(result.stderr)).toEqual(['ADIdentityNotFound', 'ADIdentityNotFound']);
  });

  it.skipIf(skip)('ADUser objects bind back to Get-ADUser and to Get-CsClientPinInfo', async () => {
    const result = await run('Get-ADUser -Identity kenmyer | Get-ADUser -Properties Title | Get-CsClientPinInfo');
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects.map((o) => [o.Identity, o.IsPinSet])).toEqual([['sip:kenmyer@litwareinc.com', true]]);
  });

  it.skipIf(skip)("the issue's report pipelines", async () => {
    const nopin = await run(
      'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet -eq False | Get-ADUser -Properties DisplayName, Department, msRTCSIP-PrimaryUserAddress | Select-Object DisplayName, msRTCSIP-PrimaryUserAddress, Department | ConvertTo-Csv',
    );
    expect(nopin.code, nopin.stderr).toBe(0);
    expect(nopin.stdout.split('\n').slice(0, 3)).toEqual([
      '"DisplayName","msRTCSIP-PrimaryUserAddress","Department"',
      '"Aidan Delaney","sip:aidan@litwareinc.com","Payroll"',
      '"Jonathan Smith","sip:jsmith@litwareinc.com","Sales"',
    ]);
    expect(nopin.stdout.trim().split('\n')).toHaveLength(11);
    const locked = await run('Get-CsUser | Get-CsClientPinInfo | Where-Object IsLockedOut -eq True | Get-ADUser -Properties Department | Group-Object Department -NoElement');
    expect(locked.code, locked.stderr).toBe(0);
    expect(locked.objects.map((o) => [o.Name, o.Count])).toEqual([['Finance', 1], ['Research', 1], ['Sales', 1]]);
  });

  it.skipIf(skip)('usage errors come before any search', async () => {
    expect((await run('Get-ADUser -Filter \'*\' -SearchBase "not a dn"')).code).toBe(2);
    expect((await run('Get-ADUser -Identity kenmyer -Filter \'*\'')).code).toBe(2);
    expect((await run('Get-ADUser -LDAPFilter "(&(l=x)"')).code).toBe(2);
    const none = await run('Get-ADUser');
    expect(none.code).toBe(2);
    expect(errorIds(none.stderr)).toEqual(['MissingMandatoryParameter']);
    const missing = await run("Get-ADUser -Filter '*' -SearchBase 'OU=Nowhere,DC=litwareinc,DC=com'");
    expect([missing.code, errorIds(missing.stderr)]).toEqual([1, ['OrganizationalUnitNotFound']]);
  });
});

/**
 * `cspin import` of real AD exports (test/fixtures/ad-exports/): Windows PowerShell 5.1's
 * `Get-ADUser -Filter * -Properties * | Export-Csv -Encoding UTF8` of litwareinc.com (BOM, #TYPE,
 * CRLF, 132 columns, type names where it lost lists and bytes, local dates of a New York machine) and
 * `ldifde -f users.ldf -d "OU=Finance,..." -r "(objectClass=user)"` (folded lines, base64 binary
 * values and dn, a computer account). Every expectation is written out by hand from the fixtures.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sh } from '../support/shell.js';

const FIXTURES = join(ROOT, 'test/fixtures/ad-exports');
const CSV = 'get-aduser-all.csv';
const LDIF = 'ldifde-users.ldf';
const FINANCE = 'OU=Finance,DC=litwareinc,DC=com';
const OLIVER = `CN=Bauer\\, Oliver,${FINANCE}`;
const SOREN = `CN=Søren Ødegaard,OU=Payroll,${FINANCE}`;
const SOREN_SID = 'S-1-5-21-2734969515-1644526116-3122330740-1107';

/** The users' ObjectGUIDs, as the fixtures' generator drew them (ldifde's are the same GUIDs in AD's byte order). */
const GUIDS: Readonly<Record<string, string>> = {
  Administrator: '81d6e569-1570-4d6c-ae1f-d6b11ac664de',
  asouza: '7f838a82-ddaa-4d8a-9a0e-b96eeab7f181',
  dokafor: 'bc9da2b9-89e1-41e6-8b99-8b239cf7140d',
  gwhitfield: 'e3b2c96e-1e2c-4dfa-a85f-7cb55150d026',
  hmarchand: '2afa4d59-5780-4f77-a9a6-2f2128218dae',
  mcampos: '9bf3c029-bd9c-4436-87c3-e791bb5cd334',
  mlindgren: 'e2e6b9f8-acef-44a0-9032-3c2237ca6359',
  obauer: '02a31039-1c80-4465-bc23-e2fb1b632785',
  praman: 'f8df3010-59e0-4b32-8cef-7c976abef240',
  sodegaard: 'c38c9f85-8a58-459e-bfb9-2a2b9b12eb18',
  sortiz: '7d51c7e8-c7a0-4a51-a9ac-807db4e81986',
  'svc-sqlreports': '47d42d27-8497-44ca-aea3-26fd98af780b',
  ytanabe: '61d5db0a-5f2e-4763-9b19-b6c49304acb1',
};
const FINANCE_USERS = ['asouza', 'hmarchand', 'mcampos', 'obauer', 'sodegaard'];
/** The [sam, key] rows of these users. */
const keyed = (sams: readonly string[]) => sams.map((sam) => [sam, GUIDS[sam]]);

let dir: string;
/** A database per import: the CSV alone, the LDIF alone, the CSV then the LDIF (two imports). */
const dbs = {} as Record<'csv' | 'ldif' | 'both', { env: NodeJS.ProcessEnv; stderr: string; code: number }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-adexports-'));
  for (const file of [CSV, LDIF]) copyFileSync(join(FIXTURES, file), join(dir, file));
  const imports = { csv: [CSV], ldif: [LDIF], both: [CSV, LDIF] } as const;
  for (const [name, files] of Object.entries(imports) as [keyof typeof imports, readonly string[]][]) {
    // The CSV was exported on a machine in New York: its dates are that zone's wall time.
    const env = { CSPIN_DB: join(dir, `${name}.db`), TZ: 'America/New_York' };
    const init = await sh('cspin init', { env, cwd: dir });
    expect(init.code).toBe(0);
    const result = await sh(files.map((file) => `cspin import ${file}`).join(' && '), { env, cwd: dir });
    dbs[name] = { env, stderr: result.stderr, code: result.code };
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The SamAccountNames Get-CsUser selects, sorted. */
async function selected(db: keyof typeof dbs, filter: string): Promise<string[]> {
  const result = await sh(`Get-CsUser -LdapFilter '${filter}' | Select-Object -ExpandProperty SamAccountName`, { env: dbs[db].env, cwd: dir });
  expect(result.stderr).toBe('');
  return result.objects.map(String).sort();
}

async function user(db: keyof typeof dbs, identity: string): Promise<Record<string, unknown>> {
  const result = await sh(`Get-CsUser -Identity '${identity}'`, { env: dbs[db].env, cwd: dir });
  expect(result.stderr).toBe('');
  expect(result.objects).toHaveLength(1);
  return result.objects[0] ?? {};
}

function query(db: keyof typeof dbs, sql: string): unknown[][] {
  const handle = new Database(dbs[db].env.CSPIN_DB ?? '', { readonly: true });
  try {
    return handle.prepare(sql).raw().all() as unknown[][];
  } finally {
    handle.close();
  }
}

const OLIVER_USER = {
  Identity: OLIVER, SipAddress: 'sip:oliver.bauer@litwareinc.com', UserPrincipalName: 'obauer@litwareinc.com', SamAccountName: 'obauer',
  DisplayName: 'Bauer, Oliver', Enabled: true, RegistrarPool: 'nyc-cs-001.litwareinc.com', LineUri: null, EnterpriseVoiceEnabled: false,
};

describe('the fixtures', () => {
  it('are as the tools write them', () => {
    const csv = readFileSync(join(FIXTURES, CSV), 'utf8');
    expect(csv.startsWith('\uFEFF#TYPE Microsoft.ActiveDirectory.Management.ADUser\r\n"AccountExpirationDate","accountExpires",')).toBe(true);
    expect(csv.match(/(?<!\r)\n/g)).toBeNull();
    const header = csv.split('\r\n')[1]?.split(',') ?? [];
    expect(header).toHaveLength(132);
    expect(header.every((name) => /^"[\w-]+"$/.test(name))).toBe(true);
    const ldif = readFileSync(join(FIXTURES, LDIF), 'latin1');
    expect(ldif.startsWith('\r\ndn: CN=Maria Campos,')).toBe(true);
    expect(ldif.match(/(?<!\r)\n/g)).toBeNull();
    expect(ldif.split('\r\n').every((line) => line.length <= 79)).toBe(true);
    expect(ldif).toContain('\r\ndn:: Q049U8O4cmVuIMOYZGVnYWFyZC');
  });
});

describe('cspin import of a Get-ADUser -Properties * export', () => {
  it('adds the 12 users (exit 0), and names once the columns Export-Csv wrote type names in', () => {
    const lines = dbs.csv.stderr.trimEnd().split('\n');
    expect(dbs.csv.code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('cspin: 12 added, 0 updated, 0 rejected');
    const warning = lines[0] ?? '';
    expect(warning.startsWith(`cspin: warning: ${CSV}: `)).toBe(true);
    const lost = ['AuthenticationPolicy', 'AuthenticationPolicySilo', 'Certificates', 'CompoundIdentitySupported', 'dSCorePropagationData',
      'KerberosEncryptionType', 'logonHours', 'MemberOf', 'mS-DS-ConsistencyGuid', 'nTSecurityDescriptor', 'PrincipalsAllowedToDelegateToAccount',
      'proxyAddresses', 'ServicePrincipalNames', 'SIDHistory', 'thumbnailPhoto', 'userCertificate'];
    expect(warning).toContain(lost.join(', '));
    expect(warning).not.toContain('PropertyNames');
  });

  it('stores no type name, no ADEntity member, and each attribute once (the LDAP column, not its aliases)', () => {
    expect(query('csv', "SELECT count(*) FROM user_attrs WHERE value LIKE 'System.%' OR value LIKE 'Microsoft.%' OR name LIKE '%propert%'")).toEqual([[0]]);
    const maria = "(SELECT id FROM users WHERE sam = 'mcampos')";
    expect(query('csv', `SELECT name, value FROM user_attrs WHERE user_id = ${maria} AND name IN ('pwdlastset', 'whencreated', 'lastlogontimestamp', 'l', 'mail', 'streetaddress') ORDER BY name`)).toEqual([
      ['l', 'New York'],
      ['lastlogontimestamp', '134124372773920000'],
      ['mail', 'maria.campos@litwareinc.com'],
      ['pwdlastset', '134066491644817263'],
      ['streetaddress', '1250 Broadway\r\nFloor 12'],
      ['whencreated', '3/4/2015 10:00:00 AM'],
    ]);
  });

  it('keys users by their ObjectGUID, and keeps objectSid (SID is its Get-ADUser name) once, as S-1 text', () => {
    expect(query('csv', 'SELECT sam, guid FROM users ORDER BY sam')).toEqual(keyed(Object.keys(GUIDS).filter((sam) => sam !== 'asouza')));
    expect(query('csv', `SELECT name, value FROM user_attrs WHERE name IN ('objectsid', 'sid') AND user_id = (SELECT id FROM users WHERE sam = 'Administrator') ORDER BY name`)).toEqual([
      ['objectsid', 'S-1-5-21-2734969515-1644526116-3122330740-500'],
    ]);
  });

  it.each([
    // Yuki's 11:30 PM on 31 December 2024 in New York is 04:30 UTC on 1 January 2025.
    ['(whenCreated>=20250101000000.0Z)', ['praman', 'sodegaard', 'ytanabe']],
    ['(Created<=20150304150000Z)', ['mcampos']],
    // 2025-06-01T00:00:00Z as FILETIME.
    ['(pwdLastSet>=133932096000000000)', ['mcampos', 'mlindgren', 'praman']],
    // One below Maria's exact value: PasswordLastSet's (to the second) is not stored beside it.
    ['(pwdLastSet<=134066491644817262)', ['dokafor', 'obauer', 'sodegaard', 'sortiz', 'ytanabe']],
    // Samuel's account expired at the end of 30 June 2025, New York time: 2025-07-01T04:00:00Z.
    ['(accountExpires<=133958160000000000)', ['sortiz']],
    [`(objectSid=${SOREN_SID})`, ['sodegaard']],
    [`(SID=${SOREN_SID.toLowerCase()})`, ['sodegaard']],
    ['(userAccountControl:1.2.840.113556.1.4.803:=2)', ['sortiz']],
    [`(manager=CN=Bauer\\5c, Oliver,${FINANCE})`, ['sodegaard']],
    ['(msRTCSIP-OptionFlags=385)', ['mcampos']],
    ['(|(memberOf=*)(proxyAddresses=*)(nTSecurityDescriptor=*)(PropertyCount=*))', []],
  ])('-LdapFilter %s selects %j', async (filter, expected) => {
    expect(await selected('csv', filter)).toEqual(expected);
  });

  it('finds the user whose DN has an escaped comma, in either escape', async () => {
    expect(await user('csv', OLIVER)).toMatchObject(OLIVER_USER);
    expect(await user('csv', `CN=Bauer\\2C Oliver,${FINANCE}`)).toMatchObject(OLIVER_USER);
  });

  it('the non-ASCII user, the Enterprise Voice user (OptionFlags 385), and the AD-disabled Lync user', async () => {
    expect(await user('csv', SOREN)).toMatchObject({ Identity: SOREN, DisplayName: 'Søren Ødegaard', SipAddress: 'sip:soren.odegaard@litwareinc.com' });
    expect(await user('csv', 'sip:maria.campos@litwareinc.com')).toMatchObject({
      RegistrarPool: 'nyc-cs-001.litwareinc.com', EnterpriseVoiceEnabled: true, LineUri: 'tel:+12125550142', Enabled: true,
    });
    expect(await user('csv', 'sip:priya.raman@litwareinc.com')).toMatchObject({ RegistrarPool: 'sea-cs-001.litwareinc.com', EnterpriseVoiceEnabled: false });
    // msRTCSIP-UserEnabled (True) is what Get-CsUser's Enabled shows, not the AD account's.
    expect(await user('csv', 'LITWAREINC\\sortiz')).toMatchObject({ Enabled: true });
  });
});

describe('cspin import of an ldifde export', () => {
  it('adds the 5 users (exit 0, nothing said but the summary) and skips the computer account', () => {
    expect(dbs.ldif.code).toBe(0);
    expect(dbs.ldif.stderr).toBe('cspin: 5 added, 0 updated, 0 rejected\n');
    expect(query('ldif', 'SELECT sam, guid FROM users ORDER BY sam')).toEqual(keyed(FINANCE_USERS));
  });

  it('decodes base64 values: a leading space and a line break kept, the SID as S-1 text', () => {
    expect(query('ldif', "SELECT u.sam, a.name, a.value FROM user_attrs a JOIN users u ON u.id = a.user_id WHERE a.name IN ('description', 'streetaddress', 'objectsid') AND u.sam IN ('mcampos', 'obauer') ORDER BY 1, 2")).toEqual([
      ['mcampos', 'objectsid', 'S-1-5-21-2734969515-1644526116-3122330740-1105'],
      ['mcampos', 'streetaddress', '1250 Broadway\r\nFloor 12'],
      ['obauer', 'description', ' Payroll lead, US entities'],
      ['obauer', 'objectsid', 'S-1-5-21-2734969515-1644526116-3122330740-1106'],
    ]);
  });

  it.each([
    [`(memberOf=CN=Finance Staff,${FINANCE})`, ['asouza', 'mcampos', 'obauer', 'sodegaard']],
    [`(memberOf=CN=Payroll Clerks,OU=Payroll,${FINANCE})`, ['sodegaard']],
    [`(&(memberOf=CN=Finance Managers,${FINANCE})(memberOf=CN=Lync Voice Users,CN=Users,DC=litwareinc,DC=com))`, ['mcampos']],
    ['(proxyAddresses=smtp:obauer@litwareinc.com)', ['obauer']],
    ['(whenCreated>=20250101000000.0Z)', ['asouza', 'sodegaard']],
    ['(pwdLastSet>=133932096000000000)', ['asouza', 'mcampos']],
    [`(objectSid=${SOREN_SID})`, ['sodegaard']],
    ['(msRTCSIP-OptionFlags=385)', ['mcampos']],
  ])('-LdapFilter %s selects %j', async (filter, expected) => {
    expect(await selected('ldif', filter)).toEqual(expected);
  });

  it('finds the base64 dn and the escaped-comma dn', async () => {
    expect(await user('ldif', SOREN)).toMatchObject({ Identity: SOREN, DisplayName: 'Søren Ødegaard', RegistrarPool: 'nyc-cs-001.litwareinc.com' });
    expect(await user('ldif', OLIVER)).toMatchObject(OLIVER_USER);
    expect(await user('ldif', 'mcampos@litwareinc.com')).toMatchObject({ EnterpriseVoiceEnabled: true, LineUri: 'tel:+12125550142' });
  });
});

describe('the ldifde export after the Export-Csv one', () => {
  it('updates the 4 users both hold under the same keys (binary objectGUID = GUID text) and adds the new one', () => {
    expect(dbs.both.code).toBe(0);
    expect(dbs.both.stderr.trimEnd().split('\n').at(-1)).toBe('cspin: 1 added, 4 updated, 0 rejected');
    expect(query('both', "SELECT sam, guid FROM users WHERE dn LIKE '%OU=Finance,%' ORDER BY sam")).toEqual(keyed(FINANCE_USERS));
    expect(query('both', 'SELECT count(*) FROM users')).toEqual([[13]]);
  });
});

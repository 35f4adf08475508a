/**
 * `cspin import` end to end: CSV, NDJSON and LDIF exports as real tools write them, picked by
 * extension, --format or `-`; upsert by DN; bad rows reported and skipped; the summary and exit
 * status; and what the imported users look like through Get-CsUser.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory, sh, type ShellResult } from '../support/shell.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'cspin-import-'));

/** An empty database made once; every test imports into its own copy. */
let emptyTemplate: string;
beforeAll(async () => {
  emptyTemplate = join(tempDir(), 'empty.db');
  const init = await sh('cspin init', { env: { CSPIN_DB: emptyTemplate } });
  if (init.code !== 0) throw new Error(init.stderr);
});

/** A working folder with an empty database and some files. */
function workspace(files: Record<string, string> = {}): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  const db = join(dir, 'cspin.db');
  copyFileSync(emptyTemplate, db);
  copyFileSync(`${emptyTemplate}.key`, `${db}.key`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, env: { CSPIN_DB: db, CSPIN_ERROR_FORMAT: 'json' } };
}

/** Runs a command line in a workspace. */
const run = (ws: { dir: string; env: NodeJS.ProcessEnv }, command: string, input?: string): Promise<ShellResult> =>
  sh(command, { env: ws.env, cwd: ws.dir, input });

/** The `N added, N updated, N rejected` lines of stderr. */
function summaries(stderr: string): string[] {
  return [...stderr.matchAll(/^cspin: (\d+ added, \d+ updated, \d+ rejected)$/gm)].map((m) => m[1] ?? '');
}

/** Reads the database file directly. */
function query<T>(env: NodeJS.ProcessEnv, sql: string): T[] {
  const db = new Database(env.CSPIN_DB ?? '', { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const OLA = {
  Identity: 'CN=Ola Nordmann,OU=Oslo,DC=contoso,DC=com',
  SipAddress: 'sip:olan@contoso.com',
  UserPrincipalName: 'olan@contoso.com',
  SamAccountName: 'olan',
  DisplayName: 'Ola Nordmann',
  Enabled: true,
  RegistrarPool: 'pool1.contoso.com',
  LineUri: 'tel:+4722000000',
};

// One user, Ola, in each format as the real tools spell it, plus Kari (in Bergen).
const CSV =
  'DN,SAMACCOUNTNAME,userprincipalname,DisplayName,msRTCSIP-PrimaryUserAddress,msRTCSIP-UserEnabled,RegistrarPool,LineUri,Title,Department,l,telephoneNumber\n' +
  '"CN=Ola Nordmann,OU=Oslo,DC=contoso,DC=com",olan,olan@contoso.com,Ola Nordmann,olan@contoso.com,TRUE,pool1.contoso.com,tel:+4722000000,Engineer,R&D,Oslo,+47 22 00 00 00\n' +
  '"CN=Kari Nordmann,OU=Bergen,DC=contoso,DC=com",karin,karin@contoso.com,Kari Nordmann,sip:karin@contoso.com,TRUE,pool1.contoso.com,,Manager,R&D,Bergen,\n';
const NDJSON =
  JSON.stringify({ DistinguishedName: OLA.Identity, sAMAccountName: 'olan', UserPrincipalName: 'olan@contoso.com', displayname: 'Ola Nordmann', SipAddress: 'sip:olan@contoso.com', Enabled: true, registrarpool: 'pool1.contoso.com', LINEURI: '+4722000000', title: 'Engineer', l: 'Oslo', telephoneNumber: '+47 22 00 00 00' }) +
  '\n' +
  JSON.stringify({ DistinguishedName: 'CN=Kari Nordmann,OU=Bergen,DC=contoso,DC=com', sAMAccountName: 'karin', SipAddress: 'sip:karin@contoso.com', l: 'Bergen', Title: 'Manager' }) +
  '\n';
const LDIF = `version: 1

dn: CN=Ola Nordmann,OU=Oslo,DC=contoso,DC=com
changetype: add
objectClass: top
objectClass: person
objectClass: organizationalPerson
objectClass: user
sAMAccountName: olan
userPrincipalName: olan@contoso.com
displayName: Ola Nordmann
msRTCSIP-PrimaryUserAddress: sip:olan@contoso.com
msRTCSIP-UserEnabled: TRUE
RegistrarPool: pool1.contoso.com
msRTCSIP-Line: tel:+4722000000
title: Engineer
l: Oslo
telephoneNumber: +47 22 00 00 00

dn: CN=Kari Nordmann,OU=Bergen,DC=contoso,DC=com
changetype: add
objectClass: user
sAMAccountName: karin
msRTCSIP-PrimaryUserAddress: sip:karin@contoso.com
l: Bergen
title: Manager
`;

const FORMATS = [
  ['csv', CSV],
  ['ndjson', NDJSON],
  ['ldif', LDIF],
] as const;

describe.concurrent('cspin import: formats and sources', () => {
  it.each(FORMATS)('cspin import reads %s by extension, by --format and from - (stdin), keeping extra columns as attributes', async (format, text) => {
    const ws = workspace({ [`users.${format}`]: text, 'users.export': text });
    const result = await run(
      ws,
      `cspin import users.${format} && cspin import --format ${format} users.export && cspin import --format ${format} - < users.${format}` +
        ' && Get-CsUser -LdapFilter "l=Oslo" && Get-CsUser -LdapFilter "(&(title=manager)(l=bergen))"',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(summaries(result.stderr)).toEqual(['2 added, 0 updated, 0 rejected', '0 added, 2 updated, 0 rejected', '0 added, 2 updated, 0 rejected']);
    // Real export column names map onto the ADUser properties; l and Title stay as LDAP attributes.
    expect(result.objects[0]).toEqual({ PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser', ...OLA, EnterpriseVoiceEnabled: false, PinPolicy: null });
    expect(result.objects.map((o) => o.SamAccountName)).toEqual(['olan', 'karin']);
  });

  it('cspin import - without --format is a usage error (exit 2) and reads nothing', async () => {
    const ws = workspace({ 'users.csv': CSV });
    const result = await run(ws, 'cspin import - < users.csv; echo "status $?"; Get-CsUser');
    expect(result.stdout).toMatch(/^status 2$/m);
    expect(result.objects.filter((o) => !('unparsed' in o))).toEqual([]);
  });

  it('cspin import with an unknown extension and no --format exits 2 and imports none of the files', async () => {
    const ws = workspace({ 'good.csv': CSV, 'users.txt': CSV });
    const result = await run(ws, 'cspin import good.csv users.txt; echo "status $?"; Get-CsUser');
    expect(result.stdout).toMatch(/^status 2$/m);
    expect(result.stderr).toContain('users.txt');
    expect(summaries(result.stderr)).toEqual([]);
    expect(result.objects.filter((o) => !('unparsed' in o))).toEqual([]);
  });

  it('cspin import of a missing file is a clear error naming the file (nonzero exit)', async () => {
    const ws = workspace();
    const result = await run(ws, 'cspin import nosuchfile.csv');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('nosuchfile.csv');
  });

  it('cspin import reads a Get-ADUser Export-Csv (BOM, CRLF, both Enabled and msRTCSIP-UserEnabled): the Lync flag decides Enabled', async () => {
    const csv =
      '\uFEFF"DistinguishedName","Enabled","msRTCSIP-UserEnabled","msRTCSIP-PrimaryUserAddress","SamAccountName"\r\n' +
      '"CN=A,OU=T,DC=x,DC=com","True","False","sip:a@x.com","a"\r\n' +
      '"CN=B,OU=T,DC=x,DC=com","False","True","sip:b@x.com","b"\r\n';
    const ws = workspace({ 'adusers.csv': csv });
    const result = await run(ws, 'cspin import adusers.csv && Get-CsUser');
    expect(result.code, result.stderr).toBe(0);
    expect(summaries(result.stderr)).toEqual(['2 added, 0 updated, 0 rejected']);
    expect(result.objects.map((o) => [o.SamAccountName, o.Enabled]).sort()).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('cspin import reads several files in one run and sums them in one summary', async () => {
    const ws = workspace({ 'a.csv': CSV, 'b.ndjson': NDJSON });
    const result = await run(ws, 'cspin import a.csv b.ndjson');
    expect(result.code, result.stderr).toBe(0);
    expect(summaries(result.stderr)).toEqual(['2 added, 2 updated, 0 rejected']);
  });
});

describe.concurrent('cspin import: identities', () => {
  it.each([
    ['a Domain column overrides the NetBIOS domain', 'DN,SamAccountName,SipAddress,Domain\n"CN=X,OU=T,DC=corp,DC=example,DC=com",x,sip:x@example.com,OTHERDOM\n', 'otherdom\\x', 'corp\\x'],
    ['without a Domain column the NetBIOS domain is the first DC label', 'DN,SamAccountName,SipAddress\n"CN=X,OU=T,DC=corp,DC=example,DC=com",x,sip:x@example.com\n', 'CORP\\x', 'example\\x'],
  ])('cspin import: %s', async (_what, csv, found, notFound) => {
    const ws = workspace({ 'u.csv': csv });
    const result = await run(ws, `cspin import u.csv 2>/dev/null && Get-CsUser -Identity '${found}' && Get-CsUser -Identity '${notFound}'`);
    expect(result.code).toBe(1);
    expect(result.objects.map((o) => o.Identity)).toEqual(['CN=X,OU=T,DC=corp,DC=example,DC=com']);
    expect(result.stderr).toContain('"errorId":"ManagementObjectNotFound"');
  });

  it('cspin import upserts by DN: a second import updates the user and replaces its attributes', async () => {
    const v1 = 'DistinguishedName,SamAccountName,DisplayName,SipAddress,Title\n"CN=Ola,OU=Oslo,DC=contoso,DC=com",olan,Ola N,sip:olan@contoso.com,Engineer\n';
    // The same DN in another case and spacing is the same user.
    const v2 = 'DistinguishedName,SamAccountName,DisplayName,SipAddress,Title,LineUri\n"cn=ola, ou=oslo, dc=contoso, dc=com",olan,Ola Nordmann,sip:olan@contoso.com,Architect,tel:+4799\n';
    const ws = workspace({ 'v1.csv': v1, 'v2.csv': v2 });
    const result = await run(ws, 'cspin import v1.csv && cspin import v2.csv && Get-CsUser && Get-CsUser -LdapFilter "Title=Engineer"');
    expect(result.code, result.stderr).toBe(0);
    expect(summaries(result.stderr)).toEqual(['1 added, 0 updated, 0 rejected', '0 added, 1 updated, 0 rejected']);
    expect(result.objects).toHaveLength(1);
    expect(result.objects[0]).toMatchObject({ DisplayName: 'Ola Nordmann', LineUri: 'tel:+4799', SamAccountName: 'olan' });
    expect(query(ws.env, 'SELECT count(*) AS n FROM users')).toEqual([{ n: 1 }]);
    const titles = query<{ value: string }>(ws.env, "SELECT value FROM user_attrs WHERE name = 'title'");
    expect(titles).toEqual([{ value: 'Architect' }]);
  });

  it('cspin import rejects a user whose SIP address another user already has (exit 1)', async () => {
    const first = 'DN,SamAccountName,SipAddress\n"CN=A,OU=T,DC=x,DC=com",a,sip:shared@x.com\n';
    const second = 'DN,SamAccountName,SipAddress\n"CN=B,OU=T,DC=x,DC=com",b,SIP:Shared@x.com\n"CN=C,OU=T,DC=x,DC=com",c,sip:c@x.com\n';
    const ws = workspace({ 'first.csv': first, 'second.csv': second });
    const result = await run(ws, 'cspin import first.csv && cspin import second.csv; echo "status $?"; Get-CsUser -Identity sip:shared@x.com');
    expect(result.stdout).toMatch(/^status 1$/m);
    expect(summaries(result.stderr)).toEqual(['1 added, 0 updated, 0 rejected', '1 added, 0 updated, 1 rejected']);
    expect(result.stderr).toMatch(/second\.csv line 2\b/);
    expect(result.objects.filter((o) => 'Identity' in o).map((o) => o.Identity)).toEqual(['CN=A,OU=T,DC=x,DC=com']);
  });

  it('cspin import round-trips an ADUser NDJSON export into a fresh database', async () => {
    const sample = await sampleDirectory();
    const ws = workspace();
    // What Get-CsUser > users.ndjson writes, also kept as the expected output.
    const exported = await sh('Get-CsUser | tee users.ndjson', { env: sample, cwd: ws.dir });
    expect(exported.code, exported.stderr).toBe(0);
    const fresh = { ...ws, env: { ...ws.env, CSPIN_DB: join(ws.dir, 'fresh.db') } };
    const result = await run(fresh, 'cspin init && cspin import users.ndjson && Get-CsUser');
    expect(result.code, result.stderr).toBe(0);
    expect(summaries(result.stderr)).toEqual(['24 added, 0 updated, 0 rejected']);
    const original = exported;
    const byId = (objects: Record<string, unknown>[]) => [...objects].sort((a, b) => String(a.Identity).localeCompare(String(b.Identity)));
    expect(result.objects).toHaveLength(24);
    expect(byId(result.objects)).toEqual(byId(original.objects));
    // Identity forms keep working: the NetBIOS domain comes back from the DN.
    const ken = await run(fresh, 'Get-CsUser -Identity "litwareinc\\kenmyer"');
    expect(ken.objects.map((o) => o.DisplayName)).toEqual(['Ken Myer']);
  });
});

describe.concurrent('cspin import: LDIF from ldifde', () => {
  const ldifde = `version: 1

dn: OU=Empty,DC=x,DC=com
changetype: add
objectClass: top
objectClass: organizationalUnit
ou: Empty

dn: CN=Zoe Bar,OU=People,DC=x,DC=com
changetype: add
objectClass: top
objectClass: person
objectClass: organizationalPerson
objectClass: user
cn: Zoe Bar
sAMAccountName: zoeb
userPrincipalName: zoeb@x.com
displayName:: ${Buffer.from('Zoë Bär').toString('base64')}
msRTCSIP-PrimaryUserAddress: sip:zoeb@x.com
msRTCSIP-UserEnabled: TRUE
title: Manager
`;

  it('cspin import records an OU entry: Get-CsUser -OU finds it, returns nothing and exits 0', async () => {
    const ws = workspace({ 'export.ldf': ldifde });
    const result = await run(ws, 'cspin import export.ldf && Get-CsUser -OU "OU=Empty,DC=x,DC=com"');
    expect(result.code, result.stderr).toBe(0);
    expect(summaries(result.stderr)).toEqual(['1 added, 0 updated, 0 rejected']);
    expect(result.objects).toEqual([]);
    expect(result.stderr).not.toContain('OrganizationalUnitNotFound');
  });

  it('cspin import decodes a base64 displayName:: and ignores changetype and objectClass', async () => {
    const ws = workspace({ 'export.ldif': ldifde });
    const result = await run(ws, 'cspin import export.ldif 2>/dev/null && Get-CsUser -Identity "x\\zoeb" && Get-CsUser -LdapFilter "changetype=*"');
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toEqual([expect.objectContaining({ Identity: 'CN=Zoe Bar,OU=People,DC=x,DC=com', DisplayName: 'Zoë Bär', SipAddress: 'sip:zoeb@x.com', Enabled: true })]);
  });
});

describe.concurrent('cspin import: bad rows', () => {
  // Each case: the file, and the line number the third (bad) entry starts on.
  it.each([
    ['users.csv', 'DN,SamAccountName,SipAddress\n"CN=U1,OU=T,DC=x,DC=com",u1,sip:u1@x.com\n"CN=U2,OU=T,DC=x,DC=com",u2,sip:u2@x.com\n"CN=U3,OU=T,DC=x,DC=com",u3,not a sip address\n"CN=U4,OU=T,DC=x,DC=com",u4,sip:u4@x.com\n', 4],
    ['users.ndjson', '{"DN":"CN=U1,OU=T,DC=x,DC=com","SamAccountName":"u1","SipAddress":"sip:u1@x.com"}\n{"DN":"CN=U2,OU=T,DC=x,DC=com","SamAccountName":"u2","SipAddress":"sip:u2@x.com"}\n{"DN":"CN=U3,OU=T,\n{"DN":"CN=U4,OU=T,DC=x,DC=com","SamAccountName":"u4","SipAddress":"sip:u4@x.com"}\n', 3],
    ['users.ldif', 'dn: CN=U1,OU=T,DC=x,DC=com\nsAMAccountName: u1\nmsRTCSIP-PrimaryUserAddress: sip:u1@x.com\n\ndn: CN=U2,OU=T,DC=x,DC=com\nsAMAccountName: u2\nmsRTCSIP-PrimaryUserAddress: sip:u2@x.com\n\ndn: CN=U3,OU=T,DC=x,DC=com\nsAMAccountName: u3\ndisplayName:: not base64!\n\ndn: CN=U4,OU=T,DC=x,DC=com\nsAMAccountName: u4\nmsRTCSIP-PrimaryUserAddress: sip:u4@x.com\n', 9],
  ])('cspin import %s reports the bad third entry with its line, skips it, keeps the rest and exits 1', async (file, text, line) => {
    const ws = workspace({ [file]: text });
    const result = await run(ws, `cspin import ${file}`);
    expect(result.code).toBe(1);
    expect(summaries(result.stderr)).toEqual(['3 added, 0 updated, 1 rejected']);
    const reports = result.stderr.split('\n').filter((l) => l.includes(' line '));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(new RegExp(`${file.replace('.', '\\.')} line ${line}:`));
    expect(query<{ sam: string }>(ws.env, 'SELECT sam FROM users ORDER BY sam').map((r) => r.sam)).toEqual(['u1', 'u2', 'u4']);
    expect(query(ws.env, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('cspin import rejects each invalid row with its line number (exit 1, nothing stored)', async () => {
    const rows = [
      // line 2: no DN value
      ',u1,sip:u1@x.com,,,',
      // line 3: a DN that is not a distinguished name
      'not a dn,u2,sip:u2@x.com,,,',
      // line 4: an Enabled value that is not a boolean
      '"CN=U3,DC=x",u3,sip:u3@x.com,maybe,,',
      // line 5: a LineUri that is not a tel: URI
      '"CN=U4,DC=x",u4,sip:u4@x.com,,call me,',
      // line 6: a DN and a DistinguishedName that disagree
      '"CN=U5,DC=x",u5,sip:u5@x.com,,,"CN=Other,DC=x"',
      // line 7: a SIP address without a domain
      '"CN=U6,DC=x",u6,u6,,,',
    ];
    const ws = workspace({ 'bad.csv': `DN,SamAccountName,SipAddress,Enabled,LineUri,DistinguishedName\n${rows.join('\n')}\n` });
    const result = await run(ws, 'cspin import bad.csv');
    expect(result.code).toBe(1);
    expect(summaries(result.stderr)).toEqual(['0 added, 0 updated, 6 rejected']);
    // Under CSPIN_ERROR_FORMAT=json each rejected row is a JSON error line with its row as the record.
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { errorId: string; record: number; message: string });
    expect(errors.map((e) => e.record)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(new Set(errors.map((e) => e.errorId))).toEqual(new Set(['InvalidImportRow']));
    expect(errors.every((e) => e.message.startsWith(`bad.csv line ${e.record}: `))).toBe(true);
    expect(query(ws.env, 'SELECT count(*) AS n FROM users')).toEqual([{ n: 0 }]);
  });

  it('cspin import accepts csvde rows that carry the DN twice when both agree', async () => {
    const ws = workspace({ 'csvde.csv': 'DN,distinguishedName,sAMAccountName,msRTCSIP-PrimaryUserAddress\n"CN=U1,OU=T,DC=x,DC=com","cn=u1, ou=t, dc=x, dc=com",u1,sip:u1@x.com\n' });
    const result = await run(ws, 'cspin import csvde.csv');
    expect(result.code, result.stderr).toBe(0);
    expect(summaries(result.stderr)).toEqual(['1 added, 0 updated, 0 rejected']);
  });
});

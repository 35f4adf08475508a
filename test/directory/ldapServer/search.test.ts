/** The LDAP backend's search against a real slapd holding the sample: the same users as the embedded directory. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AD_ATTRIBUTE_NAMES } from '../../../src/directory/directoryConfig.js';
import { openLdapDirectory } from '../../../src/directory/ldapServer/index.js';
import { parseLdapFilter } from '../../../src/directory/ldap/index.js';
import type { DirectoryUser, UserDirectory } from '../../../src/directory/userDirectory.js';
import { UserId } from '../../../src/directory/userId.js';
import { LDAP_FIXTURES, SAMPLE_LDIF, slapdMissing, startSlapd, type Slapd } from '../../support/slapd.js';
import { sampleDirectory, sh } from '../../support/shell.js';
import { allUsers, everyone, ldapConfig, plainSecrets } from './support.js';

/** A DirectoryUser in Get-CsUser's terms, to compare with the embedded directory's output. */
function asADUser(user: DirectoryUser): Record<string, unknown> {
  return {
    Identity: user.dn,
    SipAddress: user.sip,
    UserPrincipalName: user.upn,
    SamAccountName: user.sam,
    DisplayName: user.displayName,
    Enabled: user.enabled,
    RegistrarPool: user.registrarPool,
    LineUri: user.lineUri,
    EnterpriseVoiceEnabled: user.evEnabled,
  };
}

const byIdentity = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.Identity).localeCompare(String(b.Identity));
const KEN = 'cn=ken myer,ou=finance,dc=litwareinc,dc=com';
const dnsOf = (users: readonly DirectoryUser[]) => users.map((u) => u.dn.toLowerCase()).sort();

describe.skipIf(slapdMissing() !== undefined)('LDAP backend: search', () => {
  let slapd: Slapd;
  let directory: UserDirectory;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [slapd, env] = await Promise.all([startSlapd({ ldif: [SAMPLE_LDIF] }), sampleDirectory()]);
    directory = await openLdapDirectory(ldapConfig(slapd.url), plainSecrets);
  });
  afterAll(async () => {
    directory?.close();
    await slapd?.stop();
  });

  /** Get-CsUser of the embedded sample, without the PIN policy (not a directory attribute). */
  async function embedded(parameters: string): Promise<Record<string, unknown>[]> {
    const result = await sh(`Get-CsUser ${parameters}`, { env });
    expect(result.code, result.stderr).toBe(0);
    return result.objects.map(({ PSTypeName: _type, PinPolicy: _policy, ...rest }) => rest).sort(byIdentity);
  }

  it('finds the embedded sample users with the same DNs, SIPs, pools, EV and flags', async () => {
    const users = await everyone(directory);
    expect(users.map(asADUser).sort(byIdentity)).toEqual(await embedded(''));
  });

  it('gives the domain the embedded directory gives (first DC label), and the key the embedded sample stored', async () => {
    const users = await everyone(directory);
    const db = new Database(String(env.CSPIN_DB), { readonly: true });
    const rows = db.prepare<[], { dn: string; domain: string; guid: string }>('SELECT dn, domain, guid FROM users WHERE sip IS NOT NULL').all();
    db.close();
    expect(Object.fromEntries(users.map((u) => [u.dn.toLowerCase(), u.domain]))).toEqual(Object.fromEntries(rows.map((r) => [r.dn.toLowerCase(), r.domain])));
    // The sample's fixed keys: the LDIF's entryUUID is the key `cspin init --sample` stored, so PIN states carry over.
    expect(Object.fromEntries(users.map((u) => [u.dn.toLowerCase(), u.key]))).toEqual(Object.fromEntries(rows.map((r) => [r.dn.toLowerCase(), r.guid])));
    for (const user of users) expect(user.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(users.map((u) => u.key)).size).toBe(users.length);
  });

  it('searches below an OU (-OU), nested OUs included', async () => {
    const ou = 'OU=Finance,DC=litwareinc,DC=com';
    const users = await allUsers(directory.search({ base: ou }));
    const expected = (await embedded(`-OU '${ou}'`)).map((u) => String(u.Identity).toLowerCase()).sort();
    expect(expected).toContain('cn=aidan delaney,ou=payroll,ou=finance,dc=litwareinc,dc=com');
    expect(dnsOf(users)).toEqual(expected);
    expect(await allUsers(directory.search({ base: 'OU=Nowhere,DC=litwareinc,DC=com' }))).toEqual([]);
  });

  it.each([
    '(title=Manager)',
    '(&(department=Finance)(!(title=Manager)))',
    '(|(displayName=Ken*)(sAMAccountName=pilar))',
    '(displayName=*a*e*)',
    '(cn=Ken Myer\\29)',
    '(title=\\2a)',
  ])('filters as the embedded directory does: %s', async (filter) => {
    const users = await allUsers(directory.search({ filter: parseLdapFilter(filter) }));
    const expected = (await embedded(`-LdapFilter '${filter}'`)).map((u) => String(u.Identity).toLowerCase()).sort();
    expect(dnsOf(users)).toEqual(expected);
  });

  it('passes the bitwise matching rule to the server: bit 128 of msRTCSIP-OptionFlags is Enterprise Voice', async () => {
    const users = await allUsers(directory.search({ filter: parseLdapFilter('(msRTCSIP-OptionFlags:1.2.840.113556.1.4.803:=128)') }));
    const voice = (await embedded('')).filter((u) => u.EnterpriseVoiceEnabled === true).map((u) => String(u.Identity).toLowerCase());
    expect(voice.length).toBeGreaterThan(0);
    expect(dnsOf(users)).toEqual(voice.sort());
  });

  it('stops at the limit, and pages at the page size', async () => {
    const limited = await allUsers(directory.search({ limit: 3 }));
    expect(limited).toHaveLength(3);
    const small = await openLdapDirectory(ldapConfig(slapd.url, { pageSize: 2 }), plainSecrets);
    try {
      const pages: (readonly DirectoryUser[])[] = [];
      for await (const page of small.search({})) pages.push(page);
      expect(Math.max(...pages.map((p) => p.length))).toBe(2);
      expect(dnsOf(pages.flat())).toEqual(dnsOf(await everyone(directory)));
    } finally {
      small.close();
    }
  });

  it('reads the attributes under the names the config maps them to', async () => {
    const mapped = await openLdapDirectory(ldapConfig(slapd.url, { attributes: { ...AD_ATTRIBUTE_NAMES, displayName: 'sn', sam: 'cn' } }), plainSecrets);
    try {
      const [ken] = await mapped.resolve([new UserId('sip:kenmyer@litwareinc.com')]).then((found) => found.get(0) ?? []);
      expect(ken).toMatchObject({ displayName: 'Myer', sam: 'Ken Myer', sip: 'sip:kenmyer@litwareinc.com' });
      expect(dnsOf(await allUsers(mapped.search({ filter: parseLdapFilter('(sn=Myer)') })))).toEqual([KEN]);
    } finally {
      mapped.close();
    }
  });

  it('tells whether a container exists (DNs compared as RFC 4514 says)', async () => {
    expect(await directory.containerExists('OU=Payroll,OU=Finance,DC=litwareinc,DC=com')).toBe(true);
    expect(await directory.containerExists(' ou = payroll , ou=FINANCE,dc=litwareinc,dc=com')).toBe(true);
    expect(await directory.containerExists('CN=Users,DC=litwareinc,DC=com')).toBe(true);
    expect(await directory.containerExists('OU=Nowhere,DC=litwareinc,DC=com')).toBe(false);
    expect(await directory.containerExists('not a dn')).toBe(false);
  });

  it('takes the NetBIOS name from the partitions container, else from the config', async () => {
    const ad = await startSlapd({ ldif: [SAMPLE_LDIF, `${LDAP_FIXTURES}/litwareinc-partitions.ldif`] });
    try {
      const found = await openLdapDirectory(ldapConfig(ad.url), plainSecrets);
      const given = await openLdapDirectory(ldapConfig(ad.url, { netbiosName: 'CONTOSO' }), plainSecrets);
      expect(new Set((await everyone(found)).map((u) => u.domain))).toEqual(new Set(['LITWARE']));
      expect(new Set((await everyone(given)).map((u) => u.domain))).toEqual(new Set(['CONTOSO']));
      found.close();
      given.close();
    } finally {
      await ad.stop();
    }
  });
});

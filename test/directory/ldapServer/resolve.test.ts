/** The LDAP backend's identity resolution against a real slapd holding the sample: every identity form. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLdapDirectory } from '../../../src/directory/ldapServer/index.js';
import type { UserDirectory } from '../../../src/directory/userDirectory.js';
import { parseLdapFilter } from '../../../src/directory/ldap/index.js';
import { UserId } from '../../../src/directory/userId.js';
import { SAMPLE_LDIF, slapdMissing, startSlapd, type Slapd } from '../../support/slapd.js';
import { ldapConfig, plainSecrets } from './support.js';

const KEN = 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com';
const PRESTON_IT = 'CN=Chris Preston,OU=IT,DC=litwareinc,DC=com';
const PRESTON_SALES = 'CN=Chris Preston,OU=Sales,DC=litwareinc,DC=com';

describe.skipIf(slapdMissing() !== undefined)('LDAP backend: resolve', () => {
  let slapd: Slapd;
  let directory: UserDirectory;

  beforeAll(async () => {
    slapd = await startSlapd({ ldif: [SAMPLE_LDIF] });
    directory = await openLdapDirectory(ldapConfig(slapd.url), plainSecrets);
  });
  afterAll(async () => {
    directory?.close();
    await slapd?.stop();
  });

  /** The DNs each identity resolves to, by input index ([] when not found). */
  async function resolved(texts: readonly string[]): Promise<string[][]> {
    const found = await directory.resolve(texts.map((t) => new UserId(t)));
    return texts.map((_t, index) => (found.get(index) ?? []).map((u) => u.dn));
  }

  it('resolves every identity form in one chunk, each to its input index', async () => {
    expect(
      await resolved([
        'sip:KenMyer@litwareinc.com',
        'kenmyer@litwareinc.com',
        'LITWAREINC\\kenmyer',
        KEN,
        ' cn=ken myer , ou=FINANCE,dc=litwareinc,dc=com ',
        'Ken Myer',
        'ken my*',
        'Chris Preston',
        'nobody@litwareinc.com',
      ]),
    ).toEqual([[KEN], [KEN], [KEN], [KEN], [KEN], [KEN], [KEN], [PRESTON_IT, PRESTON_SALES], []]);
  });

  it('resolves inside a scope: the subtree and the filter both apply (Get-CsUser -Identity with -OU, -LdapFilter)', async () => {
    const ids = ['Chris Preston', 'litwareinc\\kenmyer', 'litwareinc\\pilar'].map((t) => new UserId(t));
    const inSales = await directory.resolve(ids, { base: 'OU=Sales,DC=litwareinc,DC=com' });
    expect([...inSales].map(([index, users]) => [index, users.map((u) => u.dn)])).toEqual([[0, [PRESTON_SALES]]]);
    const managers = await directory.resolve(ids, { filter: parseLdapFilter('Title=Manager') });
    expect([...managers].map(([index, users]) => [index, users.map((u) => u.dn)])).toEqual([[1, [KEN]]]);
    expect((await directory.resolve(ids, { base: 'OU=Nowhere,DC=litwareinc,DC=com' })).size).toBe(0);
  });

  it('never finds a user without a SIP address, nor a logon of another domain', async () => {
    expect(await resolved(['janec@litwareinc.com', 'Jane Clayton', 'CONTOSO\\kenmyer', 'CN=Users,DC=litwareinc,DC=com'])).toEqual([[], [], [], []]);
  });

  it('escapes values: filter syntax in an identity is text, not filter', async () => {
    expect(await resolved(['x)(sAMAccountName=*', '*)(|(cn=*', 'a\\b', 'Ken Myer\\29', '(', '*'])).toEqual([
      [],
      [],
      [],
      [],
      [],
      expect.arrayContaining([KEN, PRESTON_IT]) as unknown as string[],
    ]);
  });

  it('resolves more than a chunk: 250 identities, answers mapped back to their indexes', async () => {
    const sams = ['kenmyer', 'pilar', 'davidl', 'ellens', 'nobody'];
    const texts = Array.from({ length: 250 }, (_v, i) => `sip:${sams[i % sams.length]}@litwareinc.com`);
    const dns = await resolved(texts);
    dns.forEach((found, i) => {
      if (sams[i % sams.length] === 'nobody') expect(found).toEqual([]);
      else expect(found.map((dn) => dn.toLowerCase())).toEqual([expect.stringContaining(',dc=litwareinc,dc=com')]);
    });
    expect(dns[0]).toEqual([KEN]);
    expect(dns[205]).toEqual([KEN]);
  });

  it('resolves an empty chunk to nothing', async () => {
    expect((await directory.resolve([])).size).toBe(0);
  });
});

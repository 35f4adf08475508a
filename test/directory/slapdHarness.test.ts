/** The slapd harness the LDAP tests stand on: it loads the sample, answers, and leaves nothing behind. */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LDIF, SAMPLE_SUFFIX, ldapsearchDns, slapdMissing, startSlapd, type Slapd } from '../support/slapd.js';

describe.skipIf(slapdMissing() !== undefined)('slapd harness', () => {
  let slapd: Slapd;
  beforeAll(async () => {
    slapd = await startSlapd({ ldif: [SAMPLE_LDIF] });
  });
  afterAll(async () => slapd?.stop());

  it('serves the sample directory: the three managers by title', () => {
    const found = ldapsearchDns(slapd.url, SAMPLE_SUFFIX, '(&(msRTCSIP-PrimaryUserAddress=*)(title=Manager))');
    expect(found.status).toBe(0);
    expect(found.dns.map((dn) => dn.toLowerCase()).sort()).toEqual([
      'cn=aidan delaney,ou=payroll,ou=finance,dc=litwareinc,dc=com',
      'cn=david longmuir,ou=sales,dc=litwareinc,dc=com',
      'cn=ken myer,ou=finance,dc=litwareinc,dc=com',
    ]);
  });

  it('stops by PID and removes its folder', async () => {
    const other = await startSlapd({ ldif: [SAMPLE_LDIF] });
    expect(() => process.kill(other.pid, 0)).not.toThrow();
    await other.stop();
    expect(() => process.kill(other.pid, 0)).toThrow();
    expect(existsSync(other.folder)).toBe(false);
  });
});

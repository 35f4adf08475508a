/** What the LDAP backend makes of attribute values: AD's GUID byte order, the pool under CN=Pools. */
import { describe, expect, it } from 'vitest';
import { guidText, poolOf } from '../../../src/directory/ldapServer/index.js';

describe('LDAP entry values', () => {
  it('writes objectGUID in AD byte order: the first three groups little-endian', () => {
    const bytes = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex');
    expect(guidText(bytes)).toBe('04030201-0605-0807-090a-0b0c0d0e0f10');
    // AD shows {6F9619FF-8B86-D011-B42D-00C04FC964FF} for these wire bytes.
    expect(guidText(Buffer.from('ff19966f868b11d0b42d00c04fc964ff', 'hex'))).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
  });

  it('names the pool by the RDN under CN=Pools; anything else as it is', () => {
    expect(poolOf('CN=Lc Services,CN=Microsoft,CN=atl-cs-001.litwareinc.com,CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,DC=litwareinc,DC=com')).toBe(
      'atl-cs-001.litwareinc.com',
    );
    expect(poolOf('cn=lc services,cn=microsoft,cn=1:1, cn = pools ,cn=rtc service,dc=x')).toBe('1:1');
    expect(poolOf('CN=a\\,b,CN=Pools,DC=x')).toBe('a,b');
    expect(poolOf('atl-cs-001.litwareinc.com')).toBe('atl-cs-001.litwareinc.com');
    expect(poolOf(null)).toBeNull();
  });
});

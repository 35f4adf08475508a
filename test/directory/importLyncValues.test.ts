/**
 * cspin import derives the Lync properties from AD's own attributes as SfB does (and as the LDAP
 * backend does): RegistrarPool from msRTCSIP-PrimaryHomeServer's pool DN, EnterpriseVoiceEnabled
 * from bit 128 of msRTCSIP-OptionFlags, which stays an attribute for -LdapFilter.
 */
import { describe, expect, it } from 'vitest';
import { normalizeUser } from '../../src/directory/index.js';

const HOME = 'CN=Lc Services,CN=Microsoft,CN=atl-cs-001.litwareinc.com,CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,DC=litwareinc,DC=com';
const base = { distinguishedName: 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com', 'msRTCSIP-PrimaryUserAddress': 'sip:kenmyer@litwareinc.com' };

describe('import: Lync values from AD attributes', () => {
  it.each([
    ['385 (bits 1, 128, 256)', '385', true],
    ['257 (no bit 128)', '257', false],
    ['0', '0', false],
    ['-1 (every bit)', '-1', true],
  ])('msRTCSIP-OptionFlags %s gives EnterpriseVoiceEnabled %s, and stays an attribute', (_name, flags, ev) => {
    const user = normalizeUser({ ...base, 'msRTCSIP-OptionFlags': flags });
    expect(user).toMatchObject({ evEnabled: ev, attributes: [['msRTCSIP-OptionFlags', flags]] });
  });

  it('an EnterpriseVoiceEnabled column wins over the flags', () => {
    expect(normalizeUser({ ...base, 'msRTCSIP-OptionFlags': '385', EnterpriseVoiceEnabled: 'False' })).toMatchObject({ evEnabled: false });
  });

  it('msRTCSIP-OptionFlags that is no integer rejects the row, naming the attribute', () => {
    const rejected = normalizeUser({ ...base, 'msRTCSIP-OptionFlags': 'lots' });
    expect(Object.keys(rejected)).toEqual(['error']);
    expect('error' in rejected && rejected.error).toContain('msRTCSIP-OptionFlags');
  });

  it('msRTCSIP-PrimaryHomeServer as the pool object DN gives the pool name; a plain name stays as it is', () => {
    expect(normalizeUser({ ...base, 'msRTCSIP-PrimaryHomeServer': HOME })).toMatchObject({ registrarPool: 'atl-cs-001.litwareinc.com' });
    expect(normalizeUser({ ...base, RegistrarPool: 'red-cs-001.litwareinc.com' })).toMatchObject({ registrarPool: 'red-cs-001.litwareinc.com' });
  });
});

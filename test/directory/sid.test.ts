import { describe, expect, it } from 'vitest';
import { sidOf, sidText } from '../../src/directory/sid.js';

// MS-DTYP 2.4.2.2's example: the bytes of S-1-5-21-1004336348-1177238915-682003330-512.
const DOMAIN_ADMINS = Buffer.from('010500000000000515000000dcf4dc3b833d2b46828ba62800020000', 'hex');

describe('SIDs', () => {
  it('reads a binary SID as S-1-... text', () => {
    expect(sidText(DOMAIN_ADMINS)).toBe('S-1-5-21-1004336348-1177238915-682003330-512');
    expect(sidText(Buffer.from('01010000000000050b000000', 'hex'))).toBe('S-1-5-11');
  });

  it('refuses bytes that are not a SID', () => {
    expect(sidText(Buffer.from('02010000000000050b000000', 'hex'))).toBeUndefined();
    expect(sidText(DOMAIN_ADMINS.subarray(0, 20))).toBeUndefined();
    expect(sidText(Buffer.alloc(0))).toBeUndefined();
  });

  it('takes the text form or an LDIF base64 value', () => {
    expect(sidOf(' s-1-5-32-544 ')).toBe('S-1-5-32-544');
    expect(sidOf(DOMAIN_ADMINS.toString('base64'))).toBe('S-1-5-21-1004336348-1177238915-682003330-512');
    expect(sidOf('Ken Myer')).toBeUndefined();
    expect(sidOf('AQUAAAAAAAU=')).toBeUndefined();
  });
});

/**
 * What a real AD export holds besides the values: Export-Csv's .NET type names where it lost a list
 * or bytes (left out, their columns named once), Get-ADUser's ADEntity members (PropertyNames ...
 * PropertyCount: not attributes), SIDs as text or LDIF base64 (kept as S-1-... text), and one attribute
 * under its LDAP name and its property names at once (the LDAP column's exact value alone is kept).
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { normalizeUser } from '../../src/directory/index.js';
import { isTypeNamePlaceholder, readCsvUsers } from '../../src/directory/import/readCsvUsers.js';
import type { SourceRow } from '../../src/directory/import/sourceRow.js';

const DN = 'CN=Maria Campos,OU=Finance,DC=litwareinc,DC=com';
const COLLECTION = 'Microsoft.ActiveDirectory.Management.ADPropertyValueCollection';

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** The attributes normalizeUser keeps for a row, or its error. */
function attributesOf(raw: Record<string, string | string[]>): readonly (readonly [string, string])[] | string {
  const user = normalizeUser({ DistinguishedName: DN, ...raw });
  return 'error' in user ? user.error : user.attributes;
}

describe('Export-Csv type names', () => {
  it.each([
    COLLECTION,
    'System.Byte[]',
    'System.Object[]',
    'System.DirectoryServices.ActiveDirectorySecurity',
    'System.Collections.Generic.HashSet`1[System.String]',
    `System.Collections.Generic.SortedDictionary\`2+KeyCollection[System.String,${COLLECTION}]`,
  ])('%s is a placeholder', (value) => {
    expect(isTypeNamePlaceholder(value)).toBe(true);
  });

  it.each(['Microsoft.com', 'Microsoft.Office', 'System.Exchange', 'Microsoft Corporation', 'System.Byte[] and more', 'Sales', '', 'S-1-5-21-1-2-3-500'])(
    '%j is data',
    (value) => {
      expect(isTypeNamePlaceholder(value)).toBe(false);
    },
  );

  it('a row leaves them out, and the columns are told once, in header order, after the last row', async () => {
    const csv = [
      '#TYPE Microsoft.ActiveDirectory.Management.ADUser',
      '"DistinguishedName","MemberOf","Company","nTSecurityDescriptor","logonHours","PropertyNames"',
      `"${DN}","${COLLECTION}","Microsoft.com","System.DirectoryServices.ActiveDirectorySecurity",,"System.Collections.Generic.HashSet\`1[System.String]"`,
      `"CN=B,OU=X,DC=x,DC=com","${COLLECTION}","Litware","System.DirectoryServices.ActiveDirectorySecurity","System.Byte[]",`,
      '',
    ].join('\r\n');
    const told: (readonly string[])[] = [];
    const rows = await collect(readCsvUsers(Readable.from([`\uFEFF${csv}`]), (columns) => told.push(columns)));
    expect(rows).toEqual([
      { row: 3, raw: { DistinguishedName: DN, Company: 'Microsoft.com', logonHours: '' } },
      { row: 4, raw: { DistinguishedName: 'CN=B,OU=X,DC=x,DC=com', Company: 'Litware', PropertyNames: '' } },
    ]);
    // PropertyNames is one of the ADEntity's own members, not a lost attribute.
    expect(told).toEqual([['MemberOf', 'nTSecurityDescriptor', 'logonHours']]);
  });

  it('a file without them tells nothing', async () => {
    const told: (readonly string[])[] = [];
    await collect(readCsvUsers(Readable.from([`DistinguishedName,Title\n"${DN}",Manager\n`]), (columns) => told.push(columns)));
    expect(told).toEqual([]);
  });

  it("Get-ADUser's ADEntity members are not attributes", () => {
    expect(attributesOf({ PropertyCount: '127', AddedProperties: '', Title: 'Finance Manager' })).toEqual([['Title', 'Finance Manager']]);
  });
});

describe('SIDs', () => {
  // S-1-5-21-2734969515-1644526116-3122330740-1105 in MS-DTYP 2.4.2's binary form, base64 as ldifde writes it.
  const LDIF_SID = 'AQUAAAAAAAUVAAAAq1IEoyR6BWJ0/Bq6UQQAAA==';
  const TEXT = 'S-1-5-21-2734969515-1644526116-3122330740-1105';

  it("objectSid from LDIF is kept as its S-1 text, as Export-Csv's already is", () => {
    expect(attributesOf({ objectSid: LDIF_SID })).toEqual([['objectSid', TEXT]]);
    // SID is Get-ADUser's name for objectSid: the LDAP-named column wins.
    expect(attributesOf({ objectSid: TEXT, SID: TEXT.toLowerCase() })).toEqual([['objectSid', TEXT]]);
  });

  it('every value of sIDHistory, and a value that is no SID stays as it is', () => {
    expect(attributesOf({ sIDHistory: [LDIF_SID, 'S-1-5-21-1-2-3-1001'], objectSid: 'not a sid' })).toEqual([
      ['sIDHistory', TEXT],
      ['sIDHistory', 'S-1-5-21-1-2-3-1001'],
      ['objectSid', 'not a sid'],
    ]);
  });
});

describe('an attribute under its LDAP name and its Get-ADUser property names', () => {
  it('keeps the LDAP column alone: PasswordLastSet is to the second in local time, pwdLastSet exact', () => {
    const attributes = attributesOf({
      PasswordLastSet: '11/3/2025 8:12:44 AM', pwdLastSet: '134066491644817263',
      City: 'New York', l: 'New York', Created: '3/4/2015 10:00:00 AM', createTimeStamp: '3/4/2015 10:00:00 AM', whenCreated: '3/4/2015 10:00:00 AM',
    });
    expect(attributes).toEqual([['pwdLastSet', '134066491644817263'], ['l', 'New York'], ['whenCreated', '3/4/2015 10:00:00 AM']]);
  });

  it('without the LDAP column, the first property column only', () => {
    expect(attributesOf({ Modified: '1/12/2026 9:30:05 AM', modifyTimeStamp: '1/12/2026 9:30:05 AM', Office: 'NYC-12.040' })).toEqual([
      ['Modified', '1/12/2026 9:30:05 AM'],
      ['Office', 'NYC-12.040'],
    ]);
  });

  it('an empty LDAP column leaves the property column', () => {
    expect(attributesOf({ City: 'Oslo', l: '' })).toEqual([['City', 'Oslo']]);
  });
});

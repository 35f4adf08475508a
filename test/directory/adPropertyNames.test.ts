/**
 * Get-ADUser's property names (City, Office, EmailAddress, PasswordLastSet, ...) and the LDAP names
 * (l, physicalDeliveryOfficeName, mail, pwdLastSet) are one attribute in import columns and in
 * -LdapFilter; a Get-ADUser export's dates of FILETIME attributes import as FILETIME integers.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sh } from '../support/shell.js';

const CSV = `DistinguishedName,SamAccountName,msRTCSIP-PrimaryUserAddress,City,Office,EmailAddress,PasswordLastSet,SID
"CN=A,OU=X,DC=l,DC=com",a,sip:a@l.com,Redmond,Building 1,a@l.com,1/1/2020 12:00:00 AM,S-1-5-21-1-2-3-1001
"CN=B,OU=X,DC=l,DC=com",b,sip:b@l.com,Oslo,Building 2,b@l.com,3/4/2015 10:00:00 AM,S-1-5-21-1-2-3-1002
`;

let env: NodeJS.ProcessEnv;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-adnames-'));
  env = { CSPIN_DB: join(dir, 'cspin.db'), TZ: 'UTC' };
  writeFileSync(join(dir, 'users.csv'), CSV);
  expect((await sh('cspin init && cspin import users.csv', { env, cwd: dir })).stderr).toContain('2 added, 0 updated, 0 rejected');
});

const selected = async (filter: string) => {
  const result = await sh(`Get-CsUser -LdapFilter '${filter}' | Select-Object -ExpandProperty SamAccountName`, { env, cwd: dir });
  expect(result.stderr).toBe('');
  return result.stdout.trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as string);
};

describe("Get-ADUser's property names", () => {
  it('import columns are stored under the LDAP names; the dates of FILETIME attributes as FILETIME', () => {
    const db = new Database(env.CSPIN_DB ?? '', { readonly: true });
    try {
      expect(db.prepare("SELECT name, value FROM user_attrs WHERE user_id = (SELECT id FROM users WHERE sam = 'a') AND name != 'cn' ORDER BY name").raw().all()).toEqual([
        ['l', 'Redmond'],
        ['mail', 'a@l.com'],
        ['objectsid', 'S-1-5-21-1-2-3-1001'],
        ['physicaldeliveryofficename', 'Building 1'],
        // 2020-01-01T00:00:00Z: (1577836800000 ms + 11644473600000 ms) × 10,000.
        ['pwdlastset', '132223104000000000'],
      ]);
    } finally {
      db.close();
    }
  });

  it.each([
    ['(City=Redmond)', ['a']],
    ['(l=Redmond)', ['a']],
    ['(office=Building 2)', ['b']],
    ['(physicalDeliveryOfficeName=Building*)', ['a', 'b']],
    ['(EmailAddress=b@*)', ['b']],
    ['(pwdLastSet>=132223104000000000)', ['a']],
    ['(PasswordLastSet<=132223103999999999)', ['b']],
    ['(SID=S-1-5-21-1-2-3-1002)', ['b']],
    ['(objectSid=S-1-5-21-1-2-3-1001)', ['a']],
  ])('-LdapFilter %s selects %j', async (filter, expected) => {
    expect(await selected(filter)).toEqual(expected);
  });
});

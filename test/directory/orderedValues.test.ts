/**
 * Integer and time values order by number: FILETIME integers past 2^53 keep all 64 bits, times
 * keep epoch milliseconds, and Export-Csv's date text (`3/4/2015 10:00:00 AM`, local time) is read
 * as a time. A value invalid for its syntax never orders (it used to compare as text and match).
 * Through the real bins, and migration 5 on a database written before.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sh } from '../support/shell.js';

const CSV = `DistinguishedName,SamAccountName,msRTCSIP-PrimaryUserAddress,whenCreated,pwdLastSet
"CN=A,OU=X,DC=l,DC=com",a,sip:a@l.com,3/4/2015 10:00:00 AM,130700000000000000
"CN=B,OU=X,DC=l,DC=com",b,sip:b@l.com,20260101000000.0Z,0
"CN=C,OU=X,DC=l,DC=com",c,sip:c@l.com,12/31/2025 11:59:59 PM,130700000000000001
"CN=D,OU=X,DC=l,DC=com",d,sip:d@l.com,yesterday,soon
`;

let env: NodeJS.ProcessEnv;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-ordered-'));
  env = { CSPIN_DB: join(dir, 'cspin.db'), TZ: 'America/New_York' };
  writeFileSync(join(dir, 'users.csv'), CSV);
  const result = await sh('cspin init && cspin import users.csv', { env, cwd: dir });
  expect(result.stderr).toContain('4 added, 0 updated, 0 rejected');
});

const selected = async (filter: string) => {
  const result = await sh(`Get-CsUser -LdapFilter '${filter}' | Select-Object -ExpandProperty SamAccountName`, { env, cwd: dir });
  expect(result.stderr).toBe('');
  return result.stdout.trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as string);
};

describe('ordering by number', () => {
  it.each([
    ['(whenCreated>=20250101000000.0Z)', ['b', 'c']],
    ['(whenCreated<=20250101000000.0Z)', ['a']],
    // 10:00 AM in New York on 4 March 2015 (EST) is 15:00 UTC.
    ['(whenCreated=20150304150000Z)', ['a']],
    // 11:59:59 PM on 31 December 2025 in New York is 04:59:59 UTC the next day.
    ['(whenCreated>=20260101040000Z)', ['c']],
    ['(pwdLastSet>=5)', ['a', 'c']],
    ['(pwdLastSet>=130700000000000001)', ['c']],
    ['(pwdLastSet<=130700000000000000)', ['a', 'b']],
    // An invalid stored value never matches an ordering item (false, so its negation holds).
    ['(!(pwdLastSet<=130700000000000000))', ['c', 'd']],
  ])('%s selects %j (the invalid values of d never order)', async (filter, expected) => {
    expect(await selected(filter)).toEqual(expected);
  });
});

describe('migration 5', () => {
  it('gives values stored before it their numbers, so ordering is right on an old database', async () => {
    const old = join(dir, 'old.db');
    await sh(`cp cspin.db ${old} && cp cspin.db.key ${old}.key`, { cwd: dir });
    const db = new Database(old);
    db.exec("UPDATE user_attrs SET value_int = NULL, value_key = lower(value) WHERE name IN ('whencreated', 'pwdlastset'); PRAGMA user_version = 4");
    db.close();
    const result = await sh(`Get-CsUser -LdapFilter '(whenCreated<=20250101000000.0Z)' | Select-Object -ExpandProperty SamAccountName`, { env: { ...env, CSPIN_DB: old }, cwd: dir });
    expect(result.stdout.trim()).toBe('"a"');
    const migrated = new Database(old, { readonly: true });
    migrated.defaultSafeIntegers(true);
    try {
      expect(migrated.prepare("SELECT value_key, value_int FROM user_attrs WHERE name = 'pwdlastset' ORDER BY value_int").raw().all()).toEqual([
        ['soon', null],
        ['0', 0n],
        ['130700000000000000', 130700000000000000n],
        ['130700000000000001', 130700000000000001n],
      ]);
    } finally {
      migrated.close();
    }
  });
});

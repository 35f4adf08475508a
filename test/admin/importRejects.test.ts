/**
 * A row cspin import refuses leaves nothing of itself, though rows have no savepoint of their own:
 * a SIP address or UPN another user holds, and a user found by its objectGUID moved onto a DN
 * another user holds (a unique key SQLite refuses on the row's first write). The rows around it go in.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, sh } from '../support/shell.js';

const HEADER = 'DistinguishedName,SamAccountName,msRTCSIP-PrimaryUserAddress,objectGUID,Title';
const GUID_A = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const FIRST = `${HEADER}
"CN=A,OU=X,DC=l,DC=com",a,sip:a@l.com,${GUID_A},Engineer
"CN=B,OU=X,DC=l,DC=com",b,sip:b@l.com,,Analyst
`;

function snapshot(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      users: db.prepare('SELECT id, dn, sam, sip, guid FROM users ORDER BY id').raw().all(),
      attrs: db.prepare('SELECT user_id, name, value FROM user_attrs ORDER BY user_id, name, value').raw().all(),
      keys: db.prepare('SELECT id, key FROM user_keys ORDER BY id').raw().all(),
      containers: db.prepare('SELECT dn FROM containers ORDER BY dn').pluck().all(),
    };
  } finally {
    db.close();
  }
}

describe('cspin import: a refused row leaves nothing of itself', () => {
  it('refuses a clashing SIP address and a key-matched move onto a taken DN; the rows around them go in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cspin-rejects-'));
    const env = { CSPIN_DB: join(dir, 'cspin.db'), CSPIN_ERROR_FORMAT: 'json' };
    writeFileSync(join(dir, 'first.csv'), FIRST);
    expect((await sh('cspin init && cspin import first.csv', { env, cwd: dir })).code).toBe(0);
    const before = snapshot(env.CSPIN_DB);
    writeFileSync(
      join(dir, 'second.csv'),
      `${HEADER}
"CN=C,OU=New,DC=l,DC=com",c,sip:c@l.com,,Manager
"CN=D,OU=Other,DC=l,DC=com",d,sip:b@l.com,,Director
"CN=B,OU=X,DC=l,DC=com",a2,sip:a2@l.com,${GUID_A},Moved
"CN=E,OU=X,DC=l,DC=com",e,sip:e@l.com,,Analyst
`,
    );
    const result = await sh('cspin import second.csv', { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([
      ['UserConflict', 3],
      ['UserConflict', 4],
    ]);
    expect(result.stderr).toContain('cspin: 2 added, 0 updated, 2 rejected\n');
    const after = snapshot(env.CSPIN_DB);
    // A and B as they were; C and E added; nothing of D (nor its container) and nothing of the move.
    expect(after.users.slice(0, 2)).toEqual(before.users);
    expect(after.users.slice(2).map((row) => (row as unknown[])[2])).toEqual(['c', 'e']);
    expect(after.attrs.filter((row) => (row as unknown[])[0] === 1 || (row as unknown[])[0] === 2)).toEqual(before.attrs);
    expect(after.keys).toHaveLength(4);
    expect(after.containers).not.toContain('OU=Other,DC=l,DC=com');
    expect(after.containers).toContain('OU=New,DC=l,DC=com');
  });
});

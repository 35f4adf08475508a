/**
 * rekeyDistinguishedNames on a database file written with the keys of before: DN keys by RFC 4514,
 * typed attribute values, containers merged, a collision kept, and a second run that changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/directory/database.js';
import { rekeyDistinguishedNames } from '../../src/directory/dnRekey.js';
import { UserWriter, type UserInput } from '../../src/directory/userStore.js';

const dir = mkdtempSync(join(tmpdir(), 'cspin-rekey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Keys as the earlier dnKey wrote them: the escapes kept as typed, lower-cased.
const OLD = [
  { id: 1, dn: 'CN=Ng\\2C Wei,OU=Sales\\2C EMEA,DC=x', key: 'dc=x,ou=sales\\2c emea,cn=ng\\2c wei,' },
  { id: 2, dn: 'CN=Ann,OU=M\\C3\\BCnchen,DC=x', key: 'dc=x,ou=m\\c3\\bcnchen,cn=ann,' },
  { id: 3, dn: 'CN=Ng\\, Wei,OU=Sales\\, EMEA,DC=x', key: 'dc=x,ou=sales\\, emea,cn=ng\\, wei,' },
  { id: 4, dn: 'CN=Bo,OU=Sales EMEA,DC=x', key: 'dc=x,ou=sales emea,cn=bo,' },
];

describe('rekeyDistinguishedNames', () => {
  it('rewrites DN keys, containers and typed values once, and keeps a user whose new key another holds under its old key', () => {
    const db = createDatabase(join(dir, 'old.db'));
    try {
      const user = db.prepare('INSERT INTO users (id, dn, dn_key) VALUES (?, ?, ?)');
      for (const row of OLD) user.run(row.id, row.dn, row.key);
      const container = db.prepare('INSERT INTO containers (dn_key, dn) VALUES (?, ?)');
      container.run('dc=x,ou=sales\\2c emea,', 'OU=Sales\\2C EMEA,DC=x');
      container.run('dc=x,ou=sales\\, emea,', 'OU=Sales\\, EMEA,DC=x');
      container.run('dc=x,ou=m\\c3\\bcnchen,', 'OU=M\\C3\\BCnchen,DC=x');
      const attr = db.prepare('INSERT INTO user_attrs (user_id, name, value, value_key, value_int) VALUES (?, ?, ?, ?, ?)');
      attr.run(1, 'extensionattribute1', '42', '42', 42);
      attr.run(1, 'useraccountcontrol', '512', '512', 512);
      attr.run(2, 'manager', 'CN=Ng\\2C Wei,OU=Sales\\2C EMEA,DC=x', 'cn=ng\\2c wei,ou=sales\\2c emea,dc=x', null);
      attr.run(2, '2.5.4.12', 'Boss', 'boss', null);

      const first = db.transaction(() => rekeyDistinguishedNames(db)).immediate();
      // User 3 already holds the canonical key of user 1's DN: user 1 keeps its old key.
      expect(first).toEqual({ users: 1, values: 3, collisions: ['CN=Ng\\2C Wei,OU=Sales\\2C EMEA,DC=x'] });
      const keys = db.prepare('SELECT id, dn_key AS key FROM users ORDER BY id').all();
      expect(keys).toEqual([
        { id: 1, key: OLD[0]?.key },
        { id: 2, key: 'dc=x,ou=münchen,cn=ann,' },
        { id: 3, key: OLD[2]?.key },
        { id: 4, key: OLD[3]?.key },
      ]);
      expect(db.prepare('SELECT dn_key AS key FROM containers ORDER BY dn_key').all()).toEqual([
        { key: 'dc=x,ou=münchen,' },
        { key: 'dc=x,ou=sales\\, emea,' },
      ]);
      expect(db.prepare('SELECT name, value_key AS key, value_int AS int FROM user_attrs ORDER BY rowid').all()).toEqual([
        { name: 'extensionattribute1', key: '42', int: null },
        { name: 'useraccountcontrol', key: '512', int: 512 },
        { name: 'manager', key: 'dc=x,ou=sales\\, emea,cn=ng\\, wei,', int: null },
        { name: 'title', key: 'boss', int: null },
      ]);

      const second = db.transaction(() => rekeyDistinguishedNames(db)).immediate();
      expect(second).toEqual({ users: 0, values: 0, collisions: ['CN=Ng\\2C Wei,OU=Sales\\2C EMEA,DC=x'] });
    } finally {
      db.close();
    }
  });
});

describe('import keys', () => {
  it('a later row for CN=Ng\\2C Wei updates the user imported as CN=Ng\\, Wei', () => {
    const db = createDatabase(join(dir, 'import.db'));
    try {
      const writer = new UserWriter(db);
      const row = (dn: string, title: string): UserInput => ({
        dn, domain: 'X', sam: 'ngwei', upn: 'ngwei@x.com', displayName: 'Ng, Wei', sip: 'sip:ngwei@x.com', enabled: true,
        registrarPool: null, lineUri: null, evEnabled: false, pinPolicy: null, attributes: [['title', title], ['userAccountControl', '0512']],
      });
      expect(writer.upsert(row('CN=Ng\\, Wei,OU=Sales\\, EMEA,DC=x', 'Manager')).outcome).toBe('added');
      expect(writer.upsert(row('cn=ng\\2c wei, ou=sales\\2C emea, dc=x', 'Director')).outcome).toBe('updated');
      expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 1 });
      // Typed at import: a title is a string, an integer with a leading zero is no RFC 4517 integer.
      expect(db.prepare('SELECT name, value_key AS key, value_int AS int FROM user_attrs ORDER BY name').all()).toEqual([
        { name: 'cn', key: 'ng, wei', int: null },
        { name: 'title', key: 'director', int: null },
        { name: 'useraccountcontrol', key: '0512', int: null },
      ]);
    } finally {
      db.close();
    }
  });
});

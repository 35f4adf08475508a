/**
 * Migration 4 and the integer stand-ins for stable user keys: PIN state and grants keep following
 * the stable key (an LDAP user's, a user renamed, a user who comes back), whatever id stands for it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSPIN_APPLICATION_ID, UserWriter, dnKey, openDatabase, type DirectoryDatabase } from '../../src/directory/index.js';
import { MIGRATIONS } from '../../src/directory/schema.js';
import { SqlitePinStore } from '../../src/pins/sqlite/sqlitePinStore.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cspin-keyids-'));
  dirs.push(dir);
  return join(dir, 'cspin.db');
};

const KEY = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const LDAP_ONLY = 'aaaaaaaa-0000-4000-8000-000000000001';

/** A schema-3 database: users 1..4 (1 and 2 with PINs, 3 with a grant) and PIN state for an LDAP user. */
function schema3Database(): string {
  const path = tempPath();
  const db = new Database(path);
  for (const sql of MIGRATIONS.slice(0, 3)) db.exec(sql);
  db.pragma('user_version = 3');
  db.pragma(`application_id = ${CSPIN_APPLICATION_ID}`);
  const user = db.prepare('INSERT INTO users (id, dn, dn_key, sam, sam_key, guid) VALUES (?, ?, ?, ?, ?, ?)');
  for (const id of [1, 2, 3, 4]) {
    const dn = `CN=User ${id},DC=litwareinc,DC=com`;
    user.run(id * 10, dn, dnKey(dn), `user${id}`, `user${id}`, KEY(id));
  }
  const pin = db.prepare('INSERT INTO pins (user_key, hash, changed_at, locked, pin_length) VALUES (?, ?, ?, ?, ?)');
  pin.run(KEY(1), 'scrypt$one', 1001, 0, 6);
  pin.run(KEY(2), 'scrypt$two', 1002, 1, 8);
  pin.run(LDAP_ONLY, 'scrypt$ldap', 1003, 0, 5);
  db.prepare('INSERT INTO pin_grants (user_key, policy) VALUES (?, ?)').run(KEY(3), 'Contractors');
  db.prepare('INSERT INTO pin_grants (user_key, policy) VALUES (?, ?)').run(LDAP_ONLY, 'Remote');
  db.close();
  return path;
}

const statesOf = async (path: string, db: DirectoryDatabase, keys: string[]) => {
  const states = await new SqlitePinStore(path, db, {}).states(keys);
  return [...states].map(([key, { pin, policy }]) => [key, pin?.hash ?? null, pin?.locked ?? null, policy]);
};

const base = { domain: 'litwareinc', upn: null, displayName: null, enabled: true, registrarPool: null, lineUri: null, evEnabled: false, pinPolicy: null, attributes: [] };

describe('migration 4: integer key ids', () => {
  it('keeps every PIN state and grant on its stable key; an embedded user\'s key id is its users.id', async () => {
    const path = schema3Database();
    const db = openDatabase(path, 'write');
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT id, key FROM user_keys WHERE id <= 40 ORDER BY id').raw().all()).toEqual([[10, KEY(1)], [20, KEY(2)], [30, KEY(3)], [40, KEY(4)]]);
      expect(db.prepare('SELECT id FROM user_keys WHERE key = ?').pluck().get(LDAP_ONLY)).toBeGreaterThan(40);
      expect(await statesOf(path, db, [KEY(1), KEY(2), KEY(3), KEY(4), LDAP_ONLY, 'bbbbbbbb-0000-4000-8000-000000000009'])).toEqual([
        [KEY(1), 'scrypt$one', 0, null],
        [KEY(2), 'scrypt$two', 1, null],
        [KEY(3), null, null, 'Contractors'],
        [LDAP_ONLY, 'scrypt$ldap', 0, 'Remote'],
      ]);
      expect(db.prepare("SELECT name FROM pragma_table_info('pins') WHERE pk = 1").pluck().get()).toBe('key_id');
    } finally {
      db.close();
    }
  });
});

describe('key ids on writes', () => {
  it('a user imported with a key that already has state (an LDAP user, a user who comes back) gets that state', async () => {
    const path = schema3Database();
    const db = openDatabase(path, 'write');
    try {
      const { id } = new UserWriter(db).upsert({ ...base, dn: 'CN=Back,DC=litwareinc,DC=com', sam: 'back', sip: 'sip:back@litwareinc.com', key: LDAP_ONLY });
      expect(db.prepare('SELECT id FROM user_keys WHERE key = ?').pluck().get(LDAP_ONLY)).toBe(id);
      // The import's own PinPolicy (none) replaces the grant; the PIN state stays.
      expect(await statesOf(path, db, [LDAP_ONLY])).toEqual([[LDAP_ONLY, 'scrypt$ldap', 0, null]]);
      expect(db.prepare("SELECT p.hash FROM users u JOIN pins p ON p.key_id = u.id WHERE u.sam = 'back'").pluck().get()).toBe('scrypt$ldap');
    } finally {
      db.close();
    }
  });

  it('a user whose export now carries a key held elsewhere keeps its own state, else adopts the other', async () => {
    const path = schema3Database();
    const db = openDatabase(path, 'write');
    try {
      const writer = new UserWriter(db);
      // user4 has no PIN: it adopts the LDAP user's state, and that key's old id goes.
      writer.upsert({ ...base, dn: 'CN=User 4,DC=litwareinc,DC=com', sam: 'user4', sip: null, key: LDAP_ONLY });
      expect(await statesOf(path, db, [LDAP_ONLY, KEY(4)])).toEqual([[LDAP_ONLY, 'scrypt$ldap', 0, null]]);
      expect(db.prepare('SELECT id FROM user_keys WHERE key = ?').pluck().all(LDAP_ONLY)).toEqual([40]);
      // user1 has a PIN: it keeps it, and the other key's state (a lock) is dropped with that key's id.
      const other = 'cccccccc-0000-4000-8000-000000000004';
      await new SqlitePinStore(path, db, {}).setLocked(other, true);
      writer.upsert({ ...base, dn: 'CN=User 1,DC=litwareinc,DC=com', sam: 'user1', sip: null, key: other });
      expect(await statesOf(path, db, [other, KEY(1)])).toEqual([[other, 'scrypt$one', 0, null]]);
      expect(db.prepare('SELECT id FROM user_keys WHERE key = ?').pluck().all(other)).toEqual([10]);
      expect(db.prepare('SELECT key_id FROM pins ORDER BY key_id').pluck().all()).toEqual([10, 20, 40]);
    } finally {
      db.close();
    }
  });

  it('PIN writes through the store for a key with no user give it an id past every user\'s', async () => {
    const path = schema3Database();
    const db = openDatabase(path, 'write');
    try {
      const store = new SqlitePinStore(path, db, {});
      const fresh = 'cccccccc-0000-4000-8000-000000000003';
      await store.setLocked(fresh, true);
      expect(db.prepare('SELECT id FROM user_keys WHERE key = ?').pluck().get(fresh)).toBeGreaterThan(40);
      expect(await statesOf(path, db, [fresh])).toEqual([[fresh, null, 1, null]]);
      await store.setLocked(fresh, false);
      expect(await statesOf(path, db, [fresh])).toEqual([[fresh, null, 0, null]]);
    } finally {
      db.close();
    }
  });
});

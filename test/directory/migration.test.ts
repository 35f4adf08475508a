/**
 * Migration 3 on a database made by schema 2: users get stable keys, PIN state and per-user policy
 * grants move onto those keys, nothing is lost, and a user renamed or moved later keeps its PIN.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSPIN_APPLICATION_ID, UserWriter, dnKey, openDatabase } from '../../src/directory/index.js';
import { MIGRATIONS } from '../../src/directory/schema.js';
import { newUserKey, userKeyOf } from '../../src/directory/sqlite/userKey.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A schema-2 database: 300 users, every other one with a PIN, every third with a per-user policy. */
function schema2Database(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cspin-migrate-'));
  dirs.push(dir);
  const path = join(dir, 'cspin.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (const sql of MIGRATIONS.slice(0, 2)) db.exec(sql);
  db.pragma('user_version = 2');
  db.pragma(`application_id = ${CSPIN_APPLICATION_ID}`);
  const user = db.prepare("INSERT INTO users (id, dn, dn_key, sam, sam_key, sip, sip_key, pin_policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const pin = db.prepare('INSERT INTO pins (user_id, hash, changed_at, locked, global_failures, pin_length) VALUES (?, ?, ?, ?, ?, ?)');
  for (let id = 1; id <= 300; id++) {
    const dn = `CN=User ${id},OU=Test,DC=litwareinc,DC=com`;
    user.run(id, dn, dnKey(dn), `user${id}`, `user${id}`, `sip:user${id}@litwareinc.com`, `sip:user${id}@litwareinc.com`, id % 3 === 0 ? `Policy${id % 7}` : null);
    if (id % 2 === 0) pin.run(id, `scrypt$hash${id}`, 1000 + id, id % 4 === 0 ? 1 : 0, id % 5, 6);
  }
  db.close();
  return path;
}

const pinsBySam = (db: Database.Database) =>
  db.prepare('SELECT u.sam, p.hash, p.changed_at, p.locked, p.global_failures, p.pin_length FROM pins p JOIN users u ON u.id = p.key_id ORDER BY u.id').all();

describe('migration 3: stable user keys', () => {
  it('gives every user a distinct lower-case UUID v7 and keeps every PIN state and grant on its user', () => {
    const path = schema2Database();
    const db = openDatabase(path, 'write');
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const keys = db.prepare('SELECT guid FROM users').pluck().all() as string[];
      expect(keys).toHaveLength(300);
      expect(new Set(keys).size).toBe(300);
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const pins = pinsBySam(db) as { sam: string; hash: string; changed_at: number; locked: number; global_failures: number; pin_length: number }[];
      expect(pins).toHaveLength(150);
      expect(pins[0]).toEqual({ sam: 'user2', hash: 'scrypt$hash2', changed_at: 1002, locked: 0, global_failures: 2, pin_length: 6 });
      expect(pins[1]).toEqual({ sam: 'user4', hash: 'scrypt$hash4', changed_at: 1004, locked: 1, global_failures: 4, pin_length: 6 });
      const grants = db.prepare('SELECT u.sam, g.policy FROM pin_grants g JOIN users u ON u.id = g.key_id ORDER BY u.id').all();
      expect(grants).toHaveLength(100);
      expect(grants[0]).toEqual({ sam: 'user3', policy: 'Policy3' });
      const columns = db.prepare("SELECT name FROM pragma_table_info('users')").pluck().all();
      expect(columns).not.toContain('pin_policy');
    } finally {
      db.close();
    }
  });

  it('a user whose export later carries its objectGUID, then is moved and renamed, keeps its PIN and grant', () => {
    const path = schema2Database();
    const db = openDatabase(path, 'write');
    try {
      const base = { domain: 'litwareinc', upn: null, displayName: null, enabled: true, registrarPool: null, lineUri: null, evEnabled: false, attributes: [] };
      const before = pinsBySam(db).length;
      const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
      const writer = new UserWriter(db);
      // user2 has a PIN; the export now carries the AD key, then the user moves to another OU and is renamed.
      writer.upsert({ ...base, dn: 'CN=User 2,OU=Test,DC=litwareinc,DC=com', sam: 'user2', sip: 'sip:user2@litwareinc.com', pinPolicy: 'Kept', key: guid });
      writer.upsert({ ...base, dn: 'CN=Renamed,OU=Moved,DC=litwareinc,DC=com', sam: 'renamed', sip: 'sip:renamed@litwareinc.com', pinPolicy: 'Kept', key: guid });
      expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(300);
      expect(pinsBySam(db)).toHaveLength(before);
      expect(db.prepare('SELECT u.sam, p.hash FROM pins p JOIN users u ON u.id = p.key_id WHERE u.guid = ?').get(guid)).toEqual({ sam: 'renamed', hash: 'scrypt$hash2' });
      expect(db.prepare('SELECT policy FROM pin_grants WHERE key_id = (SELECT id FROM user_keys WHERE key = ?)').pluck().get(guid)).toBe('Kept');
    } finally {
      db.close();
    }
  });
});

describe('migration of a large database', () => {
  it('runs in a bounded heap: 40,000 users with 240,000 values rekeyed and retyped under a 24 MiB old space', () => {
    const path = schema2Database();
    const db = new Database(path);
    const user = db.prepare('INSERT INTO users (id, dn, dn_key, sam, sam_key, sip, sip_key) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const value = db.prepare('INSERT INTO user_attrs (user_id, name, value, value_key) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (let id = 1001; id <= 41000; id++) {
        // An old-style key (the escaped comma as written) that the RFC 4514 rekey changes.
        const dn = `CN=Bulk\\2C ${id},OU=Bulk,DC=litwareinc,DC=com`;
        user.run(id, dn, dn.toLowerCase(), `bulk${id}`, `bulk${id}`, `sip:bulk${id}@litwareinc.com`, `sip:bulk${id}@litwareinc.com`);
        for (const name of ['Title', 'Department', 'Company', 'extensionAttribute1', 'physicalDeliveryOfficeName', 'Description']) value.run(id, name, `${name} value ${id}`, `${name} value ${id}`);
      }
    })();
    db.close();
    // The migration as a command runs it: in its own process, here with a small old space.
    const open = `import('${join(process.cwd(), 'dist/directory/index.js')}').then((m) => m.openDatabase(process.argv[1], 'write').close())`;
    const child = spawnSync(process.execPath, ['--max-old-space-size=24', '--input-type=module', '-e', open, path], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const migrated = new Database(path, { readonly: true });
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(migrated.prepare('SELECT dn_key FROM users WHERE id = 41000').pluck().get()).toBe(dnKey('CN=Bulk\\2C 41000,OU=Bulk,DC=litwareinc,DC=com'));
      expect(migrated.prepare("SELECT count(*) FROM user_attrs WHERE name = 'title'").pluck().get()).toBe(40000);
    } finally {
      migrated.close();
    }
  }, 60_000);
});

describe('user keys', () => {
  it('newUserKey makes time-ordered UUID v7 text', () => {
    const a = newUserKey(1_700_000_000_000);
    const b = newUserKey(1_700_000_000_001);
    expect(a).toMatch(UUID);
    expect(a.slice(0, 13)).toBe('018bcfe5-6800');
    expect(a < b).toBe(true);
  });

  it('userKeyOf reads entryUUID and objectGUID text, and objectGUID bytes in AD order (LDIF base64)', () => {
    expect(userKeyOf('{3F2504E0-4F89-11D3-9A0C-0305E82C3301}')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(userKeyOf('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    // AD's bytes: E0 04 25 3F | 89 4F | D3 11 | 9A 0C | 03 05 E8 2C 33 01
    const bytes = Buffer.from('e004253f894fd3119a0c0305e82c3301', 'hex').toString('base64');
    expect(userKeyOf(bytes)).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(userKeyOf('not a guid')).toBeUndefined();
  });
});

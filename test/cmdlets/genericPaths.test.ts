/**
 * The generic paths the PIN cmdlets take with any directory other than the SQLite file's own (an LDAP
 * server): the same targets and PinInfoDetails lines as the joined SQLite lookups. The other directory
 * here is the real SqliteDirectory behind a plain object (so no joined view applies); the PIN store is
 * a real SQLite file with PINs, a lock and grants.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonText, type ErrorRecord } from '../../src/core/index.js';
import { SqliteDirectory, UserId, UserWriter, createDatabase, type UserDirectory } from '../../src/directory/index.js';
import { GenericPinInfo, SqlitePinStore, SqlitePinWrites, createPepper } from '../../src/pins/index.js';
import { resolvePinTargets } from '../../src/cmdlets/targets.js';

const dir = mkdtempSync(join(tmpdir(), 'cspin-generic-'));
const env = { CSPIN_DB: join(dir, 'cspin.db') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const path = env.CSPIN_DB;
  const db = createDatabase(path);
  createPepper(db, path, {});
  db.exec(`UPDATE pin_policies SET pin_lifetime = 30, pin_history_count = 1 WHERE identity = 'Global';
    INSERT INTO pin_policies (identity, pin_lifetime, pin_history_count) VALUES ('tag:Short', 7, 1);`);
  const writer = new UserWriter(db);
  const pins = new SqlitePinWrites(db);
  const names = ['Ann One', 'Bob Two', 'Cy Three', 'Dee Four', 'Ann One'];
  names.forEach((name, n) => {
    const sam = `u${n}`;
    const { key } = writer.upsert({
      dn: `CN=${name} ${n},OU=Test,DC=litwareinc,DC=com`, domain: 'litwareinc', sam, upn: `${sam}@litwareinc.com`, displayName: name,
      sip: `sip:${sam}@litwareinc.com`, enabled: true, registrarPool: null, lineUri: null, evEnabled: false, pinPolicy: n === 1 ? 'Short' : null, attributes: [],
    });
    if (n < 3) pins.setHash(key, 'scrypt$placeholder', Date.UTC(2026, 0, 1 + n), 6);
    if (n === 2) pins.setLocked(key, true);
  });
  db.close();
});

/** The same directory, not recognisable as the PIN store's own file. */
function elsewhere(directory: SqliteDirectory): UserDirectory {
  return {
    description: 'ldap://dc01.litwareinc.com',
    resolve: (ids) => directory.resolve(ids),
    search: (search) => directory.search(search),
    entries: (search) => directory.entries(search),
    containerExists: (dn) => directory.containerExists(dn),
    close: () => directory.close(),
  };
}

const IDS = ['sip:u0@litwareinc.com', 'nobody@litwareinc.com', 'u1@litwareinc.com', 'litwareinc\\u2', 'Dee Four', 'Ann One', 'Ann*'];
const items = IDS.map((text, index) => ({ identity: new UserId(text), record: index + 1 }));
const shown = (output: unknown[]) => output.map((item) => (item instanceof JsonText ? item.json : (item as ErrorRecord).errorId));

describe('the generic paths give what the joined SQLite lookups give', () => {
  it('PinInfoDetails lines, not-found errors in place, expiry from the granted policy', async () => {
    const pins = SqlitePinStore.open(env, 'read');
    const directory = SqliteDirectory.open(env);
    try {
      const policies = pins.policyResolver();
      const joined = pins.joinedWith(directory)?.pinInfo(policies, false);
      const generic = new GenericPinInfo(elsewhere(directory), pins, policies);
      const fast = shown(await (joined?.chunk(items, () => true) ?? []));
      const slow = shown(await generic.chunk(items, () => true));
      expect(slow).toEqual(fast);
      expect(slow.filter((line) => line === 'ManagementObjectNotFound')).toHaveLength(1);
      expect(slow.filter((line) => line.includes('"PinExpirationTime":"2026-01-09'))).toHaveLength(1);
      joined?.close();
    } finally {
      directory.close();
      pins.close();
    }
  });

  it('PIN targets: the same users and state, and the same refusals of ambiguous names', async () => {
    const pins = SqlitePinStore.open(env, 'write');
    const directory = SqliteDirectory.open(env);
    try {
      const strip = (targets: Awaited<ReturnType<typeof resolvePinTargets>>) =>
        targets.map((t) => ('error' in t ? t.error.errorId : t.users.map(({ id: _id, ...user }) => user)));
      const fast = strip(await resolvePinTargets({ directory, pins }, items));
      const slow = strip(await resolvePinTargets({ directory: elsewhere(directory), pins }, items));
      expect(slow).toEqual(fast);
      expect(slow[5]).toBe('AmbiguousIdentity');
      expect(slow[3]).toEqual([expect.objectContaining({ sip: 'sip:u2@litwareinc.com', locked: 1, hash: 'scrypt$placeholder' })]);
    } finally {
      directory.close();
      pins.close();
    }
  });
});

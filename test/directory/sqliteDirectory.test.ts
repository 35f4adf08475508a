/**
 * The embedded directory behind the UserDirectory seam, and the SQLite PIN store beside it: real
 * SQLite files; the same users through resolve and search, PIN state by key, the joined fast path
 * only for the same file, and the LDAP configuration refused until its backend is wired.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/index.js';
import { AD_ATTRIBUTE_NAMES, SqliteDirectory, UserId, UserWriter, createDatabase, openUserDirectory, parseLdapFilter, type DirectoryUser, type UserDirectory } from '../../src/directory/index.js';
import { SqlitePinStore, createPepper } from '../../src/pins/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cspin-sqlitedir-'));
const path = join(dir, 'cspin.db');
const env = { CSPIN_DB: path };
const keys = new Map<string, string>();

beforeAll(() => {
  const db = createDatabase(path);
  createPepper(db, path, {});
  const writer = new UserWriter(db);
  for (let n = 1; n <= 7; n++) {
    const ou = n <= 3 ? 'Finance' : 'Sales';
    const { key } = writer.upsert({
      dn: `CN=User ${n},OU=${ou},DC=litwareinc,DC=com`,
      domain: 'litwareinc',
      sam: `user${n}`,
      upn: `user${n}@litwareinc.com`,
      displayName: `User ${n}`,
      sip: n === 7 ? null : `sip:user${n}@litwareinc.com`,
      enabled: true,
      registrarPool: null,
      lineUri: null,
      evEnabled: false,
      pinPolicy: n === 2 ? 'Contractors' : null,
      attributes: [['title', n % 2 === 0 ? 'Manager' : 'Engineer']],
    });
    keys.set(`user${n}`, key);
  }
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(pages: AsyncIterable<readonly DirectoryUser[]>): Promise<string[]> {
  const sams: string[] = [];
  for await (const page of pages) sams.push(...page.map((user) => user.sam ?? ''));
  return sams;
}

describe('SqliteDirectory', () => {
  it('resolves a chunk in one call, keyed by input index, with the users\' stable keys', async () => {
    const directory = await openUserDirectory({ kind: 'embedded' }, { env });
    try {
      const found = await directory.resolve(['sip:user1@litwareinc.com', 'nobody@litwareinc.com', 'litwareinc\\user3', 'user7@litwareinc.com'].map((t) => new UserId(t)));
      expect([...found.keys()]).toEqual([0, 2]);
      expect(found.get(0)?.[0]).toMatchObject({ sam: 'user1', key: keys.get('user1'), enabled: true, evEnabled: false });
      expect(found.get(2)?.[0]?.key).toBe(keys.get('user3'));
    } finally {
      directory.close();
      directory.close();
    }
  });

  it('searches users with a SIP address by subtree, LDAP filter and limit', async () => {
    const directory = SqliteDirectory.open(env);
    try {
      expect(await all(directory.search({}))).toEqual(['user1', 'user2', 'user3', 'user4', 'user5', 'user6']);
      expect(await all(directory.search({ base: 'OU=Finance,DC=litwareinc,DC=com' }))).toEqual(['user1', 'user2', 'user3']);
      expect(await all(directory.search({ filter: parseLdapFilter('title=Manager') }))).toEqual(['user2', 'user4', 'user6']);
      expect(await all(directory.search({ limit: 2 }))).toEqual(['user1', 'user2']);
      expect(await directory.containerExists('ou=finance,dc=litwareinc,dc=com')).toBe(true);
      expect(await directory.containerExists('OU=Nowhere,DC=litwareinc,DC=com')).toBe(false);
    } finally {
      directory.close();
    }
  });

  it('an LDAP configuration opens the LDAP backend: a closed port is LdapServerUnavailable (exit 2)', async () => {
    const config = { kind: 'ldap', url: 'ldap://127.0.0.1:1', startTls: false, allowUntrustedCertificate: false, attributes: AD_ATTRIBUTE_NAMES, connectTimeoutMs: 2000, pageSize: 500 } as const;
    const error: unknown = await openUserDirectory(config, { env }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TerminatingError);
    expect((error as TerminatingError).record.errorId).toBe('LdapServerUnavailable');
  });
});

describe('SqlitePinStore', () => {
  it('reads PIN state and grants by key in one call, and joins only with the directory on its own file', async () => {
    const pins = SqlitePinStore.open(env, 'write');
    const directory = SqliteDirectory.open(env);
    try {
      const user1 = keys.get('user1') ?? '';
      const user2 = keys.get('user2') ?? '';
      await pins.setLocked(user1, true);
      const states = await pins.states([user1, user2, keys.get('user3') ?? '']);
      expect(states.get(user1)).toMatchObject({ policy: null, pin: { hash: null, locked: 1 } });
      expect(states.get(user2)).toEqual({ policy: 'Contractors', pin: undefined });
      expect(states.size).toBe(2);
      // Grants alone: only a key with a grant of its own is there; none at all once the last is revoked.
      expect(await pins.grants([user1, user2])).toEqual(new Map([[user2, 'Contractors']]));
      pins.policies.assign(user2, null);
      expect(await pins.grants([user1, user2])).toEqual(new Map());
      expect(pins.joinedWith(directory)).toBeDefined();
      // Another directory (an LDAP server, say) goes the generic way.
      const other: UserDirectory = {
        description: 'ldap://dc01.litwareinc.com',
        resolve: (ids) => directory.resolve(ids),
        search: (search) => directory.search(search),
        entries: (search) => directory.entries(search),
        containerExists: (dn) => directory.containerExists(dn),
        close: () => undefined,
      };
      expect(pins.joinedWith(other)).toBeUndefined();
    } finally {
      directory.close();
      pins.close();
    }
  });
});

/**
 * Get-CsUser and Get-ADUser on a directory that fails mid-search (a lost LDAP connection): the users written stand,
 * one DirectorySearchInterrupted error says how far it got, and nothing is written twice. The
 * directory is a test double of the network side only; the PIN store is a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorRecord, JsonText, type CmdletContext } from '../../src/core/index.js';
import { createDatabase, type DirectoryUser, type UserDirectory } from '../../src/directory/index.js';
import { scanUsers, type UserSearchState } from '../../src/cmdlets/getCsUserOutput.js';
import { scanEntries } from '../../src/cmdlets/getADUserOutput.js';
import { adUserShape } from '../../src/directory/adProperties.js';
import { SqlitePinStore, createPepper } from '../../src/pins/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cspin-interrupted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const user = (n: number): DirectoryUser => ({
  key: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  dn: `CN=User ${n},OU=Test,DC=litwareinc,DC=com`,
  domain: 'litwareinc',
  sam: `user${n}`,
  upn: `user${n}@litwareinc.com`,
  displayName: `User ${n}`,
  sip: `sip:user${n}@litwareinc.com`,
  enabled: true,
  registrarPool: null,
  lineUri: null,
  evEnabled: false,
});

/** A directory whose search gives these pages, then fails. */
function failingDirectory(pages: DirectoryUser[][]): UserDirectory {
  return {
    description: 'ldap://test.invalid',
    resolve: () => Promise.resolve(new Map()),
    containerExists: () => Promise.resolve(true),
    close: () => undefined,
    entries: async function* () {
      for (const page of pages) yield page.map((u) => ({ user: u, attributes: new Map([['department', ['Test']]]) }));
      throw new Error('connection lost');
    },
    search: async function* () {
      for (const page of pages) yield page;
      throw new Error('connection lost');
    },
  };
}

function stateWith(directory: UserDirectory, name: string): UserSearchState {
  const path = join(dir, `${name}.db`);
  const db = createDatabase(path);
  createPepper(db, path, {});
  const keyId = db.prepare('INSERT INTO user_keys (key) VALUES (?) RETURNING id').pluck().get(user(2).key);
  db.prepare('INSERT INTO pin_grants (key_id, policy) VALUES (?, ?)').run(keyId, 'Contractors');
  const pins = new SqlitePinStore(path, db, {});
  return { services: { directory, pins }, search: {}, filter: undefined, remaining: Infinity, fast: undefined, written: 0 };
}

const context = { progressTotal: () => undefined } as unknown as CmdletContext;

async function collect(state: UserSearchState): Promise<unknown[]> {
  const output: unknown[] = [];
  for await (const item of scanUsers(state, context)) output.push(item);
  return output;
}

describe('Get-CsUser when the directory search fails mid-way', () => {
  it('writes every user it got once, then one DirectorySearchInterrupted error', async () => {
    const state = stateWith(failingDirectory([[user(1), user(2)], [user(3)]]), 'midway');
    try {
      const output = await collect(state);
      const lines = output.filter((item): item is JsonText => item instanceof JsonText).map((item) => JSON.parse(item.json) as Record<string, unknown>);
      expect(lines.map((line) => line.SamAccountName)).toEqual(['user1', 'user2', 'user3']);
      expect(lines.map((line) => line.PinPolicy)).toEqual([null, 'Contractors', null]);
      const errors = output.filter((item): item is ErrorRecord => item instanceof ErrorRecord);
      expect(errors.map((error) => error.errorId)).toEqual(['DirectorySearchInterrupted']);
      expect(output.at(-1)).toBe(errors[0]);
      expect(state.written).toBe(3);
    } finally {
      state.services.pins.close();
    }
  });

  it('a search that fails before any user is the command\'s failure, not an interruption', async () => {
    const state = stateWith(failingDirectory([]), 'before');
    try {
      await expect(collect(state)).rejects.toThrow('connection lost');
    } finally {
      state.services.pins.close();
    }
  });
});

describe('Get-ADUser when the directory search fails mid-way', () => {
  const scan = async (pages: DirectoryUser[][]) => {
    const output: unknown[] = [];
    const state = { services: { directory: failingDirectory(pages) }, shape: adUserShape(['Department']), search: {}, under: '' };
    for await (const item of scanEntries(state)) output.push(item);
    return output;
  };

  it('writes every user it got once, then one DirectorySearchInterrupted error', async () => {
    const output = await scan([[user(1), user(2)], [user(3)]]);
    const users = output.filter((item) => !(item instanceof ErrorRecord)) as Record<string, unknown>[];
    expect(users.map((u) => [u.SamAccountName, u.Department])).toEqual([['user1', 'Test'], ['user2', 'Test'], ['user3', 'Test']]);
    const errors = output.filter((item): item is ErrorRecord => item instanceof ErrorRecord);
    expect(errors.map((error) => error.errorId)).toEqual(['DirectorySearchInterrupted']);
    expect(output.at(-1)).toBe(errors[0]);
  });

  it('a search that fails before any user is the command\'s failure', async () => {
    await expect(scan([])).rejects.toThrow('connection lost');
  });
});

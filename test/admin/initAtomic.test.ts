/**
 * `cspin init` is atomic: killed (SIGKILL) at any moment it leaves no database or the old one, never
 * a partial one, and never a database without its key; `--force` never lets the old database's -wal
 * be applied to the new one; what a killed init left behind is cleared by the next.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDigest } from '../hostile/corpus.js';
import { leaveInWal } from '../hostile/faults.js';
import { bins, errorsOf, sh } from '../support/shell.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cspin-atomic-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An empty database (no users) to replace: made once, copied per test. */
let empty: string;
beforeAll(async () => {
  empty = join(tempDir(), 'empty.db');
  const init = await sh('cspin init', { env: { CSPIN_DB: empty } });
  expect(init.code, init.stderr).toBe(0);
});

function copyOfEmpty(): string {
  const db = join(tempDir(), 'cspin.db');
  copyFileSync(empty, db);
  copyFileSync(`${empty}.key`, `${db}.key`);
  return db;
}

/** Runs `cspin <args>` and kills it with SIGKILL after some milliseconds (if it is still running). */
function killedAfter(ms: number, db: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(bins(), 'cspin'), args, { env: { ...process.env, CSPIN_DB: db }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** What the database at a path is, as the commands see it: absent, or its users; its key must load. */
async function stateOf(db: string): Promise<'absent' | number> {
  const env = { CSPIN_DB: db, CSPIN_ERROR_FORMAT: 'json' };
  const users = await sh('Get-CsUser', { env });
  if (!existsSync(db)) {
    expect(errorsOf(users).map((e) => e.errorId)).toEqual(['DatabaseNotFound']);
    return 'absent';
  }
  expect(users.code, users.stderr).toBe(0);
  expect(databaseDigest(db).integrity).toBe('ok');
  // The key loads (a pending key is installed): the only errors are about users the database lacks.
  const logon = await sh('Test-CsClientPin -Identity sip:kenmyer@litwareinc.com -Pin 1234', { env });
  expect(errorsOf(logon).map((e) => e.errorId).filter((id) => id.startsWith('PinKey'))).toEqual([]);
  return users.objects.length;
}

/** n moments spread over a run, each at random within its share. */
const delays = (n: number, run: number) => Array.from({ length: n }, (_, i) => Math.round(((i + Math.random()) / n) * run));

/** Litter of killed inits: build files and pending keys. */
const litter = (db: string) => readdirSync(join(db, '..')).filter((f) => /\.init-|\.key\.new-/.test(f));

describe('cspin init killed at random moments', () => {
  let fullRun = 0;
  beforeAll(async () => {
    const start = Date.now();
    const db = join(tempDir(), 'timed.db');
    await killedAfter(60_000, db, ['init', '--sample']);
    fullRun = Date.now() - start;
    expect(await stateOf(db)).toBe(24);
  });

  it('cspin init --sample of a new database: afterwards there is no database or the whole sample (24 users with a SIP address), with its key', async () => {
    const seen = new Set<string | number>();
    // From at once (nothing done yet) to after the end (all done), and random moments in between.
    for (const ms of [0, ...delays(6, fullRun), 2 * fullRun]) {
      const db = join(tempDir(), 'cspin.db');
      await killedAfter(ms, db, ['init', '--sample']);
      const state = await stateOf(db);
      expect(['absent', 24]).toContain(state);
      seen.add(state);
    }
    expect([...seen].sort()).toEqual([24, 'absent']);
  }, 120_000);

  it('cspin init --force --sample over a database: afterwards the old one (no users) or the whole new one; the next init clears the litter', async () => {
    for (const ms of delays(6, fullRun)) {
      const db = copyOfEmpty();
      await killedAfter(ms, db, ['init', '--force', '--sample']);
      expect([0, 24]).toContain(await stateOf(db));
      const again = await sh('cspin init --force', { env: { CSPIN_DB: db } });
      expect(again.code, again.stderr).toBe(0);
      expect(litter(db)).toEqual([]);
      expect(await stateOf(db)).toBe(0);
    }
  }, 120_000);
});

describe('cspin init --force and the old database\'s -wal and -shm', () => {
  it('changes of the old database still in its -wal never reach the new one', async () => {
    const db = copyOfEmpty();
    leaveInWal(db, "INSERT INTO users (dn, dn_key, sam) VALUES ('CN=Old,DC=x', 'cn=old,dc=x', 'old')");
    const result = await sh('cspin init --force', { env: { CSPIN_DB: db } });
    expect(result.code, result.stderr).toBe(0);
    expect(await stateOf(db)).toBe(0);
    expect(readdirSync(join(db, '..')).sort()).toEqual(['cspin.db', 'cspin.db.key']);
  });

  it('a -wal of garbage beside the old database is removed, not applied', async () => {
    const db = copyOfEmpty();
    writeFileSync(`${db}-wal`, Buffer.alloc(40_000, 0x5a));
    const result = await sh('cspin init --force --sample', { env: { CSPIN_DB: db } });
    expect(result.code, result.stderr).toBe(0);
    expect(await stateOf(db)).toBe(24);
  });

  it('the build files of an init whose process is gone are removed; those of a running one are kept', async () => {
    const db = copyOfEmpty();
    const dead = `${db}.init-999999999-0badc0de`;
    const alive = `${db}.init-${process.pid}-0badc0de`;
    for (const file of [dead, `${dead}-journal`, alive]) writeFileSync(file, 'partial');
    const result = await sh('cspin init --force', { env: { CSPIN_DB: db } });
    expect(result.code, result.stderr).toBe(0);
    expect(litter(db)).toEqual([`cspin.db.init-${process.pid}-0badc0de`]);
  });
});

/**
 * A bulk load (an export of 32 MiB or more, bringing at least as many users as the directory holds)
 * builds user_attrs' value index and the users' name indexes once at the end. Killed before the end,
 * it leaves them missing: filters and identities still answer, and the next command that writes
 * builds them again.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bins, sh } from '../support/shell.js';

const USERS = 90_000;
let dir: string;

/** 90,000 users × 12 columns, about 36 MB. */
function writeExport(path: string): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'DistinguishedName,SamAccountName,UserPrincipalName,msRTCSIP-PrimaryUserAddress,Title,Department,l,mail,company,employeeID,info,description\n');
  const filler = 'x'.repeat(200);
  for (let i = 1; i <= USERS; i++) {
    const upn = `user${i}@litwareinc.com`;
    writeSync(fd, `"CN=User ${i},OU=Bulk,DC=litwareinc,DC=com",user${i},${upn},sip:${upn},${i % 2 === 0 ? 'Engineer' : 'Manager'},Bulk,Redmond,${upn},Litware,${i},${filler},${filler}\n`);
  }
  closeSync(fd);
}

const DEFERRED = ['user_attrs_by_value', 'users_display', 'users_logon', 'users_sam'];

/** Which of the indexes a bulk load defers the file has. */
const deferredPresent = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    const names = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all();
    return names.filter((name) => DEFERRED.includes(name));
  } finally {
    db.close();
  }
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-bulk-'));
  writeExport(join(dir, 'bulk.csv'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cspin import: a bulk load', () => {
  it('builds the value index at the end, and filters on attributes answer', async () => {
    const env = { CSPIN_DB: join(dir, 'whole.db') };
    const result = await sh('cspin init && cspin import bulk.csv', { env, cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`cspin: ${USERS} added, 0 updated, 0 rejected`);
    expect(deferredPresent(env.CSPIN_DB)).toEqual(DEFERRED);
    const found = await sh('Get-CsUser -LdapFilter "(employeeID=4321)" | Measure-Object', { env, cwd: dir });
    expect(found.objects[0]?.Count).toBe(1);
  }, 120_000);

  it('killed mid-way, leaves the index missing; filters still answer, and the next writer builds it', async () => {
    const env = { ...process.env, CSPIN_DB: join(dir, 'killed.db') };
    expect((await sh('cspin init', { env })).code).toBe(0);
    const child = spawn(join(bins(), 'cspin'), ['import', 'bulk.csv'], { cwd: dir, env, stdio: 'ignore' });
    const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGKILL');
    expect(await closed).toBe('SIGKILL');
    expect(deferredPresent(env.CSPIN_DB)).toEqual([]);
    const partial = await sh('Get-CsUser -LdapFilter "(department=Bulk)" | Measure-Object', { env, cwd: dir });
    expect(partial.code, partial.stderr).toBe(0);
    expect(Number(partial.objects[0]?.Count)).toBeGreaterThan(0);
    const byLogon = await sh("Get-CsUser -Identity 'litwareinc\\user1' | Measure-Object", { env, cwd: dir });
    expect(byLogon.objects[0]?.Count, byLogon.stderr).toBe(1);
    // Any command that opens the file for writing builds it again.
    expect((await sh('Lock-CsClientPin -Identity user1@litwareinc.com', { env, cwd: dir })).code).toBe(0);
    expect(deferredPresent(env.CSPIN_DB)).toEqual(DEFERRED);
    const after = await sh('Get-CsUser -LdapFilter "(department=Bulk)" | Measure-Object', { env, cwd: dir });
    expect(after.objects[0]?.Count).toBe(partial.objects[0]?.Count);
  }, 120_000);

  it('on a terminal, shows the rows so far, the rate and the share of the file read, then clears the line', async () => {
    const env = { CSPIN_DB: join(dir, 'progress.db'), TERM: 'xterm' };
    expect((await sh('cspin init', { env })).code).toBe(0);
    const result = await sh("script -qfec 'cspin import bulk.csv' /dev/null </dev/null", { env, cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    const drawn = result.stdout.split('\r\x1b[K').filter((line) => line.startsWith('cspin import: '));
    expect(drawn.length).toBeGreaterThan(0);
    for (const line of drawn) expect(line).toMatch(/^cspin import: \d{1,3}% [\d,]+ rows?, [\d,.]+\/s, 0:\d\d elapsed(, \d+:\d\d left)?$/);
    const percents = drawn.map((line) => Number(/(\d+)%/.exec(line)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    // The summary follows the cleared line.
    expect(result.stdout).toMatch(new RegExp(`\\r\\x1b\\[Kcspin: ${USERS} added, 0 updated, 0 rejected\\r?\\n$`));
  }, 120_000);

  it('a small export loads row by row (the index stays)', async () => {
    const env = { CSPIN_DB: join(dir, 'small.db') };
    const result = await sh('cspin init && head -n 1000 bulk.csv > small.csv && cspin import small.csv', { env, cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(deferredPresent(env.CSPIN_DB)).toEqual(DEFERRED);
  });
});

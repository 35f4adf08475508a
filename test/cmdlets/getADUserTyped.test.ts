/**
 * Get-ADUser over a real AD export (test/fixtures/ad-exports/, imported as a New York machine wrote it):
 * typed comparisons of dates and FILETIMEs in -Filter, -LDAPFilter and Where-Object agree, SIDs and
 * GUIDs name users, lists come back as arrays. Expectations are written out by hand from the fixtures.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sh } from '../support/shell.js';

const FIXTURES = join(ROOT, 'test/fixtures/ad-exports');
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-adtyped-'));
  for (const file of ['get-aduser-all.csv', 'ldifde-users.ldf']) copyFileSync(join(FIXTURES, file), join(dir, file));
  env = { CSPIN_DB: join(dir, 'cspin.db'), TZ: 'America/New_York', CSPIN_ERROR_FORMAT: 'json' };
  const load = await sh('cspin init && cspin import get-aduser-all.csv 2>/dev/null && cspin import ldifde-users.ldf', { env, cwd: dir });
  expect(load.code, load.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (command: string) => sh(command, { env, cwd: dir });
const sams = async (command: string): Promise<unknown[]> => {
  const result = await run(command);
  expect(result.code, result.stderr).toBe(0);
  return result.objects.map((o) => o.SamAccountName).sort();
};

describe('Get-ADUser on an imported AD export', () => {
  // Created on or after 2025-01-01 00:00 UTC: Yuki's 11:30 PM on 31 December 2024 in New York is 04:30 UTC.
  const since2025 = ['asouza', 'praman', 'sodegaard', 'ytanabe'];

  it.each([
    ["-Filter 'Created -ge \"2025-01-01T00:00:00Z\"'", since2025],
    ["-Filter 'whenCreated -ge \"20250101000000.0Z\"'", since2025],
    ['-LDAPFilter "(whenCreated>=20250101000000.0Z)"', since2025],
    ["-Filter 'Created -ge \"2025-01-01\"'", ['asouza', 'praman', 'sodegaard']],
    // 2025-06-01T00:00:00Z is FILETIME 133932096000000000; asouza's comes from the LDIF.
    ["-Filter 'PasswordLastSet -ge \"2025-06-01T00:00:00Z\"'", ['Administrator', 'asouza', 'mcampos', 'mlindgren', 'praman']],
    ['-LDAPFilter "(pwdLastSet>=133932096000000000)"', ['Administrator', 'asouza', 'mcampos', 'mlindgren', 'praman']],
    ["-Filter 'Enabled -eq $false'", ['sortiz']],
    ["-Filter 'City -eq \"New York\" -and Department -like \"I*\"'", ['mlindgren', 'sortiz', 'ytanabe']],
  ])('Get-ADUser %s', async (args, expected) => {
    expect(await sams(`Get-ADUser ${args}`)).toEqual(expected);
  });

  it('Where-Object compares the dates Get-ADUser writes as dates', async () => {
    expect(await sams("Get-ADUser -Filter '*' -Properties Created | Where-Object Created -ge 2025-01-01T00:00:00Z")).toEqual(since2025);
    expect(await sams("Get-ADUser -Filter '*' -Properties Created | Where-Object Created -ge 2025-01-01")).toEqual(['asouza', 'praman', 'sodegaard']);
    expect(await sams("Get-ADUser -Filter '*' -Properties PasswordLastSet | Where-Object PasswordLastSet -ge 2025-06-01T00:00:00Z")).toEqual(['Administrator', 'asouza', 'mcampos', 'mlindgren', 'praman']);
  });

  it("-Properties '*' spells each attribute as the export did, the schema's and the module's names as they do", async () => {
    const result = await run("Get-ADUser -Identity ytanabe -Properties '*'");
    expect(result.code, result.stderr).toBe(0);
    const names = Object.keys(result.objects[0] ?? {});
    for (const name of ['AccountNotDelegated', 'badPasswordTime', 'CanonicalName', 'City', 'l', 'Created', 'whenCreated', 'msRTCSIP-OptionFlags', 'SID', 'objectSid']) expect(names).toContain(name);
    expect(names.filter((name) => name !== name.toLowerCase() && names.includes(name.toLowerCase()))).toEqual([]);
    expect(names.slice(1)).toEqual([...names.slice(1)].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
  });

  it('a SID or a GUID names a user; lists are arrays, SIDs S-1 text', async () => {
    const result = await run("Get-ADUser -Identity S-1-5-21-2734969515-1644526116-3122330740-1107 -Properties MemberOf, objectSid");
    expect(result.code, result.stderr).toBe(0);
    const [soren] = result.objects;
    expect([soren?.SamAccountName, soren?.SID, soren?.objectSid]).toEqual(['sodegaard', 'S-1-5-21-2734969515-1644526116-3122330740-1107', 'S-1-5-21-2734969515-1644526116-3122330740-1107']);
    expect(Array.isArray(soren?.MemberOf)).toBe(true);
    const byGuid = await run('Get-ADUser -Identity "{9BF3C029-BD9C-4436-87C3-E791BB5CD334}" -Properties msRTCSIP-OptionFlags');
    expect(byGuid.objects.map((o) => [o.SamAccountName, o.ObjectGUID, o['msRTCSIP-OptionFlags']])).toEqual([['mcampos', '9bf3c029-bd9c-4436-87c3-e791bb5cd334', 385]]);
  });
});

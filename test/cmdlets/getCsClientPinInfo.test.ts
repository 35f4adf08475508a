/**
 * Get-CsClientPinInfo end to end: the real bins through real pipes against a fresh sample directory.
 * Identity forms, binding by value and by property name, not-found errors, output objects and the
 * one-query-per-chunk lookups. Each table runs its input lines in one process (record n = line n) to
 * keep the suite fast, then checks every line's share of the output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { identities, sampleDirectory, sh, type ShellResult, errorsOf } from '../support/shell.js';



const sip = (logon: string) => `sip:${logon}@litwareinc.com`;

let env: NodeJS.ProcessEnv;
let dir: string;
beforeAll(async () => {
  const base = await sampleDirectory();
  env = { ...base, CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
  dir = join(String(base.CSPIN_DB), '..');
  // A user whose SIP address is not sip:+UPN, so the UPN-to-SIP fallback has something to find.
  const csv = join(dir, 'extra.csv');
  writeFileSync(
    csv,
    'DistinguishedName,SamAccountName,UserPrincipalName,DisplayName,SipAddress,Enabled\n' +
      '"CN=Ann Other,OU=IT,DC=litwareinc,DC=com",anno,ann.other@litwareinc.com,Ann Other,sip:ann@fabrikam.com,True\n',
  );
  const imported = await sh(`cspin import ${csv}`, { env });
  if (imported.code !== 0) throw new Error(imported.stderr);
});

/** [input line, identities it yields (any order)] — line n of the input is table row n. */
const FOUND: [string, string, string[]][] = [
  ['domain\\logon', 'litwareinc\\kenmyer', [sip('kenmyer')]],
  ['UPN', 'pilar@litwareinc.com', [sip('pilar')]],
  ['SIP address', 'sip:aidan@litwareinc.com', [sip('aidan')]],
  ['distinguished name', 'CN=Ellen Smith,OU=IT,DC=litwareinc,DC=com', [sip('ellens')]],
  ['display name', 'David Longmuir', [sip('davidl')]],
  ['JSON string line', '"sip:jsmith@litwareinc.com"', [sip('jsmith')]],
  ['object with Identity', '{"Identity":"litwareinc\\\\bobk"}', [sip('bobk')]],
  ['object with lower-case sipaddress', '{"sipaddress":"sip:kima@litwareinc.com"}', [sip('kima')]],
  ['object with UserPrincipalName', '{"UserPrincipalName":"lolaj@litwareinc.com"}', [sip('lolaj')]],
  ['object with upper-case DISTINGUISHEDNAME', '{"DISTINGUISHEDNAME":"CN=Mark Hassall,OU=HR,DC=litwareinc,DC=com"}', [sip('markh')]],
  ['object with Identity and SipAddress (the name beats the alias)', '{"SipAddress":"sip:rayc@litwareinc.com","Identity":"litwareinc\\\\gregw"}', [sip('gregw')]],
  ['display-name wildcard', '* Smith', [sip('ellens'), sip('jsmith')]],
  ['display name shared by two users', 'Chris Preston', [sip('chrisp'), sip('cpreston')]],
  ['UPN-shaped value tried as sip:', 'ann@fabrikam.com', ['sip:ann@fabrikam.com']],
  ['UPN of that user', 'ann.other@litwareinc.com', ['sip:ann@fabrikam.com']],
  ['upper-case UPN', 'KENMYER@LITWAREINC.COM', [sip('kenmyer')]],
  ['mixed-case domain\\logon', 'LITWAREINC\\KenMyer', [sip('kenmyer')]],
  ['lower-case display name', 'yan li', [sip('yanli')]],
];

describe('Get-CsClientPinInfo identity forms', () => {
  let result: ShellResult;
  beforeAll(async () => {
    result = await sh('Get-CsClientPinInfo', { env, input: FOUND.map(([, line]) => line).join('\n') + '\n' });
  });

  it('Get-CsClientPinInfo resolves every identity form without an error', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.objects).toHaveLength(FOUND.reduce((n, [, , ids]) => n + ids.length, 0));
  });

  it.each(FOUND.map((row, i) => [...row, i] as const))('Get-CsClientPinInfo finds the user of a %s line', (_form, _line, want, i) => {
    const start = FOUND.slice(0, i).reduce((n, [, , ids]) => n + ids.length, 0);
    expect(identities(result.objects.slice(start, start + want.length))).toEqual([...want].sort());
  });
});

/** [case, input line, the identity the error names] */
const NOT_FOUND: [string, string, string][] = [
  ['an unknown domain\\logon', 'litwareinc\\nobody', 'litwareinc\\nobody'],
  ['an unknown UPN-shaped value (no sip: match either)', 'nobody@litwareinc.com', 'nobody@litwareinc.com'],
  ['the UPN of a user without SIP (janec)', 'janec@litwareinc.com', 'janec@litwareinc.com'],
  ['the logon of a user without SIP', 'litwareinc\\janec', 'litwareinc\\janec'],
  ['the display name of a user without SIP', 'Jane Clayton', 'Jane Clayton'],
  ['the DN of a user without SIP', 'CN=Jane Clayton,OU=Finance,DC=litwareinc,DC=com', 'CN=Jane Clayton,OU=Finance,DC=litwareinc,DC=com'],
  ['a wildcard outside the display-name form', 'sip:ken*@litwareinc.com', 'sip:ken*@litwareinc.com'],
  // Digits only could be a PIN piped by mistake: never shown.
  ['a JSON number (bound as the string "42", shown as <2 digits>)', '42', '<2 digits>'],
];

describe('Get-CsClientPinInfo not found', () => {
  let result: ShellResult;
  // Found users between the misses: not found is per record, the others still come out.
  const lines = NOT_FOUND.flatMap(([, line]) => ['litwareinc\\kenmyer', line]).concat('sip:pilar@litwareinc.com');
  beforeAll(async () => {
    result = await sh('Get-CsClientPinInfo', { env, input: lines.join('\n') + '\n' });
  });

  it.each(NOT_FOUND.map((row, i) => [...row, 2 * i + 2] as const))(
    'Get-CsClientPinInfo reports %s as ManagementObjectNotFound with its record number',
    (_case, _line, identity, record) => {
      const error = errorsOf(result).find((e) => e.record === record);
      expect(error).toMatchObject({ command: 'Get-CsClientPinInfo', errorId: 'ManagementObjectNotFound', category: 'ObjectNotFound', target: identity });
      const note = identity.startsWith('<') ? ' (digits not shown: they could be a PIN)' : '';
      expect(error?.message).toBe(`Management object not found for identity "${identity}"${note}.`);
    },
  );

  it('Get-CsClientPinInfo still outputs the records around the misses and exits 1', () => {
    expect(result.code).toBe(1);
    expect(errorsOf(result)).toHaveLength(NOT_FOUND.length);
    expect(result.objects.map((o) => o.Identity)).toEqual([...NOT_FOUND.map(() => sip('kenmyer')), sip('pilar')]);
  });

  it('Get-CsClientPinInfo prints not found as one PowerShell-like line with the record number', async () => {
    const text = await sh('Get-CsClientPinInfo', { env: { ...env, CSPIN_ERROR_FORMAT: '' }, input: 'litwareinc\\kenmyer\nsip:pilar@litwareinc.com\nlitwareinc\\nobody\n' });
    expect(text.stderr).toBe('Get-CsClientPinInfo : Management object not found for identity "litwareinc\\nobody". (record 3)\n');
    expect(text.objects).toHaveLength(2);
    expect(text.code).toBe(1);
  });

  it('Get-CsClientPinInfo -Identity with an unknown user exits 1 with no output', async () => {
    const one = await sh('Get-CsClientPinInfo -Identity "litwareinc\\nobody"', { env });
    expect(one.stdout).toBe('');
    expect(errorsOf(one).map((e) => e.errorId)).toEqual(['ManagementObjectNotFound']);
    expect(one.code).toBe(1);
  });
});

describe.concurrent('Get-CsClientPinInfo with ADUser objects from Get-CsUser', () => {
  it.each([
    ['Get-CsUser -OU "OU=HR,DC=litwareinc,DC=com" | Get-CsClientPinInfo', [sip('lolaj'), sip('markh'), sip('nuriag')]],
    ['Get-CsUser "litwareinc\\rayc" | Get-CsClientPinInfo', [sip('rayc')]],
    ['Get-CsUser -LdapFilter "Title=Director" | get-csclientpininfo', [sip('gregw'), sip('jsmith'), sip('markh')]],
    ['Get-CsUser | Get-CsClientPinInfo', null],
  ] as const)('%s gives one PinInfoDetails per user', async (command, want) => {
    const result = await sh(command, { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    if (want) expect(identities(result.objects)).toEqual([...want]);
    else expect(result.objects).toHaveLength(25); // the 24 sample users with SIP, plus the imported one
    for (const object of result.objects) expect(object.PSTypeName).toBe('Microsoft.Rtc.Management.UserPinService.PinInfoDetails');
  });
});

describe('Get-CsClientPinInfo output objects', () => {
  let result: ShellResult;
  beforeAll(async () => {
    result = await sh('Get-CsClientPinInfo', { env, input: 'litwareinc\\kenmyer\nlitwareinc\\pilar\nlitwareinc\\aidan\n' });
  });

  it('Get-CsClientPinInfo writes the PinInfoDetails properties in the documented order', () => {
    for (const object of result.objects) {
      expect(Object.keys(object)).toEqual(['PSTypeName', 'Identity', 'IsPinSet', 'IsLockedOut', 'LastPinChangeTime', 'PinExpirationTime']);
    }
  });

  it.each([
    ['a set PIN', 0, { Identity: sip('kenmyer'), IsPinSet: true, IsLockedOut: false, LastPinChangeTime: '2012-09-25T13:35:03.000Z', PinExpirationTime: null }],
    ['a locked-out PIN', 1, { Identity: sip('pilar'), IsPinSet: true, IsLockedOut: true, LastPinChangeTime: '2012-08-14T09:12:40.000Z' }],
    ['no PIN', 2, { Identity: sip('aidan'), IsPinSet: false, IsLockedOut: false, LastPinChangeTime: null, PinExpirationTime: null }],
  ] as const)('Get-CsClientPinInfo reports %s with ISO 8601 UTC dates', (_case, index, want) => {
    expect(result.objects[index]).toMatchObject(want);
  });
});

describe('Get-CsClientPinInfo chunked lookups', () => {
  it('Get-CsClientPinInfo -Debug resolves 5,000 records in far fewer queries than records', async () => {
    const logons = ['kenmyer', 'pilar', 'aidan', 'davidl', 'ellens'];
    const input = Array.from({ length: 5000 }, (_, i) => `sip:${logons[i % logons.length]}@litwareinc.com`).join('\n') + '\n';
    const result = await sh('Get-CsClientPinInfo -Debug', { env, input });
    expect(result.code).toBe(0);
    expect(result.objects).toHaveLength(5000);
    const debug = result.stderr.split('\n').filter((line) => line.startsWith('DEBUG: '));
    const resolved = debug.map((line) => Number(/resolved (\d+) identities/.exec(line)?.[1]));
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.length).toBeLessThan(100);
    expect(resolved.reduce((a, b) => a + b, 0)).toBe(5000);
  });
});

describe('Get-CsClientPinInfo on a long stream (lookups on a worker thread from the third chunk)', () => {
  const MISS_EVERY = 97;
  let byUser: Map<string, string>;
  let lines: string[];
  beforeAll(async () => {
    const users = await sh('Get-CsUser', { env: { ...env, CSPIN_FORMAT: 'ndjson' } });
    const pins = await sh('Get-CsUser | Get-CsClientPinInfo', { env: { ...env, CSPIN_FORMAT: 'ndjson' } });
    byUser = new Map(pins.stdout.trim().split('\n').map((line) => [String((JSON.parse(line) as { Identity: string }).Identity), line]));
    const adUsers = users.stdout.trim().split('\n');
    // ~470 KB: several 64 KiB reads, so most chunks go through the worker.
    lines = Array.from({ length: 1200 }, (_, i) => (i % MISS_EVERY === 50 ? `litwareinc\\nobody${i}` : (adUsers[i % adUsers.length] as string)));
    lines[700] = '{"Identity": "broken'; // one malformed line, too
    // Wildcards are looked up on this thread, between chunks whose lookups are on the worker.
    for (let i = 610; i < 1200; i += 150) lines[i] = '* Smith';
  });

  const expected = () => {
    const out: string[] = [];
    const errors: number[] = [];
    lines.forEach((line, i) => {
      if (line.startsWith('{"PSTypeName"')) out.push(byUser.get((JSON.parse(line) as { SipAddress: string }).SipAddress) ?? 'missing');
      else if (line === '* Smith') out.push(...[sip('ellens'), sip('jsmith')].map((id) => byUser.get(id) ?? 'missing'));
      else errors.push(i + 1);
    });
    return { out, errors };
  };

  it('Get-CsClientPinInfo gives every record its output in input order, and every miss its record number', async () => {
    const result = await sh('Get-CsClientPinInfo -Debug', { env: { ...env, CSPIN_FORMAT: 'ndjson' }, input: lines.join('\n') + '\n' });
    const { out, errors } = expected();
    expect(result.stdout.trim().split('\n')).toEqual(out);
    expect(errorsOf(result).map((e) => e.record)).toEqual(errors);
    expect(result.code).toBe(1);
    const chunks = result.stderr.split('\n').filter((line) => /^DEBUG: resolved \d+ identities/.test(line));
    expect(chunks.length).toBeGreaterThanOrEqual(5);
  });

  it('Get-CsClientPinInfo -ErrorAction Stop stops at the first miss, after the output of every record before it', async () => {
    const isMiss = (line: string) => line.startsWith('litwareinc\\nobody') || line.startsWith('{"Identity": "broken');
    const input = lines.map((line, i) => (i < 900 && isMiss(line) ? (lines[0] as string) : line));
    const result = await sh('Get-CsClientPinInfo -ErrorAction Stop', { env: { ...env, CSPIN_FORMAT: 'ndjson' }, input: input.join('\n') + '\n' });
    const firstMiss = input.findIndex(isMiss);
    expect(firstMiss).toBeGreaterThan(900);
    const wildcards = input.slice(0, firstMiss).filter((line) => line === '* Smith').length;
    expect(wildcards).toBeGreaterThan(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(firstMiss + wildcards);
    expect(errorsOf(result).map((e) => e.record)).toEqual([firstMiss + 1]);
    expect(result.code).toBe(1);
  });

  it('Get-CsClientPinInfo -ErrorAction Stop on a malformed line stops after the output of every record before it', async () => {
    const input = lines.map((line, i) => (line.startsWith('{"PSTypeName"') || i === 700 ? line : (lines[0] as string)));
    const result = await sh('Get-CsClientPinInfo -ErrorAction Stop', { env: { ...env, CSPIN_FORMAT: 'ndjson' }, input: input.join('\n') + '\n' });
    const before = input.slice(0, 700).map((line) => byUser.get((JSON.parse(line) as { SipAddress: string }).SipAddress));
    expect(result.stdout.trim().split('\n')).toEqual(before);
    expect(errorsOf(result).map((e) => [e.record, e.errorId])).toEqual([[701, 'MalformedJson']]);
    expect(result.code).toBe(1);
  });

  it('Get-CsClientPinInfo answers chunks of SIP addresses with lines SQLite builds: misses in place, as the per-user lookups give', async () => {
    // Misses of the same form (ADUser objects for users that do not exist) keep chunks on the line lookup.
    const adUsers = lines.filter((line) => line.startsWith('{"PSTypeName"'));
    const input = Array.from({ length: 1200 }, (_, i) => {
      const line = adUsers[i % adUsers.length] as string;
      return i % MISS_EVERY === 50 ? line.replace(/"SipAddress":"sip:[^"]*"/, `"SipAddress":"sip:nobody${i}@litwareinc.com"`) : line;
    });
    const missing = input.flatMap((line, i) => (line.includes('sip:nobody') ? [i + 1] : []));
    expect(missing.length).toBeGreaterThan(10);
    const out = input.filter((line) => !line.includes('sip:nobody')).map((line) => byUser.get((JSON.parse(line) as { SipAddress: string }).SipAddress));
    // -Verbose reports each user it processes, so it takes the per-user path: both must agree.
    for (const command of ['Get-CsClientPinInfo', 'Get-CsClientPinInfo -Verbose']) {
      const result = await sh(command, { env: { ...env, CSPIN_FORMAT: 'ndjson' }, input: input.join('\n') + '\n' });
      expect(result.stdout.trim().split('\n')).toEqual(out);
      expect(errorsOf(result).map((e) => e.record)).toEqual(missing);
      expect(result.code).toBe(1);
    }
  });

  it('Get-CsClientPinInfo on a long stream computes PinExpirationTime when a policy sets a PINLifetime', async () => {
    const own = { ...(await sampleDirectory()), CSPIN_FORMAT: 'ndjson', TZ: 'UTC' };
    for (const command of [`cspin import ${join(dir, 'extra.csv')}`, 'Set-CsPinPolicy -Identity Global -PINLifetime 30 -PINHistoryCount 1']) {
      expect((await sh(command, { env: own })).code).toBe(0);
    }
    const input = lines.filter((line) => line.startsWith('{"PSTypeName"'));
    const result = await sh('Get-CsClientPinInfo', { env: own, input: input.join('\n') + '\n' });
    const infos = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { IsPinSet: boolean; LastPinChangeTime: string | null; PinExpirationTime: string | null });
    expect(infos).toHaveLength(input.length);
    const withPin = infos.filter((info) => info.IsPinSet && info.LastPinChangeTime !== null);
    expect(withPin.length).toBeGreaterThan(input.length / 3);
    for (const info of withPin) expect(info.PinExpirationTime).toBe(new Date(Date.parse(info.LastPinChangeTime ?? '') + 30 * 86_400_000).toISOString());
    expect(result.code).toBe(0);
  });

  it('Get-CsClientPinInfo -WhatIf on a long stream asks about every user, in input order, and outputs nothing', async () => {
    const input = lines.filter((line) => line.startsWith('{"PSTypeName"'));
    const result = await sh('Get-CsClientPinInfo -WhatIf', { env: { ...env, CSPIN_FORMAT: 'ndjson' }, input: input.join('\n') + '\n' });
    const targets = [...result.stderr.matchAll(/^What if: Performing the operation "Get-CsClientPinInfo" on target "(.*)"\.$/gm)].map((m) => m[1]);
    expect(targets).toEqual(input.map((line) => (JSON.parse(line) as { SipAddress: string }).SipAddress));
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('Get-CsClientPinInfo | head -n 1 ends quietly with exit 0, the worker stopped with it', async () => {
    const result = await sh('set -o pipefail; Get-CsClientPinInfo | head -n 1', { env: { ...env, CSPIN_FORMAT: 'ndjson' }, input: lines.filter((l) => l.startsWith('{"PSTypeName"')).join('\n') + '\n' });
    expect(result.stdout.trim().split('\n')).toEqual([expected().out[0]]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

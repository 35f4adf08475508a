/**
 * A sample directory with a bulk OU for the PIN-changing cmdlets under faults, and the invariant they
 * keep: every user has either their old PIN state or the PIN that was written out for them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { NOW, copyOf, isHashOf, pinRows, type PinRow } from '../pins/pinState.js';
import { bins, sh } from './shell.js';

export const BULK = 'Get-CsUser -OU "OU=Bulk,DC=litwareinc,DC=com"';

/**
 * A copy of a sample with `count` more users in OU=Bulk (imported with `cspin import`).
 * @param sample the environment of the sample directory
 * @param count how many users
 * @returns the copy's environment and the users' SIP addresses in Get-CsUser's order
 */
export async function bulkDirectory(sample: NodeJS.ProcessEnv, count: number): Promise<{ env: NodeJS.ProcessEnv; order: string[] }> {
  const env = copyOf(sample);
  const csv = join(String(env.CSPIN_DB), '..', 'bulk.csv');
  const rows = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return `"CN=Bulk User ${n},OU=Bulk,DC=litwareinc,DC=com",bulk${n},bulk${n}@litwareinc.com,Bulk User ${n},sip:bulk${n}@litwareinc.com,True,tel:+1425555${n}`;
  });
  writeFileSync(csv, `DistinguishedName,SamAccountName,UserPrincipalName,DisplayName,SipAddress,Enabled,LineUri\n${rows.join('\n')}\n`);
  const imported = await sh(`cspin import ${csv}`, { env });
  if (imported.code !== 0) throw new Error(imported.stderr);
  const users = await sh(`${BULK} | cat`, { env });
  return { env, order: users.objects.map((u) => String(u.SipAddress)) };
}

/** `Get-CsUser -OU Bulk | Set-CsClientPin` as two processes; the test reads Set's stdout and may signal it. */
export function spawnBulkSet(env: NodeJS.ProcessEnv, args: readonly string[] = []): { set: ChildProcess; output: () => string; stderr: () => string; closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const options = { env: { ...process.env, ...env, CSPIN_FORMAT: '' } };
  const getUser = spawn(join(bins(), 'Get-CsUser'), ['-OU', 'OU=Bulk,DC=litwareinc,DC=com'], { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
  const set = spawn(join(bins(), 'Set-CsClientPin'), [...args], { ...options, stdio: [getUser.stdout, 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  set.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  set.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => set.on('close', (code, signal) => resolve({ code, signal })));
  return { set, output: () => out, stderr: () => err, closed };
}

/** The complete NDJSON lines of Set-CsClientPin's output. */
export function printedPins(text: string): { Identity: string; PIN: string }[] {
  return text
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { Identity: string; PIN: string });
}

/**
 * Checks that every user of `order` has either the state they had before or the PIN printed for
 * them (the last one printed, if several), and that no user printed is missing their PIN, except
 * those named as possibly unread.
 * @param env the database
 * @param order the users
 * @param before their PIN state before
 * @param printed the PINs the test saw
 * @param unread users the command named as changed but possibly unread
 * @returns the users that were changed
 */
export async function expectDeliveredOrUnchanged(
  env: NodeJS.ProcessEnv,
  order: readonly string[],
  before: Map<string, PinRow>,
  printed: readonly { Identity: string; PIN: string }[],
  unread: readonly string[] = [],
): Promise<string[]> {
  const after = pinRows(env);
  const lastPin = new Map(printed.map((p) => [p.Identity, p.PIN]));
  const changed: string[] = [];
  for (const sip of order) {
    const now = after.get(sip);
    if (JSON.stringify(now) === JSON.stringify(before.get(sip))) continue;
    changed.push(sip);
    expect(now, sip).toMatchObject({ changed_at: Date.parse(NOW) } satisfies Partial<PinRow>);
    const pin = lastPin.get(sip);
    if (pin === undefined) expect(unread, `${sip} was changed, but its PIN was neither printed nor named`).toContain(sip);
    else expect(await isHashOf(env, now?.hash, pin), `${sip} does not have the PIN printed for it`).toBe(true);
  }
  return changed;
}

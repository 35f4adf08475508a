/**
 * Which policy applies to whom, end to end on the sample directory: PINLifetime set through
 * Set-CsPinPolicy shows up as Get-CsClientPinInfo's PinExpirationTime (last change + lifetime) for
 * exactly the users it applies to, with per-user (tag) > site (registrar pool, via cspin site) > Global.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory, sh } from '../support/shell.js';

const DAY = 86_400_000;

/** Users of the sample that have a PIN, by pool: red-cs-001 is put in the site Redmond below. */
const RED_WITH_PIN = ['amys', 'chrisp', 'davidl', 'rayc', 'wendyr'];
const ATL_WITH_PIN = ['bobk', 'ellens', 'gregw', 'hollyh', 'kenmyer', 'lolaj', 'markh', 'pilar', 'yanli'];

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
});

/** Runs a command that must succeed silently. */
async function run(command: string): Promise<void> {
  const result = await sh(command, { env });
  expect(result.code, `${command}: ${result.stderr}`).toBe(0);
  expect(result.stderr, command).toBe('');
}

/**
 * The PIN lifetime each user's PinExpirationTime shows, in days (null: never expires), by logon name;
 * users without a PIN are left out (they never expire).
 */
async function lifetimes(): Promise<Record<string, number | null>> {
  const result = await sh('Get-CsUser | Get-CsClientPinInfo', { env });
  expect(result.code, result.stderr).toBe(0);
  const entries = result.objects
    .filter((info) => info.IsPinSet === true)
    .map((info) => {
      const logon = String(info.Identity).replace(/^sip:(.*)@litwareinc\.com$/, '$1');
      const expires = info.PinExpirationTime === null ? null : (Date.parse(String(info.PinExpirationTime)) - Date.parse(String(info.LastPinChangeTime))) / DAY;
      return [logon, expires] as const;
    });
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The expected lifetimes: a default, and overrides per user. */
function expected(all: number | null, overrides: Record<string, number | null> = {}): Record<string, number | null> {
  const users = [...RED_WITH_PIN, ...ATL_WITH_PIN].sort();
  return Object.fromEntries(users.map((u) => [u, u in overrides ? (overrides[u] ?? null) : all]));
}

const red = (days: number | null) => Object.fromEntries(RED_WITH_PIN.map((u) => [u, days]));

// One story on one database, step by step: each step's expectations build on the previous ones.
describe.sequential('PIN policy precedence through PinExpirationTime', () => {
  it('no PIN of the sample expires under the default global policy', async () => {
    expect(await lifetimes()).toEqual(expected(null));
  });

  it('Set-CsPinPolicy -PINHistoryCount 1 -PINLifetime 30 on Global makes every PIN expire 30 days after its last change', async () => {
    await run('Set-CsPinPolicy -PINHistoryCount 1 -PINLifetime 30');
    expect(await lifetimes()).toEqual(expected(30));
  });

  it('a site policy for a site no pool is in changes no one', async () => {
    await run('New-CsPinPolicy -Force site:Redmond -PINHistoryCount 1 -PINLifetime 60');
    expect(await lifetimes()).toEqual(expected(30));
  });

  it('cspin site set puts the red-cs-001 pool in Redmond: its users get the site policy, the others keep Global', async () => {
    await run('cspin site set red-cs-001.litwareinc.com Redmond');
    expect(await lifetimes()).toEqual(expected(30, red(60)));
  });

  it('Set-CsPinPolicy on the site policy changes the PinExpirationTime of the site\'s users only', async () => {
    await run('Set-CsPinPolicy -Identity site:Redmond -PINLifetime 90');
    expect(await lifetimes()).toEqual(expected(30, red(90)));
  });

  it('a granted per-user policy beats both the site policy and Global', async () => {
    await run('New-CsPinPolicy -Identity Short -PINHistoryCount 1 -PINLifetime 7');
    await run('Grant-CsPinPolicy davidl@litwareinc.com Short && Grant-CsPinPolicy kenmyer@litwareinc.com Short');
    expect(await lifetimes()).toEqual(expected(30, { ...red(90), davidl: 7, kenmyer: 7 }));
  });

  it('a per-user policy with a lifetime of 0 means never, even where the site and Global policies expire', async () => {
    await run('Set-CsPinPolicy -Identity Short -PINLifetime 0');
    expect(await lifetimes()).toEqual(expected(30, { ...red(90), davidl: null, kenmyer: null }));
  });

  it('unassigning the per-user policy puts each user back on their site or global policy', async () => {
    await run("Grant-CsPinPolicy davidl@litwareinc.com '$null'");
    expect(await lifetimes()).toEqual(expected(30, { ...red(90), kenmyer: null }));
  });

  it('removing the per-user policy does the same for the users still granted it', async () => {
    await run('Remove-CsPinPolicy -Identity Short -Force');
    expect(await lifetimes()).toEqual(expected(30, red(90)));
  });

  it('cspin site remove takes the pool out of the site: its users fall back to Global', async () => {
    await run('cspin site remove red-cs-001.litwareinc.com');
    expect(await lifetimes()).toEqual(expected(30));
    await run('cspin site set RED-CS-001.litwareinc.com site:redmond');
    expect(await lifetimes()).toEqual(expected(30, red(90)));
  });

  it('removing the site policy and resetting Global ends every expiry', async () => {
    await run('Remove-CsPinPolicy site:Redmond');
    expect(await lifetimes()).toEqual(expected(30));
    await run('Remove-CsPinPolicy Global');
    expect(await lifetimes()).toEqual(expected(null));
  });
});

/**
 * Set-CsClientPin end to end: the real bins on fresh sample directories, the PIN state read back
 * from the SQLite file and each stored hash checked against the PIN that was written out.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCommonPattern, phoneNumbersOf } from '../../src/pins/index.js';
import { errorsOf, identities, sh } from '../support/shell.js';
import { FINANCE, KEN, NOW, PILAR, isHashOf, pinRows, resets, sampleCopyPerTest, withDb } from '../pins/pinState.js';

let env: NodeJS.ProcessEnv;
sampleCopyPerTest((copy) => (env = copy));

const run = (command: string, input?: string) => sh(command, { env, input });
const errorIds = (result: Awaited<ReturnType<typeof sh>>) => errorsOf(result).map((e) => e.errorId);

describe('Set-CsClientPin with -Pin', () => {
  it('Set-CsClientPin -Pin stores the PIN as a hash and writes one object with the SIP address and the PIN', async () => {
    const result = await run('Set-CsClientPin -Identity "litwareinc\\kenmyer" -Pin 18723834');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.objects).toEqual([{ PSTypeName: 'cspin.ClientPinReset', Identity: KEN, PIN: '18723834', PinReset: true }]);
    const row = pinRows(env).get(KEN);
    expect(await isHashOf(env, row?.hash, '18723834')).toBe(true);
    expect(row?.changed_at).toBe(Date.parse(NOW));
    const info = await run(`Get-CsClientPinInfo -Identity ${KEN}`);
    expect(info.objects).toMatchObject([{ Identity: KEN, IsPinSet: true, IsLockedOut: false, LastPinChangeTime: NOW }]);
  });

  it('Set-CsClientPin records the PIN length for the lockout limits, and Test-CsClientPin accepts the new PIN and no other', async () => {
    await run(`Set-CsClientPin ${KEN} 18723834`);
    expect(withDb(env, (db) => db.prepare("SELECT pin_length FROM pins WHERE key_id = (SELECT id FROM users WHERE sam = 'kenmyer')").pluck().get())).toBe(8);
    const logon = await run(`Test-CsClientPin ${KEN} -Pin 18723834; Test-CsClientPin ${KEN} -Pin 18723835`);
    expect(logon.objects.map((o) => o.Result)).toEqual(['Success', 'WrongPin']);
  });

  it('Set-CsClientPin keeps the leading zeros of a PIN, in the output and in the hash', async () => {
    const result = await run('Set-CsClientPin "Ken Myer" 00872383');
    expect(result.objects.map((o) => o.PIN)).toEqual(['00872383']);
    expect(await isHashOf(env, pinRows(env).get(KEN)?.hash, '00872383')).toBe(true);
    expect(await isHashOf(env, pinRows(env).get(KEN)?.hash, '872383')).toBe(false);
  });

  it.each([['12a45'], [' 12345'], ['-12345'], ['12345.0'], ['1'.repeat(25)]])(
    'Set-CsClientPin -Pin %j (not up to 24 digits) is a usage error that changes nothing and does not show the value',
    async (pin) => {
      const before = pinRows(env);
      const result = await run(`Set-CsClientPin -Identity "litwareinc\\kenmyer" -Pin '${pin}'`);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(errorIds(result)).toEqual(['InvalidPinFormat']);
      expect(result.stderr).not.toContain(pin.trim());
      expect(pinRows(env)).toEqual(before);
    },
  );

  it.each([
    ['shorter than MinPasswordLength 5', '1872'],
    ['repeated digits', '222222'],
    ['pairs of repeated digits', '225577'],
    ['a repeated group', '187187'],
    ['4 consecutive digits', '991234'],
    ['descending digits', '987654'],
    ['Ken Myer\'s extension', '50101'],
    ['Ken Myer\'s phone number', '14255550101'],
    ['the last digits of his phone number', '5550101'],
  ])('Set-CsClientPin refuses a PIN that is %s: PinPolicyViolation naming the rule and the user, never the PIN', async (_case, pin) => {
    const before = pinRows(env);
    const result = await run(`Set-CsClientPin -Identity "litwareinc\\kenmyer" -Pin ${pin} -Verbose -Debug`);
    expect(result.code).toBe(1);
    expect(result.objects).toEqual([]);
    const [error, ...more] = errorsOf(result);
    expect(more).toEqual([]);
    expect(error).toMatchObject({ errorId: 'PinPolicyViolation', category: 'InvalidArgument', target: KEN });
    expect(error?.message).toMatch(/MinPasswordLength|AllowCommonPatterns/);
    expect(error?.message).toContain(KEN);
    expect(result.stderr).not.toContain(pin);
    expect(pinRows(env)).toEqual(before);
  });

  it('Set-CsClientPin checks each user against their own effective policy: tag, then site, then Global', async () => {
    withDb(env, (db) =>
      db.exec(`INSERT INTO pin_policies (identity, min_password_length, allow_common_patterns) VALUES ('tag:Relaxed', 4, 1), ('site:Atlanta', 9, 0);
        INSERT INTO pool_sites (pool_key, pool, site) VALUES ('atl-cs-001.litwareinc.com', 'atl-cs-001.litwareinc.com', 'Atlanta');
        INSERT OR REPLACE INTO pin_grants SELECT id, 'Relaxed' FROM users WHERE sam = 'kenmyer';`),
    );
    const pools = await run('Get-CsUser -Identity "litwareinc\\pilar" | cat');
    expect(pools.objects[0]?.RegistrarPool).toBe('atl-cs-001.litwareinc.com');
    const input = 'litwareinc\\kenmyer\nlitwareinc\\pilar\n';
    const short = await run('Set-CsClientPin -Pin 18723834', input);
    expect(short.objects.map((o) => o.Identity)).toEqual([KEN]);
    expect(errorsOf(short)).toMatchObject([{ errorId: 'PinPolicyViolation', target: PILAR, record: 2 }]);
    expect(errorsOf(short)[0]?.message).toContain('"site:Atlanta"');
    const common = await run('Set-CsClientPin -Pin 1234', input);
    expect(common.objects.map((o) => o.Identity)).toEqual([KEN]);
    expect(errorIds(common)).toEqual(['PinPolicyViolation']);
  });

  it('Set-CsClientPin does not enforce PINHistoryCount: an administrator may give the same PIN again', async () => {
    withDb(env, (db) => db.exec("UPDATE pin_policies SET pin_history_count = 5 WHERE identity = 'Global'"));
    for (let i = 0; i < 2; i++) expect((await run(`Set-CsClientPin ${KEN} 18723834`)).code).toBe(0);
    expect(await isHashOf(env, pinRows(env).get(KEN)?.hash, '18723834')).toBe(true);
  });
});

describe('Set-CsClientPin without -Pin', () => {
  it('Set-CsClientPin generates for every user a different 6-digit PIN that meets the Global policy and is stored as its hash', async () => {
    const result = await run('Get-CsUser | Set-CsClientPin');
    expect(result.code, result.stderr).toBe(0);
    const out = resets(result.objects);
    const users = await run('Get-CsUser | cat');
    expect(out.map((o) => o.Identity)).toEqual(users.objects.map((u) => u.SipAddress));
    const lineUris = new Map(users.objects.map((u) => [u.SipAddress, u.LineUri as string | null]));
    const rows = pinRows(env);
    for (const { Identity, PIN, PinReset } of out) {
      expect(PIN).toMatch(/^[0-9]{6}$/);
      expect(PinReset).toBe(true);
      expect(isCommonPattern(PIN, phoneNumbersOf(lineUris.get(Identity))), PIN).toBe(false);
      expect(await isHashOf(env, rows.get(Identity)?.hash, PIN), Identity).toBe(true);
    }
    expect(new Set(out.map((o) => o.PIN)).size).toBeGreaterThan(out.length - 2);
  });

  it('Set-CsClientPin generates PINs as long as a policy\'s MinPasswordLength when it is over 6', async () => {
    withDb(env, (db) =>
      db.exec(`UPDATE pin_policies SET min_password_length = 10 WHERE identity = 'Global';
        INSERT INTO pin_policies (identity, min_password_length) VALUES ('tag:Long', 24);
        INSERT OR REPLACE INTO pin_grants SELECT id, 'tag:Long' FROM users WHERE sam = 'pilar';`),
    );
    const result = await run(`${FINANCE} | Set-CsClientPin -Force`);
    expect(result.code, result.stderr).toBe(0);
    const lengths = Object.fromEntries(resets(result.objects).map((o) => [o.Identity, o.PIN.length]));
    expect(lengths).toEqual({ [KEN]: 10, [PILAR]: 24, 'sip:aidan@litwareinc.com': 10 });
  });

  it('Set-CsClientPin leaves no PIN in the database, its WAL, its shared memory or its key file', async () => {
    // A connection held open keeps the WAL file from being checkpointed away when the commands end.
    const reader = new Database(String(env.CSPIN_DB));
    reader.exec("UPDATE pin_policies SET min_password_length = 12 WHERE identity = 'Global'");
    const generated = await run('Get-CsUser | Set-CsClientPin -Force -Verbose -Debug');
    const given = await run(`Set-CsClientPin ${KEN} 187238345566 -Verbose -Debug`);
    const pins = [...resets(generated.objects), ...resets(given.objects)].map((o) => o.PIN);
    expect(pins.length).toBe(25);
    const files = ['', '-wal', '-shm', '.key'].map((suffix) => readFileSync(`${String(env.CSPIN_DB)}${suffix}`).toString('latin1'));
    reader.close();
    expect(files[1]?.length).toBeGreaterThan(100_000);
    for (const pin of pins) {
      for (const text of [...files, generated.stderr, given.stderr]) expect(text.includes(pin), pin).toBe(false);
    }
    expect(generated.stderr).toContain('VERBOSE: Performing the operation "Set-CsClientPin" on target');
  });
});

describe('Set-CsClientPin and locked PINs', () => {
  it('Set-CsClientPin on a locked PIN stores the new PIN, keeps the lock and warns that only Unlock-CsClientPin ends it', async () => {
    withDb(env, (db) =>
      db.exec(`UPDATE pins SET local_failures = 7, global_failures = 40, window_start = 1, locked_until = 9999999999999
        WHERE key_id = (SELECT id FROM users WHERE sam = 'pilar')`),
    );
    const result = await run(`Set-CsClientPin ${PILAR} 18723834`);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`WARNING: The PIN of ${PILAR} is locked: the new PIN can be used only after Unlock-CsClientPin.\n`);
    expect(result.objects.map((o) => o.PIN)).toEqual(['18723834']);
    const row = pinRows(env).get(PILAR);
    expect(row).toMatchObject({ locked: 1, local_failures: 0, global_failures: 40, window_start: null, locked_until: null });
    expect(await isHashOf(env, row?.hash, '18723834')).toBe(true);
  });

  it('Set-CsClientPin -Force hides the warning about a locked PIN', async () => {
    const result = await run(`${FINANCE} | Set-CsClientPin -Force`);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(pinRows(env).get(PILAR)?.locked).toBe(1);
  });
});

describe('Set-CsClientPin identities and pipelines', () => {
  it('Set-CsClientPin refuses a display name shared by two users and changes neither, but a wildcard sets both', async () => {
    const before = pinRows(env);
    const ambiguous = await run('Set-CsClientPin -Identity "Chris Preston" -Pin 18723834');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.objects).toEqual([]);
    expect(errorsOf(ambiguous)).toMatchObject([{ errorId: 'AmbiguousIdentity', target: 'Chris Preston' }]);
    expect(errorsOf(ambiguous)[0]?.message).toContain('CN=Chris Preston,OU=Sales,DC=litwareinc,DC=com');
    expect(pinRows(env)).toEqual(before);
    const wildcard = await run('Set-CsClientPin -Identity "Chris*"');
    expect(identities(wildcard.objects)).toEqual(['sip:chrisp@litwareinc.com', 'sip:cpreston@litwareinc.com']);
  });

  it('Set-CsClientPin goes on after a record that names nobody, and writes its output in input order', async () => {
    const input = ['litwareinc\\nobody', 'sip:yanli@litwareinc.com', 'Chris Preston', 'kenmyer@litwareinc.com', 'litwareinc\\aidan'].join('\n');
    const result = await run('Set-CsClientPin', input);
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['ManagementObjectNotFound', 1], ['AmbiguousIdentity', 3]]);
    expect(result.objects.map((o) => o.Identity)).toEqual(['sip:yanli@litwareinc.com', KEN, 'sip:aidan@litwareinc.com']);
  });

  it('Set-CsClientPin takes PinInfoDetails by property name, and its output pipes on to Get-CsClientPinInfo', async () => {
    const result = await run(`Get-CsClientPinInfo ${KEN} | Set-CsClientPin | Get-CsClientPinInfo`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toMatchObject([{ Identity: KEN, IsPinSet: true, LastPinChangeTime: NOW }]);
  });

  it('Set-CsClientPin takes chosen PINs from a CSV (a Pin column binds by property name); a bad row fails alone, unechoed; a blank one generates', async () => {
    const before = pinRows(env);
    const csv = 'SipAddress,Pin\nsip:ellens@litwareinc.com,740193\nsip:davidl@litwareinc.com,74x193\nkenmyer@litwareinc.com,0950274\nsip:aidan@litwareinc.com,\n';
    const result = await run('Import-Csv - | Set-CsClientPin', csv);
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['InvalidPinFormat', 2]]);
    expect(result.stderr).not.toContain('74x193');
    const set = resets(result.objects).map((o) => [o.Identity, o.PIN]);
    expect(set.slice(0, 2)).toEqual([['sip:ellens@litwareinc.com', '740193'], [KEN, '0950274']]);
    // A blank Pin cell: a generated PIN.
    expect(set[2]?.[0]).toBe('sip:aidan@litwareinc.com');
    expect(set[2]?.[1]).toMatch(/^\d{6}$/);
    const rows = pinRows(env);
    expect(await isHashOf(env, rows.get('sip:ellens@litwareinc.com')?.hash, '740193')).toBe(true);
    expect(await isHashOf(env, rows.get(KEN)?.hash, '0950274')).toBe(true);
    expect(rows.get('sip:davidl@litwareinc.com')).toEqual(before.get('sip:davidl@litwareinc.com'));
  });

  it('Set-CsClientPin -WhatIf names each user and changes nothing', async () => {
    const before = pinRows(env);
    const result = await run(`${FINANCE} | Set-CsClientPin -WhatIf`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.match(/^What if: Performing the operation "Set-CsClientPin" on target "sip:[^"]+"\.$/gm)).toHaveLength(3);
    expect(pinRows(env)).toEqual(before);
  });
});

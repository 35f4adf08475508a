/**
 * Hostile cases for the PIN cmdlets' output and lockout: a PIN is delivered or not changed (a full
 * device, a closed stdout, a reader that quits, a signal), and a stream of guesses never beats the
 * lockout. Generated PINs are random, so those cases check the invariant instead of exact output:
 * every user has either the old state or the PIN printed for them.
 */
import { expect } from 'vitest';
import { NOW, pinRows, type PinRow } from '../pins/pinState.js';
import { expectDeliveredOrUnchanged, printedPins } from '../support/bulk.js';
import { grantPolicy, setPin } from '../support/pinFixtures.js';
import type { ShellResult } from '../support/shell.js';
import { runCorpus, type CaseContext, type HostileCase } from './corpus.js';

const FINANCE = 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com"';
const KEN = 'sip:kenmyer@litwareinc.com';
const ALL = 'Get-CsUser';
const INFO = 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails';
const LOGON = 'Cspin.PinLogonResult';
/** A known PIN for Ken (5 digits: local limit 25, global 1000, unless a policy says otherwise). */
const KEN_PIN = '70219';

/** Set-up and check that share the users' PIN state from before the command. */
function deliveredOrUnchanged(extra?: (result: ShellResult, changed: string[]) => void): Pick<HostileCase, 'setup' | 'env'> & { check: NonNullable<HostileCase['expect']['check']> } {
  let before = new Map<string, PinRow>();
  return {
    // The invariant checks that a changed user's change time is this clock.
    env: { CSPIN_NOW: NOW },
    setup: (context: CaseContext) => {
      before = pinRows(context.env);
    },
    check: async (result, context) => {
      const unread = result.stderr
        .split('\n')
        .filter((line) => line.includes('"OutputMayBeUnread"'))
        .map((line) => String((JSON.parse(line) as { target?: string }).target));
      const changed = await expectDeliveredOrUnchanged(context.env, [...before.keys()], before, printedPins(result.stdout), unread);
      extra?.(result, changed);
    },
  };
}

const knownPin = (maximum: number | null = null) => async (context: CaseContext) => {
  await setPin(context.env, 'kenmyer', KEN_PIN);
  if (maximum !== null) grantPolicy(context.env, 'kenmyer', 'hostile', { maximum_logon_attempts: maximum });
};

const guesses = (pins: readonly string[], identity = KEN) => pins.map((pin) => `{"Identity":"${identity}","Pin":"${pin}"}\n`).join('');
const results = (...values: string[]) => values.map((Result) => ({ PSTypeName: LOGON, Identity: KEN, Result }));
const none = (_result: ShellResult, changed: string[]) => expect(changed).toEqual([]);

const full = deliveredOrUnchanged(none);
const fullPiped = deliveredOrUnchanged(none);
const closed = deliveredOrUnchanged(none);
/** The Finance users' PINs changed at NOW, though nobody saw them (the caller chose so). */
function financeChangedUnseen(): Pick<HostileCase, 'env'> & { check: NonNullable<HostileCase['expect']['check']> } {
  return {
    env: { CSPIN_NOW: NOW },
    check: (result, context) => {
      expect(result.stdout).toBe('');
      const changed = [...pinRows(context.env)].filter(([, row]) => row.changed_at === Date.parse(NOW)).map(([sip]) => sip);
      expect(changed).toEqual(['sip:aidan@litwareinc.com', KEN, 'sip:pilar@litwareinc.com']);
    },
  };
}
const forced = financeChangedUnseen();
const quits = deliveredOrUnchanged((result, changed) => {
  expect(changed.length).toBeGreaterThanOrEqual(1);
  expect(result.stderr).toContain('"OutputClosed"');
});
const nullOut = financeChangedUnseen();
const timedOut = deliveredOrUnchanged((result) => expect(result.stderr).toMatch(/status 124\n/));
const file = deliveredOrUnchanged((result, changed) => expect(printedPins(result.stdout).map((p) => p.Identity).sort()).toEqual(changed));

const cases: HostileCase[] = [
  // Output that fails: nothing is changed that was not delivered.
  { name: 'Set -Pin with stdout at /dev/full', run: 'Set-CsClientPin -Identity "litwareinc\\kenmyer" -Pin 18723834 > /dev/full', secrets: ['18723834'], ...full, expect: { code: 1, errors: ['OutputFailed'], check: full.check } },
  { name: 'Get-CsUser -OU | Set with stdout at /dev/full', run: `${FINANCE} | Set-CsClientPin > /dev/full`, ...fullPiped, expect: { code: 1, errors: ['OutputFailed'], check: fullPiped.check } },
  { name: 'generated PINs with stdout closed are refused', run: `${FINANCE} | Set-CsClientPin >&-`, ...closed, expect: { code: 2, errors: ['PinOutputClosed'], check: closed.check } },
  { name: 'generated PINs with stdout closed and -Force', run: `${FINANCE} | Set-CsClientPin -Force >&-`, changes: true, ...forced, expect: { code: 0, outputChecked: true, check: forced.check } },
  { name: 'a chosen PIN with stdout closed is set', run: 'Set-CsClientPin -Identity "litwareinc\\kenmyer" -Pin 18723834 >&-', secrets: ['18723834'], changes: true, expect: { code: 0 } },
  { name: '-WhatIf with stdout closed changes nothing', run: 'Set-CsClientPin -Identity "litwareinc\\kenmyer" -Pin 18723834 -WhatIf >&-', secrets: ['18723834'], expect: { code: 0 } },
  { name: 'a reader that quits after 10 bytes', run: `${FINANCE} | Set-CsClientPin | head -c 10 > /dev/null; exit \${PIPESTATUS[1]}`, changes: true, ...quits, expect: { code: 1, errors: ['OutputClosed', 'OutputMayBeUnread'], outputChecked: true, check: quits.check } },
  { name: 'generated PINs to /dev/null by choice: set, one warning', run: `${FINANCE} | Set-CsClientPin > /dev/null`, changes: true, ...nullOut, expect: { code: 0, outputChecked: true, check: nullOut.check } },
  { name: 'generated PINs to a file, read back', run: `umask 077; ${FINANCE} | Set-CsClientPin > pins.ndjson && cat pins.ndjson`, changes: true, ...file, expect: { code: 0, outputChecked: true, check: file.check } },
  // The rest of the users come 2 s later: SIGTERM always finds the reset unfinished (a quiet machine could hash all in 0.6 s).
  { name: 'a bulk reset stopped by SIGTERM after 0.6 s', run: `{ ${ALL} | head -n 12; sleep 2; ${ALL} | tail -n +13; } | timeout -s TERM 0.6 Set-CsClientPin > pins.ndjson; echo "status $?" >&2; cat pins.ndjson`, changes: true, ...timedOut, expect: { code: 0, outputChecked: true, check: timedOut.check } },
  { name: 'Get-CsUser at /dev/full', run: 'Get-CsUser > /dev/full', expect: { code: 1, errors: ['OutputFailed'] } },
  { name: 'Get-CsClientPinInfo at /dev/full', run: `Get-CsClientPinInfo -Identity ${KEN} > /dev/full`, expect: { code: 1, errors: ['OutputFailed'] } },
  { name: 'Get-CsPinPolicy at /dev/full', run: 'Get-CsPinPolicy > /dev/full', expect: { code: 1, errors: ['OutputFailed'] } },
  { name: 'Where-Object at /dev/full', run: 'echo \'{"a":1}\' | Where-Object a -eq 1 > /dev/full', expect: { code: 1, errors: ['OutputFailed'] } },
  { name: 'Import-Csv at /dev/full', run: 'printf "a,b\\n1,2\\n" > x.csv && Import-Csv x.csv > /dev/full', expect: { code: 1, errors: ['OutputFailed'] } },
  { name: 'Lock -PassThru at /dev/full locks (the output is not the only copy)', run: `Lock-CsClientPin -Identity ${KEN} -PassThru > /dev/full`, changes: true, expect: { code: 1, errors: ['OutputFailed'] } },
  { name: 'Get-CsUser with stdout closed writes nowhere, quietly', run: 'Get-CsUser >&-', expect: { code: 0 } },
  { name: 'Get-CsUser | head -n 0', run: 'Get-CsUser | head -n 0; exit ${PIPESTATUS[0]}', expect: { code: 0 } },
  { name: 'Get-CsUser | Get-CsClientPinInfo | head -c 1', run: 'Get-CsUser | Get-CsClientPinInfo | head -c 1 >/dev/null; exit ${PIPESTATUS[1]}', expect: { code: 0 } },

  // A stream of guesses is decided one at a time, in order: the lockout always holds.
  { name: '3 wrong then right, MaximumLogonAttempts 3', run: 'Test-CsClientPin', input: guesses(['11111', '22222', '33333', KEN_PIN]), setup: knownPin(3), changes: true, secrets: [KEN_PIN], expect: { code: 0, objects: results('WrongPin', 'WrongPin', 'WrongPin', 'TemporarilyLockedOut') } },
  { name: 'right, wrong, right, MaximumLogonAttempts 1', run: 'Test-CsClientPin', input: guesses([KEN_PIN, '11111', KEN_PIN]), setup: knownPin(1), changes: true, secrets: [KEN_PIN], expect: { code: 0, objects: results('Success', 'WrongPin', 'TemporarilyLockedOut') } },
  { name: '25 wrong then right under the 5-digit limit', run: 'Test-CsClientPin', input: guesses([...Array.from({ length: 25 }, (_, i) => String(10000 + i)), KEN_PIN]), setup: knownPin(), changes: true, secrets: [KEN_PIN], expect: { code: 0, objects: results(...Array.from({ length: 25 }, () => 'WrongPin'), 'TemporarilyLockedOut') } },
  { name: '24 wrong then right under the 5-digit limit succeeds', run: 'Test-CsClientPin', input: guesses([...Array.from({ length: 24 }, (_, i) => String(10000 + i)), KEN_PIN]), setup: knownPin(), changes: true, secrets: [KEN_PIN], expect: { code: 0, objects: results(...Array.from({ length: 24 }, () => 'WrongPin'), 'Success') } },
  { name: 'guesses on the command line identity, Pins piped', run: `Test-CsClientPin -Identity ${KEN}`, input: ['11111', '22222', KEN_PIN].map((pin) => `{"Pin":"${pin}"}\n`).join(''), setup: knownPin(2), changes: true, secrets: [KEN_PIN], expect: { code: 0, objects: results('WrongPin', 'WrongPin', 'TemporarilyLockedOut') } },
  { name: 'a non-digit guess between wrong ones is not counted', run: 'Test-CsClientPin', input: guesses(['11111', '12a45', '22222', KEN_PIN]), setup: knownPin(3), changes: true, secrets: [KEN_PIN], expect: { code: 1, errors: ['InvalidPinFormat'], records: [2], objects: results('WrongPin', 'WrongPin', 'Success') } },
  { name: 'Test-CsClientPin at /dev/full still counts the attempt', run: `Test-CsClientPin -Identity ${KEN} -Pin 11111 > /dev/full`, setup: knownPin(), changes: true, secrets: [KEN_PIN], expect: { code: 1, errors: ['OutputFailed'] } },
  { name: 'a locked PIN answers LockedOut to the right PIN', run: 'Lock-CsClientPin -Identity kenmyer@litwareinc.com && Test-CsClientPin', input: guesses([KEN_PIN]), setup: knownPin(), changes: true, secrets: [KEN_PIN], expect: { code: 0, objects: results('LockedOut') } },

  // The state that Set writes is what Get-CsClientPinInfo reads downstream.
  {
    name: 'Set | Get-CsClientPinInfo reads the new state',
    run: `Set-CsClientPin -Identity ${KEN} -Pin 18723834 | Get-CsClientPinInfo`,
    env: { CSPIN_NOW: '2026-02-01T10:00:00.000Z' },
    secrets: ['18723834'],
    changes: true,
    expect: { code: 0, objects: [{ PSTypeName: INFO, Identity: KEN, IsPinSet: true, IsLockedOut: false, LastPinChangeTime: '2026-02-01T10:00:00.000Z', PinExpirationTime: null }] },
  },
];

runCorpus('PIN output and lockout', cases);

import { StringType, clockOf, echo, errorRecord, isErrorRecord, isoUtc, mapOrdered, type CmdletContext, type ErrorRecord, type ParameterDecl } from '../core/index.js';
import { shownIdentity } from '../directory/messages.js';
import { isPinFormat, type PinTargetRow, type PolicyResolver } from '../pins/index.js';
import type { LogonAttempt } from '../pins/logon.js';
import { checkPinArgument, mandatoryIdentityParameter } from './parameters.js';
import { logonResult } from './sampleObjects.js';
import { defineServiceCmdlet, type Services } from './services.js';
import { resolvePinTargets } from './targets.js';
import { cmdletMessages } from './messages.js';

/** The type name of Test-CsClientPin's output objects. */
export const PIN_LOGON_TYPE = 'Cspin.PinLogonResult';

/** PINs checked at once: libuv's thread pool has 4 threads, and each check is one scrypt. */
const IN_FLIGHT = 4;

const pinParameter = {
  type: StringType,
  description:
    'The digits to check, as a caller would type them on the telephone keypad. Also bound from the PIN (or Pin) property of pipeline input, which keeps the PIN off the command line, where other users of the machine could read it in the process list.',
  mandatory: true,
  position: 2,
  valueFromPipelineByPropertyName: true,
} as const satisfies ParameterDecl<string>;

interface State {
  services: Services;
  logon: { pepper: Buffer; policies: PolicyResolver; now: () => number };
}

export default defineServiceCmdlet({
  services: { directory: true, pins: 'write' },
  name: 'Test-CsClientPin',
  synopsis: 'Runs the dial-in conferencing PIN check for a user and applies the lockout rules (a cspin extension).',
  description:
    'Test-CsClientPin is not a Microsoft cmdlet: it is what the PINs of Set-CsClientPin exist for, the check a dial-in conferencing server runs when a caller types a PIN. It returns one result per user and applies the documented two-tier lockout: the first failure opens a 30-minute window; each failure adds 1 to a local and a global counter; reaching the local limit inside the window locks the PIN for 1 hour, during which even the right PIN gives TemporarilyLockedOut; the local counter then starts again from 0 and a success resets it. Reaching the global limit locks the PIN (IsLockedOut in Get-CsClientPinInfo) until Unlock-CsClientPin. Limits by PIN length: 4 digits 10 local / 100 global, 5 digits 25 / 1000, 6 or more 25 / 5000; MaximumLogonAttempts of the user\'s effective PIN policy replaces the local limit only.',
  parameters: { Identity: mandatoryIdentityParameter, Pin: pinParameter },
  inputTypes: [
    'String value or Microsoft.Rtc.Management.ADConnect.Schema.ADUser object for -Identity (also any object with an Identity, SipAddress, UserPrincipalName or DistinguishedName property); objects with a PIN property for -Pin.',
  ],
  outputType: PIN_LOGON_TYPE,
  notes: [
    'cspin extension: Lync and Skype for Business Server have no such cmdlet; the check and its lockout follow the MaximumLogonAttempts text of New-CsPinPolicy.',
    'Result is one of Success, WrongPin, TemporarilyLockedOut, LockedOut (locked by an admin or by the global limit), Expired (PINLifetime of the effective policy has passed since the last change) and NotSet (no PIN). They are checked in that order: LockedOut, NotSet, Expired, TemporarilyLockedOut, then the PIN.',
    'A result is not an error: the exit status is 0 whatever the results. Errors (exit status 1) are identities that are not found or are ambiguous, and piped PINs that are not digits only (never counted as a failure); a -Pin on the command line that is not a PIN is a usage error (exit 2) and nothing is checked.',
    'Only Success and WrongPin change anything. A locked, unset, expired or temporarily locked PIN is not checked and the attempt is not counted: the answer is the same for any PIN, so it tells a caller nothing.',
    'The PIN given never appears in output, errors, -Verbose or -Debug messages, or the database; -Verbose shows the failure counters and limits.',
    'A display name that matches several users is refused (nothing is checked or counted); a deliberate * wildcard checks the PIN of every match.',
    'CSPIN_NOW (ISO 8601 or milliseconds since the epoch) fixes the time the rules see, for tests.',
  ],
  examples: [
    {
      title: 'A wrong PIN (cspin extension)',
      code: 'Test-CsClientPin -Identity "litwareinc\\kenmyer" -Pin 1234',
      remarks:
        'Checks the PIN 1234 for Ken Myer. His PIN in the sample directory has 6 digits, so the Result is WrongPin: one failure is counted toward both limits and a 30-minute window opens.',
      expect: { objects: [logonResult('kenmyer', 'WrongPin')] },
    },
    {
      title: 'A locked PIN (cspin extension)',
      code: 'Test-CsClientPin -Identity "pilar@litwareinc.com" -Pin 1234',
      remarks: 'Pilar\'s PIN is locked in the sample directory: the Result is LockedOut whatever PIN is given, and nothing is counted.',
      expect: { objects: [logonResult('pilar', 'LockedOut')] },
    },
    {
      title: 'A user without a PIN (cspin extension)',
      code: 'Test-CsClientPin "sip:aidan@litwareinc.com" -Pin 1234',
      remarks: 'Aidan has no PIN: the Result is NotSet. The Identity is given by position.',
      expect: { objects: [logonResult('aidan', 'NotSet')] },
    },
    {
      title: 'One PIN for the users of an OU (cspin extension)',
      code: 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Test-CsClientPin -Pin 1234',
      remarks: 'Checks the PIN 1234 for every user of the Finance OU: WrongPin for kenmyer, LockedOut for pilar, NotSet for aidan.',
      expect: { objects: [logonResult('kenmyer', 'WrongPin'), logonResult('pilar', 'LockedOut'), logonResult('aidan', 'NotSet')] },
    },
  ],

  check: checkPinArgument,

  begin(_params, context, services): Omit<State, 'services'> {
    return { logon: { pepper: services.pins.pepper(), policies: services.pins.policyResolver(), now: clockOf(context.env) } };
  },

  async *process(records, state, context) {
    const targets = await resolvePinTargets(state.services, records.map(({ params, record }) => ({ identity: params.Identity, record })));
    const attempts: (Attempt | ErrorRecord)[] = [];
    for (const [index, { params, record }] of records.entries()) {
      const target = targets[index];
      if (!target) continue;
      if ('error' in target) attempts.push(target.error);
      else if (!isPinFormat(params.Pin)) attempts.push(invalidPin(params.Identity.text, record));
      else for (const user of target.users) attempts.push({ user, pin: params.Pin });
    }
    context.writeDebug(`resolved ${records.length} identities in one query; ${attempts.length} results to give`);
    // A user's attempts are decided one after the other, in input order, each against the state the
    // one before left (else a right PIN hashed in parallel with wrong ones could beat the lockout);
    // different users' attempts hash in parallel.
    yield* mapOrdered(attempts, IN_FLIGHT, async (item) => (isErrorRecord(item) ? item : logon(item, state, context)), {
      key: (item) => (isErrorRecord(item) ? item : item.user.key),
    });
  },
});

/** One PIN to check for one user. */
interface Attempt {
  user: PinTargetRow;
  pin: string;
}

async function logon({ user, pin }: Attempt, state: State, context: CmdletContext): Promise<unknown> {
  const attempt = await state.services.pins.attempt(user, pin, state.logon);
  context.writeVerbose(describe(user.sip, attempt));
  return { PSTypeName: PIN_LOGON_TYPE, Identity: user.sip, Result: attempt.result };
}

function invalidPin(identity: string, record: number | undefined): ErrorRecord {
  const { quoted, target } = shownIdentity(identity);
  return errorRecord({
    errorId: 'InvalidPinFormat',
    category: 'InvalidArgument',
    message: cmdletMessages.InvalidPinFormat.test(quoted),
    target,
    record,
  });
}

/** The -Verbose line of an attempt: counters and limits, never the PIN. */
function describe(user: string, { result, state, limits }: LogonAttempt): string {
  const sip = echo(user);
  if (result !== 'Success' && result !== 'WrongPin' && result !== 'TemporarilyLockedOut') return `${sip}: ${result} (the PIN was not checked; nothing was counted)`;
  const counters = `local failures ${state.localFailures} of ${limits.local}, global failures ${state.globalFailures} of ${limits.global}`;
  const until = state.lockedUntil === null ? '' : `; temporarily locked until ${isoUtc(state.lockedUntil)}`;
  return `${sip}: ${result} (${counters}${until}${state.locked ? '; PIN locked until an admin unlocks it' : ''})`;
}

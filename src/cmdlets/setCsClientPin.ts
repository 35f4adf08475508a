import { StringType, SwitchType, clockOf, echo, errorRecord, isErrorRecord, mapOrdered, threadPoolParallelism, usageError } from '../core/index.js';
import type { CmdletContext, ErrorRecord } from '../core/index.js';
import {
  MAX_PIN_LENGTH,
  PIN_RESET_TYPE,
  type PolicyResolver,
  hashPin,
  isPinFormat,
  newPinFor,
  pinPolicyViolation,
  type PinTargetRow,
} from '../pins/index.js';
import { checkPinArgument, mandatoryIdentityParameter } from './parameters.js';
import { EXAMPLE_NOW, NO_PIN, logonResult, pinInfo, pinReset } from './sampleObjects.js';
import { defineServiceCmdlet, type Services } from './services.js';
import { resolvePinTargets, type Targets } from './targets.js';
import { cmdletMessages } from './messages.js';

export { PIN_RESET_TYPE };

interface State {
  services: Services;
  policies: PolicyResolver;
  pepper: Buffer;
  /** Set by clean: the command is closing. */
  closed: boolean;
  force: boolean;
  now: () => number;
  parallelism: number;
}

/** One user's new PIN. */
interface Change {
  user: PinTargetRow;
  pin: string;
}

export default defineServiceCmdlet({
  name: 'Set-CsClientPin',
  services: { directory: true, pins: 'write' },
  synopsis: 'Assigns a new dial-in conferencing personal identification number (PIN) to a user.',
  description:
    'Users who have a PIN can join dial-in conferences from a telephone, or sign in on a phone, by typing the PIN instead of a user name and password. Set-CsClientPin gives a user a new PIN: the one given with -Pin, which must meet the user\'s effective PIN policy, or, without -Pin, a random PIN that meets it. Administrators can never read a PIN back, so the new PIN is written once, to the output, together with the user\'s SIP address; nothing else ever records it.',
  parameters: {
    Identity: mandatoryIdentityParameter,
    Pin: {
      type: StringType,
      description: `The new PIN: digits only (at most ${MAX_PIN_LENGTH}), at least as many as the MinPasswordLength of the user's PIN policy and, unless the policy allows common patterns, not repeated digits, 4 or more consecutive digits, or the user's phone number or extension. Without it, a PIN that meets the policy is generated. cspin extension: it also binds from a Pin property of pipeline input, so rows of a CSV (SipAddress,Pin) set chosen PINs.`,
      position: 2,
      valueFromPipelineByPropertyName: true,
    },
    Force: { type: SwitchType, description: 'Suppresses the display of non-fatal messages: the warning that a locked PIN stays locked.' },
  },
  shouldProcess: { confirmImpact: 'Medium' },
  inputTypes: ['String value or Microsoft.Rtc.Management.ADConnect.Schema.ADUser object; also PinInfoDetails objects and any object with an Identity, SipAddress, UserPrincipalName or DistinguishedName property.'],
  outputType: PIN_RESET_TYPE,
  notes: [
    'cspin extension: one object per user whose PIN was set, {Identity (the SIP address), PIN, PinReset}, so bulk resets can be handed out; it is the only place the PIN appears. A new PIN is committed only once stdout has taken its line: when the output fails (a full disk, a reader that went away) that user keeps the old PIN, nothing more is changed, the exit status is 1, and users whose lines a pipe took but its reader may not have read are named (OutputMayBeUnread). SIGINT, SIGTERM and SIGHUP stop the command after the user in hand. Only SIGKILL between a line and its commit can leave a line whose PIN was not stored.',
    'The PINs are written to stdout once: a closed stdout (>&-) is refused before anything changes (exit status 2) unless -Force or -Pin; /dev/null and a file that others can read get a warning. Create PIN files private: umask 077.',
    'A generated PIN has max(MinPasswordLength, 6) digits from a CSPRNG and is never a common pattern, even when the policy allows them.',
    'PINHistoryCount is not enforced: an administrator may issue a PIN again, as documented.',
    'A locked PIN: the new PIN is stored, but the PIN stays locked (IsLockedOut) until Unlock-CsClientPin, the only way to end a lock; a warning says so unless -Force. A temporary lockout and the local failure count end with the new PIN.',
    'A -Pin value that is not digits is a usage error (exit 2) and nothing is changed; a PIN that breaks a user\'s policy is a PinPolicyViolation error for that user (exit 1). Neither message shows the PIN.',
    'A display name that matches several users is refused (AmbiguousIdentity, nothing changed) unless it has a * wildcard, which sets a PIN for every match.',
    'A PIN given with -Pin is visible to other local users in the process list while the command runs; leave -Pin out to have one generated, or pipe it in as a Pin property (cspin extension: Import-Csv pins.csv | Set-CsClientPin, with SipAddress and Pin columns). A piped PIN that is not digits is an InvalidPinFormat error for that record only; a blank one asks for a generated PIN.',
  ],
  examples: [
    {
      title: 'Set a PIN for one user',
      code: 'Set-CsClientPin -Identity "litwareinc\\kenmyer" -Pin 18723834',
      remarks: 'Gives the user litwareinc\\kenmyer the PIN 18723834, and writes the user\'s SIP address with the PIN.',
      expect: {
        objects: [pinReset('kenmyer', '18723834')],
        then: {
          code: 'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" && Test-CsClientPin -Identity "litwareinc\\kenmyer" -Pin 18723834',
          objects: [pinInfo('kenmyer', { LastPinChangeTime: EXAMPLE_NOW }), logonResult('kenmyer', 'Success')],
        },
      },
    },
    {
      title: 'Generate PINs for the users of an OU',
      code: 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Set-CsClientPin',
      remarks:
        'Get-CsUser returns the users of the Finance OU and of the OUs below it; Set-CsClientPin generates a new PIN for each and writes each user\'s SIP address and PIN. Pilar Ackerman\'s PIN is locked in the sample, so a warning says her new PIN works only after Unlock-CsClientPin.',
      expect: {
        objects: [pinReset('kenmyer', '<any>'), pinReset('pilar', '<any>'), pinReset('aidan', '<any>')],
        stderrIncludes: 'WARNING: ',
        then: {
          code: 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Get-CsClientPinInfo',
          objects: [
            pinInfo('kenmyer', { LastPinChangeTime: EXAMPLE_NOW }),
            pinInfo('pilar', { LastPinChangeTime: EXAMPLE_NOW }),
            pinInfo('aidan', { IsPinSet: true, LastPinChangeTime: EXAMPLE_NOW }),
          ],
        },
      },
    },
    {
      title: 'Generate PINs for the users who have none',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet -eq False | Set-CsClientPin',
      remarks: 'Get-CsClientPinInfo reports the PIN state of every user, Where-Object keeps those without a PIN, and Set-CsClientPin generates one for each of them.',
      expect: {
        objects: NO_PIN.map((logon) => pinReset(logon, '<any>')),
        then: { code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet -eq False', stdout: '' },
      },
    },
    {
      title: 'Chosen PINs from a CSV file (cspin extension)',
      code: 'printf "SipAddress,Pin\\nsip:ellens@litwareinc.com,740193\\nsip:davidl@litwareinc.com,\\n" > pins.csv && Import-Csv pins.csv | Set-CsClientPin',
      remarks: 'The Pin column binds to -Pin by property name: Ellen Smith gets 740193; the blank cell asks for a generated PIN for David Longmuir.',
      expect: {
        objects: [
          pinReset('ellens', '740193'),
          pinReset('davidl', '<any>'),
        ],
        then: {
          code: 'Import-Csv pins.csv | Get-CsClientPinInfo && Test-CsClientPin -Identity sip:ellens@litwareinc.com -Pin 740193',
          objects: [
            pinInfo('ellens', { LastPinChangeTime: EXAMPLE_NOW }),
            pinInfo('davidl', { LastPinChangeTime: EXAMPLE_NOW }),
            logonResult('ellens', 'Success'),
          ],
        },
      },
    },
  ],

  check(params, context) {
    checkPinArgument(params);
    checkOutput(context, params.Pin === undefined, params.Force === true);
  },

  begin(params, context, services): Omit<State, 'services'> {
    return {
      policies: services.pins.policyResolver(),
      pepper: services.pins.pepper(),
      closed: false,
      force: params.Force === true,
      now: clockOf(context.env),
      parallelism: threadPoolParallelism(context.env),
    };
  },

  async *process(records, state, context) {
    const targets = await resolvePinTargets(state.services, records.map(({ params, record }) => ({ identity: params.Identity, record })));
    context.writeDebug(`resolved ${records.length} identities in one query; hashing ${state.parallelism} at a time`);
    const changes = plan(targets, records, state, context);
    const hashed = mapOrdered(changes, state.parallelism, async (item) =>
      isErrorRecord(item) ? item : { ...item, hash: await hashPin(item.pin, state.pepper) },
    );
    for await (const item of hashed) {
      if (isErrorRecord(item)) {
        yield item;
        continue;
      }
      // The command is closing (its reader went away, or a signal): change nothing more.
      if (state.closed || context.stopping) return;
      const staged = await state.services.pins.stagePin({ userKey: item.user.key, hash: item.hash, pinLength: item.pin.length, changedAt: state.now(), pepper: state.pepper });
      // The line is the PIN's only copy: the PIN is committed once stdout has taken it, else undone.
      await context.deliver({ PSTypeName: PIN_RESET_TYPE, Identity: item.user.sip, PIN: item.pin, PinReset: true }, { label: item.user.sip, ...staged });
      if (staged.state.locked && !state.force) {
        context.writeWarning(`The PIN of ${echo(item.user.sip)} is locked: the new PIN can be used only after Unlock-CsClientPin.`);
      }
    }
  },

  clean(state) {
    state.closed = true;
  },
});

/**
 * The new PINs are written once, to stdout: refuse to generate PINs that nobody would receive, and
 * warn when others can read them.
 * @param context the engine's services (what stdout is)
 * @param generates whether PINs may be generated (no -Pin on the command line)
 * @param force -Force: the caller knows
 * @throws TerminatingError (usage, exit 2) when stdout was closed and PINs would be generated, without -Force
 */
function checkOutput(context: CmdletContext, generates: boolean, force: boolean): void {
  const { kind, readableByOthers, path } = context.output;
  if (kind === 'closed' && generates && !force) {
    throw usageError(
      'PinOutputClosed',
      cmdletMessages.PinOutputClosed,
    );
  }
  if (kind === 'null' && generates && !force) {
    context.writeWarning('stdout is /dev/null: the generated PINs are shown nowhere, so users will need new ones. Add -Force to do this without this warning.');
  }
  if (readableByOthers) {
    context.writeWarning(
      `The new PINs are written to ${path === undefined ? 'a file' : `"${echo(path)}"`}, which its group or others can read: make it private (chmod 600) and create such files with umask 077.`,
    );
  }
}

/**
 * The users to change, in input order, lazily (so a PIN exists only while it is being hashed):
 * each user's new PIN, or the error for a record or user.
 */
function* plan(
  targets: Targets<PinTargetRow>[],
  records: readonly { params: { Pin?: string | undefined }; record?: number }[],
  state: State,
  context: CmdletContext,
): Generator<Change | ErrorRecord> {
  for (const [index, target] of targets.entries()) {
    const record = records[index]?.record;
    // A blank Pin cell of a CSV row asks for a generated PIN, as leaving out -Pin does.
    const pin = records[index]?.params.Pin || undefined;
    if ('error' in target) {
      yield target.error;
      continue;
    }
    // A command-line -Pin was checked in begin; a piped one is checked here, for its record only.
    if (pin !== undefined && !isPinFormat(pin)) {
      yield errorRecord({ errorId: 'InvalidPinFormat', category: 'InvalidArgument', message: cmdletMessages.InvalidPinFormat.record, record });
      continue;
    }
    for (const user of target.users) {
      const policy = state.policies.effective(user);
      const broken = pin === undefined ? undefined : pinPolicyViolation(pin, policy, user);
      if (broken) {
        yield errorRecord({
          errorId: 'PinPolicyViolation',
          category: 'InvalidArgument',
          message: cmdletMessages.PinPolicyViolation.user(user.sip, policy.identity, broken),
          target: user.sip,
          record,
        });
        continue;
      }
      if (!context.shouldProcess(user.sip)) continue;
      yield { user, pin: pin ?? newPinFor(policy, user) };
    }
  }
}

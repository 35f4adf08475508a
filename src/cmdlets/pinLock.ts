/**
 * What Lock-CsClientPin and Unlock-CsClientPin share: the parameters, and a process that resolves a
 * chunk, refuses ambiguous display names and changes each user's lock in its own transaction.
 */
import { JsonText, SwitchType, type BoundRecord, type CmdletContext } from '../core/index.js';
import { PIN_INFO_TYPE, pinInfoJson, type PolicyResolver } from '../pins/index.js';
import { mandatoryIdentityParameter } from './parameters.js';
import type { Services } from './services.js';
import { resolvePinTargets } from './targets.js';

/** The parameters of both cmdlets (-Identity, -Force and the -PassThru extension). */
export const PIN_LOCK_PARAMETERS = {
  Identity: mandatoryIdentityParameter,
  Force: {
    type: SwitchType,
    description: 'Suppresses the display of non-fatal messages. Accepted for compatibility; these cmdlets have none to suppress.',
  },
  PassThru: {
    type: SwitchType,
    description: 'Writes the PIN information (a PinInfoDetails object) of each user after the change; without it there is no output.',
    extension: true,
  },
} as const;


/** What the lock change needs besides the services. */
export interface PinLockState {
  services: Services;
  policies: PolicyResolver;
  passThru: boolean;
}

/**
 * The declaration parts both cmdlets share: parameters, services, ShouldProcess, input and output
 * types, and begin/process.
 * @param locked true for Lock-CsClientPin, false for Unlock-CsClientPin
 * @returns the parts, to spread into the declaration (see defineServiceCmdlet)
 */
export function pinLockCmdlet(locked: boolean) {
  return {
    parameters: PIN_LOCK_PARAMETERS,
    services: { directory: true, pins: 'write' },
    shouldProcess: { confirmImpact: 'Medium' },
    inputTypes: [
      'String value or Microsoft.Rtc.Management.ADConnect.Schema.ADUser object; also PinInfoDetails objects and any object with an Identity, SipAddress, UserPrincipalName or DistinguishedName property.',
    ],
    outputType: `None; ${PIN_INFO_TYPE} with -PassThru`,
    begin: (params: { PassThru: boolean | undefined }, _context: CmdletContext, services: Services) => ({
      policies: services.pins.policyResolver(),
      passThru: params.PassThru === true,
    }),
    process: (records: BoundRecord<typeof PIN_LOCK_PARAMETERS>[], state: PinLockState, context: CmdletContext) =>
      changePinLocks(locked, records, state, context),
  } as const;
}

/**
 * Locks or unlocks the PIN of each user a chunk names, one transaction per user.
 * @param locked true to lock, false to unlock (which also resets the failure counters)
 * @param records the chunk
 * @param state the services and policies
 * @param context the engine's services
 * @yields errors for records that name nobody or several users, and PinInfoDetails under -PassThru
 */
async function* changePinLocks(
  locked: boolean,
  records: readonly BoundRecord<typeof PIN_LOCK_PARAMETERS>[],
  state: PinLockState,
  context: CmdletContext,
): AsyncGenerator<unknown> {
  const targets = await resolvePinTargets(state.services, records.map(({ params, record }) => ({ identity: params.Identity, record })));
  context.writeDebug(`resolved ${records.length} identities in one lookup`);
  for (const target of targets) {
    if ('error' in target) {
      yield target.error;
      continue;
    }
    for (const user of target.users) {
      if (!context.shouldProcess(user.sip)) continue;
      const after = await state.services.pins.setLocked(user.key, locked);
      if (state.passThru) yield new JsonText(pinInfoJson({ ...user, ...after }, state.policies.effective(user).pin_lifetime));
    }
  }
}

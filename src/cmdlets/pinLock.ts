/**
 * What Lock-CsClientPin and Unlock-CsClientPin share: the parameters, and a process that resolves a
 * chunk, refuses ambiguous display names and changes each user's lock in its own transaction.
 */
import { JsonText, SwitchType, type BoundRecord, type CmdletContext } from '../core/index.js';
import { IdentityResolver } from '../directory/index.js';
import { PIN_INFO_TYPE, PIN_TARGET_SHAPE, PinStore, PolicyResolver, pinInfoJson, type PinTargetRow } from '../pins/index.js';
import { mandatoryIdentityParameter } from './parameters.js';
import { closeSession, openSession, type Session } from './session.js';
import { resolveTargets } from './targets.js';

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


/** The open database and what the lock change needs. */
export interface PinLockState extends Session {
  resolver: IdentityResolver<PinTargetRow>;
  policies: PolicyResolver;
  store: PinStore;
  passThru: boolean;
}

/**
 * The declaration parts both cmdlets share: parameters, ShouldProcess, input and output types, and
 * begin/process/clean.
 * @param locked true for Lock-CsClientPin, false for Unlock-CsClientPin
 * @returns the parts, to spread into the declaration
 */
export function pinLockCmdlet(locked: boolean) {
  return {
    parameters: PIN_LOCK_PARAMETERS,
    shouldProcess: { confirmImpact: 'Medium' },
    inputTypes: [
      'String value or Microsoft.Rtc.Management.ADConnect.Schema.ADUser object; also PinInfoDetails objects and any object with an Identity, SipAddress, UserPrincipalName or DistinguishedName property.',
    ],
    outputType: `None; ${PIN_INFO_TYPE} with -PassThru`,
    begin: (params: { PassThru: boolean | undefined }, context: CmdletContext) => beginPinLock(params.PassThru, context.env),
    process: (records: BoundRecord<typeof PIN_LOCK_PARAMETERS>[], state: PinLockState, context: CmdletContext) =>
      changePinLocks(locked, records, state, context),
    clean: (state: PinLockState) => closeSession(state),
  } as const;
}

/**
 * Opens the database for a lock change.
 * @param passThru whether to write PinInfoDetails
 * @param env the environment
 * @returns the state
 */
function beginPinLock(passThru: boolean | undefined, env: NodeJS.ProcessEnv): PinLockState {
  const session = openSession(env, 'write');
  return {
    ...session,
    resolver: new IdentityResolver<PinTargetRow>(session.db, undefined, PIN_TARGET_SHAPE),
    policies: new PolicyResolver(session.db),
    store: new PinStore(session.db),
    passThru: passThru === true,
  };
}

/**
 * Locks or unlocks the PIN of each user a chunk names, one transaction per user.
 * @param locked true to lock, false to unlock (which also resets the failure counters)
 * @param records the chunk
 * @param state the open database
 * @param context the engine's services
 * @yields errors for records that name nobody or several users, and PinInfoDetails under -PassThru
 */
function* changePinLocks(
  locked: boolean,
  records: readonly BoundRecord<typeof PIN_LOCK_PARAMETERS>[],
  state: PinLockState,
  context: CmdletContext,
): Generator<unknown> {
  const targets = resolveTargets(state.resolver, records.map(({ params, record }) => ({ identity: params.Identity, record })));
  context.writeDebug(`resolved ${records.length} identities in one query`);
  for (const target of targets) {
    if ('error' in target) {
      yield target.error;
      continue;
    }
    for (const user of target.users) {
      if (!context.shouldProcess(user.sip)) continue;
      const after = state.store.setLocked(user.key, locked);
      if (state.passThru) yield new JsonText(pinInfoJson({ ...user, ...after }, state.policies.effective(user).pin_lifetime));
    }
  }
}

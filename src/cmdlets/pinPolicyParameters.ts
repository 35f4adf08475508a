/** What the PIN policy cmdlets share: their session, the property parameters, the errors of a change, the site warning. */
import { BooleanType, StringType, SwitchType, echo, errorRecord, nullableType, usageError, type CmdletContext, type ErrorRecord, type ParameterDecl } from '../core/index.js';
import { configurationNotFound } from '../directory/messages.js';
import { POLICY_DEFAULTS, POLICY_SETTINGS, UInt32Type, UInt64Type, type PolicyChanges, type PolicyOutcome, type PolicySetting } from '../pins/index.js';
import type { PinPolicies } from '../pins/index.js';
import type { Services } from './services.js';
import { cmdletMessages } from './messages.js';

/** A policy cmdlet's state: the PIN store (opened by the engine) and its policies. */
export interface PolicySession {
  services: Pick<Services, 'pins'>;
  store: PinPolicies;
}

/**
 * A policy cmdlet's state once its PIN store is open.
 * @param services the open PIN store
 * @returns the policies to work on
 */
export function policyState(services: Pick<Services, 'pins'>): Omit<PolicySession, 'services'> {
  return { store: services.pins.policies };
}

/** The policy's property parameters, as in the documented PARAMETERS blocks (ranges as ValidateRange). */
export const policyPropertyParameters = {
  Description: {
    type: nullableType(StringType),
    description:
      'Enables administrators to provide explanatory text to accompany a PIN policy. For example, the Description might include information about the users the policy should be assigned to. An empty value clears it.',
  },
  MaximumLogonAttempts: {
    type: nullableType(UInt32Type),
    validateRange: POLICY_SETTINGS.MaximumLogonAttempts.range,
    description:
      'Indicates the number of sequential logon failures that are allowed (inside a 30-minute window) before the user is locked out for an hour; the global failure limit, which locks the PIN until an administrator unlocks it, does not change. Any whole number from 1 to 999. It is recommended to leave it null (the default): the limit is then computed from the PIN length. In bash, clear it with -MaximumLogonAttempts \'$null\', an empty value (-MaximumLogonAttempts \'\') or -MaximumLogonAttempts: (what an unquoted $null becomes).',
  },
  MinPasswordLength: {
    type: UInt32Type,
    validateRange: POLICY_SETTINGS.MinPasswordLength.range,
    description:
      'The minimum allowed length (that is, the minimum number of digits) in a PIN. PIN lengths must have at least 4 digits but no more than 24 digits; the default value is 5.',
  },
  PINHistoryCount: {
    type: UInt64Type,
    validateRange: POLICY_SETTINGS.PINHistoryCount.range,
    description:
      'Indicates how often users are allowed to reuse the same PIN: any whole number from 0 to 20, where 0 (the default) means that users can use the same PIN over and over again. If PINLifetime is greater than 0, PINHistoryCount must be greater than 0 too.',
  },
  PINLifetime: {
    type: UInt64Type,
    validateRange: POLICY_SETTINGS.PINLifetime.range,
    description:
      'Indicates the length of time (in days) that a PIN remains valid: any whole number from 0 to 999, where 0 (the default) means that PINs never expire. A PINLifetime greater than 0 needs a PINHistoryCount greater than 0.',
  },
  AllowCommonPatterns: {
    type: BooleanType,
    description:
      'Indicates whether or not "common patterns" are allowed in PINs: repeating digits (222222), four or more consecutive digits (123456) and PINs that match the user\'s phone number or extension. The default value is False. In bash write True or False (or quote \'$True\': bash expands an unquoted $True to nothing).',
  },
} as const satisfies Record<PolicySetting, ParameterDecl>;

/**
 * Warns when a new site policy names a site that no registrar pool is in: it applies to nobody yet
 * (a typo, or a pool still to map with `cspin site set`).
 * @param session the open session
 * @param identity the new policy's identity
 * @param context where the warning goes
 */
export function warnIfSiteHasNoPools(session: PolicySession, identity: string, context: CmdletContext): void {
  const site = /^site:(.*)$/is.exec(identity)?.[1];
  if (site !== undefined && !session.services.pins.sites.hasPools(site)) {
    const shown = echo(site);
    context.writeWarning(`No registrar pool is in the site "${shown}", so the policy ${echo(identity)} applies to no user yet. Map a pool with: cspin site set <pool> ${shown}`);
  }
}

/** -Force, accepted as documented. */
export const forceParameter = {
  type: SwitchType,
  description: 'Suppresses the display of any non-fatal error message that might occur when running the command (in cspin: its warnings).',
} as const satisfies ParameterDecl<boolean>;

/**
 * The changes the bound property parameters ask for.
 * @param params the bound parameters (absent ones are left unchanged)
 * @returns the changes, by column
 */
export function changesOf(params: Partial<Record<PolicySetting, string | number | boolean | null | undefined>>): PolicyChanges {
  const changes: Record<string, unknown> = {};
  for (const [name, { column }] of Object.entries(POLICY_SETTINGS)) {
    const value = params[name as PolicySetting];
    if (value === undefined) continue;
    changes[column] = typeof value === 'boolean' ? (value ? 1 : 0) : value === '' ? null : value;
  }
  return changes as PolicyChanges;
}

/**
 * The lifetime/history rule on the command line's values alone, checked before the database is
 * opened: a command that can never succeed is a usage error (exit 2), like an out-of-range value.
 * The rule on a stored policy's values is checked per policy, when it changes (exit 1).
 * @param changes the changes the command line asks for
 * @param creates true for New-CsPinPolicy, whose policy starts from the defaults
 * @throws TerminatingError PinLifetimeRequiresHistory, exit status 2
 */
export function checkLifetimeRule(changes: PolicyChanges, creates: boolean): void {
  const lifetime = changes.pin_lifetime;
  const history = changes.pin_history_count ?? (creates ? POLICY_DEFAULTS.pin_history_count : undefined);
  if (lifetime === undefined || history === undefined || lifetime === 0 || history > 0) return;
  const { defaultHistory, givenHistory, commandLine } = cmdletMessages.PinLifetimeRequiresHistory;
  const why = changes.pin_history_count === undefined ? defaultHistory : givenHistory;
  throw usageError('PinLifetimeRequiresHistory', commandLine(lifetime, why), 'PINLifetime');
}

/**
 * A policy change the way ShouldProcess wants it: checked first, so that -WhatIf and -Confirm meet
 * the errors the change would (not found, already exists, the lifetime rule), then asked about and made.
 * @param context the engine's services
 * @param identity the policy, the ShouldProcess target
 * @param change makes the change, or only checks it when write is false
 * @returns the failed check, the change's outcome, or undefined when -WhatIf or the user declined
 */
export function shouldChangePolicy<T extends { ok: boolean }>(context: CmdletContext, identity: string, change: (write: boolean) => T): T | undefined {
  const check = change(false);
  if (!check.ok) return check;
  return context.shouldProcess(identity) ? change(true) : undefined;
}

/**
 * The error record for a change that did not happen.
 * @param outcome the store's refusal
 * @param identity the policy identity
 * @param record the input line, if any
 * @returns the error
 */
export function policyError(outcome: Extract<PolicyOutcome, { ok: false }>, identity: string, record?: number): ErrorRecord {
  switch (outcome.reason) {
    case 'NotFound':
      return configurationNotFound(identity, record);
    case 'AlreadyExists':
      return errorRecord({
        errorId: 'PolicyAlreadyExists',
        category: 'InvalidOperation',
        message: cmdletMessages.PolicyAlreadyExists(identity),
        target: identity,
        record,
      });
    case 'GlobalExists':
      return errorRecord({
        errorId: 'GlobalPolicyExists',
        category: 'InvalidOperation',
        message: cmdletMessages.GlobalPolicyExists,
        target: identity,
        record,
      });
    case 'LifetimeNeedsHistory':
      return errorRecord({ errorId: 'PinLifetimeRequiresHistory', category: 'InvalidArgument', message: outcome.message ?? '', target: identity, record });
  }
}

/**
 * PIN policy values: the identities (Global, site:X, tag:X), the documented ranges and defaults, the
 * rule that a lifetime needs a history, and the UserPinPolicy object Get-CsPinPolicy writes.
 */
import { NOT_CONVERTIBLE, convertBoolean, echo, findProperty, integerType, rangeViolation, type PSObject, type ParamType, type ErrorId } from '../core/index.js';
import { pinMessages } from './messages.js';
import type { PinPolicyRow } from './policy.js';

/** The type name of Get-CsPinPolicy's output objects. */
export const PIN_POLICY_TYPE = 'Microsoft.Rtc.Management.WritableConfig.Policy.UserPin.UserPinPolicy';

/** The output properties, in the order of the documented Get-CsPinPolicy block. */
export const PIN_POLICY_PROPERTIES = [
  'Identity',
  'Description',
  'MinPasswordLength',
  'PINHistoryCount',
  'AllowCommonPatterns',
  'PINLifetime',
  'MaximumLogonAttempts',
] as const;

/** The settable properties, by output name: their column and, for numbers, the documented range. */
export const POLICY_SETTINGS = {
  Description: { column: 'description', range: undefined },
  MinPasswordLength: { column: 'min_password_length', range: [4, 24] },
  PINHistoryCount: { column: 'pin_history_count', range: [0, 20] },
  AllowCommonPatterns: { column: 'allow_common_patterns', range: undefined },
  PINLifetime: { column: 'pin_lifetime', range: [0, 999] },
  MaximumLogonAttempts: { column: 'maximum_logon_attempts', range: [1, 999] },
} as const satisfies Record<string, { column: keyof PinPolicyRow; range: readonly [number, number] | undefined }>;

export type PolicySetting = keyof typeof POLICY_SETTINGS;

/** Changes to a policy, by column (absent: unchanged). */
export type PolicyChanges = Partial<Omit<PinPolicyRow, 'identity'>>;

/** The values of a new policy, and of Global after Remove-CsPinPolicy resets it. */
export const POLICY_DEFAULTS: Omit<PinPolicyRow, 'identity'> = {
  description: null,
  min_password_length: 5,
  pin_history_count: 0,
  allow_common_patterns: 0,
  pin_lifetime: 0,
  maximum_logon_attempts: null,
};

/** The identity of the one global policy. */
export const GLOBAL = 'Global';

const WILDCARD = /[*?[\]]/;

/**
 * Reads a policy identity the way New/Set/Get/Remove-CsPinPolicy take it: `Global`, `site:<Site>`,
 * `tag:<Name>`, or a bare name, which is the per-user `tag:<Name>`.
 * @param text the identity as typed
 * @returns the canonical identity, or why it is not one
 */
export function parsePolicyIdentity(text: string): { identity: string } | { problem: string } {
  const trimmed = text.trim();
  const shown = echo(trimmed);
  if (trimmed.toLowerCase() === 'global') return { identity: GLOBAL };
  const scoped = /^([^:]*):(.*)$/s.exec(trimmed);
  const scope = scoped ? (scoped[1] ?? '').toLowerCase() : 'tag';
  const name = (scoped ? (scoped[2] ?? '') : trimmed).trim();
  if (scope !== 'site' && scope !== 'tag') {
    return { problem: pinMessages.CannotConvertArgument.scope(shown) };
  }
  if (name === '') return { problem: pinMessages.CannotConvertArgument.noName(shown, scope) };
  if (name.includes(':')) return { problem: pinMessages.CannotConvertArgument.colon(shown, scope) };
  if (WILDCARD.test(name)) return { problem: pinMessages.CannotConvertArgument.wildcard(shown) };
  return { identity: `${scope}:${name}` };
}

/**
 * Reads the PolicyName of Grant-CsPinPolicy: the name of a per-user policy, with or without `tag:`.
 * A site or global scope, or a wildcard, can never name one: that is a usage error, not a lookup.
 * @param text the name as typed (not blank: blank means null, to unassign)
 * @returns the name without `tag:`, or why it cannot be a per-user policy name
 */
export function parsePerUserPolicyName(text: string): { name: string } | { problem: string } {
  const trimmed = text.trim();
  const scope = /^(site|service):/i.exec(trimmed)?.[1];
  if (scope !== undefined) {
    return { problem: pinMessages.CannotConvertArgument.notPerUser(trimmed, scope.toLowerCase()) };
  }
  const parsed = parsePolicyIdentity(/^tag:/i.test(trimmed) ? trimmed : `tag:${trimmed}`);
  return 'problem' in parsed ? parsed : { name: parsed.identity.slice('tag:'.length) };
}

/** XdsIdentity: a PIN policy identity, canonicalised by {@link parsePolicyIdentity}. */
export const PolicyIdentityType: ParamType<string> = {
  name: 'XdsIdentity',
  accepts: () => false,
  convert: (value) => {
    if (typeof value !== 'string') return NOT_CONVERTIBLE;
    const parsed = parsePolicyIdentity(value);
    return 'identity' in parsed ? parsed.identity : NOT_CONVERTIBLE;
  },
  describe: (text) => {
    const parsed = parsePolicyIdentity(text);
    return 'problem' in parsed ? parsed.problem : pinMessages.CannotConvertArgument.xdsIdentity(text);
  },
};

/** UInt32 and UInt64, as the help names them (their ranges come from the parameters' ValidateRange). */
export const UInt32Type = integerType('UInt32', 0, 4294967295);
export const UInt64Type = integerType('UInt64', 0, Number.MAX_SAFE_INTEGER);

/**
 * The documented combination rule, checked on the policy that would result from a change.
 * @param policy the resulting policy
 * @returns why the policy is invalid, or undefined
 */
export function lifetimeRuleViolation(policy: Pick<PinPolicyRow, 'identity' | 'pin_lifetime' | 'pin_history_count'>): string | undefined {
  if (policy.pin_lifetime > 0 && policy.pin_history_count === 0) {
    return pinMessages.PinLifetimeRequiresHistory(policy.identity, policy.pin_lifetime);
  }
  return undefined;
}

/**
 * The UserPinPolicy output object of a policy.
 * @param row the policy row
 * @returns the object, properties in the documented order
 */
export function pinPolicyObject(row: PinPolicyRow): PSObject {
  return {
    PSTypeName: PIN_POLICY_TYPE,
    Identity: row.identity,
    Description: row.description,
    MinPasswordLength: row.min_password_length,
    PINHistoryCount: row.pin_history_count,
    AllowCommonPatterns: row.allow_common_patterns === 1,
    PINLifetime: row.pin_lifetime,
    MaximumLogonAttempts: row.maximum_logon_attempts,
  };
}

/**
 * Reads a policy object from the pipeline (Set-CsPinPolicy -Instance): its Identity, and the value
 * of every settable property it carries, checked like the parameters.
 * @param instance the object (property names match case-insensitively)
 * @returns the identity and changes, or why the object is not a usable policy (and the errorId to report)
 */
export function readPolicyInstance(instance: PSObject): { identity: string; changes: PolicyChanges } | { problem: string; errorId: ErrorId } {
  const identityValue = findProperty(instance, 'Identity')?.value;
  const invalid = (problem: string, errorId: ErrorId = 'InvalidPolicyInstance') => ({ problem, errorId });
  if (typeof identityValue !== 'string') return invalid(pinMessages.InvalidPolicyInstance.noIdentity);
  const parsed = parsePolicyIdentity(identityValue);
  if ('problem' in parsed) return invalid(parsed.problem);
  const changes: PolicyChanges = {};
  for (const [name, { column, range }] of Object.entries(POLICY_SETTINGS) as [PolicySetting, (typeof POLICY_SETTINGS)[PolicySetting]][]) {
    const found = findProperty(instance, name);
    if (!found) continue;
    const value = instanceValue(name, found.value);
    if (value === NOT_CONVERTIBLE) return invalid(pinMessages.InvalidPolicyInstance.badValue(name, found.value));
    const outOfRange = rangeViolation(name, value, range);
    if (outOfRange) return invalid(outOfRange, 'ParameterArgumentValidationError');
    (changes as Record<string, unknown>)[column] = value;
  }
  return { identity: parsed.identity, changes };
}

function instanceValue(name: PolicySetting, value: unknown): string | number | null | typeof NOT_CONVERTIBLE {
  switch (name) {
    case 'Description':
      return value === null || typeof value === 'string' ? (value === '' ? null : value) : NOT_CONVERTIBLE;
    case 'AllowCommonPatterns': {
      const flag = convertBoolean(value, true);
      return flag === NOT_CONVERTIBLE ? flag : flag ? 1 : 0;
    }
    case 'MaximumLogonAttempts':
      return value === null ? null : UInt32Type.convert(value);
    default:
      return name === 'MinPasswordLength' ? UInt32Type.convert(value) : UInt64Type.convert(value);
  }
}

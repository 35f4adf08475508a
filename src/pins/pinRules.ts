/**
 * What an administrator's new PIN must be: digits only, at least MinPasswordLength of the user's
 * effective policy and, unless the policy has AllowCommonPatterns, not a common pattern. History
 * (PINHistoryCount) is not enforced for administrators, as documented. Generated PINs meet the same
 * rules. Messages name the rule and never the PIN.
 */
import { generatePin } from './generate.js';
import { pinMessages } from './messages.js';
import { commonPatternOf, phoneNumbersOf } from './patterns.js';
import type { PinPolicyRow } from './policy.js';

/** The length of a generated PIN when the policy asks for less. */
export const GENERATED_PIN_LENGTH = 6;

/** The longest PIN: the largest MinPasswordLength a policy can have. */
export const MAX_PIN_LENGTH = 24;

/** Whether a value is PIN-shaped: 1 to 24 digits 0-9 (length against the policy comes later). */
export function isPinFormat(pin: string): boolean {
  return /^[0-9]+$/.test(pin) && pin.length <= MAX_PIN_LENGTH;
}

/** The user fields the PIN rules read. */
export interface PinRuleUser {
  line_uri: string | null;
}

/**
 * Why a PIN breaks a user's policy, if it does.
 * @param pin the digits
 * @param policy the user's effective policy
 * @param user the user (for the phone number and extension)
 * @returns the broken rule in words (never the PIN), or undefined when the PIN complies
 */
export function pinPolicyViolation(pin: string, policy: PinPolicyRow, user: PinRuleUser): string | undefined {
  if (pin.length < policy.min_password_length) {
    return pinMessages.PinPolicyViolation.tooShort(policy.min_password_length);
  }
  if (policy.allow_common_patterns) return undefined;
  const pattern = commonPatternOf(pin, phoneNumbersOf(user.line_uri));
  return pattern && pinMessages.PinPolicyViolation.commonPattern(pattern);
}

/**
 * A new PIN from a CSPRNG that complies with the user's policy: max(MinPasswordLength, 6) digits and
 * never a common pattern (not even when the policy would allow one).
 * @param policy the user's effective policy
 * @param user the user (for the phone number and extension)
 * @returns the PIN
 */
export function newPinFor(policy: PinPolicyRow, user: PinRuleUser): string {
  return generatePin(Math.max(policy.min_password_length, GENERATED_PIN_LENGTH), phoneNumbersOf(user.line_uri));
}

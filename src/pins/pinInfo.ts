/** PinInfoDetails: what Get-CsClientPinInfo reports about a user's PIN (never the PIN itself). */
import type { UserRow } from '../directory/index.js';
import type { PinPolicyRow } from './policy.js';
import type { PinState } from './pinStore.js';

/** The type name of Get-CsClientPinInfo's output objects. */
export const PIN_INFO_TYPE = 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails';

const DAY_MS = 86_400_000;

/** Get-CsClientPinInfo's output object, properties in the documented order. */
export interface PinInfoDetails {
  PSTypeName: typeof PIN_INFO_TYPE;
  Identity: string;
  IsPinSet: boolean;
  IsLockedOut: boolean;
  LastPinChangeTime: string | null;
  PinExpirationTime: string | null;
}

/**
 * Builds a user's PinInfoDetails.
 * @param user the user (has a SIP address)
 * @param state the PIN state, if any
 * @param policy the user's effective PIN policy
 * @returns the output object; dates are ISO 8601 UTC, PinExpirationTime null when the PIN never expires
 */
export function pinInfoDetails(user: UserRow, state: PinState | undefined, policy: PinPolicyRow): PinInfoDetails {
  const changed = state?.changed_at ?? null;
  const isSet = state?.hash !== null && state?.hash !== undefined;
  return {
    PSTypeName: PIN_INFO_TYPE,
    Identity: user.sip ?? '',
    IsPinSet: isSet,
    IsLockedOut: state?.locked === 1,
    LastPinChangeTime: changed === null ? null : new Date(changed).toISOString(),
    PinExpirationTime: isSet && changed !== null && policy.pin_lifetime > 0 ? new Date(changed + policy.pin_lifetime * DAY_MS).toISOString() : null,
  };
}

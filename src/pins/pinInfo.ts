/**
 * PinInfoDetails: what Get-CsClientPinInfo reports about a user's PIN (never the PIN itself), from
 * the user's PIN state and effective policy.
 */
import { isoUtc } from '../core/index.js';

/** The type name of Get-CsClientPinInfo's output objects. */
export const PIN_INFO_TYPE = 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails';

/** The type name of Set-CsClientPin's output objects (Lync prints the PIN but documents no object). */
export const PIN_RESET_TYPE = 'cspin.ClientPinReset';

/** Get-CsClientPinInfo's output object, properties in the documented order. */
export interface PinInfoDetails {
  PSTypeName: typeof PIN_INFO_TYPE;
  Identity: string;
  IsPinSet: boolean;
  IsLockedOut: boolean;
  /** ISO 8601 UTC; null when no PIN was ever set. */
  LastPinChangeTime: string | null;
  /** Last change + the effective policy's PINLifetime (days); null when the PIN never expires. */
  PinExpirationTime: string | null;
}

/** A lookup row: the user's SIP address, PIN state and the lifetime of the effective policy. */
export interface PinInfoRow {
  id: number;
  /** The user's stable key (PIN state and grants hang on it). */
  key: string;
  sip: string;
  pin_set: number;
  locked: number | null;
  changed_at: number | null;
  pin_policy: string | null;
  registrar_pool: string | null;
}

const DAY_MS = 86_400_000;
const iso = (ms: number | null) => (ms === null ? 'null' : `"${isoUtc(ms)}"`);

/**
 * A user's PinInfoDetails as one line of JSON, written directly (a million users never become
 * objects only to be serialized again).
 * @param row the lookup row
 * @param lifetimeDays PINLifetime of the user's effective policy (0: the PIN never expires)
 * @returns the JSON text of the PinInfoDetails object
 */
export function pinInfoJson(row: PinInfoRow, lifetimeDays: number): string {
  const isSet = row.pin_set === 1;
  const expires = isSet && row.changed_at !== null && lifetimeDays > 0 ? row.changed_at + lifetimeDays * DAY_MS : null;
  return `{"PSTypeName":"${PIN_INFO_TYPE}","Identity":${JSON.stringify(row.sip)},"IsPinSet":${isSet},"IsLockedOut":${row.locked === 1},"LastPinChangeTime":${iso(row.changed_at)},"PinExpirationTime":${iso(expires)}}`;
}

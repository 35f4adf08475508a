/**
 * PinInfoDetails: what Get-CsClientPinInfo reports about a user's PIN (never the PIN itself), from
 * the user's PIN state and effective policy.
 */
import { isoUtc } from '../core/index.js';
import type { ResolveShape } from '../directory/index.js';

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

/** The columns and joins an identity lookup needs for PinInfoDetails (each column costs per row). */
export const PIN_INFO_SHAPE: ResolveShape<PinInfoRow> = {
  select: 'u.id, u.guid, u.sip, g.policy, u.registrar_pool, p.hash IS NOT NULL, p.locked, p.changed_at',
  join: 'LEFT JOIN pins p ON p.user_key = u.guid LEFT JOIN pin_grants g ON g.user_key = u.guid',
  packed: true,
  row: ([id, key, sip, pin_policy, registrar_pool, pin_set, locked, changed_at]) =>
    ({ id, key, sip, pin_policy, registrar_pool, pin_set, locked, changed_at }) as PinInfoRow,
};

/**
 * {@link pinInfoJson}'s line for a PIN that never expires, built by SQLite over PIN_INFO_SHAPE's
 * aliases and join: Get-CsClientPinInfo's lookups answer with the output itself when no policy sets
 * a PINLifetime. LastPinChangeTime is left in milliseconds for {@link finishPinInfoLines}: SQLite's
 * strftime costs more than the rest of the line (measured). Concatenation beats json_object for a
 * line this short. A test keeps the two in step.
 */
export const PIN_INFO_LINE_SQL = `'{"PSTypeName":"${PIN_INFO_TYPE}","Identity":' || json_quote(u.sip)
  || ',"IsPinSet":' || CASE WHEN p.hash IS NOT NULL THEN 'true' ELSE 'false' END
  || ',"IsLockedOut":' || CASE WHEN p.locked = 1 THEN 'true' ELSE 'false' END
  || ',"LastPinChangeTime":' || ifnull(p.changed_at, 'null') || ',"PinExpirationTime":null}'`;

// A raw `"` never occurs inside a JSON string (it is escaped), so this matches only the property.
const CHANGE_TIME_MS = /"LastPinChangeTime":(-?\d+)/g;

/**
 * Turns the millisecond change times of PIN_INFO_LINE_SQL's lines into ISO 8601 text.
 * @param text lines built by PIN_INFO_LINE_SQL
 * @returns the same lines, as pinInfoJson writes them
 */
export function finishPinInfoLines(text: string): string {
  return text.replace(CHANGE_TIME_MS, (_match, ms: string) => `"LastPinChangeTime":"${isoUtc(Number(ms))}"`);
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

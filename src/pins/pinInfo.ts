/**
 * PinInfoDetails: what Get-CsClientPinInfo reports about a user's PIN (never the PIN itself). SQLite
 * builds each object as one line of JSON, joined with the user's PIN state and effective policy
 * (the user_pin_policy view), so a million users never pass through JavaScript objects.
 */
import type { ResolveShape } from '../directory/index.js';

/** The type name of Get-CsClientPinInfo's output objects. */
export const PIN_INFO_TYPE = 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails';

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

/** A lookup row: the user's id and SIP address, and the PinInfoDetails as JSON. */
export interface PinInfoRow {
  id: number;
  sip: string;
  json: string;
}

const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', (${ms}) / 1000.0, 'unixepoch')`;
const bool = (condition: string) => `json(CASE WHEN ${condition} THEN 'true' ELSE 'false' END)`;

const PIN_INFO_JSON_SQL = `json_object('PSTypeName', '${PIN_INFO_TYPE}', 'Identity', u.sip,
  'IsPinSet', ${bool('p.hash IS NOT NULL')}, 'IsLockedOut', ${bool('p.locked = 1')},
  'LastPinChangeTime', ${iso('p.changed_at')},
  'PinExpirationTime', CASE WHEN p.hash IS NOT NULL AND policy.pin_lifetime > 0 THEN ${iso('p.changed_at + policy.pin_lifetime * 86400000')} END)`;

/** The columns and joins an identity lookup needs for PinInfoDetails. */
export const PIN_INFO_SHAPE: ResolveShape = {
  select: `u.id AS id, u.sip AS sip, ${PIN_INFO_JSON_SQL} AS json`,
  join: `LEFT JOIN pins p ON p.user_id = u.id
    JOIN user_pin_policy upp ON upp.user_id = u.id
    JOIN pin_policies policy ON policy.identity = upp.policy`,
};

/**
 * What the SQLite lookups select for the PIN cmdlets: the users row joined with its PIN state and
 * grant, and Get-CsClientPinInfo's output line built by SQLite itself.
 */
import { isoUtc } from '../../core/index.js';
import type { ResolveShape } from '../../directory/index.js';
import { PIN_INFO_TYPE, type PinInfoRow } from '../pinInfo.js';
import type { PinTargetRow } from '../pinTarget.js';

/** The columns and joins an identity lookup needs for PinInfoDetails (each column costs per row). */
export const PIN_INFO_SHAPE: ResolveShape<PinInfoRow> = {
  select: 'u.id, u.guid, u.sip, g.policy, u.registrar_pool, p.hash IS NOT NULL, p.locked, p.changed_at',
  join: 'LEFT JOIN pins p ON p.key_id = u.id LEFT JOIN pin_grants g ON g.key_id = u.id',
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

/** The identity-lookup shape for {@link PinTargetRow}. */
export const PIN_TARGET_SHAPE: ResolveShape<PinTargetRow> = {
  select: `u.id, u.guid, u.sip, u.dn, u.line_uri, g.policy, u.registrar_pool, p.hash, p.changed_at, coalesce(p.locked, 0),
    coalesce(p.local_failures, 0), coalesce(p.global_failures, 0), p.window_start, p.locked_until`,
  join: 'LEFT JOIN pins p ON p.key_id = u.id LEFT JOIN pin_grants g ON g.key_id = u.id',
  row: ([id, key, sip, dn, line_uri, pin_policy, registrar_pool, hash, changed_at, locked, local_failures, global_failures, window_start, locked_until]) =>
    ({ id, key, sip, dn, line_uri, pin_policy, registrar_pool, hash, changed_at, locked, local_failures, global_failures, window_start, locked_until }) as PinTargetRow,
};

/** The ADUser object Get-CsUser writes, and the database row it comes from. */
import type { DirectoryUser } from './userDirectory.js';

/** The type name of Get-CsUser's output objects. */
export const ADUSER_TYPE = 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser';

/** A users row, as selected by {@link USER_COLUMNS}. */
export interface UserRow {
  id: number;
  dn: string;
  dn_key: string;
  domain: string | null;
  sam: string | null;
  upn: string | null;
  display_name: string | null;
  sip: string | null;
  enabled: number | null;
  registrar_pool: string | null;
  line_uri: string | null;
  ev_enabled: number;
  pin_policy: string | null;
  /** The stable key (users.guid). */
  key: string;
}

/** The column list for {@link UserRow}, on the alias `u`. */
const USER_BASE_COLUMNS = 'u.id, u.dn, u.dn_key, u.domain, u.sam, u.upn, u.display_name, u.sip, u.enabled, u.registrar_pool, u.line_uri, u.ev_enabled';
const PIN_POLICY_SQL = '(SELECT policy FROM pin_grants WHERE key_id = u.id)';
export const USER_COLUMNS = `${USER_BASE_COLUMNS}, ${PIN_POLICY_SQL} AS pin_policy, u.guid AS key`;

/** {@link USER_COLUMNS} without names, for raw rows and JSON arrays (see {@link userRowOf}). */
export const USER_VALUES = `${USER_BASE_COLUMNS}, ${PIN_POLICY_SQL}, u.guid`;

/**
 * A UserRow from values in {@link USER_VALUES} order (better-sqlite3's raw rows).
 * @param v the values
 * @returns the row
 */
export function userRowOf(v: readonly unknown[]): UserRow {
  const [id, dn, dn_key, domain, sam, upn, display_name, sip, enabled, registrar_pool, line_uri, ev_enabled, pin_policy, key] = v;
  return { id, dn, dn_key, domain, sam, upn, display_name, sip, enabled, registrar_pool, line_uri, ev_enabled, pin_policy, key } as UserRow;
}

/** Get-CsUser's output object, properties in display order. */
export interface ADUser {
  PSTypeName: typeof ADUSER_TYPE;
  Identity: string;
  SipAddress: string | null;
  UserPrincipalName: string | null;
  SamAccountName: string | null;
  DisplayName: string | null;
  Enabled: boolean | null;
  RegistrarPool: string | null;
  LineUri: string | null;
  EnterpriseVoiceEnabled: boolean;
  PinPolicy: string | null;
}

// json('true') is constant, so SQLite evaluates it once per statement, not per row.
const bool = (column: string) => `CASE ${column} WHEN 1 THEN json('true') WHEN 0 THEN json('false') END`;

/**
 * The same ADUser object as {@link adUserOf}, built by SQLite as one line of JSON (alias `u`): the
 * streaming path of Get-CsUser, which then never parses or serializes a row in JavaScript. One
 * json_object call builds the line in one buffer: ~1 µs per row less than concatenating json_quote
 * pieces. A test keeps the two in step.
 */
export const ADUSER_JSON_SQL = `json_object('PSTypeName', '${ADUSER_TYPE}', 'Identity', u.dn, 'SipAddress', u.sip,
  'UserPrincipalName', u.upn, 'SamAccountName', u.sam, 'DisplayName', u.display_name, 'Enabled', ${bool('u.enabled')},
  'RegistrarPool', u.registrar_pool, 'LineUri', u.line_uri, 'EnterpriseVoiceEnabled', ${bool('u.ev_enabled')},
  'PinPolicy', ${PIN_POLICY_SQL})`;

/**
 * The ADUser object of a directory user (any backend).
 * @param user the user
 * @param pinPolicy the per-user PIN policy granted to them (the PIN store holds grants)
 * @returns the output object
 */
export function adUserOf(user: DirectoryUser, pinPolicy: string | null): ADUser {
  return {
    PSTypeName: ADUSER_TYPE,
    Identity: user.dn,
    SipAddress: user.sip,
    UserPrincipalName: user.upn,
    SamAccountName: user.sam,
    DisplayName: user.displayName,
    Enabled: user.enabled,
    RegistrarPool: user.registrarPool,
    LineUri: user.lineUri,
    EnterpriseVoiceEnabled: user.evEnabled,
    PinPolicy: pinPolicy,
  };
}

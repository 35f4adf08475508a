/**
 * Maps a row of a real directory export (CSV, NDJSON, LDIF) onto a user: column names are
 * case-insensitive and may be the PowerShell property name or the AD attribute name; any other
 * column is kept as an AD attribute for -LdapFilter.
 */
import { dnKey, looksLikeDn } from '../dn.js';
import type { UserInput } from '../userStore.js';
import { directoryMessages } from '../messages.js';
import { userKeyOf } from '../sqlite/userKey.js';
import { enterpriseVoiceOf, firstDcLabel, poolOf } from '../lyncValues.js';
import { importedValue, isAdPropertyName, storedName } from '../ldap/attributes.js';

/** A raw row: column name → value(s). */
export type RawUser = Readonly<Record<string, unknown>>;

type Field = 'dn' | 'sam' | 'upn' | 'displayName' | 'sip' | 'enabled' | 'lyncEnabled' | 'registrarPool' | 'lineUri' | 'evEnabled' | 'optionFlags' | 'pinPolicy' | 'domain';

const FIELDS: Readonly<Record<string, Field>> = {
  distinguishedname: 'dn',
  dn: 'dn',
  samaccountname: 'sam',
  userprincipalname: 'upn',
  upn: 'upn',
  displayname: 'displayName',
  sipaddress: 'sip',
  'msrtcsip-primaryuseraddress': 'sip',
  enabled: 'enabled',
  // Get-ADUser exports carry both: Enabled is the AD account, msRTCSIP-UserEnabled is Lync's, and wins.
  'msrtcsip-userenabled': 'lyncEnabled',
  registrarpool: 'registrarPool',
  'msrtcsip-primaryhomeserver': 'registrarPool',
  lineuri: 'lineUri',
  'msrtcsip-line': 'lineUri',
  enterprisevoiceenabled: 'evEnabled',
  // Kept as an attribute too (for -LdapFilter); EnterpriseVoiceEnabled is its bit 128 when not given.
  'msrtcsip-optionflags': 'optionFlags',
  pinpolicy: 'pinPolicy',
  domain: 'domain',
};

/**
 * Columns that describe the record rather than the user: with Get-ADUser's, the members of its
 * ADEntity that Export-Csv writes after the properties (PropertyNames ... PropertyCount).
 */
const IGNORED = new Set([
  'pstypename', 'objectclass', 'objectcategory', 'changetype',
  'propertynames', 'addedproperties', 'removedproperties', 'modifiedproperties', 'propertycount',
]);

/**
 * Whether a column describes the record rather than the user, and is not imported.
 * @param name the column's name
 * @returns true for such a column
 */
export function isRecordColumn(name: string): boolean {
  return IGNORED.has(name.trim().toLowerCase());
}

/** What a column's name says, worked out once per name (an import asks for every row). */
interface Column {
  readonly trimmed: string;
  readonly folded: string;
  readonly ignored: boolean;
  readonly field: Field | undefined;
  /** One of Get-ADUser's names for an LDAP attribute. */
  readonly alias: boolean;
}

const COLUMNS_SEEN = new Map<string, Column>();

function columnOf(name: string): Column {
  let column = COLUMNS_SEEN.get(name);
  if (column === undefined) {
    const trimmed = name.trim();
    const folded = trimmed.toLowerCase();
    // Own keys only: a column named "constructor" is an attribute.
    const field = Object.hasOwn(FIELDS, folded) ? FIELDS[folded] : undefined;
    column = { trimmed, folded, ignored: IGNORED.has(folded), field, alias: isAdPropertyName(folded) };
    if (COLUMNS_SEEN.size < 4096) COLUMNS_SEEN.set(name, column);
  }
  return column;
}

/**
 * Normalises one row.
 * @param raw the row
 * @returns the user, or the reason the row is rejected
 */
export function normalizeUser(raw: RawUser): UserInput | { error: string } {
  const fields: Partial<Record<Field, string>> = {};
  const attributes: [string, string][] = [];
  let aliases = false;
  for (const [name, value] of Object.entries(raw)) {
    const column = columnOf(name);
    if (column.ignored || value === null || value === undefined) continue;
    const values = typeof value === 'string' ? (value === '' ? [] : [value]) : (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== '');
    // An ADUser export (Get-CsUser > users.ndjson) carries the DN as Identity.
    const field = column.folded === 'identity' && values.length === 1 && looksLikeDn(values[0] ?? '') ? 'dn' : column.field;
    if (!field || field === 'optionFlags') {
      for (const v of values) attributes.push([column.trimmed, importedValue(name, v)]);
      aliases ||= values.length > 0 && column.alias;
      if (!field) continue;
    }
    if (values.length > 1) return { error: directoryMessages.InvalidImportRow.manyValues(name, values.length) };
    const text = values[0]?.trim();
    if (text === undefined) continue;
    // ldifde and csvde carry the DN twice (dn and distinguishedName): a repeat must agree.
    const given = fields[field];
    if (given !== undefined && !sameValue(field, given, text)) {
      return { error: directoryMessages.InvalidImportRow.disagrees(name, text, given) };
    }
    fields[field] = text;
  }
  return build(fields, aliases ? withoutRepeats(attributes) : attributes);
}

/**
 * The attributes less the columns that repeat one: Get-ADUser -Properties * gives an attribute under
 * its LDAP name and its property names too (pwdLastSet, PasswordLastSet; whenCreated, Created,
 * createTimeStamp). The LDAP column is exact where a property is not (PasswordLastSet is to the second,
 * in local time), so it alone is kept; without one, the first property column is.
 */
function withoutRepeats(attributes: readonly [string, string][]): [string, string][] {
  const exact = new Set(attributes.filter(([name]) => !isAdPropertyName(name)).map(([name]) => storedName(name)));
  const kept = new Map<string, string>();
  return attributes.filter(([name]) => {
    if (!isAdPropertyName(name)) return true;
    const stored = storedName(name);
    if (exact.has(stored)) return false;
    if (!kept.has(stored)) kept.set(stored, name);
    return kept.get(stored) === name;
  });
}

function build(f: Partial<Record<Field, string>>, attributes: [string, string][]): UserInput | { error: string } {
  if (!f.dn) return { error: directoryMessages.InvalidImportRow.noDn };
  if (!looksLikeDn(f.dn)) return { error: directoryMessages.InvalidImportRow.notDn(f.dn) };
  const sip = f.sip === undefined ? null : /^sip:/i.test(f.sip) ? f.sip : `sip:${f.sip}`;
  if (sip !== null && !/^sip:[^@\s:]+@[^@\s]+$/i.test(sip)) return { error: directoryMessages.InvalidImportRow.notSip(f.sip) };
  if (f.upn !== undefined && !/^[^@\s]+@[^@\s]+$/.test(f.upn)) return { error: directoryMessages.InvalidImportRow.notUpn(f.upn) };
  if (f.sam !== undefined && /[\\/\s"[\]:;|=,+*?<>]/.test(f.sam)) return { error: directoryMessages.InvalidImportRow.notSam(f.sam) };
  const enabledText = f.lyncEnabled ?? f.enabled;
  const enabled = parseBoolean(enabledText);
  if (enabled === 'invalid') return { error: directoryMessages.InvalidImportRow.notBoolean('Enabled', enabledText) };
  const evEnabled = parseBoolean(f.evEnabled);
  if (evEnabled === 'invalid') return { error: directoryMessages.InvalidImportRow.notBoolean('EnterpriseVoiceEnabled', f.evEnabled) };
  const evFromFlags = f.optionFlags === undefined ? null : enterpriseVoiceOf(f.optionFlags);
  if (evFromFlags === undefined) return { error: directoryMessages.InvalidImportRow.notInteger('msRTCSIP-OptionFlags', f.optionFlags) };
  const lineUri = f.lineUri === undefined ? null : /^tel:/i.test(f.lineUri) ? f.lineUri : /^\+?\d/.test(f.lineUri) ? `tel:${f.lineUri}` : undefined;
  if (lineUri === undefined) return { error: directoryMessages.InvalidImportRow.notTelUri(f.lineUri) };
  return {
    dn: f.dn,
    domain: f.domain ?? firstDcLabel(f.dn),
    sam: f.sam ?? null,
    upn: f.upn ?? null,
    displayName: f.displayName ?? null,
    sip,
    // An export without an Enabled column lists enabled users.
    enabled: enabled ?? (sip !== null ? true : null),
    // msRTCSIP-PrimaryHomeServer names the pool's object; RegistrarPool is the pool's name.
    registrarPool: poolOf(f.registrarPool ?? null),
    lineUri,
    evEnabled: evEnabled ?? evFromFlags ?? false,
    pinPolicy: f.pinPolicy ?? null,
    key: exportedKey(attributes),
    attributes,
  };
}

/** The user's key when the export has one (AD's objectGUID, OpenLDAP's entryUUID); kept as attributes too. */
function exportedKey(attributes: readonly (readonly [string, string])[]): string | null {
  for (const [name, value] of attributes) {
    const folded = name.toLowerCase();
    if (folded === 'objectguid' || folded === 'entryuuid') return userKeyOf(value) ?? null;
  }
  return null;
}

function sameValue(field: Field, a: string, b: string): boolean {
  return field === 'dn' ? dnKey(a) === dnKey(b) : a.toLowerCase() === b.toLowerCase();
}

function parseBoolean(text: string | undefined): boolean | null | 'invalid' {
  if (text === undefined) return null;
  const folded = text.toLowerCase().replace(/^\$/, '');
  if (['true', '1', 'yes'].includes(folded)) return true;
  if (['false', '0', 'no'].includes(folded)) return false;
  return 'invalid';
}

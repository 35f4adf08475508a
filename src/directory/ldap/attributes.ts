/**
 * The embedded directory's schema: the syntax of each attribute it knows, by AD name and by OID.
 * Values are stored and compared by syntax (RFC 4517): a value's key is its canonical text, so that
 * equality is one `=` on the key; integers and times also keep the number ordering compares (the
 * 64-bit value, the epoch milliseconds), so a value invalid for its syntax has none and never orders.
 * An assertion value invalid for the syntax has no key: the item is Undefined (RFC 4511).
 */
import { dateLike } from '../../core/index.js';
import { dnKey, looksLikeDn } from '../dn.js';
import { sidOf } from '../sid.js';
import { TYPES } from './schemaTypes.js';

export type { AttributeSyntax } from './schemaTypes.js';
import type { AttributeSyntax } from './schemaTypes.js';

/** An attribute the schema knows. */
export interface AttributeType {
  /** Lower-cased AD name, as stored in user_attrs.name. */
  readonly name: string;
  readonly syntax: AttributeSyntax;
}


/**
 * Get-ADUser's property names for LDAP attributes: in -LdapFilter and import columns either names
 * the one attribute (stored under its LDAP name; an LDAP server is sent the LDAP name).
 */
export const AD_PROPERTY_NAMES: readonly (readonly [string, string])[] = [
  ['City', 'l'], ['Office', 'physicalDeliveryOfficeName'], ['EmailAddress', 'mail'], ['OfficePhone', 'telephoneNumber'],
  ['Surname', 'sn'], ['State', 'st'], ['PostalCode', 'postalCode'], ['StreetAddress', 'streetAddress'], ['Country', 'c'],
  ['Fax', 'facsimileTelephoneNumber'], ['MobilePhone', 'mobile'], ['HomePhone', 'homePhone'], ['Organization', 'o'],
  ['Created', 'whenCreated'], ['Modified', 'whenChanged'], ['createTimeStamp', 'whenCreated'], ['modifyTimeStamp', 'whenChanged'],
  ['PasswordLastSet', 'pwdLastSet'], ['LastLogonDate', 'lastLogonTimestamp'], ['AccountExpirationDate', 'accountExpires'],
  ['SID', 'objectSid'], ['HomePage', 'wWWHomePage'], ['POBox', 'postOfficeBox'], ['ServicePrincipalNames', 'servicePrincipalName'],
];

/** The integer attributes that hold a FILETIME (100-ns ticks since 1601-01-01 UTC). */
const FILETIME_ATTRIBUTES: ReadonlySet<string> = new Set(['pwdlastset', 'lastlogontimestamp', 'accountexpires']);

/** Get-ADUser's dates whose attributes are FILETIME integers: an export's date text is converted. */
const FILETIME_PROPERTIES: ReadonlySet<string> = new Set(
  AD_PROPERTY_NAMES.filter(([, name]) => FILETIME_ATTRIBUTES.has(name.toLowerCase())).map(([alias]) => alias.toLowerCase()),
);

/** SIDs come as S-1-... text (Export-Csv) or base64 bytes (LDIF): kept as text, as Get-ADUser shows them. */
const SID_COLUMNS: ReadonlySet<string> = new Set(['objectsid', 'sid', 'sidhistory']);

const LDAP_NAME: ReadonlyMap<string, string> = new Map(AD_PROPERTY_NAMES.map(([alias, name]) => [alias.toLowerCase(), name]));

/** The schema's spelling of each attribute it knows, by lower-cased name. */
const SCHEMA_NAME: ReadonlyMap<string, string> = new Map(TYPES.map(([name]) => [name.toLowerCase(), name]));

const BY_NAME: ReadonlyMap<string, AttributeType> = (() => {
  const types = new Map<string, AttributeType>(
    TYPES.flatMap(([name, syntax, oid]) => {
      const type = { name: name.toLowerCase(), syntax };
      return oid === '' ? [[type.name, type]] : [[type.name, type], [oid, type]];
    }),
  );
  for (const [alias, name] of LDAP_NAME) {
    const type = types.get(name.toLowerCase());
    if (type) types.set(alias, type);
  }
  return types;
})();

/**
 * The name an LDAP server is sent: the LDAP name for one of Get-ADUser's property names, else as written.
 * @param name an attribute as written in a filter
 * @returns the name to send
 */
export function ldapAttributeName(name: string): string {
  return LDAP_NAME.get(name.toLowerCase()) ?? name;
}

/**
 * The LDAP name of a Get-ADUser property or an attribute, in the schema's case when the schema knows
 * it (`SURNAME` and `SN` are `sn`, `samaccountname` is `sAMAccountName`), else as written.
 */
export function schemaAttributeName(name: string): string {
  const ldap = ldapAttributeName(name);
  return SCHEMA_NAME.get(ldap.toLowerCase()) ?? ldap;
}

/** Whether an attribute (or the Get-ADUser property for it) holds a FILETIME integer. */
export function isFileTimeAttribute(name: string): boolean {
  return FILETIME_ATTRIBUTES.has(ldapAttributeName(name).toLowerCase());
}

/**
 * Whether an import column or filter attribute is one of Get-ADUser's property names for an LDAP
 * attribute (City for l, PasswordLastSet for pwdLastSet).
 * @param name the name as written
 * @returns true for such a name
 */
export function isAdPropertyName(name: string): boolean {
  return LDAP_NAME.has(name.trim().toLowerCase());
}

/**
 * The value an import column gives its attribute: Get-ADUser's dates of FILETIME attributes
 * (PasswordLastSet, LastLogonDate, AccountExpirationDate) become FILETIME integers, a SID (objectSid,
 * SID, SIDHistory) its S-1-... text; others as they are.
 * @param column the column's name
 * @param value its value
 * @returns the attribute's value
 */
export function importedValue(column: string, value: string): string {
  let kind = IMPORT_KIND.get(column);
  if (kind === undefined) {
    const folded = column.trim().toLowerCase();
    kind = SID_COLUMNS.has(folded) ? 'sid' : FILETIME_PROPERTIES.has(folded) ? 'filetime' : 'as is';
    if (IMPORT_KIND.size < MAX_REMEMBERED) IMPORT_KIND.set(column, kind);
  }
  if (kind === 'sid') return sidOf(value) ?? value;
  return kind === 'filetime' ? (fileTimeText(value) ?? value) : value;
}

const IMPORT_KIND = new Map<string, 'sid' | 'filetime' | 'as is'>();

/**
 * The FILETIME integer of a date: date text as Where-Object reads it, or a generalized time.
 * @param value the text
 * @returns the integer's text, or undefined when the text is no date
 */
export function fileTimeText(value: string): string | undefined {
  const key = timeKey(value.trim());
  const ms = key === undefined ? dateLike(value) : (orderValue('time', key) as number);
  return ms === undefined ? undefined : ((BigInt(ms) + FILETIME_EPOCH_OFFSET_MS) * 10_000n).toString();
}

/** A time's key from epoch milliseconds. */
function timeKeyOf(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString().replace(/[-:T]/g, '');
}

/** Milliseconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

/**
 * The attribute a name or numeric OID names (`2.5.4.12` and `TITLE` are `title`).
 * @param nameOrOid as written in a filter or an import
 * @returns the type, or undefined for an attribute the schema does not know
 */
export function attributeType(nameOrOid: string): AttributeType | undefined {
  // An import asks for every value of every row: a column's answer is remembered.
  let type = TYPE_OF.get(nameOrOid);
  if (type === undefined) {
    type = BY_NAME.get(nameOrOid.toLowerCase().replace(/^oid\./, '')) ?? null;
    if (TYPE_OF.size < MAX_REMEMBERED) TYPE_OF.set(nameOrOid, type);
  }
  return type ?? undefined;
}

const TYPE_OF = new Map<string, AttributeType | null>();
const MAX_REMEMBERED = 4096;

/** The lower-cased name an attribute is stored under: its schema name, or the name as written. */
export function storedName(nameOrOid: string): string {
  return attributeType(nameOrOid)?.name ?? nameOrOid.toLowerCase();
}

// RFC 4517 Integer: no sign on zero, no leading zeros (slapd refuses `0512`).
const INTEGER = /^(?:0|-?[1-9]\d*)$/;
const TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d{1,3})\d*)?(Z|[-+]\d{4})$/;

/**
 * The canonical text of a value for its syntax, or undefined when the value is not valid for it.
 * @param syntax the attribute's syntax
 * @param value the value as written
 * @returns the key to compare
 */
export function valueKey(syntax: AttributeSyntax, value: string): string | undefined {
  switch (syntax) {
    case 'string':
      return value.toLowerCase();
    case 'integer':
      return INTEGER.test(value) ? BigInt(value).toString() : undefined;
    case 'boolean': {
      // RFC 4517 spells them in capitals; AD takes any case.
      const lower = value.trim().toLowerCase();
      return lower === 'true' || lower === 'false' ? lower : undefined;
    }
    case 'time':
      return timeKey(value.trim());
    case 'dn':
      return looksLikeDn(value) ? dnKey(value) : undefined;
  }
}

/**
 * The value an import stores: its key (the lower-cased text when invalid for the syntax, which no valid
 * assertion equals) and its number, for integers only.
 */
export function storedValue(name: string, value: string): { key: string; int: number | bigint | null } {
  const syntax = attributeType(name)?.syntax ?? 'string';
  // Export-Csv writes dates as the exporting machine's clock read them (M/d/yyyy h:mm:ss AM): a
  // date text as Where-Object reads it (local time unless it has a zone).
  const key = valueKey(syntax, value) ?? (syntax === 'time' ? timeKeyOf(dateLike(value)) : undefined);
  if (key === undefined) return { key: value.toLowerCase(), int: null };
  return { key, int: orderValue(syntax, key) };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * What an ordering compares for a valid key: an integer's value (a bigint past 2^53, as FILETIME
 * values are; null past 64 bits), a time's epoch milliseconds; null for other syntaxes.
 * @param syntax the attribute's syntax
 * @param key a valid key for it ({@link valueKey})
 * @returns the number, or null
 */
export function orderValue(syntax: AttributeSyntax, key: string): number | bigint | null {
  if (syntax === 'time') return Date.UTC(+key.slice(0, 4), +key.slice(4, 6) - 1, +key.slice(6, 8), +key.slice(8, 10), +key.slice(10, 12), +key.slice(12, 14), +key.slice(15, 18));
  if (syntax !== 'integer') return null;
  const value = BigInt(key);
  if (value < INT64_MIN || value > INT64_MAX) return null;
  return Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

/** A generalized time in UTC as fixed-width text (`20240131235959.000Z`), so text order is time order. */
function timeKey(value: string): string | undefined {
  const parts = TIME.exec(value);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute = '00', second = '00', fraction = '', zone = 'Z'] = parts;
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0')));
  if (Number.isNaN(ms) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) return undefined;
  return new Date(ms - offset * 60_000).toISOString().replace(/[-:T]/g, '');
}

/** The stored names of the attributes whose values order by number (integers and times). */
export function orderedAttributeNames(): string[] {
  return TYPES.filter(([, syntax]) => syntax === 'integer' || syntax === 'time').map(([name]) => name.toLowerCase());
}

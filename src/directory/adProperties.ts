/**
 * Get-ADUser's output object (Microsoft.ActiveDirectory.Management.ADUser): the ActiveDirectory
 * module's default properties, plus those asked for under the names the module uses (City, Office,
 * Created, …) or their LDAP names, typed by the attribute's syntax, in the module's alphabetical order.
 */
import { isoUtc } from '../core/index.js';
import { firstRdnValue } from './dn.js';
import { AD_PROPERTY_NAMES, attributeType, schemaAttributeName, storedName, storedValue } from './ldap/attributes.js';
import { sidOf } from './sid.js';
import type { DirectoryEntry } from './userDirectory.js';

/** The type name of Get-ADUser's output. */
export const AD_USER_TYPE = 'Microsoft.ActiveDirectory.Management.ADUser';

/** Properties every ADUser has (the module's default set). */
export const AD_USER_DEFAULTS = ['DistinguishedName', 'Enabled', 'GivenName', 'Name', 'ObjectClass', 'ObjectGUID', 'SamAccountName', 'SID', 'Surname', 'UserPrincipalName'];

type Read = (entry: DirectoryEntry) => unknown;

/** ADS_UF_ACCOUNTDISABLE in userAccountControl. */
const ACCOUNT_DISABLED = 2;
/** FILETIME's 100-ns ticks from 1601-01-01 to 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;
const NEVER = 9_223_372_036_854_775_807n;

const first = (entry: DirectoryEntry, name: string): string | undefined => entry.attributes.get(name)?.[0];

/** A FILETIME attribute as a date; 0 and the largest value mean never (null), as the module has it. */
function fileTime(name: string): Read {
  return (entry) => {
    const text = first(entry, name);
    if (text === undefined || !/^-?\d+$/.test(text)) return null;
    const ticks = BigInt(text);
    return ticks <= 0n || ticks >= NEVER ? null : isoUtc(Number((ticks - FILETIME_UNIX_EPOCH) / 10_000n));
  };
}

function enabledOf(entry: DirectoryEntry): boolean | null {
  const control = first(entry, 'useraccountcontrol');
  if (control !== undefined && /^\d+$/.test(control)) return (Number(control) & ACCOUNT_DISABLED) === 0;
  return entry.user.enabled;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The module's own properties: name → [the LDAP attributes it is read from, how]. */
const MODULE: ReadonlyMap<string, readonly [string, readonly string[], Read]> = new Map(
  (
    [
      ['DistinguishedName', [], (e: DirectoryEntry) => e.user.dn],
      ['Enabled', ['userAccountControl'], enabledOf],
      ['Name', ['name'], (e) => first(e, 'name') ?? firstRdnValue(e.user.dn)],
      ['ObjectClass', [], () => 'user'],
      ['ObjectGUID', [], (e) => (UUID.test(e.user.key) ? e.user.key : null)],
      ['SamAccountName', [], (e) => e.user.sam],
      ['SID', ['objectSid'], (e) => sidText(first(e, 'objectsid'))],
      ['objectSid', ['objectSid'], (e) => sidText(first(e, 'objectsid'))],
      ['UserPrincipalName', [], (e) => e.user.upn],
      ['DisplayName', [], (e) => e.user.displayName],
      ['msRTCSIP-PrimaryUserAddress', [], (e) => e.user.sip],
      ['msRTCSIP-Line', [], (e) => e.user.lineUri],
      ['msRTCSIP-UserEnabled', [], (e) => (e.user.sip === null ? null : e.user.enabled)],
      ['PasswordLastSet', ['pwdLastSet'], fileTime('pwdlastset')],
      ['LastLogonDate', ['lastLogonTimestamp'], fileTime('lastlogontimestamp')],
      ['AccountExpirationDate', ['accountExpires'], fileTime('accountexpires')],
    ] satisfies [string, string[], Read][]
  ).map(([name, ldap, read]) => [name.toLowerCase(), [name, ldap, read]]),
);

/** The module's names for LDAP attributes (read and typed as the attribute): those that differ from the LDAP name, and those spelled as it in another case. */
const ALIASES: ReadonlyMap<string, readonly [string, string]> = new Map(
  [
    ...AD_PROPERTY_NAMES,
    ...['GivenName', 'Department', 'Title', 'Manager', 'Description', 'Company', 'Division', 'EmployeeID', 'EmployeeNumber', 'Initials', 'MemberOf', 'CN', 'ObjectCategory'].map(
      (name) => [name, name] as const,
    ),
  ].map(([name, ldap]) => [name.toLowerCase(), [name, ldap]]),
);

/** Attributes the module always gives as a collection. */
const MULTI_VALUED: ReadonlySet<string> = new Set(['memberof', 'proxyaddresses', 'directreports', 'serviceprincipalname', 'othertelephone', 'url', 'sidhistory', 'usercertificate', 'othermobile', 'objectclass']);

function sidText(value: string | undefined): string | null {
  return value === undefined ? null : (sidOf(value) ?? value);
}

/** One value typed by its attribute's syntax: integers and booleans as JSON's, times as ISO dates. */
function typed(name: string, value: string): unknown {
  const syntax = attributeType(name)?.syntax;
  if (syntax === 'boolean') return /^true$/i.test(value.trim()) ? true : /^false$/i.test(value.trim()) ? false : value;
  if (syntax !== 'integer' && syntax !== 'time') return value;
  const number = storedValue(name, value).int;
  if (number === null) return value;
  if (syntax === 'time') return isoUtc(Number(number));
  return typeof number === 'bigint' ? number.toString() : number;
}

function attributeReader(ldap: string): Read {
  const stored = ldap.toLowerCase();
  return (entry) => {
    const values = entry.attributes.get(stored);
    if (values === undefined || values.length === 0) return MULTI_VALUED.has(stored) ? [] : null;
    const list = values.map((value) => typed(stored, value));
    return list.length === 1 && !MULTI_VALUED.has(stored) ? list[0] : list;
  };
}

/** A property asked for: its output name, the LDAP attributes it needs, how it is read. */
interface Property {
  readonly name: string;
  readonly ldap: readonly string[];
  readonly read: Read;
}

function propertyOf(asked: string): Property {
  const lower = asked.trim().toLowerCase();
  const own = MODULE.get(lower);
  if (own) return { name: own[0], ldap: own[1], read: own[2] };
  const alias = ALIASES.get(lower);
  if (alias) return { name: alias[0], ldap: [alias[1]], read: attributeReader(alias[1]) };
  const ldap = storedName(asked.trim());
  return { name: schemaAttributeName(asked.trim()), ldap: [ldap], read: attributeReader(ldap) };
}

/** What Get-ADUser -Properties asks for, resolved once per command. */
export interface AdUserShape {
  /** The LDAP attributes to read (`*`: all). */
  readonly attributes: readonly string[] | '*';
  /** The ADUser of an entry. */
  objectOf(entry: DirectoryEntry): Record<string, unknown>;
}

/**
 * The output of Get-ADUser -Properties.
 * @param asked the names (module or LDAP names, any case), or `*` for every attribute an entry has
 * @returns the shape
 */
export function adUserShape(asked: readonly string[] | '*'): AdUserShape {
  const fixed = [...AD_USER_DEFAULTS, ...(asked === '*' ? [] : asked)].map(propertyOf);
  const attributes = asked === '*' ? '*' : [...new Set(fixed.flatMap((p) => p.ldap))];
  return {
    attributes,
    objectOf(entry) {
      const properties = new Map<string, Property>();
      for (const property of [...fixed, ...(asked === '*' ? everyProperty(entry) : [])]) properties.set(property.name.toLowerCase(), property);
      const sorted = [...properties.values()].sort((a, b) => compareNames(a.name, b.name));
      const object: Record<string, unknown> = { PSTypeName: AD_USER_TYPE };
      for (const property of sorted) object[property.name] = property.read(entry);
      return object;
    },
  };
}

/** -Properties *: the user's own fields, each attribute the entry has, and the module's names for them. */
function everyProperty(entry: DirectoryEntry): Property[] {
  const names = ['DisplayName', 'PasswordLastSet', 'LastLogonDate', 'AccountExpirationDate', 'objectSid'];
  if (entry.user.sip !== null) names.push('msRTCSIP-PrimaryUserAddress', 'msRTCSIP-Line', 'msRTCSIP-UserEnabled');
  for (const name of entry.attributes.keys()) {
    // The key is ObjectGUID already.
    if (name === 'entryuuid' || name === 'objectguid') continue;
    names.push(entry.names?.get(name) ?? name);
    for (const [alias, ldap] of ALIASES.values()) if (ldap.toLowerCase() === name) names.push(alias);
  }
  return names.map(propertyOf).filter((p) => p.ldap.length === 0 || p.ldap.some((l) => entry.attributes.has(l.toLowerCase())) || MODULE.has(p.name.toLowerCase()));
}

/** The module lists properties in case-insensitive order. */
function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

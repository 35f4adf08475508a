/**
 * An LDAP entry as a DirectoryUser, the same values the embedded directory gives for the same user:
 * domain = the NetBIOS name or the DN's first DC label, RegistrarPool = the name under CN=Pools of
 * msRTCSIP-PrimaryHomeServer, Enterprise Voice = bit 128 of msRTCSIP-OptionFlags.
 */
import { entryValues, firstEntryValue, type LdapEntry, type LdapValue } from './wire/responses.js';
import type { LdapAttributeNames } from '../directoryConfig.js';
import { dnKey } from '../dn.js';
import { enterpriseVoiceOf, firstDcLabel, poolOf } from '../lyncValues.js';
import type { DirectoryUser } from '../userDirectory.js';

/** The attributes a user read asks for; objectGUID comes back binary. */
export function userAttributes(names: LdapAttributeNames): string[] {
  return [names.sip, names.sam, names.upn, names.displayName, names.enabled, names.lineUri, names.homeServer, names.optionFlags, 'objectGUID', 'entryUUID', 'distinguishedName'];
}
export const BINARY_ATTRIBUTES: ReadonlySet<string> = new Set(['objectguid']);

/** Attribute names lower-cased once (the lookups run for every value of every entry). */
const lowerCased = new Map<string, string>();

function typeOf(name: string): string {
  let type = lowerCased.get(name);
  if (type === undefined) lowerCased.set(name, (type = name.toLowerCase()));
  return type;
}

/** An attribute's values (names compare case-insensitively: servers answer in their own case). */
export function rawValues(entry: LdapEntry, name: string): readonly LdapValue[] {
  return entryValues(entry, typeOf(name));
}

export function textValues(entry: LdapEntry, name: string): string[] {
  return rawValues(entry, name).map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
}

/** The first value, or null when absent or empty. */
export function firstText(entry: LdapEntry, name: string): string | null {
  const value = firstEntryValue(entry, typeOf(name));
  const text = typeof value === 'string' || value === undefined ? value : value.toString('utf8');
  return text === undefined || text === '' ? null : text;
}

/** objectGUID as text: the first three groups are little-endian on the wire (AD's byte order). */
export function guidText(bytes: Buffer): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}

/** The bytes of GUID text in AD's order (the inverse of {@link guidText}), or undefined for other text. */
export function guidBytes(text: string): Buffer | undefined {
  const hex = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i.exec(text.trim());
  if (!hex) return undefined;
  const [, a = '', b = '', c = '', d = '', e = ''] = hex;
  const reversed = (part: string) => Buffer.from(part, 'hex').reverse();
  return Buffer.concat([reversed(a), reversed(b), reversed(c), Buffer.from(d + e, 'hex')]);
}

/**
 * The DN as the data spells it: OpenLDAP answers with its schema's type names (cn=, ou=), while a
 * copy of AD keeps AD's (CN=, OU=) in distinguishedName. Used only when both name the same entry.
 */
function dnOf(entry: LdapEntry): string {
  const stored = firstText(entry, 'distinguishedName');
  if (stored === null || stored === entry.dn) return entry.dn;
  return dnKey(stored) === dnKey(entry.dn) ? stored : entry.dn;
}

function keyOf(entry: LdapEntry): string {
  const guid = firstEntryValue(entry, 'objectguid');
  if (Buffer.isBuffer(guid) && guid.length === 16) return guidText(guid);
  const uuid = firstText(entry, 'entryUUID');
  // A server with neither: the DN is the only name it gives (not stable across renames).
  return uuid === null ? `dn:${dnKey(entry.dn)}` : uuid.toLowerCase();
}

function booleanOf(text: string | null): boolean | null {
  // Servers write TRUE/FALSE; compared without making a lower-case copy per entry.
  if (text === null) return null;
  return /^true$/i.test(text) ? true : /^false$/i.test(text) ? false : null;
}

/**
 * The user an entry describes.
 * @param netbiosName the domain name for every user; undefined: each DN's first DC label
 * @returns the user, or undefined for an entry without a SIP address
 */
export function userOf(entry: LdapEntry, names: LdapAttributeNames, netbiosName: string | undefined): DirectoryUser | undefined {
  const sip = firstText(entry, names.sip);
  return sip === null ? undefined : anyUserOf(entry, names, netbiosName, sip);
}

/**
 * The user an entry describes, with a SIP address or not (Get-ADUser).
 * @param sip its SIP address, when already read
 */
export function anyUserOf(entry: LdapEntry, names: LdapAttributeNames, netbiosName: string | undefined, sip = firstText(entry, names.sip)): DirectoryUser {
  const dn = dnOf(entry);
  return {
    key: keyOf(entry),
    dn,
    domain: netbiosName ?? firstDcLabel(dn),
    sam: firstText(entry, names.sam),
    upn: firstText(entry, names.upn),
    displayName: firstText(entry, names.displayName),
    sip,
    enabled: booleanOf(firstText(entry, names.enabled)),
    registrarPool: poolOf(firstText(entry, names.homeServer)),
    lineUri: firstText(entry, names.lineUri),
    evEnabled: enterpriseVoiceOf(firstText(entry, names.optionFlags) ?? '0') === true,
  };
}

/**
 * Get-ADUser -Identity: the ActiveDirectory module's forms (DN, GUID, SID, SAM account name) and, as a
 * cspin extension, the Lync ones (SIP address, UPN, domain\logon). Each identity is one LDAP filter
 * clause, so a chunk of them is one search; answers are matched back here.
 */
import { dnKey, looksLikeDn } from './dn.js';
import type { LdapFilter } from './ldap/ast.js';
import { sidOf } from './sid.js';
import type { DirectoryEntry } from './userDirectory.js';

/** An identity's search clause and its test of an answer. */
export interface AdIdentity {
  readonly clause: LdapFilter;
  /** Whether the entry is this identity's user; `fallback`: only when no entry matches otherwise. */
  matches(entry: DirectoryEntry): 'yes' | 'fallback' | 'no';
}

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

const fold = (value: string | null | undefined): string => value?.toLowerCase() ?? '';
const equality = (attribute: string, value: string): LdapFilter => ({ type: 'equality', attribute, value });
const answer = (match: boolean): 'yes' | 'no' => (match ? 'yes' : 'no');

/**
 * The form of an identity.
 * @param text as given (not empty)
 * @returns its clause and test
 */
export function adIdentityOf(text: string): AdIdentity {
  const value = text.trim();
  const folded = value.toLowerCase();
  const guid = GUID.exec(value)?.[1]?.toLowerCase();
  if (guid !== undefined) return { clause: equality('objectGUID', guid), matches: (e) => answer(e.user.key === guid) };
  const sid = /^s-1-/i.test(value) ? sidOf(value) : undefined;
  if (sid !== undefined) {
    return { clause: equality('objectSid', sid), matches: (e) => answer((e.attributes.get('objectsid') ?? []).some((v) => sidOf(v) === sid)) };
  }
  if (folded.startsWith('sip:')) return { clause: equality('msRTCSIP-PrimaryUserAddress', value), matches: (e) => answer(fold(e.user.sip) === folded) };
  // A DN before domain\logon: "CN=Smith\,John,OU=IT,DC=x" has the logon shape too; '=' is never in a logon.
  if (looksLikeDn(value)) {
    const key = dnKey(value);
    // entryDN (RFC 5020): every entry's DN, where AD's distinguishedName is a stored copy.
    return { clause: equality('entryDN', value), matches: (e) => answer(dnKey(e.user.dn) === key) };
  }
  const logon = /^([^\\\s]+)\\([^\\\s]+)$/.exec(value);
  if (logon) {
    const [, domain = '', sam = ''] = logon;
    return { clause: equality('sAMAccountName', sam), matches: (e) => answer(fold(e.user.sam) === sam.toLowerCase() && fold(e.user.domain) === domain.toLowerCase()) };
  }
  if (/^[^@\s]+@[^@\s]+$/.test(value)) {
    // As Get-CsUser: a UPN that names nobody is also tried as the SIP address sip:+UPN.
    return {
      clause: { type: 'or', filters: [equality('userPrincipalName', value), equality('msRTCSIP-PrimaryUserAddress', `sip:${value}`)] },
      matches: (e) => (fold(e.user.upn) === folded ? 'yes' : fold(e.user.sip) === `sip:${folded}` ? 'fallback' : 'no'),
    };
  }
  return { clause: equality('sAMAccountName', value), matches: (e) => answer(fold(e.user.sam) === folded) };
}

/**
 * The entries each identity names, in the order they came.
 * @param identities a chunk's identities
 * @param entries what the OR of their clauses found
 * @returns per identity, its users (empty: not found)
 */
export function matchIdentities(identities: readonly AdIdentity[], entries: readonly DirectoryEntry[]): DirectoryEntry[][] {
  return identities.map((identity) => {
    const direct: DirectoryEntry[] = [];
    const fallback: DirectoryEntry[] = [];
    for (const entry of entries) {
      const match = identity.matches(entry);
      if (match === 'yes') direct.push(entry);
      else if (match === 'fallback') fallback.push(entry);
    }
    return direct.length > 0 ? direct : fallback;
  });
}

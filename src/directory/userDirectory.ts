/**
 * The directory seam: what every cmdlet may ask of a directory, whichever holds the users (the
 * embedded SQLite copy, or an LDAP server). Nothing here names SQL or LDAP wire details; each
 * backend keeps its fast paths private behind these methods.
 */
import type { LdapFilter } from './ldap/ast.js';
import type { UserId } from './userId.js';

/** A user as the directory gives it: ADUser's directory properties and the key PIN state hangs on. */
export interface DirectoryUser {
  /**
   * Stable across renames and moves: objectGUID (AD), entryUUID (OpenLDAP) or the embedded
   * directory's own GUID, as lower-case 8-4-4-4-12 text.
   */
  readonly key: string;
  /** The DN as the directory spells it. */
  readonly dn: string;
  /** The NetBIOS domain name (for domain\logon). */
  readonly domain: string | null;
  readonly sam: string | null;
  readonly upn: string | null;
  readonly displayName: string | null;
  /** msRTCSIP-PrimaryUserAddress, `sip:` included. */
  readonly sip: string | null;
  /** msRTCSIP-UserEnabled; null when the directory does not say. */
  readonly enabled: boolean | null;
  /** The registrar pool's name (from msRTCSIP-PrimaryHomeServer). */
  readonly registrarPool: string | null;
  /** msRTCSIP-Line. */
  readonly lineUri: string | null;
  /** Enterprise Voice: bit 128 of msRTCSIP-OptionFlags. */
  readonly evEnabled: boolean;
}

/** What Get-CsUser searches: users with a SIP address, inside a subtree, matching a filter. */
export interface DirectorySearch {
  /** Only this container and everything below it (Get-CsUser -OU); absent: the whole directory. */
  readonly base?: string;
  /** Only users matching this filter (Get-CsUser -LdapFilter), parsed. */
  readonly filter?: LdapFilter;
  /** At most this many users. */
  readonly limit?: number;
}

/** How deep an entry search goes below its base (Get-ADUser -SearchScope). */
export type SearchScope = 'base' | 'one' | 'sub';

/** What Get-ADUser searches: any user (with a SIP address or not), with the attributes asked for. */
export interface EntrySearch {
  /** The search base; absent: the whole directory. */
  readonly base?: string;
  /** The base only, its children, or its whole subtree (the default). */
  readonly scope?: SearchScope;
  readonly filter?: LdapFilter;
  readonly limit?: number;
  /** Attributes beyond the user's own fields, by LDAP or Get-ADUser name; `*`: every one the entry has. */
  readonly attributes: readonly string[] | '*';
}

/** A user with the attributes a search asked for. */
export interface DirectoryEntry {
  readonly user: DirectoryUser;
  /**
   * Lower-cased LDAP name → its values as text (a binary SID as S-1-... text, other binary values as
   * base64). Only attributes the entry has; the user's own fields are not repeated here.
   */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
  /** How the directory spells attributes its schema does not know (lower-cased name → spelling). */
  readonly names?: ReadonlyMap<string, string>;
}

/** Where the users are. Opened once per command by the engine; cmdlets see only this. */
export interface UserDirectory {
  /** `embedded`, or the server's URL without credentials (for -Verbose and messages). */
  readonly description: string;
  /**
   * Resolves a chunk of identities in one lookup (one query or one search, never one per identity).
   * @param ids the identities, in input order
   * @param scope only users inside this subtree and matching this filter (Get-CsUser -Identity with
   *   -OU / -LdapFilter); its limit is ignored
   * @returns input index → the users that identity names, in the directory's order; an index that is
   *   absent names no user. Users without a SIP address are never found.
   */
  resolve(ids: readonly UserId[], scope?: DirectorySearch): Promise<Map<number, DirectoryUser[]>>;
  /**
   * The users with a SIP address that a search selects, a page at a time. The next page is asked
   * for only when the caller pulls it (backpressure); return() abandons the search.
   * @param search the subtree, filter and limit
   */
  search(search: DirectorySearch): AsyncIterableIterator<readonly DirectoryUser[]>;
  /**
   * Any user a search selects (Get-ADUser), with the attributes asked for, a page at a time, in the
   * directory's order; the next page is asked for only when the caller pulls it.
   * @param search the base, scope, filter, limit and attributes
   */
  entries(search: EntrySearch): AsyncIterableIterator<readonly DirectoryEntry[]>;
  /** Whether a container (OU, CN=Users, the domain) exists; DNs compare as RFC 4514 says. */
  containerExists(dn: string): Promise<boolean>;
  /** Releases the connection or file; safe to call twice. */
  close(): void;
}

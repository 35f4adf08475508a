/**
 * The LDAP server backend of {@link UserDirectory}: AD or OpenLDAP over cspin's own connection (wire/;
 * ldapts encodes the requests): paged searches, identity chunks as one OR search, TLS that verifies
 * unless told otherwise.
 */
import { NoSuchObjectError, ResultCodeError } from 'ldapts';
import type { LdapDirectoryConfig } from '../directoryConfig.js';
import type { DirectoryEntry, DirectorySearch, DirectoryUser, EntrySearch, UserDirectory } from '../userDirectory.js';
import { searchEntries } from './entrySearch.js';
import type { UserId } from '../userId.js';
import { ANY_ENTRY, openSession, type LdapSecrets, type LdapSession } from './connect.js';
import { searchAll } from './wire/connection.js';
import { searchError } from './errors.js';
import { RESOLVE_CHUNK, resolveChunk } from './resolve.js';
import { searchUsers, type SearchContext } from './search.js';

export type { LdapSecrets } from './connect.js';
export { guidText } from './entries.js';
export { poolOf } from '../lyncValues.js';
export { RESOLVE_CHUNK } from './resolve.js';

/** How the caller hears of what does not stop the command. */
export interface LdapOpenOptions {
  /** Referrals are reported here and skipped; without it, a referral ends the search (LdapReferral). */
  warn?: (text: string) => void;
}

/**
 * Opens an LDAP server as the user directory: connects and binds within config.connectTimeoutMs,
 * finds the base and the NetBIOS name.
 * @param secrets reads the password and CA files the config points at
 * @throws TerminatingError (exit status 2): LdapServerUnavailable, LdapCertificateRefused,
 *   LdapStartTlsFailed, LdapInvalidCredentials, LdapNoBase
 */
export async function openLdapDirectory(config: LdapDirectoryConfig, secrets: LdapSecrets, options: LdapOpenOptions = {}): Promise<UserDirectory> {
  const session = await openSession(config, secrets);
  return new LdapUserDirectory({ session, names: config.attributes, pageSize: config.pageSize, warn: options.warn });
}

class LdapUserDirectory implements UserDirectory {
  readonly description: string;
  readonly #context: SearchContext;
  readonly #session: LdapSession;
  #closed = false;

  constructor(context: SearchContext) {
    this.#context = context;
    this.#session = context.session;
    this.description = context.session.url;
  }

  async resolve(ids: readonly UserId[], scope?: DirectorySearch): Promise<Map<number, DirectoryUser[]>> {
    // The chunk's searches go out together: the server answers one while this side decodes another.
    const starts: number[] = [];
    for (let start = 0; start < ids.length; start += RESOLVE_CHUNK) starts.push(start);
    const chunks = await Promise.all(starts.map((start) => resolveChunk(this.#context, ids.slice(start, start + RESOLVE_CHUNK), scope)));
    const found = new Map<number, DirectoryUser[]>();
    chunks.forEach((chunk, i) => {
      for (const [index, users] of chunk) found.set((starts[i] ?? 0) + index, users);
    });
    return found;
  }

  search(search: DirectorySearch): AsyncIterableIterator<readonly DirectoryUser[]> {
    return searchUsers(this.#context, search);
  }

  entries(search: EntrySearch): AsyncIterableIterator<readonly DirectoryEntry[]> {
    return searchEntries(this.#context, search);
  }

  async containerExists(dn: string): Promise<boolean> {
    const { client } = this.#session;
    if (!client.isConnected) throw searchError(new Error('the connection is closed'), this.#session);
    try {
      const { entries } = await searchAll(client, { base: dn, scope: 'base', filter: ANY_ENTRY, attributes: ['1.1'] });
      return entries.length > 0;
    } catch (error) {
      // 34: invalidDNSyntax; 32: noSuchObject. Neither names a container.
      if (error instanceof NoSuchObjectError || (error instanceof ResultCodeError && error.code === 34)) return false;
      throw searchError(error, this.#session);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#session.client.close();
  }
}

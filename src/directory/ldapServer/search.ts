/**
 * Get-CsUser's search against the server: one paged search (RFC 2696), a page asked for only when the
 * consumer pulls the next one, so memory holds one page and `| head -n 1` costs one page.
 */
import { NoSuchObjectError } from 'ldapts';
import type { LdapAttributeNames } from '../directoryConfig.js';
import { filterObject, usersWhere } from './filterObject.js';
import type { DirectorySearch, DirectoryUser } from '../userDirectory.js';
import { BINARY_ATTRIBUTES, userAttributes, userOf } from './entries.js';
import { referral, searchError } from './errors.js';
import { directoryMessages } from '../messages.js';
import type { LdapSession } from './connect.js';

/** What a search needs besides the session. */
export interface SearchContext {
  readonly session: LdapSession;
  readonly names: LdapAttributeNames;
  readonly pageSize: number;
  readonly warn: ((text: string) => void) | undefined;
}

/**
 * Referrals are never followed: with a warn callback each is reported and skipped, else the search fails.
 * @throws TerminatingError LdapReferral
 */
export function checkReferrals(context: SearchContext, references: readonly string[]): void {
  for (const to of references) {
    if (!context.warn) throw referral(context.session.url, to);
    context.warn(directoryMessages.LdapReferral.warning(to));
  }
}

/**
 * The users a search selects, a page at a time.
 * @throws TerminatingError (exit status 1): LdapConnectionLost, LdapLimitExceeded, LdapReferral, LdapOperationFailed
 */
export async function* searchUsers(context: SearchContext, search: DirectorySearch): AsyncGenerator<readonly DirectoryUser[]> {
  const { session, names } = context;
  let remaining = search.limit ?? Number.POSITIVE_INFINITY;
  if (remaining <= 0) return;
  if (!session.client.isConnected) throw searchError(new Error('the connection is closed'), session);
  const pages = session.client.searchPaginated(search.base ?? session.base, {
    scope: 'sub',
    filter: usersWhere(names.sip, search.filter ? [filterObject(search.filter)] : []),
    attributes: userAttributes(names),
    explicitBufferAttributes: BINARY_ATTRIBUTES,
    paged: { pageSize: Math.min(context.pageSize, remaining) },
  });
  try {
    for (;;) {
      let page;
      try {
        page = await pages.next();
      } catch (error) {
        // A base that names nothing holds no users (as in the embedded directory; -OU is checked before).
        if (error instanceof NoSuchObjectError) return;
        throw searchError(error, session);
      }
      if (page.done === true) return;
      checkReferrals(context, page.value.searchReferences);
      const users: DirectoryUser[] = [];
      for (const entry of page.value.searchEntries) {
        const user = userOf(entry, names, session.netbiosName);
        if (user && users.length < remaining) users.push(user);
      }
      remaining -= users.length;
      if (users.length > 0) yield users;
      if (remaining <= 0) return;
    }
  } finally {
    // Between pages nothing is in flight: ending the generator sends nothing more, and the server
    // drops the paged state with the next search or the unbind of close().
    await pages.return(undefined);
  }
}

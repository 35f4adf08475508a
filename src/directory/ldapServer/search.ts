/**
 * Get-CsUser's search against the server: one paged search (RFC 2696), a page asked for only when the
 * consumer has taken the one before, so memory holds two pages and `| head -n 1` costs two.
 */
import { NoSuchObjectError } from 'ldapts';
import type { LdapAttributeNames } from '../directoryConfig.js';
import { filterObject, usersWhere } from './filterObject.js';
import type { DirectorySearch, DirectoryUser } from '../userDirectory.js';
import { BINARY_ATTRIBUTES, userAttributes, userOf } from './entries.js';
import { referral, searchError } from './errors.js';
import { directoryMessages } from '../messages.js';
import type { SearchParameters } from './wire/connection.js';
import type { LdapEntry } from './wire/responses.js';
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
 * The users a search selects, a page at a time. The next page is asked for when this one is handed on
 * (so the server prepares it while this one is written): at most two pages are held.
 * @throws TerminatingError (exit status 1): LdapConnectionLost, LdapLimitExceeded, LdapReferral, LdapOperationFailed, LdapServerTimeout
 */
export function searchUsers(context: SearchContext, search: DirectorySearch): AsyncGenerator<readonly DirectoryUser[]> {
  const { session, names } = context;
  const parameters = {
    base: search.base ?? session.base,
    scope: 'sub' as const,
    filter: usersWhere(names.sip, search.filter ? [filterObject(search.filter)] : []),
    attributes: userAttributes(names),
    binary: BINARY_ATTRIBUTES,
  };
  return pagedSearch(context, parameters, search.limit, (entry) => userOf(entry, names, session.netbiosName));
}

/**
 * A paged search, each entry made an item as it arrives (undefined: skipped).
 * @param limit at most this many items
 * @throws TerminatingError as {@link searchUsers}
 */
export async function* pagedSearch<T>(context: SearchContext, parameters: Omit<SearchParameters, 'paged'>, limit: number | undefined, itemOf: (entry: LdapEntry) => T | undefined): AsyncGenerator<readonly T[]> {
  const { session } = context;
  let remaining = limit ?? Number.POSITIVE_INFINITY;
  if (remaining <= 0) return;
  if (!session.client.isConnected) throw searchError(new Error('the connection is closed'), session);
  const size = Math.min(context.pageSize, remaining);
  let next: Promise<Page<T>> | undefined = readPage(context, { ...parameters, paged: { size } }, itemOf);
  try {
    while (next) {
      const page: Page<T> = await next;
      next = undefined;
      const items = page.items.length > remaining ? page.items.slice(0, remaining) : page.items;
      remaining -= items.length;
      if (remaining > 0 && page.cookie !== undefined && page.cookie.length > 0) {
        next = readPage(context, { ...parameters, paged: { size, cookie: page.cookie } }, itemOf);
      }
      if (items.length > 0) yield items;
    }
  } finally {
    // A page asked for is let arrive (its errors are of no interest now); the server drops the
    // paged state with the next search or the unbind of close().
    if (next) await next.catch(() => undefined);
  }
}

interface Page<T> {
  readonly items: T[];
  readonly cookie: Buffer | undefined;
}

/** One page, each entry made a user as it arrives; a failure is handled where the page is awaited. */
function readPage<T>(context: SearchContext, parameters: SearchParameters, itemOf: (entry: LdapEntry) => T | undefined): Promise<Page<T>> {
  const page = fetchPage(context, parameters, itemOf);
  page.catch(() => undefined);
  return page;
}

async function fetchPage<T>(context: SearchContext, parameters: SearchParameters, itemOf: (entry: LdapEntry) => T | undefined): Promise<Page<T>> {
  const { session } = context;
  const items: T[] = [];
  const references: string[] = [];
  try {
    const result = await session.client.search(
      parameters,
      (entry) => {
        const item = itemOf(entry);
        if (item !== undefined) items.push(item);
      },
      (uris) => references.push(...uris),
    );
    checkReferrals(context, references);
    return { items, cookie: result.cookie };
  } catch (error) {
    // A base that names nothing holds no users (as in the embedded directory; -OU is checked before).
    if (error instanceof NoSuchObjectError) return { items: [], cookie: undefined };
    throw searchError(error, session);
  }
}

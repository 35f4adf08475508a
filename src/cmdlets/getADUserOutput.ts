/**
 * Get-ADUser's search and output: a -Filter/-LDAPFilter scan a page at a time, or a chunk of
 * identities as one search whose answers are matched back to each identity.
 */
import { ErrorRecord } from '../core/index.js';
import { adIdentityOf, matchIdentities, type AdUserShape, type DirectoryEntry, type EntrySearch, type UserId } from '../directory/index.js';
import { adIdentityNotFound, ambiguousIdentity } from '../directory/messages.js';
import { pagesOf } from './getCsUserOutput.js';
import type { Services } from './services.js';

/** Identities per search: bounds the filter's size. */
const IDENTITY_CHUNK = 100;

/** Get-ADUser's state. */
export interface AdUserState {
  services: Pick<Services, 'directory'>;
  shape: AdUserShape;
  /** Base, scope, filter and -ResultSetSize. */
  search: Omit<EntrySearch, 'attributes'>;
  /** What not-found errors name as the place searched. */
  under: string;
}

/**
 * Every user the filter selects.
 * @param state the search
 * @returns the ADUser objects, and at most one DirectorySearchInterrupted error
 */
export async function* scanEntries(state: AdUserState): AsyncGenerator<unknown> {
  let written = 0;
  for await (const page of pagesOf(state.services.directory.entries({ ...state.search, attributes: state.shape.attributes }), () => written)) {
    if (page instanceof ErrorRecord) {
      yield page;
      return;
    }
    for (const entry of page) yield state.shape.objectOf(entry);
    written += page.length;
  }
}

/**
 * The users a chunk's identities name, below -SearchBase.
 * @param items each record's identity and input line
 * @returns the objects and errors, in input order
 */
export async function* resolveEntries(items: readonly { identity: UserId; record?: number }[], state: AdUserState): AsyncGenerator<unknown> {
  for (let start = 0; start < items.length; start += IDENTITY_CHUNK) {
    const chunk = items.slice(start, start + IDENTITY_CHUNK);
    const identities = chunk.map((item) => adIdentityOf(item.identity.text));
    const filter = { type: 'or' as const, filters: identities.map((identity) => identity.clause) };
    const found: DirectoryEntry[] = [];
    const pages = state.services.directory.entries({ base: state.search.base, scope: 'sub', filter, attributes: state.shape.attributes });
    for await (const page of pages) found.push(...page);
    const matched = matchIdentities(identities, found);
    for (const [i, { identity, record }] of chunk.entries()) yield outcome(identity.text, matched[i] ?? [], state, record);
  }
}

function outcome(identity: string, entries: readonly DirectoryEntry[], state: AdUserState, record: number | undefined): Record<string, unknown> | ErrorRecord {
  const [only] = entries;
  if (only === undefined) return adIdentityNotFound(identity, state.under, record);
  if (entries.length > 1) return ambiguousIdentity(identity, entries.map((entry) => entry.user.dn), record);
  return state.shape.objectOf(only);
}

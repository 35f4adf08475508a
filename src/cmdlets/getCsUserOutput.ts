/**
 * Get-CsUser's search and output. On the embedded directory, lines SQLite builds (AdUserLines); on
 * any other, the directory's pages with each page's PIN policy grants read in one call. A search that
 * fails after some users were written ends with one DirectorySearchInterrupted error.
 */
import { JsonLines, JsonText, echo, errorRecord, usageError, type CmdletContext, type CmdletOutput, ErrorRecord } from '../core/index.js';
import {
  LdapFilterError,
  SqliteDirectory,
  adUserOf,
  directoryMessages,
  parseLdapFilter,
  type ADUser,
  type DirectorySearch,
  type DirectoryUser,
  type UserId,
} from '../directory/index.js';
import type { AdUserLines } from '../directory/sqlite/adUserLines.js';
import { identityNotFound } from '../directory/messages.js';
import { cmdletMessages } from './messages.js';
import { compileRecordFilter, type RecordFilter } from './recordFilter.js';
import type { Services } from './services.js';

/** Get-CsUser's state. */
export interface UserSearchState {
  services: Pick<Services, 'directory' | 'pins'>;
  /** The OU and the parsed -LdapFilter. */
  search: Pick<DirectorySearch, 'base' | 'filter'>;
  /** -Filter over each ADUser. */
  filter: RecordFilter | undefined;
  /** Users still to write (-ResultSize). */
  remaining: number;
  /** The embedded directory's SQL-built lines. */
  fast: AdUserLines | undefined;
  /** Users written so far. */
  written: number;
}

/**
 * Parses -LdapFilter; a filter that does not parse is a usage error.
 * @param text the filter
 * @returns the filter
 */
export function parseLdap(text: string): NonNullable<DirectorySearch['filter']> {
  try {
    return parseLdapFilter(text);
  } catch (error) {
    throw ldapUsageError(error, text);
  }
}

/**
 * The embedded directory's fast path, prepared before anything is read: a filter SQLite cannot take
 * (the compiler keeps within its limits, so this is the last guard) is a usage error, not a crash mid-way.
 * @param directory the directory
 * @param search the OU and LDAP filter
 * @param text -LdapFilter as given, for messages
 * @returns the fast path, or undefined for another directory
 */
export function sqliteLines(directory: Services['directory'], search: UserSearchState['search'], text: string | undefined): AdUserLines | undefined {
  if (!(directory instanceof SqliteDirectory)) return undefined;
  try {
    return directory.adUserLines(search);
  } catch (error) {
    if (error instanceof Error && error.name === 'SqliteError') throw usageError('FilterTooComplex', cmdletMessages.FilterTooComplex.query(error.message));
    throw ldapUsageError(error, text ?? '');
  }
}

/**
 * -Filter, compiled once.
 * @param text the filter
 * @returns the filter
 */
export function compileUserFilter(text: string): RecordFilter {
  return compileRecordFilter(text, 'Filter', (user) => `user "${echo((user as ADUser).Identity)}"`);
}

/**
 * Every user the search selects (no -Identity).
 * @param state the search
 * @param context the engine's services
 * @returns lines, and at most one DirectorySearchInterrupted error
 */
export function scanUsers(state: UserSearchState, context: CmdletContext): CmdletOutput {
  const limit = state.filter || state.remaining === Infinity ? undefined : state.remaining;
  return state.fast ? scanLines(state.fast, state, context, limit) : scanDirectory(state, limit);
}

/** The embedded directory's own lines: a synchronous generator, so no line waits for a promise. */
function* scanLines(fast: AdUserLines, state: UserSearchState, context: CmdletContext, limit: number | undefined): Generator<unknown> {
  if (fast.paged && !state.filter) {
    context.progressTotal(() => fast.count(limit));
    for (const page of fast.pages(limit)) {
      state.remaining -= page.count;
      state.written += page.count;
      yield new JsonLines(page.text, page.count);
    }
    return;
  }
  const rows = fast.lines(limit);
  try {
    yield* limited(rows, state, undefined);
  } finally {
    rows.return?.();
  }
}

/** Any other directory, a page at a time. */
async function* scanDirectory(state: UserSearchState, limit: number | undefined): AsyncGenerator<unknown> {
  for await (const page of pagesOf(state.services.directory.search({ ...state.search, limit }), () => state.written)) {
    if (page instanceof ErrorRecord) {
      state.remaining = 0;
      yield page;
      return;
    }
    yield* limited(await linesOf(page, state), state, undefined);
    if (state.remaining <= 0) return;
  }
}

/**
 * The users a chunk's identities name, inside the OU.
 * @param items each record's identity and input line
 * @param state the search
 * @returns the lines and not-found errors, in input order (synchronously on the embedded directory)
 */
export function resolveUsers(items: readonly { identity: UserId; record?: number }[], state: UserSearchState): CmdletOutput {
  const ids = items.map((item) => item.identity);
  if (state.fast) return matchedLines(items, state.fast.resolve(ids), state);
  return (async function* () {
    yield* matchedLines(items, await genericLines(ids, state), state);
  })();
}

function* matchedLines(items: readonly { identity: UserId; record?: number }[], found: Map<number, string[]>, state: UserSearchState): Generator<unknown> {
  for (const [index, { identity, record }] of items.entries()) {
    const matches = found.get(index);
    if (!matches) yield identityNotFound(identity.text, record);
    else yield* limited(matches, state, record);
  }
}

async function genericLines(ids: readonly UserId[], state: UserSearchState): Promise<Map<number, string[]>> {
  const found = await state.services.directory.resolve(ids, state.search);
  // One grants call for the whole chunk, never one per identity.
  const grants = await state.services.pins.grants([...found.values()].flatMap((users) => users.map((user) => user.key)));
  const lines = new Map<number, string[]>();
  for (const [index, users] of found) {
    if (users.length > 0) lines.set(index, linesWith(users, grants));
  }
  return lines;
}

/** ADUser lines of a page, with the page's grants read in one call. */
async function linesOf(users: readonly DirectoryUser[], state: UserSearchState): Promise<string[]> {
  return linesWith(users, await state.services.pins.grants(users.map((user) => user.key)));
}

function linesWith(users: readonly DirectoryUser[], grants: ReadonlyMap<string, string>): string[] {
  return users.map((user) => JSON.stringify(adUserOf(user, grants.get(user.key) ?? null)));
}

/** Lines as they are, parsed only for -Filter, up to -ResultSize. */
function* limited(rows: Iterable<string>, state: UserSearchState, record: number | undefined): Generator<JsonText | ErrorRecord> {
  for (const json of rows) {
    if (state.remaining <= 0) return;
    if (state.filter) {
      const verdict = state.filter(JSON.parse(json) as ADUser, record);
      if (verdict !== true) {
        if (verdict !== false) yield verdict;
        continue;
      }
    }
    state.remaining--;
    state.written++;
    yield new JsonText(json);
  }
}

/**
 * A search's pages. A page that cannot be had (a lost connection) after some users were written
 * ends them with a DirectorySearchInterrupted error record: what was written stands (exit 1);
 * before any was written, the error is thrown. The search is closed however the consumer stops.
 * @param written how many users the consumer has written so far
 */
export async function* pagesOf<T>(pages: AsyncIterator<readonly T[]>, written: () => number): AsyncGenerator<readonly T[] | ErrorRecord> {
  try {
    for (;;) {
      let page: IteratorResult<readonly T[]>;
      try {
        page = await pages.next();
      } catch (error) {
        if (written() === 0) throw error;
        yield interrupted(written(), error);
        return;
      }
      if (page.done) return;
      yield page.value;
    }
  } finally {
    await pages.return?.();
  }
}

/** A search that failed after some users were written: what was written stands (exit 1). */
export function interrupted(written: number, cause: unknown): ErrorRecord {
  const why = cause instanceof Error ? cause.message.slice(0, 200) : 'the directory stopped answering';
  return errorRecord({
    errorId: 'DirectorySearchInterrupted',
    category: 'ResourceUnavailable',
    message: directoryMessages.DirectorySearchInterrupted(written, why),
    cause,
  });
}

function ldapUsageError(error: unknown, text: string): unknown {
  if (error instanceof LdapFilterError) return usageError(error.errorId, cmdletMessages[error.errorId].parameter('LdapFilter', error.message), echo(text));
  return error;
}

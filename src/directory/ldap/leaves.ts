/**
 * The SQL of one LDAP filter item over `users u`: a column of users, the constant classes of a
 * user, or an attribute in user_attrs. A leaf is 0 or 1, or NULL when the item is Undefined
 * (RFC 4511): SQL's three-valued logic is the RFC's table for `!`, `&` and `|`.
 */
import { firstRdnValue, looksLikeDn } from '../dn.js';
import type { LdapItem, LdapSubstrings } from './ast.js';
import { attributeType, orderValue, valueKey, type AttributeSyntax } from './attributes.js';
import { bind, tooComplex, type LdapSqlParam } from './target.js';
import { directoryMessages } from '../messages.js';

/** An attribute held in a `users` column (its lower-cased or normalised key). */
export interface Column {
  readonly key: string;
}

/** Attribute (lower-cased) → column. Other attributes live in `user_attrs`. */
export const COLUMNS: ReadonlyMap<string, Column> = new Map<string, Column>([
  ['samaccountname', { key: 'u.sam_key' }],
  ['userprincipalname', { key: 'u.upn_key' }],
  ['displayname', { key: 'u.display_key' }],
  ['msrtcsip-primaryuseraddress', { key: 'u.sip_key' }],
  // A DN compares by its RFC 4514 key (equality and presence only, as in AD).
  ['distinguishedname', { key: 'u.dn_key' }],
  ['entrydn', { key: 'u.dn_key' }],
  // The stable key: objectGUID or entryUUID as lower-case GUID text (Get-ADUser -Identity <GUID>).
  ['objectguid', { key: 'u.guid' }],
  ['entryuuid', { key: 'u.guid' }],
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

/** The syntax of an attribute (lower-cased name); one the schema does not know is compared as a string. */
export function syntaxOf(attribute: string): AttributeSyntax {
  return attributeType(attribute)?.syntax ?? 'string';
}

/**
 * Whether the item can be evaluated on its attribute's syntax (RFC 4511: else it is Undefined): a
 * valid assertion value, and a matching rule for the operation. Strings order (as in AD), integers
 * and times order, DNs and Booleans only compare for equality; the AD bit rules need integers.
 */
export function isDefined(item: LdapItem, syntax: AttributeSyntax): boolean {
  switch (item.type) {
    case 'present':
      return true;
    case 'equality':
    case 'approx':
      return valueKey(syntax, item.value) !== undefined;
    case 'substrings':
      return syntax === 'string';
    case 'greaterOrEqual':
    case 'lessOrEqual':
      return (syntax === 'string' || syntax === 'integer' || syntax === 'time') && valueKey(syntax, item.value) !== undefined;
    case 'bitwiseAnd':
    case 'bitwiseOr':
      return syntax === 'integer';
  }
}

/**
 * The SQL of one item, its attribute already named as stored (attributes.ts `storedName`).
 * @param item the item
 * @param params the parameters so far, in placeholder order
 * @returns a 0/1/NULL SQL expression
 */
export function compileItem(item: LdapItem, params: LdapSqlParam[]): string {
  const name = item.attribute.toLowerCase();
  const constant = CONSTANT_VALUES.get(name);
  if (constant) return matchesConstant(item, constant, name === 'objectcategory') ? '1' : '0';
  const type = attributeType(name);
  if (type && !isDefined(item, type.syntax)) return 'NULL';
  if (name === 'msrtcsip-userenabled') return enabledLeaf(item, params);
  const column = COLUMNS.get(name);
  if (column) return columnLeaf(item, column, params);
  const known = type ? '' : unknownGuard(name, params);
  const nameParam = bind(params, name);
  const sql =
    item.type === 'present'
      ? `(u.id IN (SELECT user_id FROM user_attrs WHERE name = ${nameParam}))`
      : `(u.id IN (SELECT user_id FROM user_attrs WHERE name = ${nameParam} AND ${valueCondition(item, type?.syntax ?? 'string', 'value_key', 'value_int', (value) => bind(params, value))}))`;
  return type ? sql : `(${known}${sql} END)`;
}

/**
 * An attribute the schema does not know is Undefined, unless the import stored it (then it is a
 * string): the start of `CASE WHEN ... THEN <sql> END`, NULL when no user has the attribute.
 * @param name the attribute, lower-cased
 * @param params the parameters so far
 * @returns the SQL up to THEN
 */
export function unknownGuard(name: string, params: LdapSqlParam[]): string {
  return `CASE WHEN EXISTS (SELECT 1 FROM user_attrs WHERE name = ${bind(params, name)}) THEN `;
}

function columnLeaf(item: LdapItem, column: Column, params: LdapSqlParam[]): string {
  const key = column.key;
  if (item.type === 'present') return `(${key} IS NOT NULL)`;
  // `key IS NOT NULL AND ...` keeps `=` and GLOB indexable.
  return `(${key} IS NOT NULL AND ${valueCondition(item, syntaxOf(item.attribute.toLowerCase()), key, 'NULL', (value) => bind(params, value))})`;
}

/**
 * The value an item compares with, as SQL sees it: the value's key for its syntax, a GLOB pattern,
 * a number. Call only for a defined item ({@link isDefined}).
 * @param item the item
 * @param syntax its attribute's syntax
 * @returns the operand
 * @throws LdapFilterError (FilterTooComplex) for a GLOB pattern longer than SQLite matches
 */
export function operandOf(item: ValueItem, syntax: AttributeSyntax): LdapSqlParam {
  switch (item.type) {
    case 'substrings': {
      const pattern = globPattern(item);
      if (Buffer.byteLength(pattern) > MAX_PATTERN_BYTES) {
        throw tooComplex(directoryMessages.FilterTooComplex.pattern(MAX_PATTERN_BYTES));
      }
      return pattern;
    }
    case 'bitwiseAnd':
    case 'bitwiseOr':
      return item.value;
    default: {
      const key = valueKey(syntax, item.value);
      if (key === undefined) return item.value.toLowerCase();
      const ordering = item.type === 'greaterOrEqual' || item.type === 'lessOrEqual';
      return ordering ? (orderValue(syntax, key) ?? key) : key;
    }
  }
}

/**
 * The test on one value, given SQL for its key (`key`) and its integer (`int`).
 * @param item the item (its kind; the value comes through `operand`)
 * @param syntax its attribute's syntax
 * @param key SQL of the value's key
 * @param int SQL of the integer value (NULL when the attribute holds no integers)
 * @param operand the SQL of the value compared with
 * @returns the condition
 */
export function valueCondition(item: ValueItem, syntax: AttributeSyntax, key: string, int: string, operand: Operand): string {
  const value = operandOf(item, syntax);
  switch (item.type) {
    case 'equality':
    case 'approx':
      return `${key} = ${operand(value)}`;
    case 'substrings':
      return `${key} GLOB ${operand(value)}`;
    case 'greaterOrEqual':
    case 'lessOrEqual':
      return `${syntax === 'integer' || syntax === 'time' ? int : key} ${item.type === 'greaterOrEqual' ? '>=' : '<='} ${operand(value)}`;
    case 'bitwiseAnd':
      return `(${int} & ${operand(value)}) = ${operand(value)}`;
    case 'bitwiseOr':
      return `(${int} & ${operand(value)}) != 0`;
  }
}

/** `msRTCSIP-UserEnabled` is a Boolean (a column): only TRUE/FALSE equality and presence are defined. */
function enabledLeaf(item: LdapItem, params: LdapSqlParam[]): string {
  if (item.type === 'present') return '(u.enabled IS NOT NULL)';
  if (item.type !== 'equality' && item.type !== 'approx') return 'NULL';
  return `(u.enabled IS NOT NULL AND u.enabled = ${bind(params, valueKey('boolean', item.value) === 'true' ? 1 : 0)})`;
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

/**
 * Compiles an LDAP filter to a parameterised SQLite boolean expression over `users u`.
 *
 * Every leaf yields 0 or 1, or NULL for an Undefined item (RFC 4511: an attribute the schema does not
 * know, a value invalid for the attribute's syntax): SQL's three-valued logic is the RFC's. A user
 * without the attribute makes an item false, not Undefined. Values (and attribute names stored as
 * data) are always bound as `?` parameters.
 *
 * Wide filters are normalized first (normalize.ts): the terms of one kind on one attribute become
 * one test against a `json_each(?)` list (valueSets.ts), and the remaining terms of a set are joined
 * as a balanced tree, so the SQL's depth grows with the logarithm of the width. What remains is at
 * most MAX_FILTER_TESTS separate tests: each is a subquery that SQLite compiles, and runs for every
 * user the other tests leave, so a filter of 20,000 unrelated tests would run for hours on a large
 * directory. Beyond that a filter is refused with FilterTooComplex before any query runs.
 */
import type { LdapFilter, LdapItem } from './ast.js';
import { attributeType, storedName } from './attributes.js';
import { CONSTANT_VALUES, compileItem, isDefined, unknownGuard } from './leaves.js';
import { normalizeFilter, type FilterNode, type Groupable } from './normalize.js';
import { tooComplex, type LdapSqlParam } from './target.js';
import { compileTupleSet, compileValueSet } from './valueSets.js';
import { directoryMessages } from '../messages.js';

export type { LdapSqlParam } from './target.js';

/** A compiled filter: a boolean SQL expression and its parameters, in placeholder order. */
export interface CompiledLdapFilter {
  readonly sql: string;
  readonly params: LdapSqlParam[];
}

/** The most separate tests a filter may compile to, once its lists are merged. */
export const MAX_FILTER_TESTS = 1_000;
/** Sets up to this many terms are joined flat (as before wide filters); longer ones as a balanced tree. */
const FLAT_JOIN = 4;

/**
 * Compiles a filter to SQL over the alias `u` (table `users`), e.g. for
 * `SELECT ... FROM users u WHERE (${sql}) AND ...` with `[...params, ...]`.
 *
 * Semantics follow AD: attribute names (or OIDs) and string values match case-insensitively; values
 * compare by the attribute's syntax (attributes.ts), so `>=` orders strings as strings and integers
 * as numbers; `objectClass`/`objectCategory` hold the classes of a user.
 * @throws LdapFilterError FilterTooComplex for more than MAX_FILTER_TESTS tests (or a substring
 *   longer than SQLite matches), FilterTooDeep for a tree deeper than the parser accepts
 */
export function compileLdapFilter(filter: LdapFilter): CompiledLdapFilter {
  const tree = normalizeFilter(named(filter), isGroupable);
  const tests = countTests(tree);
  if (tests > MAX_FILTER_TESTS) {
    throw tooComplex(directoryMessages.FilterTooComplex.tests(tests, MAX_FILTER_TESTS));
  }
  const params: LdapSqlParam[] = [];
  return { sql: compileNode(tree, params), params };
}

/** The filter with every attribute named as stored: `2.5.4.12` and `Title` are `title`. */
function named(filter: LdapFilter): LdapFilter {
  switch (filter.type) {
    case 'and':
    case 'or':
      return { type: filter.type, filters: filter.filters.map(named) };
    case 'not':
      return { type: 'not', filter: named(filter.filter) };
    default:
      return { ...filter, attribute: storedName(filter.attribute) };
  }
}

/**
 * Defined terms on known attributes merge; the constant and Boolean ones compile without values
 * anyway, and times order by key, not by the text written.
 */
const isGroupable: Groupable = Object.assign(
  (item: LdapItem): boolean => {
    const type = attributeType(item.attribute);
    // A set on an attribute the schema does not know is Undefined as a whole (compileNode).
    if (type === undefined) return true;
    if (CONSTANT_VALUES.has(type.name) || type.syntax === 'boolean') return false;
    return isDefined(item, type.syntax) && !(type.syntax === 'time' && (item.type === 'greaterOrEqual' || item.type === 'lessOrEqual'));
  },
  {
    integer: (attribute: string) => attributeType(attribute)?.syntax === 'integer',
    known: (attribute: string) => attributeType(attribute) !== undefined,
  },
);

function countTests(node: FilterNode): number {
  if (node.type === 'and' || node.type === 'or') return node.children.reduce((sum, child) => sum + countTests(child), 0);
  return node.type === 'not' ? countTests(node.child) : 1;
}

function compileNode(node: FilterNode, params: LdapSqlParam[]): string {
  switch (node.type) {
    case 'and':
    case 'or': {
      if (node.children.length === 0) return node.type === 'and' ? '1' : '0'; // RFC 4526
      return join(node.children.map((child) => compileNode(child, params)), node.type === 'and' ? ' AND ' : ' OR ');
    }
    case 'not':
      return `(NOT ${compileNode(node.child, params)})`;
    case 'anyOf':
    case 'allOf':
      if (attributeType(node.attribute) === undefined) return `(${unknownGuard(node.attribute, params)}${compileValueSet(node, params)} END)`;
      return compileValueSet(node, params);
    case 'tuples':
      return compileTupleSet(node, params);
    default:
      return compileItem(node, params);
  }
}

/** `(a AND b AND c)` for a few terms, as it always was; a balanced tree of halves for more. */
function join(parts: readonly string[], joiner: string): string {
  if (parts.length <= FLAT_JOIN) return `(${parts.join(joiner)})`;
  const middle = parts.length >> 1;
  return `(${join(parts.slice(0, middle), joiner)}${joiner}${join(parts.slice(middle), joiner)})`;
}

/**
 * Reshapes a parsed LDAP filter, without changing what it selects, into a tree whose SQL stays
 * small and within SQLite's limits however wide the filter is: `(|` of 50,000 terms must not become
 * 50,000 nested ORs (SQLite's expression depth is 1000), 100,000 bound values (its limit is 32,766)
 * or 50,000 subqueries (each one compiled and run on its own).
 *
 * - `(&(&a b) c)` is `(&a b c)`, and likewise for `|`; a term repeated in a set counts once.
 * - De Morgan: two or more negations in a set become one, `(&x(!a)(!b))` → `(&x(!(|a b)))`, so
 *   that a long list of exclusions is one list.
 * - Inside `|`, conjunctions of equalities on the same attributes become one list of rows.
 * - Terms of one kind on one attribute in a set become one term: a value set, "any of" inside `|`
 *   and "all of" inside `&` (`(|(l=a)(l=b))` is "l is one of [a, b]"). Ranges need no set: `(|(n>=5)
 *   (n>=9))` is `(n>=5)`, as `(&(n>=5)(n>=9))` is `(n>=9)`, since the values of one attribute are
 *   ordered. A lone term stays as it is, so the SQL of a narrow filter does not change.
 *
 * The rewrites hold in three-valued logic too (De Morgan, flattening, repeats); an Undefined item
 * (NULL) is never merged into a set, whose SQL is 0 or 1.
 */
import type { LdapComparison, LdapFilter, LdapItem } from './ast.js';
import { LdapFilterError } from './errors.js';
import { MAX_FILTER_DEPTH } from './parse.js';
import { directoryMessages } from '../messages.js';

/** The kinds of term a value set holds: one test with many values. */
export type SetKind = 'equality' | 'substrings' | 'bitwiseAnd' | 'bitwiseOr';

/** Terms of one kind on one attribute: any of them holds (inside `|`), or all of them (inside `&`). */
export interface ValueSet {
  readonly type: 'anyOf' | 'allOf';
  readonly kind: SetKind;
  /** Lower-cased. */
  readonly attribute: string;
  readonly items: readonly LdapItem[];
}

/**
 * Equalities on the same attributes, one row of values each, inside `|`: `(|(&(givenName=a)(sn=b))
 * (&(givenName=c)(sn=d)))` is "(givenName, sn) is one of [(a, b), (c, d)]".
 */
export interface TupleSet {
  readonly type: 'tuples';
  /** Lower-cased and distinct, in the order the first conjunction has them: the join reads them in that order. */
  readonly attributes: readonly string[];
  /** The values of each row, in the order of the attributes. */
  readonly rows: readonly (readonly string[])[];
}

/** A normalized filter. */
export type FilterNode =
  | { readonly type: 'and' | 'or'; readonly children: readonly FilterNode[] }
  | { readonly type: 'not'; readonly child: FilterNode }
  | LdapItem
  | ValueSet
  | TupleSet;

type Junction = 'and' | 'or';

/**
 * Normalizes a filter (see the module comment).
 * @param filter the parsed filter
 * @param groupable whether a term may be merged
 * @returns the normalized tree
 * @throws LdapFilterError (FilterTooDeep) for a tree deeper than the parser accepts
 */
export function normalizeFilter(filter: LdapFilter, groupable: Groupable): FilterNode {
  return normalize(filter, 0, groupable);
}

/**
 * Whether an item may merge with others of its kind on its attribute (an Undefined item must stay
 * alone), and whether the attribute orders as integers.
 */
export interface Groupable {
  (item: LdapItem): boolean;
  readonly integer: (attribute: string) => boolean;
  /** Whether the schema knows the attribute: rows of values hold known attributes only. */
  readonly known: (attribute: string) => boolean;
}

function normalize(filter: LdapFilter, depth: number, groupable: Groupable): FilterNode {
  if (depth >= MAX_FILTER_DEPTH) throw new LdapFilterError(-1, directoryMessages.FilterTooDeep(MAX_FILTER_DEPTH), 'FilterTooDeep');
  switch (filter.type) {
    case 'not':
      return { type: 'not', child: normalize(filter.filter, depth + 1, groupable) };
    case 'and':
    case 'or':
      return junction(filter.type, filter.filters.map((child) => normalize(child, depth + 1, groupable)), groupable);
    default:
      return filter;
  }
}

function junction(type: Junction, children: readonly FilterNode[], groupable: Groupable): FilterNode {
  const flat = children.flatMap((child) => (child.type === type ? child.children : [child]));
  const negated = flat.flatMap((child) => (child.type === 'not' ? [child.child] : []));
  const terms = negated.length < 2 ? flat : [...flat.filter((child) => child.type !== 'not'), { type: 'not' as const, child: junction(type === 'and' ? 'or' : 'and', negated, groupable) }];
  const merged = distinct(merge(type, terms, groupable));
  return { type, children: type === 'or' ? tuples(merged, groupable) : merged };
}

/** Conjunctions of equalities on the same attributes (at least two of them) as one list of rows. */
function tuples(nodes: readonly FilterNode[], groupable: Groupable): FilterNode[] {
  const shapes = new Map<string, { first: FilterNode; attributes: string[]; rows: string[][] }>();
  const slots: (FilterNode | string)[] = [];
  for (const node of nodes) {
    const row = node.type === 'and' ? equalityRow(node.children, groupable) : undefined;
    if (row === undefined) {
      slots.push(node);
      continue;
    }
    const key = [...row.keys()].sort().join('\0');
    const shape = shapes.get(key);
    if (shape) shape.rows.push(shape.attributes.map((attribute) => row.get(attribute) ?? ''));
    else {
      shapes.set(key, { first: node, attributes: [...row.keys()], rows: [[...row.values()]] });
      slots.push(key);
    }
  }
  return slots.map((slot) => {
    if (typeof slot !== 'string') return slot;
    const shape = shapes.get(slot);
    if (shape === undefined) throw new Error(`no rows for ${slot}`);
    // A lone conjunction keeps its own SQL.
    return shape.rows.length > 1 ? { type: 'tuples', attributes: shape.attributes, rows: shape.rows } : shape.first;
  });
}

/** The values by attribute (in written order) of a conjunction of equalities on distinct attributes, if it is one. */
function equalityRow(children: readonly FilterNode[], groupable: Groupable): Map<string, string> | undefined {
  const row = new Map<string, string>();
  for (const child of children) {
    if (child.type !== 'equality' && child.type !== 'approx') return undefined;
    const attribute = child.attribute.toLowerCase();
    if (!groupable(child) || !groupable.known(attribute) || row.has(attribute)) return undefined;
    row.set(attribute, child.value);
  }
  return row.size < 2 ? undefined : row;
}

/** The key under which terms merge: their attribute and kind; undefined for a term that stays alone. */
function mergeKey(node: FilterNode, groupable: Groupable): string | undefined {
  if (!('attribute' in node)) return undefined;
  if (node.type === 'anyOf' || node.type === 'allOf') return `${node.kind}\0${node.attribute}`;
  const item = node as LdapItem;
  const kind = groupable(item) ? itemKind(item) : undefined;
  return kind === undefined ? undefined : `${kind}\0${node.attribute.toLowerCase()}`;
}

function itemKind(item: LdapItem): string | undefined {
  switch (item.type) {
    case 'approx':
    case 'equality':
      return 'equality';
    case 'greaterOrEqual':
    case 'lessOrEqual':
      return item.type;
    case 'present':
      return undefined;
    default:
      return item.type;
  }
}

/** Merges the terms of one kind on one attribute into one term, where the first of them was. */
function merge(type: Junction, nodes: readonly FilterNode[], groupable: Groupable): FilterNode[] {
  const setType = type === 'or' ? 'anyOf' : 'allOf';
  const groups = new Map<string, { items: LdapItem[]; sets: number }>();
  const slots: (FilterNode | string)[] = [];
  for (const node of nodes) {
    const key = mergeKey(node, groupable);
    const items = node.type === setType ? node.items : node.type === 'anyOf' || node.type === 'allOf' ? undefined : [node as LdapItem];
    if (key === undefined || items === undefined) {
      slots.push(node);
      continue;
    }
    const group = groups.get(key);
    if (group) {
      group.items.push(...items);
      group.sets += node.type === setType ? 1 : 0;
    } else {
      groups.set(key, { items: [...items], sets: node.type === setType ? 1 : 0 });
      slots.push(key);
    }
  }
  return slots.map((slot) => {
    if (typeof slot !== 'string') return slot;
    const group = groups.get(slot);
    const first = group?.items[0];
    if (group === undefined || first === undefined) throw new Error(`no group for ${slot}`);
    // A lone term keeps its own SQL (and its plan).
    if (group.items.length === 1 && group.sets === 0) return first;
    if (first.type === 'greaterOrEqual' || first.type === 'lessOrEqual') {
      return bound(type, first.type, group.items as LdapComparison[], groupable.integer(first.attribute.toLowerCase()));
    }
    const kind = itemKind(first) as SetKind;
    return { type: setType, kind, attribute: first.attribute.toLowerCase(), items: group.items };
  });
}

/** `(|(n>=5)(n>=9))` is `(n>=5)`: the weakest range of an "any of", the strongest of an "all of". */
function bound(type: Junction, range: 'greaterOrEqual' | 'lessOrEqual', items: readonly LdapComparison[], integer: boolean): LdapItem {
  const wantLow = (range === 'greaterOrEqual') === (type === 'or');
  return items.reduce((best, item) => ((compareAssertions(item.value, best.value, integer) < 0) === wantLow && item.value !== best.value ? item : best));
}

/** Orders two assertion values as SQLite does: integers by value, text by its lower-cased UTF-8 bytes. */
function compareAssertions(a: string, b: string, integer: boolean): number {
  if (integer) return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
  return Buffer.compare(Buffer.from(a.toLowerCase()), Buffer.from(b.toLowerCase()));
}

/** The children without repeats: `a` twice in a set is `a` once. */
function distinct(children: readonly FilterNode[]): FilterNode[] {
  const seen = new Set<string>();
  return children.filter((child) => {
    const key = JSON.stringify(child);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

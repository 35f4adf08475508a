/**
 * The SQL of the lists normalize.ts makes, tested against one `json_each(?)` list however long:
 * - a value set (the terms of one kind on one attribute): "any of" is one subquery over the
 *   attribute's values, an `IN` for equalities, which SQLite answers from the index; "all of" holds
 *   when no term of the list lacks a matching value;
 * - a tuple set (conjunctions of equalities on the same attributes): a join from the list of rows
 *   through the indexes, one row at a time.
 */
import type { LdapComparison } from './ast.js';
import { COLUMNS, operandOf, syntaxOf, valueCondition, type ValueItem } from './leaves.js';
import { valueKey } from './attributes.js';
import type { TupleSet, ValueSet } from './normalize.js';
import { bind, jsonList, type LdapSqlParam } from './target.js';

/**
 * The SQL of a value set.
 * @param set the set
 * @param params the parameters so far, in placeholder order
 * @returns a 0/1 SQL expression
 */
export function compileValueSet(set: ValueSet, params: LdapSqlParam[]): string {
  const items = set.items as ValueItem[];
  const first = items[0];
  if (first === undefined) return set.type === 'anyOf' ? '0' : '1';
  const column = COLUMNS.get(set.attribute);
  const syntax = syntaxOf(set.attribute);
  if (column && set.kind === 'equality') {
    // Keys by the attribute's syntax: a DN's is its RFC 4514 key.
    const key = column.key;
    const values = new Set((items as LdapComparison[]).map((item) => valueKey(syntax, item.value) ?? ''));
    // One value cannot equal two different ones.
    if (set.type === 'allOf' && values.size > 1) return '0';
    return `(${key} IS NOT NULL AND ${key} IN (SELECT value FROM json_each(${bind(params, jsonList(values))})))`;
  }
  if (column) {
    const condition = `coalesce(${valueCondition(first, syntax, column.key, 'NULL', () => 'p.value')}, 0)`;
    const list = `json_each(${bind(params, jsonList(items.map((item) => operandOf(item, syntax))))})`;
    if (set.type === 'anyOf') return `(${column.key} IS NOT NULL AND EXISTS (SELECT 1 FROM ${list} p WHERE ${condition}))`;
    return `(${column.key} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${list} p WHERE NOT ${condition}))`;
  }
  return attributeSet(set, first, items.map((item) => operandOf(item, syntax)), params);
}

/** An attribute of user_attrs, which may hold several values. Parameters are bound in the order the SQL reads them. */
function attributeSet(set: ValueSet, first: ValueItem, values: LdapSqlParam[], params: LdapSqlParam[]): string {
  const list = (): string => `json_each(${bind(params, jsonList(values))})`;
  const condition = valueCondition(first, syntaxOf(set.attribute), 'a.value_key', 'a.value_int', () => 'p.value');
  if (set.type === 'allOf' && set.kind !== 'equality') {
    const each = list();
    return `(NOT EXISTS (SELECT 1 FROM ${each} p WHERE NOT EXISTS (SELECT 1 FROM user_attrs a WHERE a.user_id = u.id AND a.name = ${bind(params, set.attribute)} AND ${condition})))`;
  }
  const name = bind(params, set.attribute);
  if (set.kind !== 'equality') {
    return `(u.id IN (SELECT a.user_id FROM user_attrs a WHERE a.name = ${name} AND EXISTS (SELECT 1 FROM ${list()} p WHERE ${condition})))`;
  }
  const select = `SELECT user_id FROM user_attrs WHERE name = ${name} AND value_key IN (SELECT value FROM ${list()})`;
  if (set.type === 'anyOf') return `(u.id IN (${select}))`;
  return `(u.id IN (${select} GROUP BY user_id HAVING count(DISTINCT value_key) = ${bind(params, new Set(values).size)}))`;
}

/**
 * The SQL of a tuple set: the users that have, for some row, every value of the row. The join runs
 * in a fixed order (CROSS JOIN), from the list through the first attribute's index: the one the
 * filter writes first, unless a column (a logon, an address, a DN), which holds one user per value,
 * comes later. SQLite cannot tell from `t.value ->> 0` which attribute is the selective one, and
 * starting from a department of 100,000 users for each row would take minutes on a large directory.
 * @param set the set
 * @param params the parameters so far, in placeholder order
 * @returns a 0/1 SQL expression
 */
export function compileTupleSet(set: TupleSet, params: LdapSqlParam[]): string {
  const order = set.attributes.map((_, i) => i).sort((a, b) => Number(!COLUMNS.has(set.attributes[a] ?? '')) - Number(!COLUMNS.has(set.attributes[b] ?? '')));
  const attributes = order.map((i) => set.attributes[i] ?? '');
  const normalizers = attributes.map((attribute) => (value: string) => valueKey(syntaxOf(attribute), value) ?? '');
  const rows = jsonList(set.rows.map((row) => order.map((from, i) => normalizers[i]?.(row[from] ?? '') ?? '')));
  const joins = [`json_each(${bind(params, rows)}) t`];
  let id = '';
  for (const [i, attribute] of attributes.entries()) {
    const column = COLUMNS.get(attribute);
    const sameUser = (own: string): string => (id === '' ? '' : ` AND ${own} = ${id}`);
    if (column) {
      const key = column.key.replace('u.', `s${i}.`);
      joins.push(`CROSS JOIN users s${i} ON ${key} = t.value ->> ${i}${sameUser(`s${i}.id`)}`);
      id ||= `s${i}.id`;
    } else {
      joins.push(`CROSS JOIN user_attrs s${i} ON s${i}.name = ${bind(params, attribute)} AND s${i}.value_key = t.value ->> ${i}${sameUser(`s${i}.user_id`)}`);
      id ||= `s${i}.user_id`;
    }
  }
  return `(u.id IN (SELECT ${id} FROM ${joins.join(' ')}))`;
}

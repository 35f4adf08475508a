/**
 * The properties Format-Table and Format-List show: `-Property` names, with wildcards expanded against
 * an object's own properties (case-insensitively, in the object's order), or by default its properties.
 */
import { wildcardRegExp } from '../compare.js';
import { displayedProperties, type FormatRecord } from './formatValue.js';
import { typeView } from './typeViews.js';

/** A column alignment; center only for a calculated column that asks for it. */
export type ColumnAlignment = 'left' | 'right' | 'center';

/** A calculated property (@{Name=...; Expression=...}) as Format-Table and Format-List take it. */
export interface CalculatedColumn {
  label: string;
  value(record: FormatRecord): unknown;
  /** Format-Table's Width key. */
  width?: number;
  /** Format-Table's Alignment key; by default the first object's value decides. */
  alignment?: ColumnAlignment;
}

/** A -Property element: a name or pattern, or a calculated property. */
export type ColumnSource = string | CalculatedColumn;

/** A resolved column: what it is called and how to read its value. */
export interface Column {
  label: string;
  value(record: FormatRecord): unknown;
  width?: number;
  alignment?: ColumnAlignment;
}

/**
 * Resolves -Property elements against a record: names and patterns become the properties they
 * match, calculated properties stay as they are.
 * @param record the object
 * @param sources the -Property elements; undefined for the object's own properties
 * @param keepMissing whether a plain name the object lacks is kept (a table column) or dropped (a list)
 * @returns the columns, in order
 */
export function resolveColumns(record: FormatRecord, sources: readonly ColumnSource[] | undefined, keepMissing: boolean): Column[] {
  const view = sources === undefined ? typeView(record) : undefined;
  // A type with its own view (GroupInfo): its table columns (keepMissing: a table) or its list.
  if (view) return keepMissing ? view.table.map((c) => ({ ...nameColumn(c.name), ...(c.width ? { width: c.width } : {}) })) : view.list.map(nameColumn);
  if (sources === undefined) return selectProperties(record, undefined, keepMissing).map(nameColumn);
  return sources.flatMap((source) => (typeof source === 'string' ? selectProperties(record, [source], keepMissing).map(nameColumn) : [source]));
}

function nameColumn(name: string): Column {
  return { label: name, value: (record) => readProperty(record, name) };
}

/** PowerShell's table without -Property shows at most this many columns (LimitAssociationListSize). */
export const DEFAULT_TABLE_COLUMNS = 10;

const WILDCARD = /[*?[]/;

/**
 * Resolves property patterns against a record.
 * @param record the object
 * @param patterns the -Property names; undefined for the object's own properties
 * @param keepMissing whether a plain name the object lacks is kept (a table column) or dropped (a list)
 * @returns the property names, as the object spells them
 */
export function selectProperties(record: FormatRecord, patterns: readonly string[] | undefined, keepMissing: boolean): string[] {
  const own = displayedProperties(record);
  if (patterns === undefined) return own;
  const names: string[] = [];
  for (const pattern of patterns) {
    if (WILDCARD.test(pattern)) {
      const re = wildcardRegExp(pattern);
      names.push(...own.filter((name) => re.test(name)));
      continue;
    }
    const folded = pattern.toLowerCase();
    const found = own.find((name) => name === pattern) ?? own.find((name) => name.toLowerCase() === folded);
    if (found !== undefined) names.push(found);
    else if (keepMissing) names.push(pattern);
  }
  return names;
}

/**
 * Reads a property case-insensitively, as PowerShell does; an exact match wins.
 * @param record the object
 * @param name the property name
 * @returns its value, undefined when missing
 */
export function readProperty(record: FormatRecord, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  const folded = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === folded) return record[key];
  return undefined;
}

/**
 * The -Property of Sort-Object and Group-Object: which values of each input object to order or group
 * by, read once per object, and PowerShell's OrderByPropertyComparer over them (a property the object
 * lacks sorts after everything, in either direction).
 */
import { NOT_CONVERTIBLE, echo, findProperty, isPSObject, propertyNames, usageError, type ParamType } from '../core/index.js';
import { wildcardRegExp } from '../core/compare.js';
import { DateValue, TextValue, compareSortValues, sortValue, type SortValue } from '../core/objectCompare.js';

/** A key's value: undefined when the object has no such property. */
export type KeyValue = SortValue | undefined;

/** One -Property entry: a name (maybe a wildcard) and its own direction, if it has one. */
export interface KeySpec {
  readonly name: string;
  /** true ascending, false descending, undefined: the command's -Descending decides. */
  readonly ascending?: boolean;
}

/**
 * Splits a comma list (`A,B`, `A, B`), keeping commas inside quotes, braces and parentheses.
 * @param text the argument
 * @returns the items, trimmed, without empty ones
 */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '(') depth++;
    else if ((ch === '}' || ch === ')') && depth > 0) depth--;
    else if (ch === ',' && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** PowerShell's Object[] -Property: a comma list on the command line. */
export const PropertyListType: ParamType<string[]> = {
  name: 'Object[]',
  accepts: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
  convert: (value) => {
    if (typeof value === 'string') return splitList(value);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    return NOT_CONVERTIBLE;
  },
};

/**
 * The -Property entries as key specs; hashtables and script blocks are refused with a clear error.
 * @param items the -Property items
 * @param command the cmdlet name, for the message
 * @returns the key specs
 */
export function keySpecs(items: readonly string[] | undefined, command: string): KeySpec[] {
  return (items ?? []).map((item) => {
    if (item.startsWith('{') || item.startsWith('@{')) {
      throw usageError('ExpressionNotSupported', `${command} -Property takes property names (wildcards allowed) in cspin, not script blocks or hashtables: "${echo(item)}".`, echo(item));
    }
    return { name: item };
  });
}

/**
 * Expands wildcard names against an object's properties (sorted, case-insensitive, as PowerShell
 * sorts them); a plain name stays as it is.
 * @param specs the key specs
 * @param first the first input object (cspin expands against it; PowerShell against all input)
 * @returns the specs with wildcards replaced by the names they match
 */
export function expandSpecs(specs: readonly KeySpec[], first: unknown): KeySpec[] {
  return specs.flatMap((spec) => {
    if (!/[*?[]/.test(spec.name)) return [spec];
    const pattern = wildcardRegExp(spec.name);
    const names = isPSObject(first) ? propertyNames(first).filter((n) => n !== 'PSTypeName' && pattern.test(n)) : [];
    return names.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)).map((name) => ({ ...spec, name }));
  });
}

/**
 * Reads the keys of one object.
 * @param input the input object
 * @param specs the expanded key specs; none: the object itself is the key
 * @returns one value per key
 */
export function readKeys(input: unknown, specs: readonly KeySpec[]): KeyValue[] {
  if (specs.length === 0) return [sortValue(input)];
  return specs.map((spec) => {
    if (!isPSObject(input)) return undefined;
    const found = findProperty(input, spec.name);
    return found === undefined ? undefined : sortValue(found.value);
  });
}

/**
 * OrderByPropertyComparer: key by key, each in its direction; a missing key after everything.
 * @param ascending one direction per key
 * @param caseSensitive -CaseSensitive
 * @returns the comparison of two key vectors
 */
export function keyComparer(ascending: readonly boolean[], caseSensitive: boolean): (a: readonly KeyValue[], b: readonly KeyValue[]) => number {
  return (a, b) => {
    for (let k = 0; k < ascending.length; k++) {
      const x = a[k];
      const y = b[k];
      if (x === undefined || y === undefined) {
        if (x === y) continue;
        return x === undefined ? 1 : -1;
      }
      const c = compareSortValues(x, y, caseSensitive);
      if (c !== 0) return ascending[k] ? c : -c;
    }
    return 0;
  };
}

/** Keys as JSON, for spill files: dates, texts and missing values tagged. */
export function encodeKeys(keys: readonly KeyValue[]): string {
  return JSON.stringify(keys.map((k) => (k === undefined ? { m: 1 } : k instanceof DateValue ? { d: k.ms } : k instanceof TextValue ? { t: k.text, b: k.truth, o: k.object } : k)));
}

/** The keys {@link encodeKeys} wrote. */
export function decodeKeys(json: string): KeyValue[] {
  return (JSON.parse(json) as unknown[]).map((k) => {
    if (k === null || typeof k !== 'object') return k as SortValue;
    const tagged = k as { m?: 1; d?: number; t?: string; b?: boolean; o?: boolean };
    if (tagged.m) return undefined;
    if (tagged.d !== undefined) return new DateValue(tagged.d);
    return new TextValue(tagged.t ?? '', tagged.b ?? true, tagged.o ?? false);
  });
}

/**
 * The -Property of Sort-Object and Group-Object: which values of each input object to order or group
 * by, read once per object, and PowerShell's OrderByPropertyComparer over them (a property the object
 * lacks sorts after everything, in either direction).
 */
import { echo, findProperty, isPSObject, propertyNames, usageError } from '../core/index.js';
import { wildcardRegExp } from '../core/compare.js';
import { FilterError } from '../core/filterError.js';
import { compileExpression } from '../core/filterScript.js';
import { resolveHashtable, type HashtableKey, type PropertyArgument } from '../core/hashtableLiteral.js';
import { DateValue, TextValue, compareSortValues, sortValue, type SortValue } from '../core/objectCompare.js';
import { cmdletMessages } from './messages.js';

/** A key's value: undefined when the object has no such property. */
export type KeyValue = SortValue | undefined;

/** One -Property entry: a property name (maybe a wildcard) or a script block, and its own direction. */
export interface KeySpec {
  /** A property name; absent for a script block. */
  readonly name?: string;
  /** A script block's value for an object. */
  readonly expression?: (record: unknown) => unknown;
  /** true ascending, false descending, undefined: the command's -Descending decides. */
  readonly ascending?: boolean;
}

const ORDER_KEYS: readonly HashtableKey[] = [
  { name: 'Expression', kinds: ['string', 'scriptBlock'], mandatory: true },
  { name: 'Ascending', kinds: ['boolean'] },
  { name: 'Descending', kinds: ['boolean'] },
];
const GROUP_KEYS: readonly HashtableKey[] = [{ name: 'Expression', kinds: ['string', 'scriptBlock'], mandatory: true }];

/**
 * The -Property entries as key specs: names, script blocks (`{$_.A}`), and hashtables
 * (`@{Expression='A'; Descending=$true}`, keys by prefix; Sort-Object's take Ascending/Descending).
 * @param items the -Property items
 * @param sort true for Sort-Object's order entries, false for Group-Object's
 * @returns the key specs
 * @throws TerminatingError (usage) for a malformed hashtable or script block
 */
export function keySpecs(items: readonly PropertyArgument[] | undefined, sort: boolean): KeySpec[] {
  return (items ?? []).map((item) => {
    if (typeof item === 'string') return { name: item };
    if (item.kind === 'scriptBlock') return { expression: compiled(item.text) };
    const values = resolveHashtable(item, sort ? ORDER_KEYS : GROUP_KEYS);
    const expression = values.get('Expression');
    const flag = (key: string) => {
      const value = values.get(key);
      return value?.kind === 'boolean' ? value.value : undefined;
    };
    const ascending = flag('Ascending');
    const descending = flag('Descending');
    // Both given and saying the same thing contradict each other: PowerShell ignores them.
    const direction =
      ascending !== undefined && descending !== undefined ? (ascending === descending ? undefined : ascending) : (ascending ?? (descending === undefined ? undefined : !descending));
    const base = expression?.kind === 'scriptBlock' ? { expression: compiled(expression.text) } : { name: expression?.kind === 'string' ? expression.value : '' };
    return direction === undefined ? base : { ...base, ascending: direction };
  });
}

function compiled(text: string): (record: unknown) => unknown {
  try {
    return compileExpression(text);
  } catch (error) {
    if (error instanceof FilterError) throw usageError(error.errorId, cmdletMessages[error.errorId].scriptBlock(text, error.reason), echo(text));
    throw error;
  }
}

/**
 * Expands wildcard names against an object's properties (sorted, case-insensitive, as PowerShell
 * sorts them); a plain name or a script block stays as it is.
 * @param specs the key specs
 * @param first the first input object (cspin expands against it; PowerShell against all input)
 * @returns the specs with wildcards replaced by the names they match
 */
export function expandSpecs(specs: readonly KeySpec[], first: unknown): KeySpec[] {
  return specs.flatMap((spec) => {
    if (spec.name === undefined || !/[*?[]/.test(spec.name)) return [spec];
    const pattern = wildcardRegExp(spec.name);
    const names = isPSObject(first) ? propertyNames(first).filter((n) => n !== 'PSTypeName' && pattern.test(n)) : [];
    return names.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)).map((name) => ({ ...spec, name }));
  });
}

/** A property the object does not have. */
export const MISSING: unique symbol = Symbol('missing');

/**
 * The raw value of one key for an object.
 * @param input the input object
 * @param spec the key
 * @returns the value, or MISSING when the object has no such property
 */
export function rawKey(input: unknown, spec: KeySpec): unknown {
  if (spec.expression) {
    try {
      return spec.expression(input) ?? null;
    } catch {
      // PowerShell reports ExpressionEvaluation and orders the object as $null.
      return null;
    }
  }
  if (!isPSObject(input)) return MISSING;
  const found = findProperty(input, spec.name ?? '');
  return found === undefined ? MISSING : found.value;
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
    const raw = rawKey(input, spec);
    return raw === MISSING ? undefined : sortValue(raw);
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
  // The usual single date or number key, without building an array to stringify.
  if (keys.length === 1) {
    const k = keys[0];
    if (k instanceof DateValue) return `[{"d":${k.ms}}]`;
    if (typeof k === 'number' || typeof k === 'boolean' || k === null) return `[${JSON.stringify(k)}]`;
  }
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

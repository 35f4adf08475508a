/**
 * PowerShell's ObjectCommandComparer (Sort-Object, Group-Object, Measure-Object's Minimum/Maximum)
 * over NDJSON values: LanguagePrimitives.TryCompare converts the second value to the first one's type;
 * strings compare with the en-US culture, case-insensitively unless asked; two numbers compare as
 * numbers; what cannot be converted compares as both values' ToString() text. $null is less than
 * everything but a negative number. A value is first turned into a {@link SortValue} once, so that an
 * ISO 8601 timestamp (how NDJSON carries a DateTime, which ConvertFrom-Json turns back into one) is
 * parsed once per record, not once per comparison.
 */
import { formatDateTime, parseIsoTimestamp } from './format/formatValue.js';
import { recordEntries } from './record.js';

/** A DateTime: milliseconds since the epoch. */
export class DateValue {
  constructor(readonly ms: number) {}
}

/**
 * An array or an object: not IComparable in .NET, so it compares by text. Converted to a string (when
 * a string is compared with it) it is `1 2 3` or `@{a=1; b=2}`; compared as itself it is the text of
 * its base object, which for a PSCustomObject is empty: PowerShell finds all objects equal.
 */
export class TextValue {
  /**
   * @param text its string conversion: `1 2 3` for an array, `@{a=1; b=2}` for an object
   * @param truth what it converts to as a Boolean
   * @param object true for an object (a PSCustomObject), false for an array
   */
  constructor(
    readonly text: string,
    readonly truth: boolean,
    readonly object = false,
  ) {}

  /** The text it compares by when it is not converted to a string. */
  get self(): string {
    return this.object ? '' : this.text;
  }
}

/** A value ready to compare. */
export type SortValue = null | boolean | number | string | DateValue | TextValue;

/**
 * Turns an NDJSON value into the value PowerShell would compare.
 * @param value a JSON value (undefined counts as null)
 * @returns the comparable value
 */
export function sortValue(value: unknown): SortValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const date = value.length >= 20 && value.length <= 40 ? parseIsoTimestamp(value) : undefined;
    return date ? new DateValue(date.getTime()) : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return new TextValue(value.map(toText).join(' '), value.length > 1 || (value.length === 1 && truthOf(sortValue(value[0]))));
  return new TextValue(toText(value), true, true);
}

/**
 * .NET ToString() of a value in en-US, as PowerShell converts it to a string.
 * @param value a JSON value or a SortValue
 * @returns the text
 */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    const date = parseIsoTimestamp(value);
    return date ? formatDateTime(date) : value;
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return numberText(value);
  if (value instanceof DateValue) return formatDateTime(new Date(value.ms));
  if (value instanceof TextValue) return value.text;
  if (Array.isArray(value)) return value.map(toText).join(' ');
  return `@{${recordEntries(value).map(([k, v]) => `${k}=${toText(v)}`).join('; ')}}`;
}

/** A Double as .NET's shortest round-trip ToString(): exponent form from 1E+15 and below 1E-05. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-5)) {
    const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
    const e = Number(exponent);
    return `${mantissa.toUpperCase()}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(n);
}

let collators: { insensitive: Intl.Collator; sensitive: Intl.Collator } | undefined;

/**
 * Compares two strings as .NET's en-US CompareInfo does (ICU): case-insensitive unless asked.
 * @returns negative, 0 or positive
 */
export function compareText(a: string, b: string, caseSensitive: boolean): number {
  collators ??= {
    insensitive: new Intl.Collator('en-US', { sensitivity: 'accent' }),
    sensitive: new Intl.Collator('en-US', { sensitivity: 'variant', caseFirst: 'lower' }),
  };
  return (caseSensitive ? collators.sensitive : collators.insensitive).compare(a, b);
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** $null against a value: greater than a negative number, less than anything else. */
function nullAgainst(value: SortValue): number {
  return typeof value === 'number' && value < 0 ? 1 : -1;
}

function truthOf(value: SortValue): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '';
  return value instanceof TextValue ? value.truth : true;
}

const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
const HEX_TEXT = /^\s*0x[0-9a-f]+\s*$/i;

/** The second value converted to Int64 or Double, as PowerShell converts it; undefined when it cannot be. */
function toNumber(value: SortValue, integer: boolean): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value !== 'string') return undefined;
  let n: number;
  if (value.trim() === '') n = 0;
  else if (NUMBER_TEXT.test(value)) n = Number(value);
  else if (HEX_TEXT.test(value)) n = Number.parseInt(value.trim(), 16);
  else return undefined;
  if (!integer) return n;
  // To Int64: rounded half to even, as [long]'2.5' is 2.
  const floor = Math.floor(n);
  const rounded = n - floor === 0.5 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(n);
  return Math.abs(rounded) <= 9.2e18 ? rounded : undefined;
}

/**
 * A value converted to Double as PowerShell does ([double]$x): $null is 0, booleans 1 and 0, numeric
 * text its number ('' is 0); dates, objects and longer arrays do not convert.
 * @param value a SortValue
 * @returns the number, or undefined
 */
export function toDouble(value: SortValue): number | undefined {
  if (value === null) return 0;
  return value instanceof DateValue || value instanceof TextValue ? undefined : toNumber(value, false);
}

// 0001-01-01 in .NET ticks (100 ns) since the Unix epoch: [datetime]5 is 5 ticks after it.
const EPOCH_TICKS = 621355968000000000;

function toDate(value: SortValue): number | undefined {
  if (value instanceof DateValue) return value.ms;
  if (typeof value === 'number' && Number.isInteger(value)) return (value - EPOCH_TICKS) / 10000;
  if (typeof value === 'string') {
    const date = new Date(value);
    return /\d/.test(value) && !Number.isNaN(date.getTime()) ? date.getTime() : undefined;
  }
  return undefined;
}

/**
 * ObjectCommandComparer.Compare, ascending.
 * @param a the first value (its type decides the conversion)
 * @param b the second value
 * @param caseSensitive -CaseSensitive
 * @returns negative when a sorts first, 0 when equal, positive when b does
 */
export function compareSortValues(a: SortValue, b: SortValue, caseSensitive: boolean): number {
  if (a === null) return b === null ? 0 : nullAgainst(b);
  if (b === null) return -nullAgainst(a);
  if (typeof a === 'string') return compareText(a, typeof b === 'string' ? b : toText(b), caseSensitive);
  if (typeof a === 'number') {
    const n = toNumber(b, Number.isInteger(a) && typeof b !== 'number');
    if (n !== undefined) return compareNumbers(a, n);
  } else if (typeof a === 'boolean') {
    return Number(a) - Number(truthOf(b));
  } else if (a instanceof DateValue) {
    const ms = toDate(b);
    if (ms !== undefined) return compareNumbers(a.ms, ms);
  }
  return compareText(selfText(a), selfText(b), caseSensitive);
}

/** A value's text when both sides fall back to ToString(). */
function selfText(value: SortValue): string {
  return value instanceof TextValue ? value.self : toText(value);
}

/**
 * The .NET type a value has after ConvertFrom-Json, for Group-Object's "do all keys have one type" test.
 * @param value a SortValue
 * @returns a type tag; undefined for null (which any type can be compared with)
 */
export function typeTagOf(value: SortValue): string | undefined {
  if (value === null) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? 'Int64' : 'Double';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (value instanceof DateValue) return 'DateTime';
  return value.object ? 'PSCustomObject' : 'Object[]';
}

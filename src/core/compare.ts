/**
 * PowerShell's comparison operators (about_Comparison_Operators) over JSON values: the LEFT
 * operand's type decides how the right one is converted.
 *
 * Departures from PowerShell, on purpose:
 * - Strings compare with an en-US `Intl.Collator` at 'accent' sensitivity (case-insensitive,
 *   accent-sensitive); the c-variants use 'variant' sensitivity. `-like` and `-match` fold case
 *   with the RegExp `i` flag instead.
 * - A boolean left operand reads the strings "True"/"False"/"$true"/"$false" (any case) as the
 *   booleans they name, where PowerShell takes every non-empty string as true: Import-Csv records
 *   are all strings, and `Enabled -eq "False"` must mean False. Other strings keep PowerShell's rule.
 * - An array left operand is true when any element satisfies the operator (PowerShell returns the
 *   elements, and `@(0) -eq 0` is then falsy there; here it is true).
 * - Dates: JSON has none, so an ISO 8601 timestamp string (as cspin writes them) compared with a
 *   date-like string or a number compares as instants. A number is milliseconds since the Unix
 *   epoch; US (`9/25/2012 1:35:03 PM`) and zone-less ISO texts are local time, like the display.
 * - `-match` is a JS RegExp (unanchored), not a .NET one, and does not set `$Matches`.
 */
import { FilterError } from './filterError.js';
import { parseIsoTimestamp } from './format/formatValue.js';
import { isPSObject } from './psobject.js';

const BASE_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch'] as const;
type BaseOperator = (typeof BASE_OPERATORS)[number];

/** A comparison operator in canonical form: `-eq`, `-ceq` (case-sensitive), `-ieq` (explicitly not). */
export type ComparisonOperator = `-${'' | 'c' | 'i'}${BaseOperator}`;

const OPERATOR_TEXT = new RegExp(`^-?([ci]?)(${BASE_OPERATORS.join('|')})$`);

/**
 * Reads a comparison operator the way PowerShell spells it, in any case, with or without the dash.
 * @param text e.g. `-eq`, `-CLike`, `ine`
 * @returns the canonical operator, or undefined when the text names none
 */
export function parseComparisonOperator(text: string): ComparisonOperator | undefined {
  const m = OPERATOR_TEXT.exec(text.toLowerCase());
  return m === null ? undefined : (`-${m[1] ?? ''}${m[2] ?? ''}` as ComparisonOperator);
}

/**
 * Applies a comparison operator with PowerShell's conversion rules (see the module comment).
 * @param left the operand whose type decides the conversion; an array tests each element
 * @param operator the comparison operator
 * @param right the operand converted to the left one's type
 * @returns whether the comparison holds
 * @throws FilterError when `-like` or `-match` gets an invalid pattern
 */
export function compareValues(left: unknown, operator: ComparisonOperator, right: unknown): boolean {
  const caseSensitive = operator[1] === 'c';
  const base = operator.slice(operator[1] === 'c' || operator[1] === 'i' ? 2 : 1) as BaseOperator;
  // PowerShell unwraps a one-element array on the right: `5 -eq @(5)` is true.
  const r = Array.isArray(right) && right.length === 1 ? right[0] : right;
  if (Array.isArray(left)) return left.some((item) => compareScalar(item, base, r, caseSensitive));
  return compareScalar(left, base, r, caseSensitive);
}

function compareScalar(left: unknown, base: BaseOperator, right: unknown, caseSensitive: boolean): boolean {
  switch (base) {
    case 'like':
    case 'notlike':
      return wildcardRegExp(toText(right), caseSensitive).test(toText(left)) === (base === 'like');
    case 'match':
    case 'notmatch':
      return matchRegExp(toText(right), caseSensitive).test(toText(left)) === (base === 'match');
    case 'eq':
    case 'ne':
      // null equals only null, whatever the other side converts to.
      if (isNull(left) || isNull(right)) return (isNull(left) && isNull(right)) === (base === 'eq');
      return (order(left, right, caseSensitive) === 0) === (base === 'eq');
    default: {
      const c = order(left, right, caseSensitive);
      if (base === 'gt') return c > 0;
      if (base === 'ge') return c >= 0;
      return base === 'lt' ? c < 0 : c <= 0;
    }
  }
}

// Made on first use: building a collator costs every command's start-up ~15 ms.
let collators: { insensitive: Intl.Collator; sensitive: Intl.Collator } | undefined;
function collatorFor(caseSensitive: boolean): Intl.Collator {
  collators ??= {
    insensitive: new Intl.Collator('en-US', { sensitivity: 'accent' }),
    sensitive: new Intl.Collator('en-US', { sensitivity: 'variant', caseFirst: 'lower' }),
  };
  return caseSensitive ? collators.sensitive : collators.insensitive;
}

/** Sign of left − right after converting right to left's type; NaN when numbers are incomparable. */
function order(left: unknown, right: unknown, caseSensitive: boolean): number {
  // null sorts before everything, as `$null -lt 1` is true.
  if (isNull(left) || isNull(right)) return isNull(left) ? (isNull(right) ? 0 : -1) : 1;
  const instants = asInstants(left, right);
  if (instants !== undefined) return compareNumbers(instants[0], instants[1]);
  if (typeof left === 'boolean') return Number(left) - Number(toBoolean(right));
  if (typeof left === 'number') {
    const n = toNumber(right);
    if (n !== undefined) return compareNumbers(left, n);
  }
  return collatorFor(caseSensitive).compare(toText(left), toText(right));
}

// Not a subtraction: Infinity - Infinity is NaN.
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN;
}

function isNull(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value !== 'string' || !/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) return undefined;
  return Number(value);
}

/**
 * Converts a value to a boolean the way cspin reads conditions: PowerShell's rules, except that the
 * strings "False" and "$false" (any case, trimmed) are false (see the module comment).
 * @param value any JSON value
 * @returns false for null, false, 0, '', "False", "$false", an empty array or a one-element array
 *   of a false value; true otherwise
 */
export function toBoolean(value: unknown): boolean {
  if (isNull(value)) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') {
    const folded = value.trim().toLowerCase();
    return value !== '' && folded !== 'false' && folded !== '$false';
  }
  if (Array.isArray(value)) return value.length > 1 || (value.length === 1 && toBoolean(value[0]));
  return true;
}

/** The text PowerShell would convert a value to: `True`/`False`, `@{a=1}`, arrays joined by spaces. */
function toText(value: unknown): string {
  if (isNull(value)) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toText).join(' ');
  if (isPSObject(value)) return `@{${Object.entries(value).map(([k, v]) => `${k}=${toText(v)}`).join('; ')}}`;
  return String(value);
}

/** Both sides as epoch milliseconds, when one is an ISO timestamp and the other date-like. */
function asInstants(left: unknown, right: unknown): [number, number] | undefined {
  const iso = (v: unknown): number | undefined =>
    v instanceof Date ? v.getTime() : typeof v === 'string' ? parseIsoTimestamp(v)?.getTime() : undefined;
  if (iso(left) === undefined && iso(right) === undefined) return undefined;
  const l = dateLike(left);
  const r = dateLike(right);
  return l === undefined || r === undefined ? undefined : [l, r];
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])m)?)?$/i;
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Epoch milliseconds of a Date, a number, an ISO timestamp, or a local US / ISO date text. */
function dateLike(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const zoned = parseIsoTimestamp(text);
  if (zoned !== undefined) return zoned.getTime();
  const us = US_DATE.exec(text);
  if (us !== null) {
    const [month, day, year, hour, minute, second] = us.slice(1, 7).map((s) => Number(s ?? 0));
    const meridiem = us[7]?.toLowerCase();
    if (meridiem !== undefined && (hour === 0 || (hour ?? 0) > 12)) return undefined;
    const h24 = meridiem === undefined ? hour : ((hour ?? 0) % 12) + (meridiem === 'p' ? 12 : 0);
    return localTime(year, month, day, h24, minute, second);
  }
  const iso = LOCAL_ISO.exec(text);
  if (iso === null) return undefined;
  const [year, month, day, hour, minute, second] = iso.slice(1, 7).map((s) => Number(s ?? 0));
  return localTime(year, month, day, hour, minute, second);
}

function localTime(...fields: (number | undefined)[]): number | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = fields;
  const date = new Date(2000, 0, 1);
  // setFullYear, unlike the constructor, keeps years 0–99; a rolled-over day (2/30) is invalid.
  date.setFullYear(year, month - 1, day);
  date.setHours(hour, minute, second, 0);
  const valid = date.getMonth() === month - 1 && date.getDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? date.getTime() : undefined;
}

// Filters test the same pattern against every record: compile each pattern once.
const regexCache = new Map<string, RegExp>();

function cached(key: string, build: () => RegExp): RegExp {
  let re = regexCache.get(key);
  if (re === undefined) {
    if (regexCache.size >= 256) regexCache.clear();
    re = build();
    regexCache.set(key, re);
  }
  return re;
}

function matchRegExp(pattern: string, caseSensitive: boolean): RegExp {
  return cached(`m${caseSensitive ? 'c' : 'i'}${pattern}`, () => {
    try {
      return new RegExp(pattern, caseSensitive ? '' : 'i');
    } catch (error) {
      throw new FilterError(`invalid regular expression "${pattern}": ${(error as Error).message}`);
    }
  });
}

// Only characters the `u` flag allows to escape: outside a class `\-` is a syntax error there.
const escapeRegExp = (ch: string): string => ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const escapeClassChar = (ch: string): string => ch.replace(/[\\^[\]-]/g, '\\$&');

/**
 * Converts a PowerShell wildcard (`*`, `?`, `[abc]`, `[a-z]`, backtick escapes) to an anchored RegExp.
 * @param pattern the wildcard pattern
 * @param caseSensitive true for -clike
 * @returns a RegExp matching the whole text
 * @throws FilterError for an unclosed or empty `[...]`
 */
export function wildcardRegExp(pattern: string, caseSensitive = false): RegExp {
  return cached(`w${caseSensitive ? 'c' : 'i'}${pattern}`, () => {
    const chars = Array.from(pattern);
    let source = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      // A trailing backtick escapes nothing and stays literal.
      if (ch === '`' && i + 1 < chars.length) source += escapeRegExp(chars[++i] ?? '');
      else if (ch === '*') source += '.*';
      else if (ch === '?') source += '.';
      else if (ch !== '[') source += escapeRegExp(ch);
      else {
        const set: string[] = [];
        for (i++; i < chars.length && chars[i] !== ']'; i++) {
          // An unescaped '-' between two characters makes a range, as in a RegExp class.
          const escaped = chars[i] === '`' && i + 1 < chars.length;
          const c = chars[escaped ? ++i : i] ?? '';
          set.push(c === '-' && !escaped ? '-' : escapeClassChar(c));
        }
        if (i >= chars.length || set.length === 0) {
          throw new FilterError(`invalid wildcard pattern "${pattern}": '[' needs a closing ']' and a character`);
        }
        source += `[${set.join('')}]`;
      }
    }
    try {
      return new RegExp(`^${source}$`, caseSensitive ? 'su' : 'siu');
    } catch (error) {
      throw new FilterError(`invalid wildcard pattern "${pattern}": ${(error as Error).message}`);
    }
  });
}

/**
 * Escapes wildcard metacharacters with backticks, like `[WildcardPattern]::Escape`.
 * @param text literal text
 * @returns a pattern that `-like` matches against exactly that text
 */
export function escapeWildcard(text: string): string {
  return text.replace(/[*?[\]`]/g, '`$&');
}

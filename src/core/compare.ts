/**
 * PowerShell's comparison operators (about_Comparison_Operators) over JSON values: the LEFT
 * operand's type decides how the right one is converted.
 *
 * Departures from PowerShell, on purpose:
 * - Strings compare with an en-US `Intl.Collator` at 'accent' sensitivity (case-insensitive,
 *   accent-sensitive); the c-variants use 'variant' sensitivity. `-like` and `-match` fold case
 *   with the RegExp `i` flag instead.
 * - A boolean left operand reads the strings "True"/"False"/"$true"/"$false" (any case) as the
 *   booleans they name, where PowerShell takes every non-empty string as true: `IsPinSet -eq False`
 *   must mean False. Other strings keep PowerShell's rule. A value's own truth: isTrue is
 *   PowerShell's ("False" is true; Where-Object), toBoolean reads "False" as false (Get-CsUser -Filter).
 * - An array left operand is true when any element satisfies the operator (PowerShell returns the
 *   elements, and `@(0) -eq 0` is then falsy there; here it is true).
 * - Dates: JSON has none, so an ISO 8601 timestamp string (as cspin writes them) compared with a
 *   date-like string or a number compares as instants. An integer is .NET ticks (100 ns since
 *   0001-01-01 UTC), as PowerShell converts one; US (`9/25/2012 1:35:03 PM`) and zone-less ISO texts are local time, like the display.
 * - `-match` is a JS RegExp (unanchored), not a .NET one, and does not set `$Matches`.
 *
 * Failed conversions follow PowerShell: `-lt -le -gt -ge` throw (ConversionFailure: the caller
 * reports the record), `-eq` and `-ne` just find the values unequal. Converting to a boolean is
 * cspin's own rule (the strings True/False), so a string it cannot read fails with every operator:
 * `IsPinSet -ne Flase` must not select everyone (PowerShell takes any non-empty text as true). A `$null` left operand is never converted, unless
 * the caller knows the property's declared type (a PinInfoDetails date that is not set).
 */
import { ConversionFailure, type ConversionType } from './filterError.js';
import { matchRegExp, wildcardRegExp } from './comparePatterns.js';
import { dateLike, isoInstant } from './dateOperands.js';
import { isPSObject } from './psobject.js';
import { recordEntries } from './record.js';

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

/** The type a property is declared with, for a left operand that is `$null`. */
export type DeclaredType = 'DateTime' | 'Boolean';

/**
 * Applies a comparison operator with PowerShell's conversion rules (see the module comment).
 * @param left the operand whose type decides the conversion; an array tests each element
 * @param operator the comparison operator
 * @param right the operand converted to the left one's type
 * @param declared the declared type of the left operand's property, when known: a `$null` left
 *   operand then still refuses, for -lt -le -gt -ge, a right operand that type cannot take
 * @returns whether the comparison holds
 * @throws FilterError when `-like` or `-match` gets an invalid pattern
 * @throws ConversionFailure when the right operand cannot be converted (see the module comment)
 */
export function compareValues(left: unknown, operator: ComparisonOperator, right: unknown, declared?: DeclaredType): boolean {
  const caseSensitive = operator[1] === 'c';
  const base = operator.slice(operator[1] === 'c' || operator[1] === 'i' ? 2 : 1) as BaseOperator;
  // PowerShell unwraps a one-element array on the right: `5 -eq @(5)` is true.
  const r = Array.isArray(right) && right.length === 1 ? right[0] : right;
  // PowerShell compares every element: one that cannot convert fails the whole comparison.
  if (Array.isArray(left)) return left.reduce<boolean>((found, item) => compareScalar(item, base, r, caseSensitive) || found, false);
  if (declared !== undefined && isNull(left) && !isNull(r) && ORDERING.has(base)) checkDeclared(r, declared);
  return compareScalar(left, base, r, caseSensitive);
}

const ORDERING: ReadonlySet<BaseOperator> = new Set(['gt', 'ge', 'lt', 'le']);

function checkDeclared(right: unknown, declared: DeclaredType): void {
  if (declared === 'Boolean') toBooleanOperand(right);
  else if (dateLike(right) === undefined) throw new ConversionFailure(right, 'System.DateTime');
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
      return (order(left, right, caseSensitive, false) === 0) === (base === 'eq');
    default: {
      const c = order(left, right, caseSensitive, true);
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

/**
 * Sign of left − right after converting right to left's type; NaN when they are incomparable.
 * @param strict throw ConversionFailure when the conversion fails (-lt and kin), instead of NaN (-eq)
 */
function order(left: unknown, right: unknown, caseSensitive: boolean, strict: boolean): number {
  // null sorts before everything (`$null -lt 1`), but after a negative number: `$null -lt -1` is false.
  if (isNull(left) || isNull(right)) return isNull(left) ? (isNull(right) ? 0 : -nullOrder(right)) : nullOrder(left);
  const leftInstant = isoInstant(left);
  if (leftInstant !== undefined) return compareNumbers(leftInstant, converted(dateLike(right), right, 'System.DateTime', strict));
  // A date-like text on the left of an ISO timestamp compares as an instant too (PowerShell: as the
  // date's text); a number there does not convert (PowerShell's DateTime is no number).
  const rightInstant = typeof left === 'string' ? isoInstant(right) : undefined;
  const leftDate = rightInstant === undefined ? undefined : dateLike(left);
  if (rightInstant !== undefined && leftDate !== undefined) return compareNumbers(leftDate, rightInstant);
  if (typeof left === 'boolean') return Number(left) - Number(toBooleanOperand(right));
  if (typeof left === 'number') {
    const type = Number.isInteger(left) ? 'System.Int64' : 'System.Double';
    return compareNumbers(left, converted(toNumber(right), right, type, strict));
  }
  return collatorFor(caseSensitive).compare(toText(left), toText(right));
}

/** Sign of a value against $null, as PowerShell orders them: null is just below 0 among numbers. */
function nullOrder(value: unknown): number {
  return typeof value === 'number' && value < 0 ? -1 : 1;
}

/** A converted right operand, or what a failed conversion gives: an error (strict) or NaN. */
function converted(value: number | undefined, right: unknown, type: ConversionType, strict: boolean): number {
  if (value !== undefined) return value;
  if (strict) throw new ConversionFailure(right, type);
  return Number.NaN;
}

// Not a subtraction: Infinity - Infinity is NaN.
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN;
}

function isNull(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
const HEX_TEXT = /^\s*0x[0-9a-f]+\s*$/i;

/** A number as PowerShell converts one: numbers, booleans, numeric or hex text, and '' as 0. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value !== 'string') return undefined;
  if (value.trim() === '') return 0;
  if (NUMBER_TEXT.test(value)) return Number(value);
  return HEX_TEXT.test(value) ? Number.parseInt(value.trim(), 16) : undefined;
}

/**
 * The right operand of a boolean comparison: booleans, numbers (0 is false), arrays and objects as
 * PowerShell reads them; of strings only '', True, False, $True, $False and numbers (any case).
 * @throws ConversionFailure for any other string: a typo must not compare as true
 */
function toBooleanOperand(value: unknown): boolean {
  if (typeof value !== 'string') return toBoolean(value);
  const folded = value.trim().toLowerCase();
  if (folded === 'true' || folded === '$true') return true;
  if (folded === 'false' || folded === '$false' || folded === '') return false;
  const n = NUMBER_TEXT.test(value) ? Number(value) : undefined;
  if (n === undefined) throw new ConversionFailure(value, 'System.Boolean');
  return n !== 0;
}

/**
 * A value's truth as PowerShell's LanguagePrimitives.IsTrue (Where-Object): as toBoolean, except
 * that every non-empty string is true, "False" too (compare with `-eq False` for the Boolean meaning).
 */
export function isTrue(value: unknown): boolean {
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.length > 1 || (value.length === 1 && isTrue(value[0]));
  return toBoolean(value);
}

/**
 * Converts a value to a boolean the way Get-CsUser -Filter reads conditions: PowerShell's rules,
 * except that the strings "False" and "$false" (any case, trimmed) are false (see the module comment).
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
  if (isPSObject(value)) return `@{${recordEntries(value).map(([k, v]) => `${k}=${toText(v)}`).join('; ')}}`;
  return String(value);
}

export { escapeWildcard, wildcardRegExp } from './comparePatterns.js';

/**
 * Parameter types. Each type says whether a value already is of the type (the binder's passes without
 * coercion) and how to convert one (the passes with coercion, and command-line text).
 */
import { echo } from './echo.js';
import { messages } from './messages.js';
import { isPSObject } from './psobject.js';

/** Returned by {@link ParamType.convert} when a value cannot become the type. */
export const NOT_CONVERTIBLE: unique symbol = Symbol('NotConvertible');
export type NotConvertible = typeof NOT_CONVERTIBLE;

/** A parameter type, named as PowerShell's help names it. */
export interface ParamType<T> {
  /** The type name shown in help and errors, e.g. `String`, `UserIdParameter`. */
  readonly name: string;
  /** A switch is true by being present and never takes the next argument. */
  readonly isSwitch?: boolean;
  /** An array type: command-line text is a comma list, which may span arguments (commaList.ts). */
  readonly isArray?: boolean;
  /** Whether the value already is of this type (no coercion). */
  accepts(value: unknown): boolean;
  /** Converts a pipeline value or command-line text; NOT_CONVERTIBLE when it cannot. */
  convert(value: unknown): T | NotConvertible;
  /** Converts command-line text when that differs from {@link convert} (bash passes everything as text). */
  parse?(text: string): T | NotConvertible;
  /** Why command-line text did not convert, for the error message. */
  describe?(text: string): string;
}

/**
 * Text. Numbers and booleans convert; objects and arrays do not (their text form is never what a
 * user meant), nor a whole number past 2^53, whose digits JSON.parse has already rounded away.
 */
export const StringType: ParamType<string> = {
  name: 'String',
  accepts: (value) => typeof value === 'string',
  convert: (value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return isInexactNumber(value) ? NOT_CONVERTIBLE : String(value);
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    return NOT_CONVERTIBLE;
  },
};

/**
 * True for a number whose JSON text JavaScript could not keep: a whole number past 2^53 (its last
 * digits were rounded away) or one past the double range (Infinity).
 * @param value any value
 * @returns whether it is such a number
 */
export function isInexactNumber(value: unknown): boolean {
  return typeof value === 'number' && (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)));
}

/** A switch: present means true; `-Name:false` turns it off. */
export const SwitchType: ParamType<boolean> = {
  name: 'SwitchParameter',
  isSwitch: true,
  accepts: (value) => typeof value === 'boolean',
  convert: (value) => convertBoolean(value, false),
  parse: (text) => convertBoolean(text, true),
};

/** A Boolean value parameter: needs an explicit value (`True`, `$false`, `1`...). */
export const BooleanType: ParamType<boolean> = {
  name: 'Boolean',
  accepts: (value) => typeof value === 'boolean',
  convert: (value) => convertBoolean(value, false),
  parse: (text) => convertBoolean(text, true),
};

/**
 * Booleans from pipeline values take only bools and numbers (PowerShell rejects the string "False");
 * command-line text also takes true/false/$true/$false/1/0, since bash passes everything as text.
 */
export function convertBoolean(value: unknown, acceptText: boolean): boolean | NotConvertible {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (acceptText && typeof value === 'string') {
    const text = value.trim().toLowerCase().replace(/^\$/, '');
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
  }
  return NOT_CONVERTIBLE;
}

/**
 * An integer type with a range.
 * @param name the type name for help
 * @param min the smallest value
 * @param max the largest value
 * @returns the parameter type
 */
export function integerType(name: string, min: number, max: number): ParamType<number> {
  return {
    name,
    accepts: (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
    convert: (value) => {
      const number = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value;
      return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max
        ? number
        : NOT_CONVERTIBLE;
    },
    describe: (text) => `Cannot convert value "${echo(text)}" to type "${name}": expected a whole number from ${min} to ${max}.`,
  };
}

/**
 * Checks a bound value against a parameter's [ValidateRange] (null and non-numbers pass: other rules own them).
 * @param name the parameter name, for the message
 * @param value the converted value
 * @param range the inclusive range, if the parameter declares one
 * @returns PowerShell's validation message, or undefined when the value is in range
 */
export function rangeViolation(name: string, value: unknown, range: readonly [number, number] | undefined): string | undefined {
  if (!range || typeof value !== 'number') return undefined;
  if (value < range[0]) return messages.belowRange(name, value, range[0]);
  if (value > range[1]) return messages.aboveRange(name, value, range[1]);
  return undefined;
}

/**
 * A type that also takes null: `$null` from the pipeline, and on the command line an empty value or
 * the text `$null` (bash expands an unquoted $null to nothing, so `-Name:$null` arrives as `-Name:`).
 * @param inner the type of the non-null values
 * @returns the nullable type, named like the inner one
 */
export function nullableType<T>(inner: ParamType<T>): ParamType<T | null> {
  const isNullText = (text: string) => text.trim() === '' || text.trim().toLowerCase() === '$null';
  return {
    name: inner.name,
    accepts: (value) => value === null || inner.accepts(value),
    convert: (value) => (value === null ? null : inner.convert(value)),
    parse: (text) => (isNullText(text) ? null : inner.parse ? inner.parse(text) : inner.convert(text)),
    describe: (text) => `${inner.describe?.(text) ?? messages.cannotConvertValue(text, inner.name)} An empty value or '$null' means null.`,
  };
}

/** Int32, as in PowerShell. */
export const Int32Type = integerType('Int32', -2147483648, 2147483647);

/**
 * An enumeration: names match case-insensitively, numbers by value.
 * @param name the type name for help
 * @param members names and their numbers
 * @returns the parameter type, whose values are the canonical member names
 */
export function enumType<const M extends string>(name: string, members: Readonly<Record<M, number>>): ParamType<M> {
  const entries = Object.entries(members) as [M, number][];
  const list = entries.map(([member]) => member).join(', ');
  return {
    name,
    accepts: (value) => typeof value === 'string' && entries.some(([member]) => member === value),
    convert: (value) => {
      const text = typeof value === 'number' ? String(value) : value;
      if (typeof text !== 'string') return NOT_CONVERTIBLE;
      const folded = text.trim().toLowerCase();
      const hit = entries.find(([member, number]) => member.toLowerCase() === folded || String(number) === folded);
      return hit ? hit[0] : NOT_CONVERTIBLE;
    },
    describe: (text) => messages.cannotConvertValue(text, name, `Specify one of the following enumerator names and try again: ${list}.`),
  };
}

/** True for an object whose PSTypeName is one of the given names. */
export function isTypedObject(value: unknown, typeNames: readonly string[]): boolean {
  return isPSObject(value) && typeof value.PSTypeName === 'string' && typeNames.includes(value.PSTypeName);
}

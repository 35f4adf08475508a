/**
 * Parameter types. Each type says whether a value already is of the type (the binder's passes without
 * coercion) and how to convert one (the passes with coercion, and command-line text).
 */
import { coreMessages } from './messages.js';
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
  /** The values it takes, when they are a fixed set (an enum): shell completion offers them. */
  readonly values?: readonly string[];
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
 * command-line text is read by {@link booleanArgument}, since bash passes everything as text.
 */
export function convertBoolean(value: unknown, acceptText: boolean): boolean | NotConvertible {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (acceptText && typeof value === 'string') return booleanArgument(value);
  return NOT_CONVERTIBLE;
}

// PowerShell's number tokens in argument mode: decimal (1, 1., .5, 1e3), hex 0x, binary 0b, with a
// type suffix (l u ul d y s...) and a multiplier (kb mb gb tb pb). A leading sign makes a string there.
const NUMBER_TOKEN = /^(?:0x([\da-f]+)|0b([01]+)|(\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(?:u?[lsy]|u|d)?(?:[kmgtp]b)?$/i;

/**
 * Command-line text as the value of a switch or Boolean parameter (`-WhatIf:0`), as PowerShell's
 * binder reads the token: a number is true unless it is zero, `$true`/`$false` are themselves and
 * `$null` is true; anything else is a string, which it refuses. cspin also reads true and false
 * without the `$` (bash expands an unquoted `$false` to nothing).
 * @param text the value as typed
 * @returns the Boolean, or NOT_CONVERTIBLE
 */
export function booleanArgument(text: string): boolean | NotConvertible {
  const token = text.trim().toLowerCase();
  if (token === '$true' || token === 'true' || token === '$null') return true;
  if (token === '$false' || token === 'false') return false;
  const number = NUMBER_TOKEN.exec(token);
  if (!number) return NOT_CONVERTIBLE;
  // Zero whatever its spelling (0.0, 0x0, 0e5, 0kb): no digit other than 0 before the exponent.
  return /[1-9a-f]/.test(number[1] ?? number[2] ?? number[3] ?? '');
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
    describe: (text) => coreMessages.CannotConvertArgument.wholeNumber(text, name, min, max),
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
  if (value < range[0]) return coreMessages.ParameterArgumentValidationError.belowRange(name, value, range[0]);
  if (value > range[1]) return coreMessages.ParameterArgumentValidationError.aboveRange(name, value, range[1]);
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
    describe: (text) => coreMessages.CannotConvertArgument.nullable(inner.describe?.(text) ?? coreMessages.CannotConvertArgument.value(text, inner.name)),
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
    values: entries.map(([member]) => member),
    accepts: (value) => typeof value === 'string' && entries.some(([member]) => member === value),
    convert: (value) => {
      const text = typeof value === 'number' ? String(value) : value;
      if (typeof text !== 'string') return NOT_CONVERTIBLE;
      const folded = text.trim().toLowerCase();
      const hit = entries.find(([member, number]) => member.toLowerCase() === folded || String(number) === folded);
      return hit ? hit[0] : NOT_CONVERTIBLE;
    },
    describe: (text) => coreMessages.CannotConvertArgument.enumeration(text, name, list),
  };
}

/** True for an object whose PSTypeName is one of the given names. */
export function isTypedObject(value: unknown, typeNames: readonly string[]): boolean {
  return isPSObject(value) && typeof value.PSTypeName === 'string' && typeNames.includes(value.PSTypeName);
}

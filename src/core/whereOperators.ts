/**
 * Where-Object's simplified syntax, `Where-Object Prop -op Value`: one switch parameter per operator
 * (PowerShell declares them the same way, each in its own parameter set), and the test a chosen
 * switch makes of a property value. The comparisons themselves are compare.ts's.
 */
import { compareValues, isTrue, wildcardRegExp, type ComparisonOperator, type DeclaredType } from './compare.js';
import type { ParameterDecl } from './declaration.js';
import { ComparisonFailure, ConversionFailure, conversionMessage } from './filterError.js';
import { coreMessages } from './messages.js';
import { TYPE_NAME_PROPERTY, findProperty, isPSObject } from './psobject.js';
import { SwitchType } from './types.js';
import { propertyNames } from './record.js';

type Kind = 'compare' | 'contains' | 'notcontains' | 'in' | 'notin' | 'not';

/** [kind, compare.ts operator (for compare), what the switch selects]. Case-sensitive ones start with C. */
const OPERATORS = {
  EQ: ['compare', '-eq', 'is equal to the value'],
  CEQ: ['compare', '-ceq', 'is equal to the value, case-sensitively'],
  NE: ['compare', '-ne', 'is not equal to the value'],
  CNE: ['compare', '-cne', 'is not equal to the value, case-sensitively'],
  GT: ['compare', '-gt', 'is greater than the value'],
  CGT: ['compare', '-cgt', 'is greater than the value, case-sensitively'],
  LT: ['compare', '-lt', 'is less than the value'],
  CLT: ['compare', '-clt', 'is less than the value, case-sensitively'],
  GE: ['compare', '-ge', 'is greater than or equal to the value'],
  CGE: ['compare', '-cge', 'is greater than or equal to the value, case-sensitively'],
  LE: ['compare', '-le', 'is less than or equal to the value'],
  CLE: ['compare', '-cle', 'is less than or equal to the value, case-sensitively'],
  Like: ['compare', '-like', 'matches the value as a wildcard pattern (* ? [a-z])'],
  CLike: ['compare', '-clike', 'matches the value as a wildcard pattern, case-sensitively'],
  NotLike: ['compare', '-notlike', 'does not match the value as a wildcard pattern'],
  CNotLike: ['compare', '-cnotlike', 'does not match the value as a wildcard pattern, case-sensitively'],
  Match: ['compare', '-match', 'matches the value as a regular expression (unanchored)'],
  CMatch: ['compare', '-cmatch', 'matches the value as a regular expression, case-sensitively'],
  NotMatch: ['compare', '-notmatch', 'does not match the value as a regular expression'],
  CNotMatch: ['compare', '-cnotmatch', 'does not match the value as a regular expression, case-sensitively'],
  Contains: ['contains', '-eq', 'is a collection holding an item equal to the value (a single value is a collection of one)'],
  CContains: ['contains', '-ceq', 'is a collection holding an item equal to the value, case-sensitively'],
  NotContains: ['notcontains', '-eq', 'is a collection holding no item equal to the value'],
  CNotContains: ['notcontains', '-ceq', 'is a collection holding no item equal to the value, case-sensitively'],
  In: ['in', '-eq', 'is equal to one of the items of the value (a comma list such as a,b, or a JSON array such as \'["a","b"]\', is a list of items)'],
  CIn: ['in', '-ceq', 'is equal to one of the items of the value, case-sensitively'],
  NotIn: ['notin', '-eq', 'is equal to none of the items of the value'],
  CNotIn: ['notin', '-ceq', 'is equal to none of the items of the value, case-sensitively'],
  Not: ['not', '-eq', 'is false, empty, $null or missing (Where-Object -Not Prop); it takes no value'],
} as const satisfies Record<string, readonly [Kind, ComparisonOperator, string]>;

/** The name of an operator switch: EQ, CLike, NotIn... */
export type WhereOperator = keyof typeof OPERATORS;

/** Every operator switch, in declaration order. */
export const WHERE_OPERATORS = Object.keys(OPERATORS) as WhereOperator[];

/**
 * The operator switches as parameters. The case-insensitive ones also answer to their explicit
 * i-spelling (-IEQ, -ILike), as PowerShell's aliases do.
 * @returns one SwitchParameter per operator
 */
export function operatorParameters(): Readonly<Record<WhereOperator, ParameterDecl<boolean>>> {
  const entries = WHERE_OPERATORS.map((name): [WhereOperator, ParameterDecl<boolean>] => {
    const [kind, comparison, selects] = OPERATORS[name];
    const caseInsensitive = !comparison.startsWith('-c');
    const decl: ParameterDecl<boolean> = {
      type: SwitchType,
      description: `Selects the objects whose property ${selects}.`,
      ...(caseInsensitive && kind !== 'not' ? { aliases: [`I${name}`] } : {}),
    };
    return [name, decl];
  });
  return Object.fromEntries(entries) as Record<WhereOperator, ParameterDecl<boolean>>;
}

/** Whether the operator takes a list as its value (-In and its kin). */
export function takesList(operator: WhereOperator): boolean {
  const kind = OPERATORS[operator][0];
  return kind === 'in' || kind === 'notin';
}

/** The test of a property value (the left operand), given its declared type when the record's type declares one. */
export type OperatorTest = (left: unknown, declared?: DeclaredType) => boolean;

/**
 * The test an operator makes of a property value (the left operand), with PowerShell's conversion
 * rules for the left operand's type. Without an operator the test is the property's truth value.
 * @param operator the chosen switch, or undefined for `Where-Object Prop`
 * @param value the right operand (-Value)
 * @param property the property's name, for messages
 * @returns the test; it throws ComparisonFailure when the value cannot be converted to the type of
 *   the property value (or, for -In, the property value to the type of an item)
 * @throws FilterError when -like or -match gets an invalid pattern, before any record is read
 */
export function operatorTest(operator: WhereOperator | undefined, value: unknown, property: string = coreMessages.ComparisonFailure.theProperty): OperatorTest {
  // A property alone is its truth, PowerShell's: a non-empty string is true, "False" too.
  if (operator === undefined) return isTrue;
  const [kind, comparison] = OPERATORS[operator];
  switch (kind) {
    case 'not':
      return (left) => !isTrue(left);
    case 'contains':
    case 'notcontains': {
      const compare = converting(comparison, property, true);
      return (left) => asList(left).some((item) => compare(item, value)) === (kind === 'contains');
    }
    case 'in':
    case 'notin': {
      // As in PowerShell, each item of the list is the left operand: its type decides.
      const items = asList(value);
      const compare = converting(comparison, coreMessages.ComparisonFailure.itemOf(operator), false, coreMessages.ComparisonFailure.valueOfProperty(property));
      return (left) => items.some((item) => compare(item, left)) === (kind === 'in');
    }
    default: {
      compareValues('', comparison, value);
      const compare = converting(comparison, property, true);
      return (left, declared) => compare(left, value, declared);
    }
  }
}

/** compareValues, whose failed conversions become ComparisonFailures with their message. */
function converting(operator: ComparisonOperator, subject: string, fromCommandLine: boolean, source?: string) {
  return (left: unknown, right: unknown, declared?: DeclaredType): boolean => {
    try {
      return compareValues(left, operator, right, declared);
    } catch (error) {
      if (error instanceof ConversionFailure) throw new ComparisonFailure(conversionMessage(error, subject, fromCommandLine, source));
      throw error;
    }
  };
}

function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** A property value, or the names a wildcard property name matched more than once. */
export type PropertyRead = { value: unknown } | { ambiguous: string[] };

/**
 * Reads a property the way Where-Object does: case-insensitively, a wildcard name (`Is*Set`) when
 * it matches exactly one property, $null when the record has no such property or is no object.
 * A string has its Length, as in PowerShell.
 * @param name the property name, possibly with wildcards
 * @returns a reader of that property
 */
export function propertyReader(name: string): (record: unknown) => PropertyRead {
  const isLength = name.toLowerCase() === 'length';
  const pattern = /[*?[]/.test(name) ? wildcardRegExp(name) : undefined;
  return (record) => {
    if (typeof record === 'string') return { value: isLength ? record.length : null };
    if (!isPSObject(record)) return { value: null };
    if (pattern === undefined) return { value: findProperty(record, name)?.value ?? null };
    // The type name is cspin's carrier of PSTypeNames, not a property PowerShell would match.
    const keys = propertyNames(record).filter((key) => key !== TYPE_NAME_PROPERTY && pattern.test(key));
    if (keys.length > 1) return { ambiguous: keys };
    return { value: keys[0] === undefined ? null : record[keys[0]] };
  };
}

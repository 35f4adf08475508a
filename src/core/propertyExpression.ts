/**
 * PowerShell's PSPropertyExpression: what a `-Property` element names on an object. A name matches
 * a property case-insensitively, a name with wildcards (`*`, `?`, `[..]`) every matching property in
 * the object's own order; a script block is evaluated with `$_` set to the object, and its text is
 * the name of what it gives. A string object has one property, Length (as in .NET).
 */
import { wildcardRegExp } from './compare.js';
import { echo } from './echo.js';
import { usageError } from './errors.js';
import { compileExpression, FilterError } from './filterScript.js';
import { coreMessages } from './messages.js';
import type { ScriptBlockLiteral } from './propertyType.js';
import { findProperty, isPSObject, TYPE_NAME_PROPERTY } from './psobject.js';
import { propertyNames } from './record.js';

/** One value an expression gives for an object, with the name it goes by. */
export interface ExpressionResult {
  name: string;
  value: unknown;
}

/** A compiled `-Property` expression. */
export interface PropertyExpression {
  /** The name pattern, or the script block's text between its braces. */
  readonly text: string;
  /** True for a name with wildcard characters: matching nothing is then no result at all. */
  readonly wildcard: boolean;
  readonly isScript: boolean;
  /** The values it gives for an object: none when no property matches. */
  resolve(input: unknown): ExpressionResult[];
}

const WILDCARD = /[*?[]/;

/**
 * Whether a name holds wildcard characters.
 * @param name a property name or pattern
 * @returns true for `*`, `?` or `[`
 */
export function hasWildcard(name: string): boolean {
  return WILDCARD.test(name);
}

/**
 * The properties an object shows: a record's own (PSTypeName aside: it carries the type, not a
 * property), a string's Length, nothing for other values.
 * @param input a pipeline object
 * @returns [name, value] pairs in the object's order
 */
export function objectProperties(input: unknown): [string, unknown][] {
  if (typeof input === 'string') return [['Length', input.length]];
  if (!isPSObject(input)) return [];
  return propertyNames(input)
    .filter((name) => name !== TYPE_NAME_PROPERTY)
    .map((name) => [name, input[name]]);
}

/**
 * Compiles a name or script block.
 * @param source a property name (wildcards allowed) or a script block
 * @param parameter the parameter it came from, for messages
 * @returns the expression
 * @throws TerminatingError (usage) ScriptBlockNotSupported for a script block beyond the expression language
 */
export function propertyExpression(source: string | ScriptBlockLiteral, parameter: string): PropertyExpression {
  if (typeof source !== 'string') {
    const evaluate = compileScriptBlock(source.text, parameter);
    const name = source.body;
    // A value the block cannot compute for an object (a comparison that does not convert) is $null, as in a failed calculated property.
    const value = (input: unknown) => {
      try {
        return evaluate(input);
      } catch {
        return null;
      }
    };
    return { text: name, wildcard: false, isScript: true, resolve: (input) => [{ name, value: value(input) }] };
  }
  if (hasWildcard(source)) {
    const pattern = wildcard(source, parameter);
    return {
      text: source,
      wildcard: true,
      isScript: false,
      resolve: (input) => objectProperties(input).filter(([name]) => pattern.test(name)).map(([name, value]) => ({ name, value })),
    };
  }
  const isLength = source.toLowerCase() === 'length';
  return {
    text: source,
    wildcard: false,
    isScript: false,
    resolve: (input) => {
      if (typeof input === 'string') return isLength ? [{ name: 'Length', value: input.length }] : [];
      const found = isPSObject(input) && source !== TYPE_NAME_PROPERTY ? findProperty(input, source) : undefined;
      return found ? [{ name: found.name, value: found.value }] : [];
    },
  };
}

/**
 * Compiles a script block with the expression language (filterScript.ts).
 * @param text the script block, with its braces
 * @param parameter the parameter it came from, for messages
 * @returns its value for an object; it throws ComparisonFailure for a comparison that does not convert
 * @throws TerminatingError (usage) ScriptBlockNotSupported
 */
export function compileScriptBlock(text: string, parameter: string): (input: unknown) => unknown {
  try {
    return compileExpression(text);
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    throw usageError('ScriptBlockNotSupported', coreMessages.ScriptBlockNotSupported(parameter, text, error.position, error.reason), echo(text));
  }
}

/**
 * A filter of names with wildcards (-ExcludeProperty): PowerShell's PSPropertyExpressionFilter.
 * @param patterns names or patterns
 * @param parameter the parameter they came from, for messages
 * @returns whether a name matches one of them, case-insensitively
 */
export function nameFilter(patterns: readonly string[], parameter: string): (name: string) => boolean {
  const tests = patterns.map((pattern) => wildcard(pattern, parameter));
  return (name) => tests.some((test) => test.test(name));
}

function wildcard(pattern: string, parameter: string): RegExp {
  try {
    return wildcardRegExp(pattern);
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    throw usageError('WildcardPatternException', coreMessages.WildcardPatternException(parameter, error.reason), echo(pattern));
  }
}

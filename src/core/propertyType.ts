/**
 * The `-Property` parameter type of Select-Object, Sort-Object, Format-Table and the like: PowerShell's
 * Object[] of names (wildcards allowed), calculated-property hashtables and script blocks, given in
 * bash as a comma list (`Name, Count`, `DisplayName,@{n='Sip';e={$_.SipAddress}}`).
 */
import { arrayType } from './commaList.js';
import { echo } from './echo.js';
import { usageError } from './errors.js';
import { isHashtableLiteral, parseHashtableLiteral, scriptBlockEnd, type HashtableLiteral } from './hashtableLiteral.js';
import { coreMessages } from './messages.js';
import { NOT_CONVERTIBLE, StringType, type ParamType } from './types.js';

/** A script block given as a list element or parameter value: `{$_.A}`. */
export interface ScriptBlockLiteral {
  readonly kind: 'scriptBlock';
  readonly text: string;
  readonly body: string;
}

/** An element of a `-Property` list: a name (wildcards allowed), a hashtable, or a script block. */
export type PropertyArgument = string | HashtableLiteral | ScriptBlockLiteral;

/**
 * Reads one `-Property` element: `@{...}` is a hashtable literal, `{...}` a script block, anything
 * else a property name.
 * @param text the element, unquoted
 * @returns the argument
 * @throws TerminatingError (usage) for a malformed hashtable or an unclosed script block
 */
export function parsePropertyArgument(text: string): PropertyArgument {
  const trimmed = text.trim();
  if (isHashtableLiteral(trimmed)) return parseHashtableLiteral(trimmed);
  if (!trimmed.startsWith('{')) return text;
  if (scriptBlockEnd(trimmed, 0) !== trimmed.length) {
    throw usageError('MissingEndCurlyBrace', coreMessages.MissingEndCurlyBrace.property(trimmed), echo(trimmed));
  }
  return { kind: 'scriptBlock', text: trimmed, body: trimmed.slice(1, -1) };
}

const isArgument = (value: unknown): value is PropertyArgument =>
  typeof value === 'string' || (typeof value === 'object' && value !== null && 'kind' in value && (value.kind === 'hashtable' || value.kind === 'scriptBlock'));

/** One element: a name, `@{...}` or `{...}`. */
export const PropertyArgumentType: ParamType<PropertyArgument> = {
  name: 'Object',
  accepts: isArgument,
  convert: (value) => (typeof value === 'string' ? parsePropertyArgument(value) : isArgument(value) ? value : NOT_CONVERTIBLE),
  parse: (text) => parsePropertyArgument(text),
};

/** `Object[]` of property arguments. */
export const PropertyListType = arrayType(PropertyArgumentType, 'Object[]');

/** `String[]`: a comma list of names (wildcards allowed). */
export const NameListType: ParamType<string[]> = arrayType(StringType);

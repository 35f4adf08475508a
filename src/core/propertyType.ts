/**
 * The `-Property` parameter type of Select-Object, Sort-Object, Format-Table and the like: PowerShell's
 * Object[] of names (wildcards allowed), calculated-property hashtables and script blocks, given in
 * bash as a comma list (`Name, Count`, `DisplayName,@{n='Sip';e={$_.SipAddress}}`).
 */
import { arrayType } from './commaList.js';
import { parsePropertyArgument, type PropertyArgument } from './hashtableLiteral.js';
import { NOT_CONVERTIBLE, StringType, type ParamType } from './types.js';

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

/**
 * PowerShell's comma lists for array parameters, in both bash spellings: `-Property Name,Count` (one
 * argument) and `Name, Count` (bash hands over `Name,` and `Count`; `Name ,Count` also works). Commas
 * inside quotes, `{...}`, `@{...}`, `(...)` and `[...]` do not split, so a calculated property or a
 * script block can be an element. Only parameters whose type is an array ({@link arrayType}) split.
 */
import { echo } from './echo.js';
import { usageError } from './errors.js';
import { quotedEnd } from './hashtableLiteral.js';
import { coreMessages } from './messages.js';
import { NOT_CONVERTIBLE, type ParamType } from './types.js';

const OPENERS: Readonly<Record<string, string>> = { '{': '}', '(': ')', '[': ']' };

/**
 * Splits text at its top-level commas.
 * @param text e.g. `DisplayName,@{n="Sip";e={$_.SipAddress}}`
 * @returns the elements, trimmed (an empty one where two commas meet or the text ends with one)
 */
export function splitCommaList(text: string): string[] {
  const elements: string[] = [];
  const closers: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === "'" || ch === '"') {
      const end = quotedEnd(text, i);
      if (end === 0) break; // an unclosed quote holds the rest
      i = end - 1;
    } else if (ch in OPENERS) {
      closers.push(OPENERS[ch] ?? '');
    } else if (ch === closers.at(-1)) {
      closers.pop();
    } else if (ch === ',' && closers.length === 0) {
      elements.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  elements.push(text.slice(start).trim());
  return elements;
}

/**
 * Joins the arguments that make one comma list, starting at `tokens[start]`: while the list so far
 * ends with a top-level comma, or the next argument starts with one, the next argument belongs to it.
 * @param tokens the arguments
 * @param start where the list starts
 * @param first the first element's text, when it differs from tokens[start] (`-Name:value`)
 * @param isParameter tells a parameter name, which cannot be an element
 * @returns the list as one text and the index after its last argument
 * @throws TerminatingError MissingExpression when the arguments end right after a comma
 */
export function gatherCommaList(
  tokens: readonly string[],
  start: number,
  first = tokens[start] ?? '',
  isParameter: (token: string) => boolean = () => false,
): { text: string; next: number } {
  let text = first;
  let next = start + 1;
  for (;;) {
    const following = tokens[next];
    const open = endsWithComma(text);
    if (!open && !(following?.trimStart().startsWith(',') ?? false)) return { text, next };
    if (following === undefined || isParameter(following)) throw missingExpression(text);
    text = `${text} ${following}`;
    next++;
  }
}

function endsWithComma(text: string): boolean {
  return /,\s*$/.test(text) && splitCommaList(text).at(-1) === '';
}

function missingExpression(text: string): Error {
  return usageError('MissingExpression', coreMessages.MissingExpression(text), echo(text));
}

/**
 * The text of one list element: a whole quoted string loses its quotes ('a,b' is the text a,b).
 * @param element a trimmed element
 * @returns its text
 */
export function unquoteElement(element: string): string {
  const quote = element[0];
  if ((quote !== "'" && quote !== '"') || quotedEnd(element, 0) !== element.length) return element;
  const inner = element.slice(1, -1);
  return inner.split(quote + quote).join(quote);
}

/**
 * An array parameter type (`String[]`, `Object[]`): command-line text is a comma list whose elements
 * convert with the element type; a pipeline value is an array, or one value taken as a list of one.
 * @param element the element type
 * @param name the type name for help; `<element>[]` by default
 * @returns the array type
 */
export function arrayType<T>(element: ParamType<T>, name = `${element.name}[]`): ParamType<T[]> {
  const convertAll = (values: readonly unknown[], text: boolean): T[] | typeof NOT_CONVERTIBLE => {
    const out: T[] = [];
    for (const value of values) {
      const converted = text && typeof value === 'string' && element.parse ? element.parse(value) : element.convert(value);
      if (converted === NOT_CONVERTIBLE) return NOT_CONVERTIBLE;
      out.push(converted);
    }
    return out;
  };
  return {
    name,
    isArray: true,
    accepts: (value) => Array.isArray(value) && value.every((item) => element.accepts(item)),
    convert: (value) => convertAll(Array.isArray(value) ? value : [value], false),
    parse: (text) => {
      const elements = splitCommaList(text);
      if (elements.includes('')) throw missingExpression(text);
      return convertAll(elements.map(unquoteElement), true);
    },
    describe: (text) => element.describe?.(text) ?? coreMessages.CannotConvertArgument.value(text, name),
  };
}

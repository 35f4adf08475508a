/**
 * ConvertTo-Json's text (PowerShell 7, Newtonsoft's indented layout): two-space indent, `"key": value`,
 * one array element per line, `[]` and `{}` when empty; or no whitespace at all when compressed.
 * Values are written as PowerShell writes what ConvertFrom-Json read: ISO dates as .NET writes a
 * DateTime, non-whole numbers as .NET doubles (`1E-05`), and containers deeper than -Depth as their
 * PowerShell strings (`@{L3=deep}`, `1 2 3`).
 */
import { TYPE_NAME_PROPERTY } from '../psobject.js';
import { recordEntries } from '../record.js';
import { formatNumber, isRecord, parseIsoTimestamp, toStringValue } from './formatValue.js';

/** How a document is written. */
export interface JsonLayout {
  /** Containers nested deeper than this are written as strings. */
  depth: number;
  compress: boolean;
}

/** Where the writing is: `truncated` is set when a container was cut at the depth limit. */
export interface JsonWriteState {
  truncated: boolean;
}

const ISO_PARTS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Writes a value as ConvertTo-Json does.
 * @param value a value from a parsed JSON record
 * @param layout depth and compression
 * @param state collects whether anything was truncated
 * @param level the nesting level of the value (0 for a document; 1 for an element of the array of several inputs)
 * @returns the JSON text, indented as if it started at that level
 */
export function writeJson(value: unknown, layout: JsonLayout, state: JsonWriteState, level = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return jsonNumber(value);
  if (typeof value === 'string') return jsonString(jsonDate(value) ?? value);
  const isArray = Array.isArray(value);
  if (!isArray && !isRecord(value)) return jsonString(String(value));
  if (level > layout.depth) {
    state.truncated = true;
    return jsonString(isArray ? joinedString(value as unknown[]) : toStringValue(value, 'invariant'));
  }
  const members: string[] = [];
  const colon = layout.compress ? ':' : ': ';
  if (isArray) {
    for (const element of value as unknown[]) members.push(writeJson(element, layout, state, level + 1));
  } else {
    for (const [name, member] of recordEntries(value)) {
      if (name === TYPE_NAME_PROPERTY || member === undefined) continue;
      members.push(`${jsonString(name)}${colon}${writeJson(member, layout, state, level + 1)}`);
    }
  }
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (members.length === 0) return `${open}${close}`;
  if (layout.compress) return `${open}${members.join(',')}${close}`;
  const inner = '  '.repeat(level + 1);
  return `${open}\n${inner}${members.join(`,\n${inner}`)}\n${'  '.repeat(level)}${close}`;
}

/** Newtonsoft writes a whole number as digits and a double with .NET's round-trip text. */
function jsonNumber(value: number): string {
  if (!Number.isFinite(value)) return `"${formatNumber(value)}"`;
  if (Object.is(value, -0)) return '0';
  return formatNumber(value);
}

/**
 * A JSON string as Newtonsoft escapes it: JSON.stringify's escapes, plus U+0085, U+2028 and U+2029.
 * @param text the text
 * @returns the quoted string
 */
export function jsonString(text: string): string {
  const quoted = JSON.stringify(text);
  return /[\u0085\u2028\u2029]/.test(quoted) ? quoted.replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : quoted;
}

/**
 * An ISO timestamp as ConvertTo-Json writes the DateTime ConvertFrom-Json made of it: a UTC one with
 * its fraction trimmed (`2012-09-25T13:35:03Z`), one with an offset in local time with the local offset.
 * @param text a string value
 * @returns the text to write, or undefined when the string is not a timestamp
 */
export function jsonDate(text: string): string | undefined {
  if (text.length < 20 || text.charCodeAt(10) !== 0x54) return undefined;
  const parts = ISO_PARTS.exec(text);
  const date = parts ? parseIsoTimestamp(text) : undefined;
  if (!parts || !date) return undefined;
  const fraction = (parts[2] ?? '').slice(0, 7).replace(/0+$/, '');
  const dot = fraction === '' ? '' : `.${fraction}`;
  if (parts[3] === 'Z') return `${parts[1] ?? ''}${dot}Z`;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const local = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${local}${dot}${zone}`;
}

/**
 * An array as PowerShell's string conversion joins it (what ConvertTo-Json writes past -Depth): the
 * elements' invariant-culture text separated by spaces; a nested object is empty, a nested array
 * `System.Object[]`, a date `09/25/2012 13:35:03`.
 * @param values the array
 * @returns the text
 */
export function joinedString(values: readonly unknown[]): string {
  return values
    .map((value) => {
      if (value === null || value === undefined || isRecord(value)) return '';
      if (Array.isArray(value)) return 'System.Object[]';
      return toStringValue(value, 'invariant');
    })
    .join(' ');
}


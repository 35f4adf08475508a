/**
 * How PowerShell's console shows a single value: `ToString()` with the en-US culture, collections cut
 * at `$FormatEnumerationLimit`, nested objects as `@{Name=value; ...}`.
 */
import { propertyNames } from '../record.js';
import { isoTimestampMs, localDateText } from './dateText.js';
import { numberText, tableNumberText } from './numberText.js';

/** A record as JSON.parse produces it: ordered properties. */
export type FormatRecord = Record<string, unknown>;

/** The property that names a record's type; it is metadata and never displayed. */
export const TYPE_NAME_PROPERTY = 'PSTypeName';

/** PowerShell's default `$FormatEnumerationLimit`: collections show this many items, then `…`. */
export const ENUMERATION_LIMIT = 4;

/**
 * Tells whether a value is a record (a plain object), as opposed to a scalar, an array or a Date.
 * @param value - any value.
 * @returns true for non-null objects that are neither arrays nor Dates.
 */
export function isRecord(value: unknown): value is FormatRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Lists the property names of a record that the console shows, in order, without `PSTypeName`.
 * @param record - the record.
 * @returns the displayed property names.
 */
export function displayedProperties(record: FormatRecord): string[] {
  return propertyNames(record).filter((name) => name !== TYPE_NAME_PROPERTY);
}

/**
 * Parses an ISO 8601 timestamp the way cspin writes it (`YYYY-MM-DDTHH:MM:SS[.fff](Z|±hh:mm)`, a
 * valid calendar date: JS Date would roll 2012-02-30 over to March, PowerShell keeps such text a string).
 * @param text - a candidate string.
 * @returns the instant, or undefined when the text is not a valid timestamp.
 */
export function parseIsoTimestamp(text: string): Date | undefined {
  const ms = isoTimestampMs(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * Formats an instant as the en-US general date in the process's local time zone (`M/d/yyyy h:mm:ss tt`).
 * @param date - the instant.
 * @returns text such as `9/25/2012 1:35:03 PM`.
 */
export function formatDateTime(date: Date): string {
  const hours = date.getHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const year = String(date.getFullYear()).padStart(4, '0');
  const clock = `${hour12}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${date.getMonth() + 1}/${date.getDate()}/${year} ${clock}`;
}

/**
 * Formats a value as PowerShell's console shows it in a list line (and, but for doubles, a table cell).
 * @param value a value from a parsed JSON record.
 * @returns the display text; `''` for null and undefined.
 */
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) {
    const shown = value.slice(0, ENUMERATION_LIMIT).map((item) => (item === null || item === undefined ? '$null' : elementText(item)));
    return `{${shown.join(', ')}${value.length > ENUMERATION_LIMIT ? '…' : ''}}`;
  }
  if (isRecord(value)) {
    // A nested object's ToString(): its own nested objects show as nothing, arrays as their type.
    const pairs = displayedProperties(value).map((name) => `${name}=${memberText(value[name])}`);
    return pairs.length === 0 ? '' : `@{${pairs.join('; ')}}`;
  }
  return scalarText(value);
}

/**
 * Formats a value as a table cell shows it: as {@link formatValue}, doubles with two decimals.
 * @param value a value from a parsed JSON record.
 * @returns the cell text.
 */
export function formatTableValue(value: unknown): string {
  return typeof value === 'number' ? tableNumberText(value) : formatValue(value);
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return stringText(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : localDateText(value.getTime(), formatDateTime);
  return String(value);
}

/**
 * A string's ToString() after ConvertFrom-Json: a timestamp is a date, written as en-US local time.
 * @param text a string value
 * @returns the date's text, or the string itself
 */
export function stringText(text: string): string {
  const ms = isoTimestampMs(text);
  return Number.isNaN(ms) ? (localTimestampText(text) ?? text) : localDateText(ms, formatDateTime);
}

// An item of a collection: a nested collection is its items' text joined by spaces ($OFS).
function elementText(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'System.Object[]' : value.map((item) => elementText(item)).join(' ');
  return formatValue(value);
}

function memberText(value: unknown): string {
  if (Array.isArray(value)) return 'System.Object[]';
  if (isRecord(value)) return '';
  return scalarText(value);
}

// ConvertFrom-Json reads a timestamp without a zone as that wall-clock time (DateTimeKind.Unspecified).
const LOCAL_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,7})?$/;

function localTimestampText(text: string): string | undefined {
  const m = LOCAL_TIMESTAMP.exec(text);
  if (m === null) return undefined;
  // Read the fields as if they were UTC, then show them without any zone conversion.
  const instant = parseIsoTimestamp(`${text}Z`);
  if (instant === undefined) return undefined;
  const shifted = new Date(instant.getTime() + instant.getTimezoneOffset() * 60000);
  return formatDateTime(shifted);
}

/**
 * A number as .NET's ToString() writes it: ConvertFrom-Json makes a whole number an Int64 (its digits)
 * and any other a Double, whose shortest round-trip digits .NET writes in exponent form from 1E-05 down
 * and from 1E+15 (`1E-05`, `1.5E-07`, `2.5E+20`), where JavaScript writes `1e-7`, `1e+21`.
 * @param value a number
 * @returns its text
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  if (Object.is(value, -0)) return '-0';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const power = Number(exponent);
  if (power >= -4 && power < 15) return String(value);
  return `${mantissa}E${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

/**
 * A value as PowerShell's ToString() writes it where a cell or a name is text (Export-Csv, ConvertTo-Csv):
 * unlike the console, an array is `System.Object[]`, and a nested object is `@{Name=value; ...}` whose
 * own nested objects are empty (a PowerShell quirk: `@{a=}`) and arrays `System.Object[]`.
 * @param value a value from a parsed JSON record
 * @returns the text; `''` for null
 */
export function toStringValue(value: unknown, culture: 'en-US' | 'invariant' = 'en-US'): string {
  if (Array.isArray(value)) return 'System.Object[]';
  if (isRecord(value)) {
    const pairs = displayedProperties(value).map((name) => {
      const member = value[name];
      return `${name}=${isRecord(member) ? '' : toStringValue(member, culture)}`;
    });
    return pairs.length === 0 ? '' : `@{${pairs.join('; ')}}`;
  }
  if (culture === 'invariant' && typeof value === 'string') {
    const date = parseIsoTimestamp(value);
    if (date) return formatInvariantDateTime(date);
  }
  // Text conversion writes a Double's round-trip digits; the console's views show 15 significant ones.
  if (typeof value === 'number') return formatNumber(value);
  return formatValue(value);
}

/**
 * Formats an instant as the invariant culture's general date, local time (`MM/dd/yyyy HH:mm:ss`): what
 * PowerShell's string conversion writes where it uses no culture (ConvertTo-Json past -Depth).
 * @param date - the instant.
 * @returns text such as `09/25/2012 13:35:03`.
 */
export function formatInvariantDateTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(date.getMonth() + 1)}/${pad(date.getDate())}/${String(date.getFullYear()).padStart(4, '0')} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

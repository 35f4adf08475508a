/**
 * How PowerShell's console shows a single value: `ToString()` with the en-US culture, collections cut
 * at `$FormatEnumerationLimit`, nested objects as `@{Name=value; ...}`.
 */

import { propertyNames } from '../record.js';

/** A record as JSON.parse produces it: ordered properties. */
export type FormatRecord = Record<string, unknown>;

/** The property that names a record's type; it is metadata and never displayed. */
export const TYPE_NAME_PROPERTY = 'PSTypeName';

/** PowerShell's default `$FormatEnumerationLimit`: collections show this many items, then `...`. */
export const ENUMERATION_LIMIT = 4;

// cspin writes dates as ISO 8601 with seconds and an explicit zone (Z or ±hh:mm).
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

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
 * Parses an ISO 8601 timestamp the way cspin writes it.
 * @param text - a candidate string.
 * @returns the instant, or undefined when the text is not a valid timestamp.
 */
export function parseIsoTimestamp(text: string): Date | undefined {
  const m = ISO_TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number, number, number, number, number, number,
  ];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  // JS Date rolls 2012-02-30 over to March; PowerShell would keep such text a string, so reject it.
  const dateOk = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (!dateOk || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const offsetMinutes =
    m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  return date;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
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
 * Formats a value as PowerShell's console would show it in a table cell or list line.
 * @param value - a value from a parsed JSON record.
 * @returns the display text; `''` for null and undefined.
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') {
    const date = parseIsoTimestamp(value);
    return date === undefined ? value : formatDateTime(date);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDateTime(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, ENUMERATION_LIMIT).map(formatValue).join(', ');
    return `{${shown}${value.length > ENUMERATION_LIMIT ? '...' : ''}}`;
  }
  if (isRecord(value)) {
    const pairs = displayedProperties(value).map((name) => `${name}=${formatValue(value[name])}`);
    return `@{${pairs.join('; ')}}`;
  }
  return String(value);
}

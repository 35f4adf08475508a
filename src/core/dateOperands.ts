/**
 * Dates as comparisons read them (compare.ts): JSON has no dates, so a date is an ISO 8601
 * timestamp with a zone (as cspin writes dates), and the value compared with it may also be a US
 * (`9/25/2012 1:35:03 PM`) or zone-less ISO text in local time, like the display, or a number
 * (.NET ticks, as PowerShell converts an integer).
 */
import { parseIsoTimestamp } from './format/formatValue.js';

/** Epoch milliseconds of a value that is a date: a Date, or an ISO timestamp as cspin writes dates. */
export function isoInstant(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' ? parseIsoTimestamp(value)?.getTime() : undefined;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])m)?)?$/i;
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** .NET ticks (100 ns) from 0001-01-01 to the Unix epoch. */
const EPOCH_TICKS = 621_355_968_000_000_000;
const MAX_TICKS = 3_155_378_975_999_999_999;

/**
 * A number as PowerShell converts it to a DateTime: an integer is ticks (`[datetime]2016` is
 * 0001-01-01), read as UTC like the dates it is compared with; any other number goes through its
 * text, so 2.5 is February 5 of this year (local time), and most are no date.
 */
function numberDate(value: number): number | undefined {
  if (Number.isInteger(value)) return value >= 0 && value <= MAX_TICKS ? (value - EPOCH_TICKS) / 10_000 : undefined;
  const monthDay = /^(\d{1,2})\.(\d{1,2})$/.exec(String(value));
  return monthDay === null ? undefined : localTime(new Date().getFullYear(), Number(monthDay[1]), Number(monthDay[2]));
}

/** Epoch milliseconds of a Date, a number (see numberDate), an ISO timestamp, or a local US / ISO date text. */
export function dateLike(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? numberDate(value) : undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const zoned = parseIsoTimestamp(text);
  if (zoned !== undefined) return zoned.getTime();
  const us = US_DATE.exec(text);
  if (us !== null) {
    const [month, day, year, hour, minute, second] = us.slice(1, 7).map((s) => Number(s ?? 0));
    const meridiem = us[7]?.toLowerCase();
    if (meridiem !== undefined && (hour === 0 || (hour ?? 0) > 12)) return undefined;
    const h24 = meridiem === undefined ? hour : ((hour ?? 0) % 12) + (meridiem === 'p' ? 12 : 0);
    return localTime(year, month, day, h24, minute, second);
  }
  const iso = LOCAL_ISO.exec(text);
  if (iso === null) return undefined;
  const [year, month, day, hour, minute, second] = iso.slice(1, 7).map((s) => Number(s ?? 0));
  return localTime(year, month, day, hour, minute, second);
}

function localTime(...fields: (number | undefined)[]): number | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = fields;
  const date = new Date(2000, 0, 1);
  // setFullYear, unlike the constructor, keeps years 0–99; a rolled-over day (2/30) is invalid.
  date.setFullYear(year, month - 1, day);
  date.setHours(hour, minute, second, 0);
  const valid = date.getMonth() === month - 1 && date.getDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? date.getTime() : undefined;
}


/**
 * The hot half of date formatting: an ISO 8601 timestamp read by character codes (no RegExp, no
 * Date), and its en-US local text from a cached time zone offset, not Date's local getters. A date
 * column of a million rows cost a fifth of Export-Csv's time the other way (README, Design).
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Reads `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±hh:mm)`, as cspin writes dates, with the validity checks
 * of a calendar date and a clock time (no 30 February, no hour 24); only the first 3 fraction digits count.
 * @param text a candidate string
 * @returns milliseconds since the epoch, or NaN when the text is not such a timestamp
 */
export function isoTimestampMs(text: string): number {
  const length = text.length;
  if (length < 20 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54) return NaN;
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return NaN;
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  // NaN (a non-digit) fails every comparison below.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  let i = 19;
  let millis = 0;
  if (text.charCodeAt(i) === 0x2e) {
    const start = ++i;
    while (i < length && i - start < 10 && isDigit(text.charCodeAt(i))) i++;
    const count = i - start;
    if (count === 0 || count > 9) return NaN;
    millis = count === 1 ? (text.charCodeAt(start) - 0x30) * 100 : count === 2 ? two(text, start) * 10 : two(text, start) * 10 + text.charCodeAt(start + 2) - 0x30;
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if (zone === 0x5a /* Z */) {
    if (i + 1 !== length) return NaN;
  } else if (zone === 0x2b /* + */ || zone === 0x2d /* - */) {
    if (i + 6 !== length || text.charCodeAt(i + 3) !== 0x3a) return NaN;
    offsetMinutes = (zone === 0x2d ? -1 : 1) * (two(text, i + 1) * 60 + two(text, i + 4));
    if (Number.isNaN(offsetMinutes)) return NaN;
  } else {
    return NaN;
  }
  return daysFromCivil(year, month, day) * DAY + hour * HOUR + (minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

/** The number two ASCII digits at `at` spell, or NaN. */
function two(text: string, at: number): number {
  const high = text.charCodeAt(at) - 0x30;
  const low = text.charCodeAt(at + 1) - 0x30;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : NaN;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The days in a month of the proleptic Gregorian calendar.
 * @param year the year
 * @param month 1–12
 * @returns 28–31
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Local offsets (ms) by UTC hour; NaN for an hour the offset changes in. Cleared when full. */
const offsets = new Map<number, number>();
const MAX_OFFSETS = 4096;
/** The time zone the cache is for, read on a miss only (process.env is a getenv call each time). */
let offsetsZone: string | undefined;

/** Forgets the cached offsets: for a process that sets process.env.TZ after formatting dates (tests). */
export function forgetLocalOffsets(): void {
  offsets.clear();
  lastDay = NaN;
}

/**
 * The local time zone's offset from UTC at an instant, in ms (exact to the second, as Date's local
 * getters use it: a historic offset such as Amsterdam's +00:19:32 included).
 */
function offsetAt(ms: number): number {
  const date = new Date(ms);
  const local = new Date(0);
  local.setUTCFullYear(date.getFullYear(), date.getMonth(), date.getDate());
  local.setUTCHours(date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());
  return local.getTime() - ms;
}

function cachedOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const zone = process.env.TZ;
    if (zone !== offsetsZone || offsets.size >= MAX_OFFSETS) offsets.clear();
    offsetsZone = zone;
    const start = offsetAt(hour * HOUR);
    // Offsets change at most once in a few months: equal at both ends means constant in between.
    offset = start === offsetAt(hour * HOUR + HOUR - 1) ? start : NaN;
    offsets.set(hour, offset);
  }
  return offset;
}

/** The last local day formatted, `M/d/yyyy `: rows of one day share it. */
let lastDay = NaN;
let lastDayText = '';

/**
 * An instant as the en-US general date in the local time zone (`M/d/yyyy h:mm:ss tt`), the same
 * text as formatDateTime in formatValue.ts gives for `new Date(ms)`.
 * @param ms milliseconds since the epoch (a valid Date's)
 * @param slow the Date-based formatter, for what the fast path leaves: an hour with an offset change, years before 1000
 * @returns text such as `9/25/2012 1:35:03 PM`
 */
export function localDateText(ms: number, slow: (date: Date) => string): string {
  const offset = cachedOffset(ms);
  const local = ms + offset;
  const days = Math.floor(local / DAY);
  if (days !== lastDay) {
    const text = Number.isNaN(offset) ? undefined : civilText(days);
    if (text === undefined) return slow(new Date(ms));
    lastDay = days;
    lastDayText = text;
  }
  const time = local - days * DAY;
  const hours = Math.floor(time / HOUR);
  const minutes = Math.floor((time - hours * HOUR) / 60_000);
  const seconds = Math.floor((time - hours * HOUR - minutes * 60_000) / 1000);
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${lastDayText}${hour12}:${minutes < 10 ? '0' : ''}${minutes}:${seconds < 10 ? '0' : ''}${seconds} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** `M/d/yyyy ` of a day since 1970-01-01, or undefined before the year 1000 or after 9999 (once per day: a Date is fine). */
function civilText(days: number): string | undefined {
  const date = new Date(days * DAY);
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return undefined;
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${year} `;
}

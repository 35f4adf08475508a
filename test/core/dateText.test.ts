// The fast date path against the way it was done before: a RegExp, a Date and its local getters.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetLocalOffsets, isoTimestampMs, localDateText } from '../../src/core/format/dateText.js';
import { formatValue } from '../../src/core/format/formatValue.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

function referenceMs(text: string): number {
  const m = ISO.exec(text);
  if (m === null) return NaN;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const days = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return NaN;
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offset, second, millis);
  return date.getTime();
}

function referenceText(date: Date): string {
  const hours = date.getHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${date.getMonth() + 1}/${date.getDate()}/${String(date.getFullYear()).padStart(4, '0')} ${clock}`;
}

const digit = fc.constantFrom(...'0123456789');
const two = fc.tuple(digit, digit).map((d) => d.join(''));
const zone = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), two, two).map(([s, h, m]) => `${s}${h}:${m}`), fc.constantFrom('', 'z', '+0100', '+01:0', 'Z '));
// Fields around their limits (month 13, day 32, hour 24, minute 60...), sometimes any two digits.
const field = (max: number) => fc.oneof(fc.integer({ min: 0, max: max + 1 }).map((n) => String(n).padStart(2, '0')), two);
const timestamp = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), field(12), field(31), field(23), field(59), field(59), fc.option(fc.array(digit, { minLength: 0, maxLength: 11 }).map((d) => `.${d.join('')}`)), zone)
  .map(([y, mo, d, h, mi, s, f, z]) => `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}${f ?? ''}${z}`);
const wellFormed = fc
  .tuple(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), fc.constantFrom('Z', '+05:30', '-08:00', '+14:00', '-00:00'))
  .map(([ms, z]) => `${new Date(ms).toISOString().slice(0, -1)}${z}`);

describe('isoTimestampMs', () => {
  it('reads what the RegExp reads, and refuses what it refuses', () => {
    fc.assert(fc.property(fc.oneof(timestamp, wellFormed, fc.string()), (text) => Object.is(isoTimestampMs(text), referenceMs(text))), { numRuns: 20_000 });
  });

  it.each(['2012-02-30T00:00:00Z', '2012-09-25T24:00:00Z', '2012-09-25T13:35:03.Z', '2012-09-25T13:35:03.1234567890Z', '２012-09-25T13:35:03Z', '2012-09-25T13:35:03+01:00 '])(
    'refuses %s',
    (text) => expect(isoTimestampMs(text)).toBeNaN(),
  );
});

describe('localDateText', () => {
  const zones = ['UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Europe/Amsterdam', 'Pacific/Kiritimati', 'America/St_Johns'];
  const saved = process.env.TZ;
  afterAll(() => {
    process.env.TZ = saved;
    forgetLocalOffsets();
  });

  it.each(zones)('writes what Date local getters give, in %s', (tz) => {
    process.env.TZ = tz;
    forgetLocalOffsets();
    // Instants anywhere in years 1–9999, and runs of nearby ones (the cached hours and days).
    const instant = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 });
    const near = fc.tuple(instant, fc.integer({ min: 0, max: 7_200_000 })).map(([ms, step]) => [ms, ms + step, ms + 2 * step]);
    fc.assert(
      fc.property(fc.oneof(instant.map((ms) => [ms]), near), (list) => list.every((ms) => localDateText(ms, referenceText) === referenceText(new Date(ms)))),
      { numRuns: 3000 },
    );
  });

  it('crosses a daylight saving change within the hour it happens', () => {
    process.env.TZ = 'America/New_York';
    forgetLocalOffsets();
    // 2021-03-14 07:00Z is 2 AM EST, which becomes 3 AM EDT; Lord Howe changes at a half hour.
    for (let ms = Date.UTC(2021, 2, 14, 6, 0); ms < Date.UTC(2021, 2, 14, 8, 0); ms += 60_000) {
      expect(localDateText(ms, referenceText)).toBe(referenceText(new Date(ms)));
    }
    expect(formatValue('2021-03-14T06:59:59Z')).toBe('3/14/2021 1:59:59 AM');
    expect(formatValue('2021-03-14T07:00:00Z')).toBe('3/14/2021 3:00:00 AM');
    process.env.TZ = 'Australia/Lord_Howe';
    forgetLocalOffsets();
    for (let ms = Date.UTC(2021, 3, 3, 14, 0); ms < Date.UTC(2021, 3, 3, 16, 0); ms += 60_000) {
      expect(localDateText(ms, referenceText)).toBe(referenceText(new Date(ms)));
    }
  });
});

/**
 * The environment variables every command checks before it reads anything: CSPIN_NOW (ISO 8601 or
 * epoch milliseconds, years 1970 to 9999), CSPIN_FORMAT and CSPIN_ERROR_FORMAT (known values, any
 * case); anything else is a usage error (exit 2).
 */
import { describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/index.js';
import { clockOf } from '../../src/core/clock.js';
import { checkEnvironment, errorFormatOf, outputFormatOf } from '../../src/core/environment.js';

/** The errorId and exit status of what a function throws. */
function refusal(action: () => unknown): [string, number] | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (!(error instanceof TerminatingError)) throw error;
    return [error.record.errorId, error.exitCode];
  }
}

describe('CSPIN_NOW', () => {
  it.each([
    ['0', Date.UTC(1970, 0, 1)],
    ['1769860800000', Date.UTC(2026, 0, 31, 12)],
    ['2026-01-31T12:00:00Z', Date.UTC(2026, 0, 31, 12)],
    ['2026-01-31T12:00:00.250+01:00', Date.UTC(2026, 0, 31, 11, 0, 0, 250)],
    ['2026-01-31', Date.UTC(2026, 0, 31)],
    ['9999-12-31T23:59:59.999Z', Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
  ])('CSPIN_NOW=%s fixes the clock', (now, ms) => {
    expect(clockOf({ CSPIN_NOW: now })()).toBe(ms);
  });

  it.each([
    ['1969-12-31T23:59:59Z'],
    ['253402300800000'],
    ['+010000-01-01T00:00:00Z'],
    ['-5'],
    ['yesterday'],
    ['Tue Mar 03 2026'],
    ['0x10'],
    ['2026-13-01'],
    ['12:00'],
  ])('CSPIN_NOW=%s is InvalidClock (exit 2)', (now) => {
    expect(refusal(() => clockOf({ CSPIN_NOW: now }))).toEqual(['InvalidClock', 2]);
  });

  it('an unset or empty CSPIN_NOW is the real clock', () => {
    expect(clockOf({})).toBe(Date.now);
    expect(clockOf({ CSPIN_NOW: '' })).toBe(Date.now);
  });
});

describe('CSPIN_FORMAT and CSPIN_ERROR_FORMAT', () => {
  it.each([
    [undefined, 'auto'],
    ['', 'auto'],
    ['auto', 'auto'],
    ['ndjson', 'ndjson'],
    ['JSON', 'ndjson'],
    ['List', 'list'],
    ['table', 'table'],
  ])('CSPIN_FORMAT=%s is %s', (value, format) => {
    expect(outputFormatOf({ CSPIN_FORMAT: value })).toBe(format);
  });

  it.each([['xml'], ['csv'], ['nd-json'], [' list']])('CSPIN_FORMAT=%j is InvalidOutputFormat (exit 2)', (value) => {
    expect(refusal(() => outputFormatOf({ CSPIN_FORMAT: value }))).toEqual(['InvalidOutputFormat', 2]);
  });

  it.each([
    [undefined, 'text'],
    ['', 'text'],
    ['text', 'text'],
    ['json', 'json'],
    ['JSON', 'json'],
  ])('CSPIN_ERROR_FORMAT=%s is %s', (value, format) => {
    expect(errorFormatOf({ CSPIN_ERROR_FORMAT: value })).toBe(format);
  });

  it.each([['xml'], ['jsonl'], ['yes']])('CSPIN_ERROR_FORMAT=%s is InvalidErrorFormat (exit 2)', (value) => {
    expect(refusal(() => errorFormatOf({ CSPIN_ERROR_FORMAT: value }))).toEqual(['InvalidErrorFormat', 2]);
  });

  it('checkEnvironment checks all three, and a message never shows more than 40 characters of a value', () => {
    expect(refusal(() => checkEnvironment({}))).toBeUndefined();
    expect(refusal(() => checkEnvironment({ CSPIN_NOW: 'soon' }))).toEqual(['InvalidClock', 2]);
    try {
      checkEnvironment({ CSPIN_FORMAT: `x${'y'.repeat(500)}\u001b[31m` });
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
      expect((error as Error).message).not.toContain('\u001b');
    }
  });
});

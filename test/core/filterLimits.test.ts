/**
 * The -Filter / Where-Object language at its limits and under fuzzing: deep filters are refused
 * (FilterTooDeep), wide ones run in constant stack, hostile text gets typed errors with short
 * messages, and evaluation fails only with a ComparisonFailure or a FilterError.
 */
process.env.TZ = 'UTC';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareValues } from '../../src/core/compare.js';
import { ECHO_MAX } from '../../src/core/echo.js';
import { ConversionFailure } from '../../src/core/filterError.js';
import { ComparisonFailure, FilterError, MAX_FILTER_NESTING, compileFilter } from '../../src/core/filterScript.js';

function failure(text: string): FilterError {
  try {
    compileFilter(text);
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
  throw new Error(`compileFilter accepted ${text.slice(0, 80)}`);
}

const timed = <T>(run: () => T): [T, number] => {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
};

describe('deep filters', () => {
  const forms: [string, (n: number) => string][] = [
    ['parentheses', (n) => `{${'('.repeat(n)}Enabled${')'.repeat(n)}}`],
    ['unclosed parentheses', (n) => '('.repeat(n)],
    ['-not', (n) => `${'-not '.repeat(n)}$true`],
    ['!', (n) => `${'!'.repeat(n)}$true`],
    ['parentheses after an operator', (n) => `Enabled -eq ${'('.repeat(n)}$true${')'.repeat(n)}`],
  ];
  for (const [name, build] of forms) {
    it.each([5_000, 100_000])(`compileFilter refuses %i levels of ${name} as FilterTooDeep, at once`, (levels) => {
      const [error, ms] = timed(() => failure(build(levels)));
      expect(error.errorId).toBe('FilterTooDeep');
      expect(error.reason).toContain(`nested more than ${MAX_FILTER_NESTING} levels`);
      expect(ms).toBeLessThan(2_000);
    });
  }

  it('compileFilter takes exactly MAX_FILTER_NESTING levels', () => {
    const n = MAX_FILTER_NESTING;
    expect(compileFilter(`${'('.repeat(n)}A -eq 1${')'.repeat(n)}`)({ A: 1 })).toBe(true);
    expect(compileFilter(`${'-not '.repeat(n)}$true`)({})).toBe(true);
    expect(compileFilter(`${'!'.repeat(n - 1)}(A)`)({ A: true })).toBe(false);
    expect(failure(`${'('.repeat(n + 1)}A${')'.repeat(n + 1)}`).position).toBe(n);
  });
});

describe('wide filters', () => {
  it('compileFilter evaluates 50,000 -or terms and a 50,000-long comparison chain in constant stack', () => {
    const terms = Array.from({ length: 50_000 }, (_, i) => `$_.Name -eq 'user${i}'`).join(' -or ');
    const predicate = compileFilter(terms);
    expect(predicate({ Name: 'user49999' })).toBe(true);
    expect(predicate({ Name: 'nobody' })).toBe(false);
    const chain = compileFilter(`Enabled${' -eq $true'.repeat(50_000)}`);
    expect(chain({ Enabled: true })).toBe(true);
    expect(chain({ Enabled: false })).toBe(false);
    const mixed = compileFilter(Array.from({ length: 30_000 }, (_, i) => (i % 2 ? `-not (A -gt ${i})` : `A -lt ${i}`)).join(' -xor '));
    expect(typeof mixed({ A: 7 })).toBe('boolean');
  });
});

describe('hostile filter text', () => {
  it.each([
    ['a 1 MB word', `{${'x'.repeat(1_000_000)}.y -eq 1}`],
    ['a 1 MB operator', `{A -${'q'.repeat(1_000_000)} 1}`],
    ['a 1 MB variable', `{$${'v'.repeat(1_000_000)} -eq 1}`],
    ['an unclosed 1 MB string', `{A -eq '${'\u0007'.repeat(1_000_000)}`],
    ['1 MB of control characters', '\u001b[31m\u0000'.repeat(200_000)],
    ['a 1 MB pattern', `{A -match '${'('.repeat(500_000)}'}`],
  ])('compileFilter refuses %s quickly, with a message of bounded length', (_name, text) => {
    const [error, ms] = timed(() => failure(text));
    expect(error.errorId).toBe('InvalidFilter');
    expect(error.message.length).toBeLessThan(400 + ECHO_MAX * 2);
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(ms).toBeLessThan(3_000);
  });

  it('compileFilter reads a valid 1 MB filter in linear time', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `$_.A -eq "v${i}"`).join(' -or ');
    expect(text.length).toBeGreaterThan(700_000);
    const [predicate, ms] = timed(() => compileFilter(text));
    expect(predicate({ A: 'v39999' })).toBe(true);
    expect(ms).toBeLessThan(3_000);
  });

  it.each([
    ['{$_.DisplayName.Length -gt 3}', 'member access below a property'],
    ['{DisplayName.Length -gt 3}', 'member access below a property'],
    ['{$_.DisplayName[0] -eq "K"}', 'indexing'],
    ['{$_.DisplayName.ToUpper() -eq "K"}', 'method calls'],
    ['{$_.Trim() -eq "K"}', 'method calls'],
    ['{$_. -eq 1}', "expected a property name after '$_.'"],
    ['{[int]$_.A -eq 1}', 'type names and indexing'],
    ["{A -lt [datetime]'2020-01-01'}", 'type casts'],
    ['{[string] -eq 1}', 'type names and indexing'],
    ['{A -lt (Get-Date)}', 'commands such as Get-Date'],
    ['{Get-Date}', 'commands such as Get-Date'],
    ['{5 -gt abc}', 'Cannot convert value "abc" to type "System.Int64"'],
    ['{$true -eq maybe}', 'Cannot convert value "maybe" to type "System.Boolean"'],
  ])('compileFilter refuses %s before any record, saying what is unsupported', (text, reason) => {
    expect(failure(text).reason).toContain(reason);
  });
});

describe('comparisons that do not convert', () => {
  it.each([
    ['{$_.D -lt "notadate"}', { D: '2012-09-25T13:35:03Z' }, 'Cannot convert value "notadate" to type "System.DateTime" to compare it with $_.D'],
    ['{N -gt abc}', { N: 5 }, 'Cannot convert value "abc" to type "System.Int64" to compare it with N'],
    ['{N -le "x"}', { N: 1.5 }, 'type "System.Double"'],
    ['{B -eq Flase}', { B: false }, 'Cannot convert value "Flase" to type "System.Boolean"'],
    ['{$_.D -lt $_.V}', { D: '2012-09-25T13:35:03Z', V: 'secret \u001b' }, 'Cannot convert the value of $_.V to type "System.DateTime"'],
  ])('compileFilter makes %s a ComparisonFailure for %j', (text, record, message) => {
    const predicate = compileFilter(text);
    expect(() => predicate(record)).toThrow(ComparisonFailure);
    expect(() => predicate(record)).toThrow(message);
    expect(() => predicate(record)).not.toThrow('secret');
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['{N -eq abc}', { N: 5 }, false],
    ['{N -ne abc}', { N: 5 }, true],
    ['{$_.D -eq "notadate"}', { D: '2012-09-25T13:35:03Z' }, false],
    ['{D -lt notadate}', { D: null }, true],
    ['{D -lt notadate}', { D: '9/25/2012' }, true],
    ['{N -gt ""}', { N: 1 }, true],
    ['{Name -like "[a-c]*"}', { Name: 5 }, false],
    ['{Name -match "^5"}', { Name: 5 }, true],
  ])('compileFilter evaluates %s for %j as %s, as PowerShell does', (text, record, expected) => {
    expect(compileFilter(text)(record)).toBe(expected);
  });

  it('compileFilter refuses a value a declared property type cannot take, even when the property is $null', () => {
    const predicate = compileFilter('{LastPinChangeTime -lt notadate}', { propertyTypes: (_record, name) => (name === 'LastPinChangeTime' ? 'DateTime' : undefined) });
    expect(() => predicate({ LastPinChangeTime: null })).toThrow(ComparisonFailure);
    expect(compileFilter('{LastPinChangeTime -lt "2030-01-01"}', { propertyTypes: () => 'DateTime' })({ LastPinChangeTime: null })).toBe(true);
    expect(() => compareValues(null, '-lt', 'maybe', 'Boolean')).toThrow(ConversionFailure);
    expect(compareValues(null, '-eq', 'notadate', 'DateTime')).toBe(false);
  });
});

describe('filter language properties', () => {
  const records = [{}, { A: 1, B: 'x', C: true, D: '2012-09-25T13:35:03Z', E: null, F: ['a', 2] }, { A: 'abc', C: 'False', D: 'notadate' }, 'plain text', null];

  /** Compiles and runs a filter: anything but a typed error fails the property. */
  function run(text: string): void {
    let predicate: (record: Record<string, unknown>) => boolean;
    try {
      predicate = compileFilter(text);
    } catch (error) {
      expect(error).toBeInstanceOf(FilterError);
      expect(['InvalidFilter', 'FilterTooDeep', 'ComparisonFailure']).toContain((error as FilterError).errorId);
      return;
    }
    for (const record of records) {
      try {
        expect(typeof predicate(record as Record<string, unknown>)).toBe('boolean');
      } catch (error) {
        if (!(error instanceof ComparisonFailure) && !(error instanceof FilterError)) throw error;
      }
    }
  }

  it('compileFilter throws only FilterError for random text, and evaluation only ComparisonFailure or FilterError', () => {
    const unit = fc.constantFrom('{', '}', '(', ')', '$', '_', '.', '-', '!', "'", '"', '`', '[', ']', ' ', 'A', 'B', 'e', 'q', 'o', 'r', 'n', 't', '1', ',', '\u2013', '\u201c', '\0', '\u001b');
    const words = fc.constantFrom(' -eq ', ' -and ', ' -not ', '$_.', '$true', ' -like ', ' -match ', ' -lt ', 'notadate', '(', ')', 'A', 'D', 'C', "'[a'", "'('", '2012-09-25');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 40 }), fc.array(words, { maxLength: 12 }).map((parts) => parts.join('')), fc.string({ maxLength: 30 })), run),
      { numRuns: 500 },
    );
  });

  it('compileFilter compiles and runs structured filters of any shape up to the limit, and refuses deeper ones', () => {
    const operand = fc.constantFrom('A', '$_.B', '$PSItem.C', 'D', "'x'", '5', '$null', '$true', 'notadate', '"2013-01-01"', 'E', 'F');
    const op = fc.constantFrom('-eq', '-ne', '-lt', '-ge', '-like', '-notmatch', '-ceq', '-igt');
    const { expression } = fc.letrec<{ expression: string }>((tie) => ({
      expression: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.tuple(operand, op, operand).map((parts) => parts.join(' ')),
        tie('expression').map((e) => `-not (${e})`),
        tie('expression').map((e) => `!${e}`),
        fc.tuple(tie('expression'), fc.constantFrom('-and', '-or', '-xor'), tie('expression')).map((parts) => parts.join(' ')),
      ),
    }));
    fc.assert(
      fc.property(expression, fc.integer({ min: 0, max: 2 * MAX_FILTER_NESTING }), (e, wrap) => {
        const text = `{${'('.repeat(wrap)}${e}${')'.repeat(wrap)}}`;
        if (wrap > MAX_FILTER_NESTING) expect(failure(text).errorId).toBe('FilterTooDeep');
        else run(text);
      }),
      { numRuns: 300 },
    );
  });
});

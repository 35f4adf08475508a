// Fix the zone before any date is parsed: US and zone-less ISO dates are local time.
process.env.TZ = 'UTC';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareValues,
  escapeWildcard,
  isTrue,
  parseComparisonOperator,
  toBoolean,
  wildcardRegExp,
  type ComparisonOperator,
} from '../../src/core/compare.js';
import { ConversionFailure, FilterError } from '../../src/core/filterError.js';

type Row = [left: unknown, operator: ComparisonOperator, right: unknown, expected: boolean];

const BASES = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch'];
const ALL_OPERATORS = BASES.flatMap((b) => [`-${b}`, `-c${b}`, `-i${b}`]);

describe('parseComparisonOperator', () => {
  it.each([
    ['-eq', '-eq'], ['-EQ', '-eq'], ['eq', '-eq'], ['-CLike', '-clike'], ['ine', '-ine'], ['-NotMatch', '-notmatch'],
    ['-iNotLike', '-inotlike'],
  ])('parseComparisonOperator reads %s as %s', (text, expected) => {
    expect(parseComparisonOperator(text)).toBe(expected);
  });

  it.each(['-contains', '-', '', 'equals', '-c', '--eq', '-xeq', '-eq '])(
    'parseComparisonOperator rejects %j',
    (text) => {
      expect(parseComparisonOperator(text)).toBeUndefined();
    },
  );

  it.each(ALL_OPERATORS)('parseComparisonOperator knows %s in upper case', (op) => {
    expect(parseComparisonOperator(op.toUpperCase())).toBe(op);
  });
});

describe('compareValues', () => {
  it.each<Row>([
    ['abc', '-eq', 'ABC', true], ['abc', '-ieq', 'ABC', true], ['abc', '-ceq', 'ABC', false],
    ['abc', '-ceq', 'abc', true], ['abc', '-ne', 'ABD', true], ['abc', '-ne', 'ABC', false],
    ['abc', '-cne', 'ABC', true], ['abc', '-ine', 'ABC', false], ['résumé', '-eq', 'RESUME', false],
    ['b', '-gt', 'A', true], ['a', '-gt', 'A', false], ['a', '-ge', 'A', true], ['a', '-le', 'A', true],
    ['a', '-lt', 'B', true], ['a', '-igt', 'A', false], ['a', '-ige', 'A', true], ['a', '-ilt', 'A', false],
    ['a', '-ile', 'A', true], ['a', '-clt', 'A', true], ['a', '-cle', 'A', true], ['a', '-cgt', 'A', false],
    ['a', '-cge', 'A', false], ['B', '-cgt', 'a', true],
  ])('compareValues compares strings case-insensitively unless c: %j %s %j is %s', (l, op, r, expected) => {
    expect(compareValues(l, op, r)).toBe(expected);
  });

  it.each<Row>([
    [10, '-gt', 2, true], [2, '-lt', 10, true], [2, '-gt', '10', false], [10, '-gt', '9', true],
    [5, '-eq', '5.0', true], [5, '-eq', ' 5 ', true], [5, '-ceq', '5', true], [5, '-eq', 'five', false],
    [5, '-eq', 'abc', false], [5, '-ne', 'abc', true], [0, '-eq', '', true], [16, '-eq', '0x10', true], [1, '-eq', true, true], [0, '-eq', false, true], [1.5, '-ge', 1.5, true],
    [-1, '-le', 0, true], [-1, '-ne', -1, false], ['10', '-gt', 9, false], ['5', '-eq', 5, true],
  ])('compareValues converts the right operand to a number when the left is one: %j %s %j is %s', (l, op, r, expected) => {
    expect(compareValues(l, op, r)).toBe(expected);
  });

  it.each<Row>([
    [true, '-eq', true, true], [true, '-eq', 'True', true], [true, '-eq', 'true', true], [true, '-eq', '$TRUE', true],
    [false, '-eq', 'False', true], [false, '-eq', '$false', true], [false, '-eq', ' FALSE ', true],
    [true, '-eq', 'False', false], [true, '-ne', 'False', true], [true, '-eq', 1, true], [true, '-eq', 2, true],
    [false, '-eq', 0, true], [false, '-eq', '', true], [true, '-eq', '1', true], [false, '-eq', ' 0 ', true], [true, '-gt', false, true],
    [false, '-lt', true, true], [false, '-ge', 'False', true], ['True', '-eq', true, true],
    ['False', '-eq', false, true], ['False', '-eq', true, false],
  ])('compareValues converts the right operand to a boolean when the left is one: %j %s %j is %s', (l, op, r, expected) => {
    expect(compareValues(l, op, r)).toBe(expected);
  });

  it.each<Row>([
    [null, '-eq', null, true], [undefined, '-eq', null, true], [null, '-eq', undefined, true],
    [null, '-eq', '', false], [null, '-eq', 0, false], [null, '-eq', false, false], ['', '-eq', null, false],
    [0, '-eq', null, false], [false, '-eq', null, false], [null, '-ne', 1, true], [null, '-ne', null, false],
    [null, '-lt', 1, true], [null, '-lt', -1, false], [null, '-gt', -0.5, true], [null, '-lt', 0, true], [null, '-ge', 0, false], [-1, '-lt', null, true], [null, '-lt', '-1', true], [null, '-lt', '', true], [null, '-ge', null, true], [null, '-gt', null, false],
    [1, '-gt', null, true], ['a', '-lt', null, false], [null, '-like', '', true], [null, '-like', '*', true],
    [null, '-match', '^$', true],
  ])('compareValues treats null as equal only to null and below everything: %j %s %j is %s', (l, op, r, expected) => {
    expect(compareValues(l, op, r)).toBe(expected);
  });

  it.each<Row>([
    [['a', 'b'], '-eq', 'B', true], [['a', 'b'], '-ceq', 'B', false], [['a', 'b'], '-eq', 'c', false],
    [['a', 'a'], '-ne', 'a', false], [['a', 'b'], '-ne', 'a', true], [[1, 5, 10], '-gt', 7, true],
    [[1, 2], '-gt', 7, false], [[], '-eq', null, false], [[], '-ne', null, false], [[null], '-eq', null, true],
    [[0], '-eq', 0, true],
    [['x@contoso.com', 'y@fabrikam.com'], '-like', '*@fabrikam.com', true],
    [['a', 'b'], '-notlike', 'a', true], [['a'], '-notlike', 'a', false],
    [['sip:a', 'tel:1'], '-match', '^tel:', true], [5, '-eq', [5], true], ['a b', '-eq', ['a', 'b'], true],
  ])('compareValues is true when any element of an array left operand matches: %j %s %j is %s', (l, op, r, expected) => {
    expect(compareValues(l, op, r)).toBe(expected);
  });

  // An integer is .NET ticks, as PowerShell converts one to a DateTime.
  const ticks = Date.UTC(2012, 8, 25, 13, 35, 3) * 10_000 + 621_355_968_000_000_000;
  it.each<Row>([
    ['2012-09-25T13:35:03Z', '-eq', '9/25/2012 1:35:03 PM', true],
    ['2012-09-25T13:35:03Z', '-eq', '9/25/2012 13:35:03', true],
    ['2012-09-25T13:35:03Z', '-eq', '2012-09-25T15:35:03+02:00', true],
    ['2012-09-25T13:35:03Z', '-eq', '2012-09-25 13:35:03', true], ['2012-09-25T13:35:03Z', '-gt', '9/25/2012', true],
    ['2012-09-25T13:35:03Z', '-lt', '2012-09-26', true], ['2012-09-25T13:35:03Z', '-lt', '10/1/2012', true],
    ['2012-09-25T13:35:03.5Z', '-gt', '9/25/2012 1:35:03 PM', true],
    ['2012-09-25T00:05:00Z', '-eq', '9/25/2012 12:05 AM', true],
    ['2012-09-25T12:30:00Z', '-eq', '9/25/2012 12:30:00 PM', true],
    ['9/25/2012 1:35:03 PM', '-eq', '2012-09-25T13:35:03Z', true], [ticks, '-eq', '2012-09-25T13:35:03Z', false],
    ['2012-09-25T13:35:03Z', '-eq', ticks, true], ['2012-09-25T13:35:03Z', '-lt', ticks + 10_000_000, true],
    ['2012-09-25T13:35:03Z', '-gt', 2016, true], ['0001-01-01T00:00:00Z', '-eq', 0, true], ['2012-09-25T13:35:03Z', '-eq', 1.5, false],
    ['2012-09-25T13:35:03Z', '-eq', 'not a date', false], ['2012-09-25T13:35:03Z', '-eq', '2/30/2012', false],
    ['2012-09-25T13:35:03Z', '-eq', '9/25/2012 13:35:03 PM', false], ['9/25/2012', '-lt', '10/1/2012', false],
    ['2012-09-25T13:35:03Z', '-like', '2012-09-25*', true],
  ])('compareValues compares an ISO timestamp with a date-like value as instants: %j %s %j is %s', (l, op, r, expected) => {
    expect(compareValues(l, op, r)).toBe(expected);
  });

  it.each<Row>([
    ['SIP:KenMyer@Contoso.com', '-like', 'sip:*@contoso.com', true], ['abc', '-ilike', 'A?C', true],
    ['abc', '-clike', 'ABC', false], ['abc', '-clike', 'abc', true], ['abc', '-like', 'a?', false],
    ['abc', '-like', 'b', false], ['abc', '-like', '*', true], ['', '-like', '*', true], ['', '-like', '?', false],
    ['b', '-like', '[abc]', true], ['d', '-like', '[abc]', false], ['K', '-like', '[a-z]', true],
    ['K', '-clike', '[a-z]', false], ['5', '-like', '[a-z]', false], ['user7', '-like', 'user[0-9]', true],
    ['-', '-like', '[a-]', true], ['*', '-like', '[`*]', true], [']', '-like', '[`]]', true],
    ['a*c', '-like', 'a`*c', true], ['abc', '-like', 'a`*c', false], ['a?', '-like', 'a`?', true],
    ['[x]', '-like', '`[x`]', true], ['a`', '-like', 'a`', true], ['a.c', '-like', 'a.c', true],
    ['abc', '-like', 'a.c', false], ['(x)+', '-like', '(x)+', true], ['line1\nline2', '-like', 'line1*', true],
    ['abc', '-notlike', 'a*', false], ['abc', '-cnotlike', 'A*', true], ['abc', '-inotlike', 'A*', false],
    [42, '-like', '4*', true], [true, '-like', 't*', true],
  ])('compareValues -like matches PowerShell wildcards, anchored, case-insensitively unless c: %j %s %j is %s', (l, op, r, expected) => {
    expect(compareValues(l, op, r)).toBe(expected);
  });

  it.each<Row>([
    ['atl-cs-001.contoso.com', '-match', 'cs-\\d+', true], ['ABC', '-match', 'b', true],
    ['ABC', '-imatch', 'b', true], ['ABC', '-cmatch', 'b', false], ['ABC', '-notmatch', '^b', true],
    ['ABC', '-cnotmatch', 'B', false], ['ABC', '-inotmatch', 'b', false], [123, '-match', '^\\d+$', true],
    [null, '-notmatch', 'x', true],
  ])('compareValues -match tests an unanchored regular expression: %j %s %j is %s', (l, op, r, expected) => {
    expect(compareValues(l, op, r)).toBe(expected);
  });

  it.each<[ComparisonOperator, string, RegExp]>([
    ['-match', '(', /invalid regular expression "\("/], ['-cnotmatch', '[z-a]', /invalid regular expression/],
    ['-like', '[abc', /invalid wildcard pattern "\[abc"/], ['-like', 'a[]', /invalid wildcard pattern/],
    ['-notlike', '[z-a]', /invalid wildcard pattern/],
  ])('compareValues %s throws a FilterError without a position for the pattern %j', (op, pattern, message) => {
    const call = (): boolean => compareValues('x', op, pattern);
    expect(call).toThrow(FilterError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as FilterError).position).toBe(-1);
    }
  });
});

describe('isTrue', () => {
  it.each<[unknown, boolean]>([
    [null, false], [true, true], [false, false], [0, false], ['', false], ['False', true], ['$false', true], ['0', true], [' ', true],
    [[], false], [['False'], true], [[''], false], [[0, 0], true], [{}, true],
  ])('isTrue reads %j as %s, as PowerShell does', (value, expected) => {
    expect(isTrue(value)).toBe(expected);
  });
});

describe('toBoolean', () => {
  it.each<[unknown, boolean]>([
    [null, false], [undefined, false], [true, true], [false, false], [0, false], [-2, true], ['', false],
    ['False', false], ['$FALSE', false], ['0', true], ['no', true], [[], false], [[0], false], [[0, 0], true],
    [{}, true],
  ])('toBoolean reads %j as %s', (value, expected) => {
    expect(toBoolean(value)).toBe(expected);
  });
});

describe('escapeWildcard', () => {
  it.each([
    ['a*b?', 'a`*b`?'], ['[x]', '`[x`]'], ['back`tick', 'back``tick'], ['plain', 'plain'],
  ])('escapeWildcard escapes %j as %j', (text, expected) => {
    expect(escapeWildcard(text)).toBe(expected);
  });

  const metaHeavy = fc.string({ unit: fc.constantFrom('*', '?', '[', ']', '`', '-', '.', '\\', '^', '$', 'a', 'B', ' '), maxLength: 12 });
  it.each([
    ['wildcard metacharacters', metaHeavy],
    ['any UTF-16 text', fc.string({ unit: 'binary', maxLength: 12 })],
  ])('escapeWildcard makes -clike match a literal with %s against itself only', (_name, text) => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(compareValues(a, '-clike', escapeWildcard(a))).toBe(true);
        expect(compareValues(b, '-clike', escapeWildcard(a))).toBe(a === b);
      }),
    );
  });
});

describe('compareValues properties', () => {
  const scalar = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('', 'a', 'A', 'b', 'True', 'false', '1', '2012-09-25T13:35:03Z', '9/25/2012'),
  );
  const pairs: [ComparisonOperator, ComparisonOperator][] = [
    ['-eq', '-ne'], ['-ceq', '-cne'], ['-like', '-notlike'], ['-cmatch', '-cnotmatch'],
  ];
  /** The result, or the error a failed conversion throws: both operators must agree on which. */
  const outcome = (l: unknown, op: ComparisonOperator, r: unknown): boolean | string => {
    try {
      return compareValues(l, op, r);
    } catch (error) {
      if (error instanceof ConversionFailure) return error.type;
      throw error;
    }
  };
  it.each(pairs)('compareValues %s is the negation of %s for a scalar left operand (or both fail to convert)', (op, negated) => {
    fc.assert(
      fc.property(scalar, scalar, (l, r) => {
        const [a, b] = [outcome(l, op, r), outcome(l, negated, r)];
        expect(typeof a === 'boolean' ? !a : a).toBe(b);
      }),
    );
  });

  it('compareValues orders numbers the same way from both sides', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        expect(compareValues(a, '-lt', b)).toBe(compareValues(b, '-gt', a));
        expect(compareValues(a, '-le', b)).toBe(a <= b);
      }),
    );
  });

  it('wildcardRegExp anchors the pattern at both ends', () => {
    expect(wildcardRegExp('a*').test('ba')).toBe(false);
    expect(wildcardRegExp('*a').test('ab')).toBe(false);
  });
});

/** PowerShell's number literals, as Where-Object's -Value and script blocks read an unquoted word. */
import { describe, expect, it } from 'vitest';
import { numberLiteral } from '../../src/core/filterNumbers.js';

describe('numberLiteral', () => {
  it.each<[string, number]>([
    ['5', 5], ['5.', 5], ['.5', 0.5], ['5.0', 5], ['5e0', 5], ['1E3', 1000], ['2.5e-1', 0.25],
    ['0x5', 5], ['0xFF', 255], ['0xFFFFFFFF', -1], ['0x80000000', -(2 ** 31)], ['0x1FFFFFFFF', 2 ** 33 - 1], ['0xFFFFFFFFFFFFFFFF', -1], ['0b101', 5], ['5l', 5], ['5L', 5], ['5d', 5], ['5.5d', 5.5], ['7u', 7], ['7ul', 7],
    ['1kb', 1024], ['1KB', 1024], ['2mb', 2097152], ['1gb', 2 ** 30], ['1tb', 2 ** 40], ['1pb', 2 ** 50], ['0x10kb', 16384], ['1lkb', 1024],
    ['007', 7],
  ])('%s is the number %d', (word, value) => {
    expect(numberLiteral(word)).toBe(value);
  });

  it.each<[string, number]>([['-1.5', -1.5], ['-5', -5], ['\u20135', -5], ['-0x10', -16], ['-1kb', -1024]])('%s is the number %d in a script block', (word, value) => {
    expect(numberLiteral(word, true)).toBe(value);
  });

  it.each(['', '+5', '-5', '-1.5', '-0x10', '\u20135', 'abc', '5 ', ' 5', '5a', '1,2', '0x', '0xG', '5.5l', '1e', 'e5', '--5', '5kbkb', '1/1/2016', '2016-01-01', '$5', 'Infinity', 'NaN', '0b2'])(
    '%j is text in a command argument',
    (word) => {
      expect(numberLiteral(word)).toBeUndefined();
    },
  );
});

// Fix the zone before any date is formatted so expected texts can be literal.
process.env.TZ = 'UTC';

import { describe, expect, it } from 'vitest';
import { ListFormatter, TerminalFormatter, formatValue, parseIsoTimestamp } from '../../src/core/format/index.js';
import { fitColumns, rowField } from '../../src/core/format/tableWriter.js';

const pinInfo = {
  PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.PinInfoDetails',
  Identity: 'sip:kenmyer@litwareinc.com',
  IsPinSet: false,
  IsLockedOut: false,
  LastPinChangeTime: '2012-09-25T13:35:03Z',
  PinExpirationTime: null,
};

describe('formatValue', () => {
  it('formatValue shows null and undefined as empty', () => {
    expect(formatValue(null)).toBe('');
    expect(formatValue(undefined)).toBe('');
  });

  it('formatValue shows booleans as True and False', () => {
    expect(formatValue(true)).toBe('True');
    expect(formatValue(false)).toBe('False');
  });

  it('formatValue shows numbers and plain strings as they are', () => {
    expect(formatValue(42)).toBe('42');
    expect(formatValue(-1.5)).toBe('-1.5');
    expect(formatValue('sip:kenmyer@litwareinc.com')).toBe('sip:kenmyer@litwareinc.com');
  });

  it('formatValue shows timestamps as en-US general dates with AM and PM', () => {
    expect(formatValue('2012-09-25T13:35:03Z')).toBe('9/25/2012 1:35:03 PM');
    expect(formatValue('2012-09-25T09:05:07.123Z')).toBe('9/25/2012 9:05:07 AM');
    expect(formatValue('2026-12-31T23:59:59.1234567Z')).toBe('12/31/2026 11:59:59 PM');
  });

  it('formatValue shows midnight as 12 AM and noon as 12 PM', () => {
    expect(formatValue('2012-01-02T00:05:00Z')).toBe('1/2/2012 12:05:00 AM');
    expect(formatValue('2012-01-02T12:30:00Z')).toBe('1/2/2012 12:30:00 PM');
  });

  it('formatValue converts offset timestamps to the local zone', () => {
    expect(formatValue('2018-10-12T00:00:00-05:00')).toBe('10/12/2018 5:00:00 AM');
    expect(formatValue('2018-10-12T01:30:00+02:00')).toBe('10/11/2018 11:30:00 PM');
  });

  // PowerShell's ConvertFrom-Json reads a timestamp without a zone as that wall-clock time.
  it('formatValue shows a timestamp without a zone as it is', () => {
    expect(formatValue('2012-09-25T13:35:03')).toBe('9/25/2012 1:35:03 PM');
    expect(formatValue('2012-09-25T13:35')).toBe('2012-09-25T13:35');
  });

  it('formatValue keeps strings that only look like timestamps', () => {
    expect(formatValue('2012-09-25')).toBe('2012-09-25');
    expect(formatValue('2012-02-30T00:00:00Z')).toBe('2012-02-30T00:00:00Z');
    expect(formatValue('2012-09-25T24:00:00Z')).toBe('2012-09-25T24:00:00Z');
    expect(parseIsoTimestamp('2012-02-29T00:00:00Z')).toBeInstanceOf(Date);
  });

  // PowerShell 7.6 itself: `{1.5, True, $null, @{a=1}}`, `{1, 2, 3, 4…}` (U+2026).
  it('formatValue cuts arrays after four items', () => {
    expect(formatValue([])).toBe('{}');
    expect(formatValue(['a', 'b', 'c', 'd'])).toBe('{a, b, c, d}');
    expect(formatValue(['a', 'b', 'c', 'd', 'e'])).toBe('{a, b, c, d…}');
    expect(formatValue([1, true, null])).toBe('{1, True, $null}');
  });

  it('formatValue shows nested objects as @{} with PSTypeName hidden', () => {
    expect(formatValue({ PSTypeName: 'X', a: 1, b: true, c: '2012-09-25T13:35:03Z' })).toBe(
      '@{a=1; b=True; c=9/25/2012 1:35:03 PM}',
    );
    // PowerShell 7.6: inside @{...} a nested object is empty and an array is its type name.
    expect(formatValue({ a: { b: [1, 2] } })).toBe('@{a=}');
    expect(formatValue({ a: [1, 2], b: null })).toBe('@{a=System.Object[]; b=}');
  });
});

// Every expected text below is what PowerShell 7.6 printed for the same objects (Out-String, en-US, TZ=UTC).
describe('list view', () => {
  it('ListFormatter pads names and indents multi-line values', () => {
    expect(new ListFormatter(120).push({ A: 'one\ntwo', Longer: 1 })).toBe('\nA      : one\n         two\nLonger : 1\n\n');
  });

  it('TerminalFormatter chooses the list view for five properties', () => {
    const f = new TerminalFormatter();
    const text = f.push([pinInfo]) + f.end();
    expect(text).toBe(
      [
        '',
        'Identity          : sip:kenmyer@litwareinc.com',
        'IsPinSet          : False',
        'IsLockedOut       : False',
        'LastPinChangeTime : 9/25/2012 1:35:03 PM',
        'PinExpirationTime : ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('TerminalFormatter separates list objects with one blank line and pads each on its own', () => {
    const f = new TerminalFormatter();
    const first = f.push([{ a: 1, b: 2, c: 3, d: 4, e: 5 }]);
    const second = f.push([{ LongName: 'x', b: 2 }]);
    expect(first + second + f.end()).toBe(
      '\na : 1\nb : 2\nc : 3\nd : 4\ne : 5\n\nLongName : x\nb        : 2\n\n',
    );
  });
});

describe('table view', () => {
  it('TerminalFormatter chooses the table view for four properties or fewer', () => {
    const f = new TerminalFormatter();
    const text =
      f.push([
        { PSTypeName: 'T', Identity: 'sip:a@x.com', IsPinSet: true, Count: 7 },
        { PSTypeName: 'T', Identity: 'sip:bob@x.com', IsPinSet: false, Count: 12 },
      ]) + f.end();
    expect(text).toBe(
      [
        '',
        'Identity      IsPinSet Count',
        '--------      -------- -----',
        'sip:a@x.com       True     7',
        'sip:bob@x.com    False    12',
        '',
        '',
      ].join('\n'),
    );
  });

  it('TerminalFormatter hides PSTypeName when counting and showing properties', () => {
    const f = new TerminalFormatter();
    const text = f.push([{ PSTypeName: 'T', a: 1, b: 2, c: 3, d: 4 }]);
    expect(text).toBe('\na b c d\n- - - -\n1 2 3 4\n');
    expect(text).not.toContain('PSTypeName');
  });

  it('TerminalFormatter shows null as an empty cell and missing columns as empty', () => {
    const f = new TerminalFormatter();
    const text = f.push([{ Name: 'x', Value: null }, { Name: 'yy', Extra: 1 }]) + f.end();
    expect(text).toBe('\nName Value\n---- -----\nx    \nyy   \n\n');
  });

  it('TerminalFormatter prints the table header once across incremental pushes', () => {
    const f = new TerminalFormatter();
    const first = f.push([{ Name: 'alpha', Size: 1 }]);
    const second = f.push([{ Name: 'beta', Size: 22 }]);
    const third = f.push([]);
    expect(first).toBe('\nName  Size\n----  ----\nalpha    1\n');
    expect(second).toBe('beta    22\n');
    expect(third).toBe('');
    expect(f.end()).toBe('\n');
  });

  it('TerminalFormatter cuts values that do not fit the width with an ellipsis', () => {
    const f = new TerminalFormatter({ width: 20 });
    const text = f.push([{ Id: 'a', Description: 'a fairly long description' }]);
    const lines = text.split('\n');
    expect(lines).toEqual(['', 'Id Description', '-- -----------', 'a  a fairly long de…', '']);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(20);
  });

  it('fitColumns shrinks the last column, then hides it, as ColumnWidthManager does', () => {
    // PowerShell at width 40: a (30) b (5) c (30) -> "xxx…x short yy…".
    expect(fitColumns([30, 5, 30], 40)).toEqual([30, 5, 3]);
    expect(fitColumns([30, 5, 30], 36)).toEqual([30, 5, -1]);
    expect(fitColumns([30, 5, 30], 120)).toEqual([30, 5, 30]);
  });

  it('rowField keeps one line, cuts with … at the end or, right-aligned, at the start', () => {
    expect(rowField('one\ntwo', 10, 'left', true)).toBe('one…      ');
    expect(rowField('42', 4, 'right', false)).toBe('  42');
    expect(rowField('abcdef', 3, 'left', true)).toBe('ab…');
    expect(rowField('123456', 4, 'right', false)).toBe('…456');
  });

  it('TerminalFormatter writes nothing at end when no rows were written', () => {
    expect(new TerminalFormatter().end()).toBe('');
  });
});

describe('scalars', () => {
  it('TerminalFormatter prints scalars one per line', () => {
    const f = new TerminalFormatter();
    expect(f.push(['hello', 3, true, null, '2012-09-25T00:00:00Z']) + f.end()).toBe(
      'hello\n3\nTrue\n9/25/2012 12:00:00 AM\n',
    );
  });
});

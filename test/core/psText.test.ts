// Fix the zone before any date is formatted so expected texts can be literal.
process.env.TZ = 'UTC';

import { describe, expect, it } from 'vitest';
import { CsvWriter, csvColumns, csvTypeLine } from '../../src/core/csv/csvWriter.js';
import { formatNumber, toStringValue } from '../../src/core/format/index.js';
import { jsonDate, jsonString, writeJson } from '../../src/core/format/psJson.js';
import { recordFromEntries } from '../../src/core/record.js';

// Expected texts: what PowerShell 7.6.10 wrote for the same values (scratch host, en-US, TZ=UTC).
describe('formatNumber: .NET ToString() of Int64 and Double', () => {
  it.each([
    [42, '42'], [-7, '-7'], [1e15, '1000000000000000'], [1.5, '1.5'], [0.0001, '0.0001'], [0.00001, '1E-05'],
    [1.23e-7, '1.23E-07'], [2.5e20, '250000000000000000000'], [1e21, '1E+21'], [123456789012.34567, '123456789012.34567'], [-0, '-0'],
  ])('%d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('toStringValue: PowerShell ToString() of a cell', () => {
  it('arrays, nested objects (their nested objects empty), dates in en-US or invariant', () => {
    expect(toStringValue([1, 2])).toBe('System.Object[]');
    expect(toStringValue({ x: 1, y: [3], z: { q: 1 }, d: '2012-09-25T13:35:03.000Z', n: null })).toBe('@{x=1; y=System.Object[]; z=; d=9/25/2012 1:35:03 PM; n=}');
    expect(toStringValue({ d: '2012-09-25T13:35:03.000Z' }, 'invariant')).toBe('@{d=09/25/2012 13:35:03}');
    expect(toStringValue({})).toBe('');
  });
});

describe('CsvWriter', () => {
  it('keeps the column order of records with integer-like keys, and finds later properties case-insensitively', () => {
    const first = recordFromEntries([['b', 1], ['2', 'x'], ['a', null]]);
    const writer = new CsvWriter(csvColumns(first));
    expect(writer.header()).toBe('"b","2","a"');
    expect(writer.row(first)).toBe('"1","x",');
    expect(writer.row({ B: 'y"z', A: '' })).toBe('"y""z",,""');
    expect(csvTypeLine({ PSTypeName: 'CSV:My.Type' })).toBe('#TYPE My.Type');
  });
});

describe('writeJson: ConvertTo-Json text', () => {
  it('indented and compressed layouts, depth truncation noted', () => {
    const state = { truncated: false };
    expect(writeJson({ a: [1, { b: [] }], c: {} }, { depth: 3, compress: false }, state)).toBe('{\n  "a": [\n    1,\n    {\n      "b": []\n    }\n  ],\n  "c": {}\n}');
    expect(state.truncated).toBe(false);
    expect(writeJson({ a: { b: { c: { d: 1 } } } }, { depth: 2, compress: true }, state)).toBe('{"a":{"b":{"c":"@{d=1}"}}}');
    expect(state.truncated).toBe(true);
  });

  it('strings and dates as Newtonsoft writes them', () => {
    expect(jsonString('a\u2028b\u0085"\u0001')).toBe('"a\\u2028b\\u0085\\"\\u0001"');
    expect(jsonDate('2012-09-25T13:35:03.000Z')).toBe('2012-09-25T13:35:03Z');
    expect(jsonDate('2012-09-25T13:35:03.1200000Z')).toBe('2012-09-25T13:35:03.12Z');
    expect(jsonDate('2012-09-25T13:35:03+02:00')).toBe('2012-09-25T11:35:03+00:00');
    expect(jsonDate('2012-02-30T13:35:03Z')).toBeUndefined();
  });
});

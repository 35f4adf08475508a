import { describe, expect, it } from 'vitest';
import { propertyNames, recordEntries, recordFromEntries, stringifyRecord } from '../../src/core/record.js';
import { parseJsonOrdered } from '../../src/core/stream/jsonCheck.js';
import { sh } from '../support/shell.js';

describe('ordered records', () => {
  it('keep an integer-like key where the text puts it, at every depth', () => {
    const text = '{"b":1,"2":3,"a":{"z":1,"10":[{"y":0,"0":1}]},"4294967295":5}';
    const value = parseJsonOrdered(text) as Record<string, unknown>;
    expect(propertyNames(value)).toEqual(['b', '2', 'a', '4294967295']);
    expect(stringifyRecord(value)).toBe(text);
    expect(stringifyRecord([value, { c: 1 }])).toBe(`[${text},{"c":1}]`);
  });

  it('leave records without integer-like keys as JSON.stringify has them', () => {
    const value = parseJsonOrdered('{"b":1,"a":[1,{"c":null}],"02":"x","-1":2}');
    expect(stringifyRecord(value)).toBe('{"b":1,"a":[1,{"c":null}],"02":"x","-1":2}');
  });

  it('are built in the order given; a repeated name keeps its first place', () => {
    const record = recordFromEntries([['Name', 'x'], ['7', 1], ['Count', 2], ['Name', 'y']]);
    expect(recordEntries(record)).toEqual([['Name', 'y'], ['7', 1], ['Count', 2]]);
    expect(stringifyRecord(recordFromEntries([['outer', [record]]]))).toBe('{"outer":[{"Name":"y","7":1,"Count":2}]}');
    // A wrapper built as a literal does not know what it holds: wrappers are built with recordFromEntries.
    expect(stringifyRecord({ outer: [record] })).toBe('{"outer":[{"7":1,"Name":"y","Count":2}]}');
  });

  it('list properties added after the order was taken, last', () => {
    const record = recordFromEntries([['b', 1], ['2', 3]]);
    record.c = 4;
    delete record.b;
    expect(propertyNames(record)).toEqual(['2', 'c']);
  });

  it('pass through the bins in order (NDJSON, Import-Csv, the list view)', async () => {
    const piped = await sh(`printf '%s\\n' '{"b":1,"2":3}' '[{"x":1,"0":2}]' | Where-Object b -ne 9`);
    expect(piped.stdout).toBe('{"b":1,"2":3}\n{"x":1,"0":2}\n');
    const csv = await sh(`printf 'b,2,a\\n1,3,4\\n' > ordered.csv && Import-Csv ordered.csv; rm ordered.csv`);
    expect(csv.stdout).toBe('{"b":"1","2":"3","a":"4"}\n');
    const list = await sh(`printf '%s\\n' '{"b":1,"2":3}' | CSPIN_FORMAT=list Where-Object b -eq 1`);
    expect(list.stdout).toBe('\nb : 1\n2 : 3\n\n');
  });
});

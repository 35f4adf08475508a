import { lastValueFrom, of, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { errorRecord, isErrorRecord } from '../../src/core/errors.js';
import { parseLine, parseRecords } from '../../src/core/stream/parseRecords.js';

describe('parseLine', () => {
  it('parseLine reads a JSON object line as that object', () => {
    expect(parseLine({ n: 3, text: '  {"Identity":"kenmyer","PinSet":true}' })).toEqual([
      { n: 3, value: { Identity: 'kenmyer', PinSet: true } },
    ]);
  });

  it('parseLine unrolls a JSON array line into one record per element with the same n', () => {
    expect(parseLine({ n: 2, text: '[{"a":1},[2,3],"x"]' })).toEqual([
      { n: 2, value: { a: 1 } },
      { n: 2, value: [2, 3] },
      { n: 2, value: 'x' },
    ]);
    expect(parseLine({ n: 4, text: '[]' })).toEqual([]);
  });

  it('parseLine reports a malformed object or array line as MalformedJson', () => {
    for (const text of ['{"a":', '[1,', '{nope}']) {
      const [item, ...rest] = parseLine({ n: 7, text });
      expect(rest).toEqual([]);
      expect(isErrorRecord(item)).toBe(true);
      expect(item).toMatchObject({ errorId: 'MalformedJson', category: 'ParserError', record: 7 });
      expect((item as { message: string }).message).toMatch(/^line 7, column \d+: malformed JSON \(.+\)$/);
    }
  });

  it('parseLine names the column of a malformed line and never quotes it (it may hold a PIN)', () => {
    const [item] = parseLine({ n: 2, text: '{"Identity":"sip:kenmyer@litwareinc.com","Pin":\'61739284\'}' });
    expect(item).toMatchObject({ errorId: 'MalformedJson', record: 2, message: 'line 2, column 48: malformed JSON (unexpected character)' });
  });

  it('parseLine refuses an object that repeats a key, at any depth or in another case', () => {
    expect(parseLine({ n: 1, text: '{"Identity":"sip:a@x.com","Identity":"sip:b@x.com"}' })).toEqual([
      expect.objectContaining({ errorId: 'DuplicateKeysInJsonString', category: 'InvalidData', record: 1, message: 'line 1, column 27: the object has the key "Identity" twice' }),
    ]);
    expect(parseLine({ n: 2, text: '[{"a":{"Pin":"1","pin":"2"}}]' })).toEqual([expect.objectContaining({ errorId: 'KeysWithDifferentCasingInJsonString', record: 2 })]);
    expect(parseLine({ n: 3, text: '[{"a":"x"},{"a":"y"}]' })).toEqual([{ n: 3, value: { a: 'x' } }, { n: 3, value: { a: 'y' } }]);
  });

  it('parseLine drops a BOM at the start of a line, where two files were concatenated', () => {
    expect(parseLine({ n: 5, text: '\uFEFF{"a":"x"}' })).toEqual([{ n: 5, value: { a: 'x' } }]);
    expect(parseLine({ n: 6, text: '\uFEFFkenmyer' })).toEqual([{ n: 6, value: 'kenmyer' }]);
  });

  it('parseLine reads JSON scalar lines as their values, null included', () => {
    expect(parseLine({ n: 1, text: '"sip:kenmyer@litwareinc.com"' })).toEqual([{ n: 1, value: 'sip:kenmyer@litwareinc.com' }]);
    expect(parseLine({ n: 2, text: '42' })).toEqual([{ n: 2, value: 42 }]);
    expect(parseLine({ n: 3, text: '-1.5' })).toEqual([{ n: 3, value: -1.5 }]);
    expect(parseLine({ n: 4, text: 'true' })).toEqual([{ n: 4, value: true }]);
    expect(parseLine({ n: 5, text: 'null' })).toEqual([{ n: 5, value: null }]);
  });

  it('parseLine keeps any other line as a plain string, untrimmed', () => {
    expect(parseLine({ n: 1, text: 'litwareinc\\kenmyer' })).toEqual([{ n: 1, value: 'litwareinc\\kenmyer' }]);
    expect(parseLine({ n: 2, text: ' Ken Myer ' })).toEqual([{ n: 2, value: ' Ken Myer ' }]);
    expect(parseLine({ n: 3, text: 'nobody' })).toEqual([{ n: 3, value: 'nobody' }]);
    expect(parseLine({ n: 4, text: '"unterminated' })).toEqual([{ n: 4, value: '"unterminated' }]);
    expect(parseLine({ n: 5, text: '007' })).toEqual([{ n: 5, value: '007' }]);
  });

  it('parseLine drops a trailing CR from a plain string', () => {
    expect(parseLine({ n: 1, text: 'kenmyer\r' })).toEqual([{ n: 1, value: 'kenmyer' }]);
  });
});

describe('parseRecords', () => {
  it('parseRecords passes error records through in order and does not stop at null', async () => {
    const bad = errorRecord({ errorId: 'InvalidUtf8', category: 'InvalidData', message: 'line 2: invalid UTF-8', record: 2 });
    const batches = await lastValueFrom(
      of([{ n: 1, text: 'null' }, bad, { n: 3, text: '[1,2]' }], [{ n: 4, text: 'after' }]).pipe(parseRecords(), toArray()),
    );
    expect(batches).toEqual([
      [{ n: 1, value: null }, bad, { n: 3, value: 1 }, { n: 3, value: 2 }],
      [{ n: 4, value: 'after' }],
    ]);
    expect(batches[0]?.[1]).toBe(bad);
  });
});

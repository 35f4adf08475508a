import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, checkParsed, columnOf, scanJson } from '../../src/core/stream/jsonCheck.js';

const ADUSER =
  '{"PSTypeName":"Microsoft.Rtc.Management.ADConnect.Schema.ADUser","Identity":"CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com","SipAddress":"sip:kenmyer@litwareinc.com","Enabled":true,"PinPolicy":null}';

describe('checkParsed', () => {
  it('checkParsed proves a compact line without numbers or escapes, and not one with a repeated key', () => {
    expect(checkParsed(ADUSER, JSON.parse(ADUSER))).toBe(true);
    expect(checkParsed('[{"a":"x"},["y",false]]', JSON.parse('[{"a":"x"},["y",false]]'))).toBe(true);
    for (const text of ['{"a":"x","a":"y"}', '{"a":"","b":null,"a":true}', '{"o":{"k":"v","k":"w"}}']) {
      expect(checkParsed(text, JSON.parse(text)), text).toBe(false);
    }
  });

  it('checkParsed leaves numbers, escapes, spaces and keys that differ only in case to the scan', () => {
    for (const text of ['{"a":1}', '{"a":"\\"q"}', '{ "a":"x"}', '{"Pin":"1","pin":"2"}', '{"o":{"K":"v","k":"w"}}']) {
      expect(checkParsed(text, JSON.parse(text)), text).toBe(false);
    }
  });
});

describe('scanJson', () => {
  it('scanJson finds a repeated key at any depth, with its offset, and keys that differ only in case', () => {
    expect(scanJson('{"a":"x","a":"y"}')).toEqual({ errorId: 'DuplicateKeysInJsonString', offset: 9, reason: expect.any(String), key: 'a' });
    expect(scanJson('[1,{"o":{"k":2,"\\u006b":3}}]')).toMatchObject({ errorId: 'DuplicateKeysInJsonString', offset: 15, key: 'k' });
    expect(scanJson('{"Pin":"1","pin":"2"}')).toMatchObject({ errorId: 'KeysWithDifferentCasingInJsonString', offset: 11, key: 'pin' });
    expect(scanJson('[{"a":1},{"a":2}]')).toBeUndefined();
  });

  it('scanJson gives the offset and a reason that never quotes the input', () => {
    const cases: [string, number][] = [
      ['{"Identity":"sip:x","Pin":\'61739284\'}', 26],
      ['{"a":', 5],
      ['[1,', 3],
      ['{nope}', 1],
      ['{"a" 1}', 5],
      ['{"a":1}x', 7],
      ['{"a":"b\u0001"}', 5],
      ['{"a":"\\x"}', 5],
      ['[01]', 2],
      ['{"a":tru}', 5],
    ];
    for (const [text, offset] of cases) {
      const problem = scanJson(text);
      expect(problem, text).toMatchObject({ errorId: 'MalformedJson', offset });
      expect(problem?.reason).not.toMatch(/61739284|nope|tru\b/);
    }
  });

  it('scanJson refuses nesting deeper than 1024 levels without recursing', () => {
    const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    expect(scanJson(deep(MAX_JSON_DEPTH))).toBeUndefined();
    expect(scanJson(deep(MAX_JSON_DEPTH + 1))).toMatchObject({ errorId: 'JsonDepthExceeded', offset: MAX_JSON_DEPTH });
    expect(scanJson(deep(500_000))).toMatchObject({ errorId: 'JsonDepthExceeded' });
    expect(checkParsed(deep(MAX_JSON_DEPTH + 1), JSON.parse(deep(MAX_JSON_DEPTH + 1)))).toBe(false);
  });

  it('scanJson agrees with JSON.parse on what is valid, for any text', () => {
    const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '"a"', '"A"', '\\', '\\u00', '1', '-', '0', '.', 'e', 'true', 'null', ' ', '\t', 'x', '\u0001', '😀');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const problem = scanJson(text);
        expect(problem?.errorId === 'MalformedJson').toBe(!valid);
        if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('scanJson and checkParsed never prove a line with a repeated key', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.integer());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'A', '__proto__'), scalar), { maxLength: 6 }), (members) => {
        const text = `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
        const keys = members.map(([k]) => k.toLowerCase());
        const repeated = new Set(keys).size < keys.length;
        const proved = checkParsed(text, JSON.parse(text));
        const problem = scanJson(text);
        expect(problem !== undefined).toBe(repeated);
        if (repeated) expect(proved).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('columnOf', () => {
  it('columnOf counts a surrogate pair as one character', () => {
    expect(columnOf('abc', 0)).toBe(1);
    expect(columnOf('abc', 2)).toBe(3);
    expect(columnOf('😀x', 2)).toBe(2);
  });
});

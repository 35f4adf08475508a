/**
 * ConvertTo-Csv, ConvertFrom-Csv, ConvertTo-Json and ConvertFrom-Json through real pipes: exact text
 * (what PowerShell 7.6 wrote for the same objects, asked in a scratch host), round trips, bad input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
});

const run = (command: string, input?: string) => sh(command, { env, input });

describe('ConvertTo-Csv', () => {
  it('quoting: Always by default, AsNeeded (delimiter, quote, LF; not a lone CR or leading blanks), Never, -QuoteFields; null unquoted, "" quoted', async () => {
    const input = `${JSON.stringify({ a: 'x,y', b: 'q"r', c: 'l\nm', d: ' s', e: 't\rz', f: null, g: '' })}\n`;
    const always = await run('ConvertTo-Csv', input);
    expect(always.stdout).toBe('"a","b","c","d","e","f","g"\n"x,y","q""r","l\nm"," s","t\rz",,""\n');
    expect((await run('ConvertTo-Csv -UseQuotes AsNeeded', input)).stdout).toBe('a,b,c,d,e,f,g\n"x,y","q""r","l\nm", s,t\rz,,\n');
    expect((await run('ConvertTo-Csv -UseQuotes Never', input)).stdout).toBe('a,b,c,d,e,f,g\nx,y,q"r,l\nm, s,t\rz,,\n');
    expect((await run('ConvertTo-Csv -QuoteFields A,c', input)).stdout).toBe('"a",b,"c",d,e,f,g\n"x,y",q"r,"l\nm", s,t\rz,,\n');
    expect((await run("ConvertTo-Csv -Delimiter ';'", input)).stdout).toBe('"a";"b";"c";"d";"e";"f";"g"\n"x,y";"q""r";"l\nm";" s";"t\rz";;""\n');
  });

  it('values as PowerShell\'s ToString(): arrays, nested objects (their own nested objects empty), .NET numbers, dates', async () => {
    const input = '{"a":[1,2],"b":{"x":1,"y":[3],"z":{"q":1}},"c":1.5,"d":0.00001,"e":1.23e-7,"f":1e21,"g":true,"h":"2012-09-25T13:35:03.000Z","i":{}}\n';
    const result = await run('ConvertTo-Csv', input);
    expect(result.stdout).toBe('"a","b","c","d","e","f","g","h","i"\n"System.Object[]","@{x=1; y=System.Object[]; z=}","1.5","1E-05","1.23E-07","1E+21","True","9/25/2012 1:35:03 PM",""\n');
  });

  it('columns from the first object: missing properties empty, extra dropped, names found case-insensitively; strings have Length; lines that render empty skipped', async () => {
    expect((await run('ConvertTo-Csv', '{"A":1,"b":2}\n{"a":3,"B":4,"c":5}\n{"x":1}\n')).stdout).toBe('"A","b"\n"1","2"\n"3","4"\n,\n');
    expect((await run('ConvertTo-Csv', '"abc"\n"de"\n')).stdout).toBe('"Length"\n"3"\n"2"\n');
    expect((await run('ConvertTo-Csv', '1\n2\n')).stdout).toBe('');
  });

  it('-UseQuotes with -QuoteFields, and a delimiter of two characters, are usage errors', async () => {
    for (const [args, id] of [['-UseQuotes Never -QuoteFields a', 'CannotSpecifyQuoteFieldsAndUseQuotes'], ['-Delimiter ab', 'CannotConvertArgumentNoMessage']]) {
      const result = await run(`ConvertTo-Csv ${args}`, '{"a":1}\n');
      expect(result.code).toBe(2);
      expect(errorsOf(result).map((e) => e.errorId)).toEqual([id]);
      expect(result.stdout).toBe('');
    }
  });

  it('| head ends it quietly', async () => {
    const result = await sh(`yes '{"a":1}' | head -n 200000 | ConvertTo-Csv | head -n 2`, { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('"a"\n"1"\n');
    expect(result.stderr).toBe('');
  });
});

describe('ConvertFrom-Csv', () => {
  it('reads CSV text back: all values strings, "" for empty cells, null for missing ones, #TYPE as the type name', async () => {
    const result = await run('ConvertFrom-Csv', '#TYPE My.Type\n"b","a","c"\n"1",,x\n"2"\n');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('{"PSTypeName":"My.Type","b":"1","a":"","c":"x"}\n{"PSTypeName":"My.Type","b":"2","a":null,"c":null}\n');
  });

  it('reads -InputObject text and -Header; a malformed row is reported and the others go on', async () => {
    expect((await run(`ConvertFrom-Csv -InputObject 'a;b' -Delimiter ';' -Header x,y`)).objects).toEqual([{ x: 'a', y: 'b' }]);
    const bad = await run('ConvertFrom-Csv', 'a,b\n"1,2\n3,4\n');
    expect(bad.code).toBe(1);
    expect(errorsOf(bad).map((e) => [e.errorId, e.record])).toEqual([['MalformedCsvRow', 2]]);
    expect(bad.objects).toEqual([{ a: '3', b: '4' }]);
  });

  it('round trip of the sample: ConvertTo-Csv | ConvertFrom-Csv', async () => {
    const result = await sh('Get-CsUser | Get-CsClientPinInfo | ConvertTo-Csv | ConvertFrom-Csv', { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toHaveLength(24);
    expect(result.objects[0]).toEqual({ Identity: 'sip:kenmyer@litwareinc.com', IsPinSet: 'True', IsLockedOut: 'False', LastPinChangeTime: '9/25/2012 1:35:03 PM', PinExpirationTime: '' });
  });
});

describe('ConvertTo-Json', () => {
  it('PowerShell 7\'s layout: one object as itself, several as an array, empty containers, numbers and escapes as Newtonsoft writes them', async () => {
    const input = `${JSON.stringify({ a: [], b: {}, c: [{ x: 1 }], d: 1.5, e: 0.00001, f: "<'&>\u0001\t\u00e9\u2028\u007f", g: 1e300, j: null, k: true })}\n`;
    const result = await run('ConvertTo-Json', input);
    expect(result.stdout).toBe(
      '{\n  "a": [],\n  "b": {},\n  "c": [\n    {\n      "x": 1\n    }\n  ],\n  "d": 1.5,\n  "e": 1E-05,\n  "f": "<\'&>\\u0001\\t\u00e9\\u2028\u007f",\n  "g": 1E+300,\n  "j": null,\n  "k": true\n}\n',
    );
    expect((await run('ConvertTo-Json', '1\n2\n')).stdout).toBe('[\n  1,\n  2\n]\n');
    expect((await run('ConvertTo-Json -Compress', '{"a":[],"b":{},"c":[{"x":1}]}\n')).stdout).toBe('{"a":[],"b":{},"c":[{"x":1}]}\n');
    expect((await run('ConvertTo-Json -AsArray', '{"a":1}\n')).stdout).toBe('[\n  {\n    "a": 1\n  }\n]\n');
    expect((await run('ConvertTo-Json -AsArray', '')).stdout).toBe('');
  });

  it('past -Depth: objects and arrays as PowerShell\'s strings, one warning; several inputs are one level deeper', async () => {
    const deep = await run('ConvertTo-Json', '{"a":[1,[2,[3,[4]]]],"b":{"c":{"d":{"e":{"f":1}}}}}\n');
    expect(deep.stdout).toBe('{\n  "a": [\n    1,\n    [\n      2,\n      "3 System.Object[]"\n    ]\n  ],\n  "b": {\n    "c": {\n      "d": "@{e=}"\n    }\n  }\n}\n');
    expect(deep.stderr).toContain('Resulting JSON is truncated as serialization has exceeded the set depth of 2.');
    const two = await run('ConvertTo-Json -Compress', '{"a":{"b":{"c":1}}}\n{"a":1}\n');
    expect(two.stdout).toBe('[{"a":{"b":"@{c=1}"}},{"a":1}]\n');
    expect((await run('ConvertTo-Json -Depth 0 -Compress', '{"a":[1,{"b":1},null,"x",true,1.5,[]]}\n')).stdout).toBe('{"a":"1   x True 1.5 System.Object[]"}\n');
    const range = await run('ConvertTo-Json -Depth 101', '{"a":1}\n');
    expect(range.code).toBe(2);
    expect(errorsOf(range).map((e) => e.errorId)).toEqual(['ParameterArgumentValidationError']);
  });

  it('dates as PowerShell writes the DateTime ConvertFrom-Json made: UTC with the fraction trimmed, an offset in local time', async () => {
    const input = '{"d":"2012-09-25T13:35:03.000Z","f":"2012-09-25T13:35:03.120Z","m":"2012-09-25T13:35:03+02:00"}\n';
    expect((await sh('ConvertTo-Json -Compress', { env: { ...env, TZ: 'America/New_York' }, input })).stdout).toBe(
      '{"d":"2012-09-25T13:35:03Z","f":"2012-09-25T13:35:03.12Z","m":"2012-09-25T07:35:03-04:00"}\n',
    );
  });

  it('streams: a million objects in the bins\' memory, | head ends it at once', async () => {
    const result = await sh(`yes '{"a":1}' | head -n 300000 | ConvertTo-Json -Compress | wc -c`, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(Number(result.stdout.trim())).toBe(8 * 300000 + 1 + 1);
  });
});

describe('ConvertFrom-Json', () => {
  it('a pretty-printed document, NDJSON line by line, arrays unrolled unless -NoEnumerate', async () => {
    expect((await run('ConvertFrom-Json', '[\n  {\n    "a": 1\n  },\n  2\n]\n')).stdout).toBe('{"a":1}\n2\n');
    expect((await run('ConvertFrom-Json', '{"a":1}\n\n{"a":2}\n')).stdout).toBe('{"a":1}\n{"a":2}\n');
    expect((await run('ConvertFrom-Json -NoEnumerate', '[1,2]\n')).stdout).toBe('[1,2]\n');
    expect((await run(`ConvertFrom-Json -InputObject '{"a":"x"}'`)).objects).toEqual([{ a: 'x' }]);
  });

  it('malformed JSON: line and column, never the text; a document stops, an NDJSON line is skipped', async () => {
    const doc = await run('ConvertFrom-Json', '{\n  "a": 1,\n  "secret": 123456x\n}\n');
    expect(doc.code).toBe(1);
    expect(errorsOf(doc).map((e) => [e.errorId, e.record])).toEqual([['MalformedJson', 3]]);
    expect(doc.stderr).toContain('line 3, column 19');
    expect(doc.stderr).not.toContain('123456');
    const lines = await run('ConvertFrom-Json', '{"a":1}\n{"a":\n{"a":3}\n{"a":1,"A":2}\n');
    expect(lines.code).toBe(1);
    expect(errorsOf(lines).map((e) => [e.errorId, e.record])).toEqual([['MalformedJson', 2], ['KeysWithDifferentCasingInJsonString', 4]]);
    expect(lines.objects).toEqual([{ a: 1 }, { a: 3 }]);
  });

  it('round trip: ConvertTo-Json | ConvertFrom-Json gives the objects back', async () => {
    const result = await sh('Get-CsUser | Get-CsClientPinInfo | ConvertTo-Json | ConvertFrom-Json', { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toHaveLength(24);
    expect(result.objects[0]).toEqual({ Identity: 'sip:kenmyer@litwareinc.com', IsPinSet: true, IsLockedOut: false, LastPinChangeTime: '2012-09-25T13:35:03Z', PinExpirationTime: null });
  });
});

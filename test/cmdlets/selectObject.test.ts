/**
 * Select-Object end to end: the real bin through real pipes fed by printf. Expected objects are what
 * PowerShell 7.6 gives for the same input (asked in a scratch host, `ConvertFrom-Json | Select-Object ...`).
 */
import { describe, expect, it } from 'vitest';
import { compileProjection, project, type Written } from '../../src/cmdlets/selectProjection.js';
import { recordFromEntries, stringifyRecord } from '../../src/core/record.js';
import { errorsOf, sh } from '../support/shell.js';

const ENV = { CSPIN_DB: '/nonexistent/cspin.db', CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
const printf = (values: readonly unknown[]) => `printf '%s\\n' ${values.map((v) => quote(JSON.stringify(v))).join(' ')} |`;

const AB = [{ a: 1, b: 'x' }];
const ONE_TO_FIVE = [1, 2, 3, 4, 5];

/** [Select-Object arguments, input objects, PowerShell's output objects]. */
const CASES: [string, unknown[], unknown[]][] = [
  ['c, A, b*', AB, [{ c: null, a: 1, b: 'x' }]],
  ['-Property q*', AB, [{}]],
  ['b,a', AB, [{ b: 'x', a: 1 }]],
  ['b, a', AB, [{ b: 'x', a: 1 }]],
  ['-Property b ,a', AB, [{ b: 'x', a: 1 }]],
  ["'@{Name=\"Sip\"; Expression={$_.b}}'", AB, [{ Sip: 'x' }]],
  ["a,'@{n=\"Sip\";e={$_.b}}'", AB, [{ a: 1, Sip: 'x' }]],
  ["'@{l=\"z\"; e=\"a\"}'", AB, [{ z: 1 }]],
  ["'@{e=\"*\"}'", AB, [{ a: 1, b: 'x' }]],
  ["'@{e={$_.a}}'", AB, [{ '$_.a': 1 }]],
  ["'{$_.a}'", AB, [{ '$_.a': 1 }]],
  ["'@{n=\"sum\"; e={$_.a -eq 1}}'", AB, [{ sum: true }]],
  ['-ExcludeProperty a', AB, [{ b: 'x' }]],
  ['-Property a -ExcludeProperty a', AB, [{}]],
  ["-Property a,'@{n=\"bb\";e=\"b\"}' -ExcludeProperty b*", [{ a: 1, b: 'x', c: 2 }], [{ a: 1 }]],
  ["'*'", [{ a: 1, b: 'x' }, { a: 2, c: 'y' }], [{ a: 1, b: 'x' }, { a: 2, c: 'y' }]],
  ['Length', ['abc'], [{ Length: 3 }]],
  ['a', [null, { a: 1 }], [{ a: 1 }]],
  ['-ExpandProperty a', [{ a: [1, 2, null, 3], b: 'x' }], [1, 2, 3]],
  ['-ExpandProperty a -Property b', [{ a: { q: 1 }, b: 'x' }], [{ q: 1, b: 'x' }]],
  ['-ExpandProperty a -Property b', [{ a: 'str', b: 'x' }], ['str']],
  ['-ExpandProperty b', [{ a: 1, b: null }], []],
  ['-ExpandProperty Length', ['abc'], [3]],
  ['-Last 2 -Skip 1', ONE_TO_FIVE, [3, 4]],
  ['-First 2 -Last 1', ONE_TO_FIVE, [1, 2, 5]],
  ['-First 2 -Last 3', ONE_TO_FIVE, [1, 2, 3, 4, 5]],
  ['-First 2 -Skip 1', ONE_TO_FIVE, [2, 3]],
  ['-First 1 -Last 1 -Skip 1', ONE_TO_FIVE, [2, 5]],
  ['-First 2 -Skip 1 -Last 1', ONE_TO_FIVE, [2, 3, 5]],
  ['-SkipLast 2', ONE_TO_FIVE, [1, 2, 3]],
  ['-Skip 1 -SkipLast 1', ONE_TO_FIVE, [2, 3, 4]],
  ['-Last 2 -Skip 10', ONE_TO_FIVE, []],
  ['-Index 3,1,1,9', ONE_TO_FIVE, [2, 4]],
  ['-First 0', AB, []],
  ['-Unique', ['abc', 'ABC', 'abc'], ['abc', 'ABC']],
  ['-Unique', [1, '1', 1.5, true, 'True'], [1, 1.5, 'True']],
  ['-Unique', [{ a: 1 }, { a: 2 }, { b: 1 }], [{ a: 1 }]],
  ['a -Unique', [{ a: 'x' }, { a: 'X' }, { a: 'x' }], [{ a: 'x' }, { a: 'X' }]],
  ['a,b -Unique', [{ a: 1, b: 2 }, { a: 1, b: 3 }, { a: '1', b: 2 }], [{ a: 1, b: 2 }, { a: 1, b: 3 }]],
  ['a,b -Unique', [{ a: 1, b: 2 }, { b: 2, a: 1 }], [{ a: 1, b: 2 }]],
  ['-Unique -First 2', [1, 1, 2, 2, 3], [1]],
  ['-Unique -Last 2', [1, 1, 2, 2, 3], [2, 3]],
  ['-ExpandProperty a -Unique', [{ a: 1, b: 2 }, { a: 1, b: 3 }], [1]],
];

/** New objects carry PowerShell's type name Selected.<input type>; the tables leave it out for brevity. */
const PLAIN = 'Selected.System.Management.Automation.PSCustomObject';
const withoutType = (objects: unknown[]) =>
  objects.map((o) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return o;
    const { PSTypeName, ...rest } = o as Record<string, unknown>;
    if (PSTypeName !== undefined) expect([PLAIN, 'Selected.System.String']).toContain(PSTypeName);
    return rest;
  });

describe('Select-Object, as PowerShell 7.6 does it', () => {
  it.each(CASES)('Select-Object %s on %j', async (args, input, expected) => {
    const result = await sh(`${printf(input)} Select-Object ${args}`, { env: ENV });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const selected = /-(Property|ExcludeProperty|ExpandProperty)\b|^[^-]/.test(args);
    expect(selected ? withoutType(result.objects) : result.objects).toEqual(expected);
    // Order of the properties too, as PowerShell writes them.
    expect(withoutType(result.objects).map((o) => (typeof o === 'object' && o !== null ? Object.keys(o) : o))).toEqual(
      expected.map((o) => (typeof o === 'object' && o !== null ? Object.keys(o) : o)),
    );
  });

  it('makes objects that keep integer-like property names in the order given', () => {
    const projection = compileProjection(['b', '2'], undefined, undefined);
    const [written] = project(recordFromEntries([['2', 3], ['b', 1]]), projection, 1);
    expect(stringifyRecord((written as Written).value)).toBe(`{"PSTypeName":"${PLAIN}","b":1,"2":3}`);
  });

  it('gives new objects the type Selected.<input type> and passes objects on unchanged without -Property', async () => {
    const typed = { PSTypeName: 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails', Identity: 'sip:a@b', IsPinSet: true };
    const result = await sh(`${printf([typed, 'text'])} Select-Object Identity, Length`, { env: ENV });
    expect(result.objects).toEqual([
      { PSTypeName: 'Selected.Microsoft.Rtc.Management.UserPinService.PinInfoDetails', Identity: 'sip:a@b', Length: null },
      { PSTypeName: 'Selected.System.String', Identity: null, Length: 4 },
    ]);
    const passed = await sh(`${printf([typed])} Select-Object -First 1`, { env: ENV });
    expect(passed.objects).toEqual([typed]);
  });
});

/** [arguments, input, output objects, error ids in order, exit status]. */
const ERRORS: [string, unknown[], unknown[], string[], number][] = [
  ['-ExpandProperty c', [...AB, ...AB], [], ['ExpandPropertyNotFound', 'ExpandPropertyNotFound'], 1],
  ["-ExpandProperty '*'", AB, [], ['MutlipleExpandProperties'], 1],
  ['a, A, b', AB, [{ a: 1, b: 'x' }], ['AlreadyExistingUserSpecifiedPropertyNoExpand'], 1],
  ["'@{n=\"z\";e={$_.a}}','@{n=\"z\";e={$_.b}}'", AB, [{ z: 1 }], ['AlreadyExistingUserSpecifiedPropertyNoExpand'], 1],
  ["'@{n=\"z\";e=\"a*\"}'", [{ a: 1, ab: 'x' }], [{}], ['RenamingMultipleResults'], 1],
  ['-ExpandProperty a -Property b', [{ a: { b: 1 }, b: 'x' }], [{ b: 1 }], ['AlreadyExistingUserSpecifiedPropertyExpand'], 1],
  ["a,'@{n=\"Sip\"}'", AB, [], ['DictionaryKeyMandatoryEntry'], 2],
  ["'@{n=\"Sip\"; e={$_.b}; zz=1}'", AB, [], ['DictionaryKeyIllegal'], 2],
  ["'@{n=\"Sip\"; l=\"x\"; e=\"b\"}'", AB, [], ['DictionaryKeyDuplicate'], 2],
  ["'@{n=1; e=\"b\"}'", AB, [], ['DictionaryKeyIllegalValue2'], 2],
  ["'@{e=1}'", AB, [], ['DictionaryKeyIllegalValue1'], 2],
  ["'@{n=\"c\";e=$null}'", AB, [], ['DictionaryKeyMissingValue'], 2],
  ["'@{n=Sip; e=\"b\"}'", AB, [], ['UnsupportedHashtableValue'], 2],
  ["'@{n=\"Sip\"; e={$_.b}'", AB, [], ['MissingEndCurlyBrace'], 2],
  ["'@{n \"Sip\"}'", AB, [], ['MissingEqualsInHashLiteral'], 2],
  ["'{}'", AB, [], ['EmptyScriptBlockAndNoName'], 2],
  ["'{ Get-Date }'", AB, [], ['ScriptBlockNotSupported'], 2],
  ['a,', AB, [], ['MissingExpression'], 2],
  ['a,,b', AB, [], ['MissingExpression'], 2],
  ['-First -1', AB, [], ['ParameterArgumentValidationError'], 2],
  ['-First 2 -Index 1', AB, [], ['AmbiguousParameterSet'], 2],
  ['-Last 2 -SkipLast 1', AB, [], ['AmbiguousParameterSet'], 2],
  ['-ExcludeProperty "a["', AB, [], ['WildcardPatternException'], 2],
];

describe('Select-Object errors', () => {
  it.each(ERRORS)('Select-Object %s', async (args, input, expected, ids, code) => {
    const result = await sh(`${printf(input)} Select-Object ${args}`, { env: ENV });
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(ids);
    expect(result.code).toBe(code);
    expect(withoutType(result.objects)).toEqual(expected);
  });

  it('writes a usage error as one short line, with no stack trace', async () => {
    const result = await sh(`${printf(AB)} Select-Object '@{n=Sip${'x'.repeat(5000)}; e="b"}'`);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.length).toBeLessThan(800);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

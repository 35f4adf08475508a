/**
 * The conformance runner's own judgement, without dotnet: a wrong expectation or a differing output is a
 * difference, a deliberate one is reported but not counted, property order counts (integer-like keys too).
 */
import { describe as group, expect, it } from 'vitest';
import type { ConformanceCase } from './case.js';
import { describe, judge, parseNdjson, parseOrdered, pwshOf, sameJson, stringifyOrdered, summary, type SideResult } from './compare.js';

const objects = (...lines: string[]): SideResult => ({ objects: parseNdjson(lines.join('\n')), errors: [] });
const CASE: ConformanceCase = { name: 'a case', input: ['{"a":1}'], pipeline: 'Where-Object a -eq 1', output: 'objects' };

group('the conformance judgement', () => {
  it('finds the same objects the same, numbers by value', () => {
    expect(judge(CASE, 'x: a case', objects('{"a":1,"b":"x"}'), objects('{"a":1.0,"b":"x"}')).status).toBe('same');
  });

  it('reports other objects, more objects and another order of properties as a difference', () => {
    expect(judge(CASE, 'x', objects('{"a":1}'), objects('{"a":2}')).status).toBe('different');
    expect(judge(CASE, 'x', objects('{"a":1}'), objects('{"a":1}', '{"a":1}')).status).toBe('different');
    expect(judge(CASE, 'x', objects('{"a":1,"b":2}'), objects('{"b":2,"a":1}')).status).toBe('different');
    // JSON.parse would put "2" first on both sides and hide this.
    expect(judge(CASE, 'x', objects('{"b":1,"2":3}'), objects('{"2":3,"b":1}')).status).toBe('different');
  });

  it('reports a wrong error expectation even when both sides agree', () => {
    const wrong = { ...CASE, errors: ['NotTheRightId'] };
    const side: SideResult = { objects: [], errors: ['InputObjectNotBound'] };
    const verdict = judge(wrong, 'x', side, side);
    expect(verdict.status).toBe('different');
    expect(verdict.problems).toEqual([
      'PowerShell\'s error ids are not the case\'s ["NotTheRightId"]',
      'cspin\'s error ids are not the case\'s ["NotTheRightId"]',
    ]);
  });

  it('compares text byte for byte, files by their bytes, counts by number', () => {
    const text: ConformanceCase = { ...CASE, output: 'text' };
    expect(judge(text, 'x', { text: 'a \n', errors: [] }, { text: 'a\n', errors: [] }).status).toBe('different');
    const file: ConformanceCase = { ...CASE, output: { file: 'out.csv' } };
    expect(judge(file, 'x', { file: 'QQ==', errors: [] }, { file: null, errors: [] }).status).toBe('different');
    const count: ConformanceCase = { ...CASE, output: 'count' };
    expect(judge(count, 'x', { count: 1, errors: [] }, { count: 1, errors: [] }).status).toBe('same');
  });

  it('counts a deliberate difference apart and notes a deliberate case that now agrees', () => {
    const marked = { ...CASE, deliberate: 'bash has no script blocks' };
    const verdicts = [
      judge(marked, 'a', objects('{"a":1}'), objects('{"a":2}')),
      judge(marked, 'b', objects('{"a":1}'), objects('{"a":1}')),
      judge(CASE, 'c', objects('{"a":1}'), objects()),
    ];
    expect(verdicts.map((v) => v.status)).toEqual(['deliberate', 'same', 'different']);
    expect(verdicts[1]?.staleDeliberate).toBe(true);
    expect(summary(verdicts)).toBe('3 cases, 1 same, 1 different, 1 deliberate, 0 open');
  });

  it('counts an open difference apart with its reason, and notes an open case that now agrees', () => {
    const open = judge(CASE, 'a', objects('{"a":1}'), objects('{"a":2}'), 'fixed by the next issue');
    expect(open.status).toBe('open');
    expect(open.problems[0]).toBe('open: fixed by the next issue');
    expect(judge(CASE, 'b', objects('{"a":1}'), objects('{"a":1}'), 'fixed by the next issue').staleDeliberate).toBe(true);
    expect(summary([open])).toBe('1 cases, 0 same, 0 different, 0 deliberate, 1 open');
  });

  it('a side that could not run is a difference', () => {
    expect(judge(CASE, 'x', { errors: [], failure: 'timeout' }, objects()).status).toBe('different');
  });

  it('shows both pipelines and both outputs', () => {
    const verdict = judge(CASE, 'whereObject: a case', objects('{"b":1,"2":3}'), objects('{"2":3,"b":1}'));
    const text = describe(CASE, verdict, objects('{"b":1,"2":3}'), objects('{"2":3,"b":1}'));
    expect(text).toContain('DIFFERENT whereObject: a case');
    expect(text).toContain('    {"b":1,"2":3}\n');
    expect(text).toContain('    {"2":3,"b":1}\n');
  });
});

group('parseOrdered', () => {
  it('keeps the order of properties and reads every JSON value', () => {
    const text = '{"b":[1,-2.5e1,{"x":null}],"2":"a\\"\\u00e9","t":true,"f":false,"o":{}}';
    expect(stringifyOrdered(parseOrdered(text))).toBe('{"b":[1,-25,{"x":null}],"2":"a\\"é","t":true,"f":false,"o":{}}');
    expect(sameJson(parseOrdered('[]'), parseOrdered(' [ ] '))).toBe(true);
  });

  it('refuses what is not JSON', () => {
    expect(() => parseOrdered('{"a":1')).toThrow(SyntaxError);
    expect(() => parseOrdered('{"a":1} x')).toThrow(SyntaxError);
    expect(parseNdjson('not json')).toEqual(['(not JSON) not json']);
  });
});

group('pwshOf', () => {
  it('takes the bash quotes off script blocks, hashtables, $True/$False/$Null and -Name:$value', () => {
    expect(pwshOf({ pipeline: "Where-Object '{$_.A -eq 1}' | Select-Object '@{n=\"X\";e={$_.A}}'" })).toBe(
      'Where-Object {$_.A -eq 1} | Select-Object @{n="X";e={$_.A}}',
    );
    expect(pwshOf({ pipeline: "Where-Object A -eq '$False' '-WhatIf:$true'" })).toBe('Where-Object A -eq $False -WhatIf:$true');
    expect(pwshOf({ pipeline: "Where-Object A -like 'a*'" })).toBe("Where-Object A -like 'a*'");
    expect(pwshOf({ pipeline: 'x', pwsh: 'y' })).toBe('y');
  });
});

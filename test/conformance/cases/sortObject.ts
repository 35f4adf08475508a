/** Sort-Object against PowerShell: comparison rules, ties (.NET's introsort), -Unique, -Top/-Bottom, order entries. */
import type { ConformanceCase } from '../case.js';

const o = (value: Record<string, unknown>) => JSON.stringify(value);
const objects = (values: Record<string, unknown>[]) => values.map(o);
const strings = (values: string[]) => values.map((v) => JSON.stringify(v));
const D1 = '2012-09-25T13:35:03.000Z';
const D2 = '2010-01-01T00:00:00.000Z';
const D3 = '2016-02-29T23:59:59.000Z';

/** 40 objects with few distinct keys: past 16 items .NET's introsort moves equal keys around. */
const ties = Array.from({ length: 40 }, (_, i) => o({ k: (i * 7) % 5, i }));
const tiesText = Array.from({ length: 30 }, (_, i) => o({ k: ['b', 'A', 'a', 'B', 'c'][(i * 3) % 5], i }));

const cases: ConformanceCase[] = [
  { name: 'numbers ascending', input: ['8', '-2', '1', '10', '2.5'], pipeline: 'Sort-Object', output: 'objects' },
  { name: 'numbers descending', input: ['8', '-2', '1', '10', '2.5'], pipeline: 'Sort-Object -Descending', output: 'objects' },
  { name: 'a $null record is dropped', input: ['8', 'null', '-2', '1'], pipeline: 'Sort-Object', output: 'objects' },
  { name: '$null between negative numbers and zero', input: objects([{ a: 8 }, { a: null }, { a: -2 }, { a: 0 }, { a: 1 }, { a: -0.5 }]), pipeline: 'Sort-Object a', output: 'objects' },
  { name: '$null first among strings', input: objects([{ a: 'b' }, { a: null }, { a: 'a' }]), pipeline: 'Sort-Object a', output: 'objects' },
  { name: 'missing property last ascending', input: objects([{ a: 2 }, { b: 1 }, { a: null }, { a: 1 }]), pipeline: 'Sort-Object a', output: 'objects' },
  { name: 'missing property last descending too', input: objects([{ a: 2 }, { b: 1 }, { a: null }, { a: 1 }]), pipeline: 'Sort-Object a -Descending', output: 'objects' },
  { name: 'strings case-insensitive, culture order', input: strings(['b', 'B', 'a', 'A', 'a-b', 'ab', 'a b', 'é', 'e', 'f', '10', '9', '_x']), pipeline: 'Sort-Object', output: 'objects' },
  { name: 'strings -CaseSensitive: lower case first', input: strings(['b', 'B', 'a', 'A', 'Ab', 'aB', 'ab', 'AB']), pipeline: 'Sort-Object -CaseSensitive', output: 'objects' },
  { name: 'strings descending', input: strings(['pear', 'Apple', 'banana', 'apple']), pipeline: 'Sort-Object -Descending', output: 'objects' },
  { name: 'dates as dates', input: objects([{ d: D1 }, { d: D2 }, { d: D3 }]), pipeline: 'Sort-Object d', output: 'objects' },
  { name: 'dates descending with null and missing', input: objects([{ d: D1 }, { d: null }, { x: 1 }, { d: D2 }]), pipeline: 'Sort-Object d -Descending', output: 'objects' },
  { name: 'booleans: False before True', input: objects([{ b: true }, { b: false }, { b: true }, { b: false }]), pipeline: 'Sort-Object b', output: 'objects' },
  { name: 'mixed scalar types', input: ['true', 'false', '1', '"x"', '2.5', '0'], pipeline: 'Sort-Object', output: 'objects' },
  { name: 'numbers before numeric strings', input: ['10', '9', '"10"', '"9"', '2.5'], pipeline: 'Sort-Object', output: 'objects' },
  { name: 'empty string, negative, zero, false', input: ['-1', '0', '""', 'false'], pipeline: 'Sort-Object', output: 'objects' },
  { name: 'property values of mixed types', input: objects([{ a: -1 }, { a: null }, { a: 0 }, { a: '' }, { a: false }, { a: -0.5 }]), pipeline: 'Sort-Object a', output: 'objects' },
  { name: 'date, number, text and boolean', input: objects([{ d: 5 }, { d: D1 }, { d: 'abc' }, { d: true }]), pipeline: 'Sort-Object d', output: 'objects' },
  { name: 'arrays compare as their text', input: objects([{ a: [2, 1], i: 1 }, { a: [1, 2], i: 2 }, { a: [1], i: 3 }, { a: '1 5', i: 4 }]), pipeline: 'Sort-Object a', output: 'objects' },
  { name: 'objects as keys are all equal', input: objects([{ a: { b: 2 }, i: 1 }, { a: { b: 1 }, i: 2 }, { a: 'x', i: 3 }]), pipeline: 'Sort-Object a', output: 'objects' },
  { name: 'whole objects are all equal', input: objects([{ a: 2 }, { a: 1 }, { a: 3 }]), pipeline: 'Sort-Object', output: 'objects' },
  { name: 'two keys', input: objects([{ a: 2, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'x' }]), pipeline: 'Sort-Object a,b', output: 'objects' },
  { name: 'two keys, bash spelling', input: objects([{ a: 2, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'x' }]), pipeline: 'Sort-Object a, b -Descending', output: 'objects' },
  { name: 'property name in any case', input: objects([{ Name: 'b' }, { Name: 'a' }]), pipeline: 'Sort-Object name', output: 'objects' },
  { name: 'wildcard property', input: objects([{ ab: 2, i: 1 }, { ab: 1, i: 2 }]), pipeline: 'Sort-Object a*', output: 'objects' },
  { name: 'unstable ties: three items', input: objects([{ n: 'smith', f: 1 }, { n: 'smith', f: 2 }, { n: 'smyth', f: 3 }]), pipeline: 'Sort-Object n -Descending', output: 'objects' },
  { name: 'unstable ties: -Unique keeps .NET\'s survivor', input: objects([{ n: 'smith', f: 1 }, { n: 'smith', f: 2 }, { n: 'smyth', f: 3 }]), pipeline: 'Sort-Object n -Descending -Unique', output: 'objects' },
  { name: 'unstable ties: 40 items, introsort order', input: ties, pipeline: 'Sort-Object k', output: 'objects' },
  { name: 'unstable ties: 40 items descending', input: ties, pipeline: 'Sort-Object k -Descending', output: 'objects' },
  { name: 'unstable ties: 30 strings', input: tiesText, pipeline: 'Sort-Object k', output: 'objects' },
  { name: '-Stable keeps input order on ties', input: ties, pipeline: 'Sort-Object k -Stable', output: 'objects' },
  { name: '-Stable -Descending', input: ties, pipeline: 'Sort-Object k -Stable -Descending', output: 'objects' },
  { name: '-Unique is case-insensitive', input: strings(['b', 'a', 'B', 'A']), pipeline: 'Sort-Object -Unique', output: 'objects' },
  { name: '-Unique -CaseSensitive', input: strings(['b', 'a', 'B', 'A']), pipeline: 'Sort-Object -Unique -CaseSensitive', output: 'objects' },
  { name: '-Unique on a property', input: ties, pipeline: 'Sort-Object k -Unique', output: 'objects' },
  { name: '-Top', input: ['1', '5', '3', '4', '2'], pipeline: 'Sort-Object -Top 2', output: 'objects' },
  { name: '-Top -Descending', input: ['1', '2', '3', '4', '5'], pipeline: 'Sort-Object -Top 2 -Descending', output: 'objects' },
  { name: '-Bottom', input: ['1', '5', '3', '4', '2'], pipeline: 'Sort-Object -Bottom 2', output: 'objects' },
  { name: '-Top larger than the input', input: ['3', '1', '2'], pipeline: 'Sort-Object -Top 10', output: 'objects' },
  { name: '-Top keeps input order on ties', input: ties, pipeline: 'Sort-Object k -Top 12', output: 'objects' },
  { name: '-Bottom keeps input order on ties', input: ties, pipeline: 'Sort-Object k -Bottom 12', output: 'objects' },
  { name: '-Top -Unique', input: ties, pipeline: 'Sort-Object k -Top 3 -Unique', output: 'objects' },
  { name: '-Bottom -Unique', input: ties, pipeline: 'Sort-Object k -Bottom 3 -Unique', output: 'objects' },
  { name: '-Top 0 is refused', input: ['3', '1'], pipeline: 'Sort-Object -Top 0', output: 'objects', errors: ['ParameterArgumentValidationError'] },
  { name: 'order entry descending', input: objects([{ a: 2, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'x' }]), pipeline: `Sort-Object a, '@{Expression="b"; Descending=$true}'`, output: 'objects' },
  { name: 'order entry by prefix', input: objects([{ a: 2, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'x' }]), pipeline: `Sort-Object '@{e="a"; asc=$false}', b`, output: 'objects' },
  { name: 'order entry overrides -Descending', input: objects([{ a: 2, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'x' }]), pipeline: `Sort-Object '@{e="a"; Ascending=$true}', b -Descending`, output: 'objects' },
  { name: 'conflicting order entry keys are ignored', input: objects([{ a: 2 }, { a: 1 }, { a: 3 }]), pipeline: `Sort-Object '@{e="a"; Ascending=$true; Descending=$true}' -Descending`, output: 'objects' },
  { name: 'script block key', input: objects([{ a: 2 }, { a: -3 }, { a: 1 }]), pipeline: `Sort-Object '{$_.a}' -Descending`, output: 'objects' },
  { name: 'unknown order entry key', input: objects([{ a: 2 }]), pipeline: `Sort-Object '@{e="a"; x=1}'`, output: 'objects', errors: ['DictionaryKeyIllegal'] },
  { name: 'no input', pipeline: 'Sort-Object', input: [], output: 'objects' },
];

export default cases;

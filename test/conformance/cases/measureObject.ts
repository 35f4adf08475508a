/** Measure-Object against PowerShell: the GenericMeasureInfo shape, Count rules, sample deviation, non-numeric input. */
import type { ConformanceCase } from '../case.js';

const objects = (values: Record<string, unknown>[]) => values.map((v) => JSON.stringify(v));

const cases: ConformanceCase[] = [
  { name: 'count', input: ['1', '2', '3'], pipeline: 'Measure-Object', output: 'objects' },
  { name: 'a $null record is not counted', input: ['1', 'null', '3'], pipeline: 'Measure-Object', output: 'objects' },
  { name: 'no input: Count 0', input: [], pipeline: 'Measure-Object', output: 'objects' },
  { name: 'no input with a property: nothing', input: [], pipeline: 'Measure-Object a', output: 'objects' },
  { name: '-AllStats', input: ['1', '3', '4'], pipeline: 'Measure-Object -AllStats', output: 'objects' },
  { name: 'sample standard deviation of 1..10', input: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], pipeline: 'Measure-Object -StandardDeviation', output: 'objects' },
  { name: 'one value: deviation 0', input: ['5'], pipeline: 'Measure-Object -AllStats', output: 'objects' },
  { name: 'sum and average', input: ['1.5', '2', '-4'], pipeline: 'Measure-Object -Sum -Average', output: 'objects' },
  { name: 'property: null counts as 0, missing not counted', input: objects([{ a: 1 }, { a: null }, { b: 3 }]), pipeline: 'Measure-Object a -Sum -Average -Minimum -Maximum -StandardDeviation', output: 'objects' },
  { name: 'property found nowhere: nothing', input: objects([{ a: 1 }, { b: 3 }]), pipeline: 'Measure-Object c -Sum', output: 'objects' },
  { name: 'non-numeric value', input: ['1', '"x"', '4'], pipeline: 'Measure-Object -Sum -Maximum', output: 'objects', errors: ['NonNumericInputObject'] },
  { name: 'non-numeric value, average', input: objects([{ a: 1 }, { a: 'x' }]), pipeline: 'Measure-Object a -Average', output: 'objects', errors: ['NonNumericInputObject'] },
  { name: 'numeric strings are numbers', input: ['"1"', '"2.5"', '" 3 "'], pipeline: 'Measure-Object -Sum -Maximum -Minimum', output: 'objects' },
  { name: 'booleans are 1 and 0', input: ['true', 'false', 'true'], pipeline: 'Measure-Object -Sum -Maximum', output: 'objects' },
  { name: 'string minimum and maximum', input: objects([{ a: 'x' }, { a: 'B' }, { a: '10' }]), pipeline: 'Measure-Object a -Minimum -Maximum', output: 'objects' },
  { name: 'date minimum and maximum', input: objects([{ a: '2012-09-25T13:35:03.000Z' }, { a: '2010-01-01T00:00:00.000Z' }]), pipeline: 'Measure-Object a -Minimum -Maximum', output: 'objects' },
  { name: 'wildcard: one result per property', input: objects([{ A1: 1, A2: 2 }, { A1: 1, A2: 2, A3: 3 }]), pipeline: 'Measure-Object A* -Sum', output: 'objects' },
  { name: 'two properties', input: objects([{ a: 1, b: 10 }, { a: 2, b: 20 }]), pipeline: 'Measure-Object a,b -Sum', output: 'objects' },
  { name: 'property name in any case', input: objects([{ Size: 1 }, { Size: 2 }]), pipeline: 'Measure-Object size -Sum', output: 'objects' },
  { name: 'maximum of negative numbers', input: ['-5', '-2', '-9'], pipeline: 'Measure-Object -Maximum -Minimum', output: 'objects' },
  { name: 'lines, words, characters', input: ['"hello world"', '"a\\nb"'], pipeline: 'Measure-Object -Line -Word -Character', output: 'objects' },
  { name: 'characters without white space', input: ['"a b  c"'], pipeline: 'Measure-Object -Character -IgnoreWhiteSpace', output: 'objects' },
  { name: 'words only', input: ['"one two  three"', '""'], pipeline: 'Measure-Object -Word', output: 'objects' },
];

export default cases;

/** Group-Object against PowerShell: group order, names, values, case, nulls and missing properties, -NoElement. */
import type { ConformanceCase } from '../case.js';

const objects = (values: Record<string, unknown>[]) => values.map((v) => JSON.stringify(v));
const D1 = '2012-09-25T13:35:03.000Z';
const D2 = '2010-01-01T00:00:00.000Z';

const cases: ConformanceCase[] = [
  { name: 'booleans: False then True', input: objects([{ b: true, i: 1 }, { b: false, i: 2 }, { b: true, i: 3 }]), pipeline: 'Group-Object b', output: 'objects' },
  { name: 'groups sorted by key, elements in input order', input: objects([{ k: 'c', i: 1 }, { k: 'a', i: 2 }, { k: 'b', i: 3 }, { k: 'a', i: 4 }]), pipeline: 'Group-Object k', output: 'objects' },
  { name: 'format-like strings in key order', input: ['"{"', '"}"', '"{0}"'], pipeline: 'Group-Object', output: 'objects' },
  { name: 'case-insensitive: first spelling names the group', input: objects([{ a: 'aA' }, { a: 'AA' }, { a: 'b' }]), pipeline: 'Group-Object a', output: 'objects' },
  { name: '-CaseSensitive', input: objects([{ a: 'aA' }, { a: 'AA' }, { a: 'b' }]), pipeline: 'Group-Object a -CaseSensitive', output: 'objects' },
  { name: 'null and missing make one group named ""', input: objects([{ a: 'b' }, { x: 1 }, { a: null }, { a: 'a' }]), pipeline: 'Group-Object a', output: 'objects' },
  { name: 'missing only: the last group', input: objects([{ a: 'b' }, { x: 1 }, { a: 'a' }]), pipeline: 'Group-Object a', output: 'objects' },
  { name: 'mixed types: order of appearance', input: objects([{ a: 1, i: 1 }, { a: 1.5, i: 2 }, { a: 1, i: 3 }, { a: 'x', i: 4 }]), pipeline: 'Group-Object a', output: 'objects' },
  { name: 'mixed types join the first equal group', input: objects([{ a: 'x', i: 1 }, { a: 2, i: 2 }, { a: '2', i: 3 }, { a: 'X', i: 4 }]), pipeline: 'Group-Object a', output: 'objects' },
  { name: 'numbers sorted numerically', input: objects([{ n: 10 }, { n: 9 }, { n: 100 }, { n: 9 }]), pipeline: 'Group-Object n -NoElement', output: 'objects' },
  { name: 'negative numbers and null', input: objects([{ n: 1 }, { n: null }, { n: -1 }, { n: 0 }]), pipeline: 'Group-Object n -NoElement', output: 'objects' },
  { name: 'dates: Name in en-US', input: objects([{ d: D1 }, { d: D2 }, { d: D1 }]), pipeline: 'Group-Object d -NoElement', output: 'objects' },
  { name: 'double Name', input: objects([{ a: 1.5 }, { a: 0.25 }]), pipeline: 'Group-Object a -NoElement', output: 'objects' },
  { name: 'two properties: Name joined by ", "', input: objects([{ a: 'x', b: 1 }, { a: 'X', b: 1 }, { a: 'y', b: 2 }]), pipeline: 'Group-Object a,b', output: 'objects' },
  { name: 'two properties, one null', input: objects([{ a: 'x', b: null }, { a: 'y', b: 2 }]), pipeline: 'Group-Object a, b -NoElement', output: 'objects' },
  { name: 'array values: Name {1, 2}', input: objects([{ a: [1, 2] }, { a: [1, 2] }, { a: [3] }]), pipeline: 'Group-Object a -NoElement', output: 'objects' },
  { name: 'strings without a property', input: ['"b"', '"a"', 'null', '"b"'], pipeline: 'Group-Object', output: 'objects' },
  { name: 'numbers without a property', input: ['3', '1', '3', '2'], pipeline: 'Group-Object -NoElement', output: 'objects' },
  { name: '-NoElement', input: objects([{ b: true }, { b: false }, { b: true }]), pipeline: 'Group-Object b -NoElement', output: 'objects' },
  { name: 'a wildcard property is refused', input: objects([{ ab: 1 }, { ab: 2 }, { ab: 1 }]), pipeline: 'Group-Object a* -NoElement', output: 'objects', errors: ['ExpressionGlobbing2'] },
  { name: 'property name in any case', input: objects([{ Dept: 'IT' }, { Dept: 'HR' }]), pipeline: 'Group-Object dept -NoElement', output: 'objects' },
  { name: 'script block', input: objects([{ a: 1 }, { a: 2 }, { a: 3 }]), pipeline: `Group-Object '{$_.a -gt 1}' -NoElement`, output: 'objects' },
  { name: 'hashtable expression', input: objects([{ a: 'x' }, { a: 'y' }, { a: 'x' }]), pipeline: `Group-Object '@{Expression="a"}' -NoElement`, output: 'objects' },
  { name: 'object values cannot be compared', input: objects([{ a: { b: 2 } }, { a: { b: 1 } }]), pipeline: 'Group-Object a', output: 'objects', errors: ['PSObjectCompareTo'] },
  { name: 'one object value: Name @{b=1}', input: objects([{ a: { b: 1 } }]), pipeline: 'Group-Object a -NoElement', output: 'objects' },
  { name: '-AsString needs -AsHashTable', input: objects([{ a: 1 }]), pipeline: 'Group-Object a -AsString', output: 'objects', errors: ['ArgumentException'] },
  { name: 'no input', input: [], pipeline: 'Group-Object a', output: 'objects' },
  // GroupInfo's type name, through Select-Object, and its views and JSON.
  { name: 'GroupInfo | Select-Object Name, Count: Selected.GroupInfo', input: objects([{ b: true }, { b: false }, { b: true }]), pipeline: 'Group-Object b | Select-Object Name, Count', output: 'objects' },
  { name: '-NoElement | Select-Object Name, Count: Selected.GroupInfoNoElement', input: objects([{ b: true }, { b: false }]), pipeline: 'Group-Object b -NoElement | Select-Object Name, Count', output: 'objects' },
  { name: 'GroupInfo | Format-Table: Count, Name, Group', input: objects([{ X: 'a', N: 1 }, { X: 'b', N: 1 }, { X: 'a', N: 2 }]), pipeline: 'Group-Object X | Format-Table', output: 'text' },
  { name: '-NoElement | Format-Table: Count, Name', input: objects([{ X: 'a' }, { X: 'b' }, { X: 'a' }]), pipeline: 'Group-Object X -NoElement | Format-Table', output: 'text' },
  { name: 'GroupInfo | Format-List: Name, Count, Group, Values', input: objects([{ X: 'a', N: 1 }, { X: 'a', N: 2 }]), pipeline: 'Group-Object X | Format-List', output: 'text' },
  { name: '-NoElement | Format-List: Name, Count, Values', input: objects([{ X: 'a' }, { X: 'b' }]), pipeline: 'Group-Object X -NoElement | Format-List', output: 'text' },
  { name: 'GroupInfo | Format-Table Name, Count', input: objects([{ X: 'a' }, { X: 'b' }, { X: 'a' }]), pipeline: 'Group-Object X | Format-Table Name, Count', output: 'text' },
  { name: 'GroupInfo | ConvertTo-Json: Values, Count, Group, Name', input: objects([{ X: 'a', N: 1 }, { X: 'b', N: 1 }, { X: 'a', N: 2 }]), pipeline: 'Group-Object X | ConvertTo-Json', output: 'text' },
  { name: '-NoElement | ConvertTo-Json -Compress', input: objects([{ X: 'a' }, { X: 'b' }]), pipeline: 'Group-Object X -NoElement | ConvertTo-Json -Compress', output: 'text' },
  { name: 'Group-Object | Select-Object Name, Count | ConvertTo-Json', input: objects([{ X: 'a' }, { X: 'b' }]), pipeline: 'Group-Object X | Select-Object Name, Count | ConvertTo-Json', output: 'text' },
];

export default cases;

/**
 * Format-Table against PowerShell's `... | Format-Table | Out-String -Width N`: widths, alignment, cutting
 * with …, wrapping, wide characters, numbers, dates, nested values and the framing blank lines.
 */
import type { ConformanceCase } from '../case.js';

const pin = (identity: string, set: boolean, locked: boolean, changed: string | null) =>
  JSON.stringify({ Identity: identity, IsPinSet: set, IsLockedOut: locked, LastPinChangeTime: changed, PinExpirationTime: null });
const PINS = [
  pin('sip:kenmyer@litwareinc.com', true, false, '2012-09-25T13:35:03.000Z'),
  pin('sip:pilar@litwareinc.com', true, true, '2012-08-14T09:12:40.000Z'),
  pin('sip:aidan@litwareinc.com', false, false, null),
];
const WIDE = ['{"Name":"Ken Myer","City":"Redmond","Note":"first"}', '{"Name":"山田太郎","City":"東京","Note":"全角テキスト"}'];
const LONG = [JSON.stringify({ Name: 'a'.repeat(30), Description: 'The quick brown fox jumps over the lazy dog, then naps in the afternoon sun for a while.', Size: 12345 })];

const ft = (name: string, pipeline: string, input: readonly string[], width?: number): ConformanceCase => ({
  name: `Format-Table: ${name}`,
  input,
  pipeline,
  output: 'text',
  ...(width === undefined ? {} : { width }),
});

const cases: ConformanceCase[] = [
  ft('PIN information, booleans right-aligned, null dates empty', 'Format-Table', PINS),
  ft('PIN information at width 80 hides the last column', 'Format-Table', PINS, 80),
  ft('PIN information at width 60 shrinks and hides columns', 'Format-Table', PINS, 60),
  ft('PIN information at width 40', 'Format-Table', PINS, 40),
  ft('-AutoSize gives the same widths when all rows come at once', 'Format-Table -AutoSize', PINS),
  ft('-HideTableHeaders', 'Format-Table -HideTableHeaders', PINS),
  ft('-Property with a wildcard', 'Format-Table -Property Identity, Is*', PINS),
  ft('positional property list split by bash', 'Format-Table Identity, IsLockedOut', PINS),
  ft('a property name in another case takes the object\'s spelling', 'Format-Table identity,islockedout', PINS),
  ft('a missing property is an empty column', 'Format-Table Identity, Nope', PINS),
  ft('a single missing property gives empty rows', 'Format-Table Nope', ['{"a":1}', '{"a":2}']),
  ft('a wildcard matching nothing gives only the blank lines', 'Format-Table q*', ['{"a":1}']),
  ft('a single column', 'Format-Table', ['{"Name":"one"}', '{"Name":"two"}', '{"Name":"three"}']),
  ft('integers and negative numbers right-aligned', 'Format-Table', ['{"n":1,"m":-22,"s":"x"}', '{"n":-333,"m":4,"s":"yy"}']),
  ft('doubles with two decimals, ties to even', 'Format-Table', ['{"a":1.5,"b":1234.56789,"c":0.125,"d":-0.375}', '{"a":2.675,"b":-1.005,"c":10.125,"d":0.001}']),
  ft('a string under a number column is right-aligned', 'Format-Table', ['{"a":1,"b":"x"}', '{"a":"text","b":"y"}']),
  ft('alignment comes from the first object (null: left)', 'Format-Table', ['{"n":null,"s":"x"}', '{"n":5,"s":"y"}']),
  ft('empty strings and nulls', 'Format-Table', ['{"a":"","b":null,"c":"x"}', '{"a":"y","b":"","c":""}']),
  ft('dates in en-US local time', 'Format-Table', ['{"When":"2012-09-25T13:35:03Z","Other":"2020-01-01T00:00:00Z"}', '{"When":"2015-12-31T23:59:59.500Z","Other":"2001-02-03T04:05:06Z"}']),
  ft('nested objects as @{...}', 'Format-Table', ['{"a":{"x":1,"y":"s"},"b":{}}', '{"a":{"n":null,"o":{"p":1},"arr":[1,2]},"b":{"z":true}}']),
  ft('arrays cut after four items with …', 'Format-Table', ['{"a":[1,2,3,4,5],"b":[],"c":[1,[2,3]],"d":["x",null,true]}']),
  ft('the first object decides the columns', 'Format-Table', ['{"a":1}', '{"b":2}', '{"a":3,"b":4}']),
  ft('ten columns at most without -Property', 'Format-Table', ['{"p1":1,"p2":2,"p3":3,"p4":4,"p5":5,"p6":6,"p7":7,"p8":8,"p9":9,"p10":10,"p11":11,"p12":12}']),
  ft('* shows every column', "Format-Table '*'", ['{"p1":1,"p2":2,"p3":3,"p4":4,"p5":5,"p6":6,"p7":7,"p8":8,"p9":9,"p10":10,"p11":11,"p12":12}']),
  ft('many columns wider than the width', "Format-Table '*'", [JSON.stringify(Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`Column${i}`, `value number ${i}`])))], 100),
  ft('a long value cut with … at width 60', 'Format-Table', LONG, 60),
  ft('-Wrap wraps a long value at spaces', 'Format-Table -Wrap', LONG, 60),
  ft('-Wrap with a long word cuts it', 'Format-Table -Wrap', [JSON.stringify({ a: 'x', b: 'y'.repeat(70) })], 40),
  ft('a multi-line value shows its first line and …', 'Format-Table', ['{"a":"line one\\nline two","b":1}']),
  ft('-Wrap shows every line of a multi-line value', 'Format-Table -Wrap', ['{"a":"line one\\nline two","b":1}', '{"a":"x","b":2}']),
  ft('East Asian wide characters take two cells', 'Format-Table', WIDE),
  ft('wide characters cut at a narrow width', 'Format-Table', WIDE, 20),
  ft('Unicode beyond the BMP (emoji)', 'Format-Table', ['{"e":"😀😀","f":"ab"}', '{"e":"é","f":"ñ"}']),
  ft('a right-aligned value too wide is cut at its start', 'Format-Table', ['{"a":"x","b":1}', '{"a":"y","b":1234567890123}'], 12),
  ft('strings in the input are lines', 'Format-Table', ['"before"', '{"a":1}', '"between"', '{"a":2}']),
  ft('only strings', 'Format-Table', ['"one"', '"two"']),
  ft('numbers and booleans in the input are lines', 'Format-Table', ['{"a":1}', '5', 'true', '2.5']),
  ft('a long label over a narrow column wraps', 'Format-Table', ['{"AVeryLongPropertyName":1,"b":"' + 'z'.repeat(40) + '"}'], 30),
  ft('an integer-like property name keeps its place', 'Format-Table', ['{"b":1,"2":3,"a":"x"}']),
  ft('booleans', 'Format-Table', ['{"Enabled":true,"Name":"a"}', '{"Enabled":false,"Name":"b"}']),
  ft('an empty first object gives no columns', 'Format-Table', ['{}', '{"a":1}']),
  ft('dates without a zone, with an offset, with fractions', 'Format-Table', ['{"a":"2012-09-25T13:35:03","b":"2012-09-25T13:35:03+02:00","c":"2012-09-25T13:35:03.1234567Z"}']),
  ft('text that looks like a number stays left-aligned', 'Format-Table', ['{"a":"123","b":"True"}', '{"a":"4","b":"x"}']),
  ft('zero, large and negative integers', 'Format-Table', ['{"a":0,"b":9007199254740991,"c":-1}', '{"a":-0,"b":1,"c":-9007199254740991}']),
  ft('a property listed twice', 'Format-Table a, a, b', ['{"a":1,"b":2}']),
  ft('-AutoSize -Wrap', 'Format-Table -AutoSize -Wrap', LONG, 50),
  ft('-Wrap with wide characters', 'Format-Table -Wrap', ['{"k":"a","v":"日本語のテキストはとても長いのでここで折り返します"}'], 30),
  ft('-Wrap with tabs and several spaces', 'Format-Table -Wrap', ['{"k":"a","v":"one\\ttwo   three    four five six seven"}'], 20),
  ft('a very narrow width', 'Format-Table', PINS, 10),
  ft('a width below five writes no table', 'Format-Table', ['{"a":1}'], 4),
  ft('the first column alone too wide', 'Format-Table', [JSON.stringify({ Long: 'L'.repeat(50), b: 1, c: 2 })], 30),
  ft('a right-aligned column cut to one cell', 'Format-Table', ['{"a":"' + 'x'.repeat(17) + '","n":123456}'], 20),
  ft('-HideTableHeaders -Wrap', 'Format-Table -HideTableHeaders -Wrap', LONG, 50),
  ft('objects with their own property order', 'Format-Table', ['{"b":1,"a":2}', '{"a":3,"b":4}']),
  ft('a case-insensitive property lookup in later objects', 'Format-Table', ['{"Name":"x"}', '{"name":"y"}', '{"NAME":"z"}']),
  { ...ft('a calculated property', `Format-Table a, '@{Label="Text"; Expression={$_.b}}'`, ['{"a":1,"b":"x"}', '{"a":22,"b":"yy"}']), pwsh: 'Format-Table a, @{Label="Text"; Expression={$_.b}}' },
  { ...ft('a calculated property by prefixes n and e', `Format-Table '@{n="Text"; e={$_.b}}', a`, ['{"a":1,"b":"x"}']), pwsh: 'Format-Table @{n="Text"; e={$_.b}}, a' },
  { ...ft('a calculated property naming a property', `Format-Table '@{Expression="b"}'`, ['{"a":1,"b":"x"}']), pwsh: 'Format-Table @{Expression="b"}' },
  { ...ft('a script block as a column', `Format-Table a, '{$_.b}'`, ['{"a":1,"b":"x"}']), pwsh: 'Format-Table a, {$_.b}' },
  { ...ft('Width on the first column fixes the widths', `Format-Table '@{l="one"; e={$_.a}; width=10; alignment="center"}'`, ['{"a":1}', '{"a":123456789012}']), pwsh: 'Format-Table @{l="one"; e={$_.a}; width=10; alignment="center"}' },
  { ...ft('Alignment right on text', `Format-Table '@{l="R"; e={$_.b}; Alignment="Right"}', a`, ['{"a":1,"b":"x"}', '{"a":2,"b":"long text"}']), pwsh: 'Format-Table @{l="R"; e={$_.b}; Alignment="Right"}, a' },
];

export default cases;

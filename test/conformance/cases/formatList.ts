/**
 * Format-List against PowerShell's `... | Format-List | Out-String -Width N`: label padding per object,
 * values wrapped under their first line, numbers as .NET shows them, and the framing blank lines.
 */
import type { ConformanceCase } from '../case.js';

const PIN = JSON.stringify({ Identity: 'sip:kenmyer@litwareinc.com', IsPinSet: true, IsLockedOut: false, LastPinChangeTime: '2012-09-25T13:35:03.000Z', PinExpirationTime: null });

const fl = (name: string, pipeline: string, input: readonly string[], width?: number): ConformanceCase => ({
  name: `Format-List: ${name}`,
  input,
  pipeline,
  output: 'text',
  ...(width === undefined ? {} : { width }),
});

const cases: ConformanceCase[] = [
  fl('PIN information: padded labels, True/False, en-US date, null empty', 'Format-List', [PIN]),
  fl('-Property with a wildcard', 'Format-List -Property Identity, *Time', [PIN]),
  fl('positional property list split by bash', 'Format-List IsPinSet, Identity', [PIN]),
  fl('a missing property is left out', 'Format-List Identity, Nope', [PIN]),
  fl('a wildcard matching nothing leaves an empty entry', 'Format-List q*', [PIN]),
  fl('each object pads to its own longest label', 'Format-List', ['{"a":1,"bbb":2}', '{"cccccc":3,"d":4}']),
  fl('objects of different shapes show their own properties', 'Format-List', ['{"a":1}', '{"b":2,"c":3}']),
  fl('doubles in full with 15 digits', 'Format-List', ['{"a":1.5,"b":1234.56789,"c":0.1,"d":123456789012345.6,"e":0.30000000000000004}']),
  fl('doubles in scientific form', 'Format-List', ['{"a":1e-7,"b":0.0001,"c":1.7976931348623157e308,"d":-2.5e-10,"e":5e-324}']),
  fl('integers and negative numbers', 'Format-List', ['{"a":0,"b":-1,"c":9007199254740991,"d":10000000000}']),
  fl('booleans and nulls', 'Format-List', ['{"t":true,"f":false,"n":null}']),
  fl('empty strings end with the separator', 'Format-List', ['{"a":"","b":"x"}']),
  fl('dates in en-US local time', 'Format-List', ['{"Midnight":"2012-09-25T00:00:00Z","Noon":"2012-09-25T12:00:00Z","Evening":"2012-09-25T23:59:59Z"}']),
  fl('nested objects and arrays', 'Format-List', ['{"a":{"x":1.5,"d":"2012-09-25T13:35:03Z","arr":[1,2],"n":null,"o":{"p":1},"b":false},"e":{},"f":[null],"h":[1,2,3,4,5,6]}']),
  fl('arrays of mixed values', 'Format-List', ['{"a":[1.5,true,null,{"a":1}],"b":["2012-09-25T13:35:03Z",[1,2],"",0.125]}']),
  fl('a long value wraps at spaces under its first line', 'Format-List', ['{"Description":"The quick brown fox jumps over the lazy dog, then naps in the afternoon sun for a while.","N":1}'], 40),
  fl('a long word is cut across lines', 'Format-List', [JSON.stringify({ Key: 'k'.repeat(75) })], 30),
  fl('a multi-line value continues under the value column', 'Format-List', ['{"Text":"first line\\nsecond line\\r\\nthird","Id":7}']),
  fl('East Asian wide characters', 'Format-List', ['{"名前":"山田太郎","City":"東京都千代田区丸の内一丁目"}'], 30),
  fl('strings in the input are lines', 'Format-List', ['"before"', '{"a":1}', '"between"', '{"a":2}', '"after"']),
  fl('only strings', 'Format-List', ['"one"', '"two"']),
  fl('numbers in the input are lines', 'Format-List', ['3', '{"a":1}', '2.5']),
  fl('an empty object', 'Format-List', ['{}', '{"a":1}']),
  fl('a label longer than the width is cut', 'Format-List', ['{"AnExtremelyLongPropertyNameThatGoesOnAndOn":1,"b":2}'], 30),
  fl('an integer-like property name keeps its place', 'Format-List', ['{"b":1,"2":3,"a":"x"}']),
  fl('Unicode beyond the BMP (emoji)', 'Format-List', ['{"e":"😀 smile","f":"é"}']),
  fl('many properties', 'Format-List', [JSON.stringify(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`Property${i}`, i * 1.5])))]),
  fl('a narrow width wraps values', 'Format-List', ['{"Name":"Ken Myer","Title":"Senior Manager of Finance"}'], 20),
  fl('a tab in a value', 'Format-List', ['{"a":"one\\ttwo"}']),
  fl('a width too small writes no lines', 'Format-List', ['{"abc":1}'], 4),
  fl('a property listed twice', 'Format-List a, a', ['{"a":1,"b":2}']),
  fl('dates without a zone and with an offset', 'Format-List', ['{"a":"2012-09-25T13:35:03","b":"2012-09-25T13:35:03-05:00"}']),
  fl('wrapping keeps the spaces at the end of a line', 'Format-List', ['{"a":"aa bb cc dd ee ff gg hh ii jj kk ll mm nn"}'], 16),
  fl('a null input and an empty string', 'Format-List', ['null', '""', '{"a":1}']),
  { ...fl('a calculated property', `Format-List a, '@{Label="Text"; Expression={$_.b}}'`, ['{"a":1,"b":"x"}']), pwsh: 'Format-List a, @{Label="Text"; Expression={$_.b}}' },
  { ...fl('a script block as a property', `Format-List '{$_.a}', b`, ['{"a":1,"b":"x"}']), pwsh: 'Format-List {$_.a}, b' },
];

export default cases;

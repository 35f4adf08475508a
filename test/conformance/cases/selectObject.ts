/**
 * Select-Object against PowerShell: property lists in both bash spellings, wildcards, missing names,
 * calculated properties (prefixes, script blocks, string expressions), -ExcludeProperty, -ExpandProperty,
 * the queue of -First/-Last/-Skip/-SkipLast, -Index, -Unique (case-sensitive, whole objects), and the
 * errors PowerShell gives for bad hashtables and clashing names.
 */
import type { ConformanceCase } from '../case.js';

const AB = ['{"a":1,"b":"x","c":2}'];
const MIXED = ['{"a":1,"b":"x"}', '{"a":2,"c":"y"}', '{"A":3,"b":null}'];
const NUMBERS = ['1', '2', '3', '4', '5'];
const USERS = [
  '{"DisplayName":"Ken Myer","SipAddress":"sip:kenmyer@litwareinc.com","Enabled":true,"Pool":"atl"}',
  '{"DisplayName":"Pilar Ackerman","SipAddress":"sip:pilar@litwareinc.com","Enabled":false,"Pool":"red"}',
  '{"DisplayName":"Aidan Delaney","SipAddress":null,"Enabled":true,"Pool":"atl"}',
];

/** A case whose bash and PowerShell texts differ only by the single quotes bash needs around @{...} and {...}. */
function quoted(name: string, input: readonly string[], pipeline: string, errors?: readonly string[]): ConformanceCase {
  const pwsh = pipeline.replace(/'(@?\{[^']*\})'/g, '$1');
  return { name, input, pipeline, ...(pwsh === pipeline ? {} : { pwsh }), output: 'objects', ...(errors ? { errors } : {}) };
}

const plain = (name: string, input: readonly string[], args: string, errors?: readonly string[]): ConformanceCase =>
  quoted(name, input, `Select-Object ${args}`, errors);

const cases: ConformanceCase[] = [
  // Property lists.
  plain('names in the order given, a missing one null', AB, 'c, b, zz'),
  plain('a comma list as one argument', AB, 'c,a'),
  plain('a comma list split by bash after the comma', AB, '-Property c, a'),
  plain('a comma list split by bash before the comma', AB, '-Property c ,a'),
  plain('names match case-insensitively, the object spells them', AB, 'B, A'),
  plain('a wildcard in the object order', ['{"x1":1,"y":2,"x2":3}'], "'x*', y"),
  plain('a wildcard matching nothing adds nothing', AB, "'q*', a"),
  plain('star on objects of different shapes', MIXED, "'*'"),
  plain('a name on objects of different shapes', MIXED, 'a, b'),
  plain('a character class wildcard', ['{"a1":1,"a2":2,"a3":3}'], "'a[13]'"),
  plain('the Length of a string', ['"abc"', '""'], 'Length'),
  plain('a null input is skipped', ['null', '{"a":1}'], 'a'),
  plain('a nested object stays whole', ['{"a":{"q":[1,2]},"b":1}'], 'a'),
  plain('dates pass through', ['{"When":"2012-09-25T13:35:03.000Z","N":1}'], 'When'),
  // Calculated properties and script blocks.
  plain('a calculated property with Name and Expression', USERS, `DisplayName, '@{Name="Sip"; Expression={$_.SipAddress}}'`),
  plain('a calculated property with n and e', USERS, `'@{n="Sip";e={$_.SipAddress}}', Enabled`),
  plain('a calculated property with Label', USERS, `'@{Label="Who"; Expression="DisplayName"}'`),
  plain('a calculated property with a wildcard expression', AB, `'@{e="*"}'`),
  plain('a calculated property without a name takes the script text', AB, `'@{e={$_.a}}'`),
  plain('a script block as a property', AB, `'{$_.b}'`),
  plain('a comparison as a calculated property', USERS, `'@{n="On"; e={$_.Enabled -eq $true}}'`),
  plain('keys in any case', USERS, `'@{NAME="Sip"; EXPRESSION={$_.SipAddress}}'`),
  plain('a calculated property of a missing property', AB, `'@{n="z"; e="nothere"}'`),
  {
    name: 'a calculated property inside a one-argument list',
    input: USERS,
    pipeline: `Select-Object -Property 'DisplayName,@{n="Sip";e={$_.SipAddress}}'`,
    pwsh: 'Select-Object -Property DisplayName,@{n="Sip";e={$_.SipAddress}}',
    output: 'objects',
  },
  // -ExcludeProperty.
  plain('ExcludeProperty alone implies star', AB, '-ExcludeProperty b'),
  plain('ExcludeProperty with a wildcard', ['{"a":1,"b1":2,"b2":3}'], "-ExcludeProperty 'b*'"),
  plain('ExcludeProperty with Property', AB, "-Property a, b -ExcludeProperty 'b*'"),
  plain('ExcludeProperty hides a named property', AB, '-Property a -ExcludeProperty a'),
  // -ExpandProperty.
  plain('ExpandProperty of a string', USERS, '-ExpandProperty DisplayName'),
  plain('ExpandProperty of an array skips nulls', ['{"a":[1,null,"x"]}'], '-ExpandProperty a'),
  plain('ExpandProperty of null writes nothing', ['{"a":null}', '{"a":2}'], '-ExpandProperty a'),
  plain('ExpandProperty of an object adds the selected properties', ['{"a":{"q":1},"b":"x"}'], '-ExpandProperty a -Property b'),
  plain('ExpandProperty not found', AB, '-ExpandProperty zz', ['ExpandPropertyNotFound']),
  plain('ExpandProperty matching several', AB, "-ExpandProperty '*'", ['MutlipleExpandProperties']),
  plain('ExpandProperty clashing with a selected property', ['{"a":{"b":1},"b":"x"}'], '-ExpandProperty a -Property b', ['AlreadyExistingUserSpecifiedPropertyExpand']),
  // Positions.
  plain('First', NUMBERS, '-First 2'),
  plain('First more than there are', NUMBERS, '-First 10'),
  plain('First 0', NUMBERS, '-First 0'),
  plain('Last', NUMBERS, '-Last 2'),
  plain('First and Last without duplicates', NUMBERS, '-First 2 -Last 3'),
  plain('First and Last apart', NUMBERS, '-First 2 -Last 1'),
  plain('Skip', NUMBERS, '-Skip 3'),
  plain('Skip with First', NUMBERS, '-First 2 -Skip 1'),
  plain('Skip with Last counts from the end', NUMBERS, '-Last 2 -Skip 1'),
  plain('Skip, First and Last', NUMBERS, '-First 1 -Last 1 -Skip 1'),
  plain('SkipLast', NUMBERS, '-SkipLast 2'),
  plain('Skip and SkipLast', NUMBERS, '-Skip 1 -SkipLast 1'),
  plain('Index sorted and without duplicates', NUMBERS, '-Index 3,1,1,9'),
  plain('First with properties', USERS, '-First 2 DisplayName'),
  // -Unique.
  plain('Unique strings case-sensitively', ['"abc"', '"ABC"', '"abc"'], '-Unique'),
  plain('Unique numbers and strings converted', ['1', '"1"', '1.5', 'true', '"True"'], '-Unique'),
  {
    ...plain('Unique objects are all one without Property', ['{"a":1}', '{"a":2}'], '-Unique'),
    deliberate:
      'Objects passed through without -Property keep their own type name; PowerShell adds Selected.System.Management.Automation.PSCustomObject on top (cspin objects carry one type name). The selection itself (the first object only) is the same.',
  },
  plain('Unique with a property, case-sensitive', ['{"a":"x"}', '{"a":"X"}', '{"a":"x"}'], 'a -Unique'),
  plain('Unique with two properties', ['{"a":1,"b":2}', '{"a":1,"b":3}', '{"b":2,"a":1}'], 'a, b -Unique'),
  plain('Unique after First', ['1', '1', '2', '2', '3'], '-Unique -First 2'),
  plain('Unique of expanded values', USERS, '-ExpandProperty Pool -Unique'),
  // Errors.
  plain('a name given twice', AB, 'a, A', ['AlreadyExistingUserSpecifiedPropertyNoExpand']),
  plain('renaming several results', ['{"a":1,"ab":2}'], `'@{n="z"; e="a*"}'`, ['RenamingMultipleResults']),
  plain('a hashtable without Expression', AB, `'@{n="z"}'`, ['DictionaryKeyMandatoryEntry']),
  plain('an unknown hashtable key', AB, `'@{n="z"; e="a"; zz=1}'`, ['DictionaryKeyIllegal']),
  plain('Name and Label together', AB, `'@{n="z"; l="y"; e="a"}'`, ['DictionaryKeyDuplicate']),
  plain('a Name that is not a string', AB, `'@{n=1; e="a"}'`, ['DictionaryKeyIllegalValue2']),
  plain('an Expression that is a number', AB, `'@{e=1}'`, ['DictionaryKeyIllegalValue1']),
  plain('an Expression that is null', AB, `'@{n="z"; e=$null}'`, ['DictionaryKeyMissingValue']),
  plain('an empty script block without a name', AB, `'{}'`, ['EmptyScriptBlockAndNoName']),
  plain('First below zero', AB, '-First -1', ['ParameterArgumentValidationError']),
  plain('First with Index', NUMBERS, '-First 2 -Index 1', ['AmbiguousParameterSet']),
];

export default cases;

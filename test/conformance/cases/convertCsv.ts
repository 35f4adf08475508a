/** ConvertTo-Csv and ConvertFrom-Csv against PowerShell. */
import type { ConformanceCase } from '../case.js';
import { MIXED, reads, runs } from '../builders.js';


const to = runs('ConvertTo-Csv', 'text');
const from = (name: string, csv: string, parameters = '') => reads('ConvertFrom-Csv')(name, csv, parameters);

const cases: ConformanceCase[] = [
  to('the defaults', '', ['{"Identity":"sip:kenmyer@litwareinc.com","IsPinSet":true,"IsLockedOut":false,"LastPinChangeTime":"2012-09-25T13:35:03.000Z","PinExpirationTime":null}']),
  to('several objects', '', ['{"a":1,"b":"x"}', '{"a":2,"b":"y"}', '{"a":3,"b":null}']),
  to('-UseQuotes AsNeeded', '-UseQuotes AsNeeded', MIXED),
  to('-UseQuotes Never', '-UseQuotes Never', MIXED),
  to('-QuoteFields', '-QuoteFields b,E', MIXED),
  to('-Delimiter ;', "-Delimiter ';'", MIXED),
  to('-Delimiter ; with AsNeeded quotes a value holding ;', "-Delimiter ';' -UseQuotes AsNeeded", ['{"a":"x;y","b":"x,y"}']),
  to('-IncludeTypeInformation', '-IncludeTypeInformation', ['{"a":1}']),
  to('-NoTypeInformation', '-NoTypeInformation', ['{"a":1}']),
  to('-NoHeader', '-NoHeader', ['{"a":1,"b":2}', '{"a":3,"b":4}']),
  to('missing properties empty, extra dropped', '', ['{"a":1,"b":2}', '{"b":3,"c":4}']),
  to('a row that renders empty is skipped', '', ['{"a":1}', '{"b":2}', '{"a":3}']),
  to('a row of two empty cells is kept', '', ['{"a":1,"b":2}', '{"c":3}']),
  to('an object with no properties writes nothing', '', ['{}']),
  to('strings: the Length column', '', ['"abc"', '""', '"hello"']),
  to('numbers have no columns', '', ['1', '2.5']),
  to('booleans and numbers as .NET writes them', '', ['{"t":true,"f":false,"i":123456789012,"d":0.1,"s":0.0001,"x":0.00001,"e":2.5e-8,"neg":-3.25}']),
  to('arrays and nested objects', '', ['{"a":["x","y"],"b":{"c":1,"d":[1]},"e":{"f":{"g":1}},"h":{}}']),
  to('dates', '', ['{"d":"2012-09-25T13:35:03.000Z","e":"2015-09-09T09:09:09Z","f":"2012-02-29T00:00:00.000Z"}']),
  to('a date-like string that is not a date stays text', '', ['{"d":"2012-02-30T13:35:03.000Z","e":"2012-09-25","f":"25/09/2012"}']),
  to('quotes, commas and newlines in values', '', ['{"a":"He said \\"no\\", then left.\\nEnd"}']),
  to('Unicode names and values', '', ['{"Név":"Árvíztűrő","名前":"日本語"}']),
  to('case-insensitive lookup in later objects', '', ['{"Name":"a"}', '{"NAME":"b"}', '{"name":"c"}']),
  to('a null property in every row', '', ['{"a":null}', '{"a":null}']),
  to('a null record is an error, the others written', '', ['{"a":1}', 'null', '{"a":2}'], { errors: ['ParameterArgumentValidationErrorNullNotAllowed'] }),
  from('a header and rows: all values strings', 'a,b\n1,2\n3,4'),
  from('empty and missing cells', 'a,b,c\n1,,\n2'),
  from('quoted values with delimiters, quotes and newlines', '"a","b"\n"x,y","say ""hi"""\n"l\nm",z'),
  from('-Delimiter', 'a;b\n1;2', "-Delimiter ';'"),
  from('-Header makes the first line data', '1,2\n3,4', '-Header x,y'),
  from('a #TYPE line', '#TYPE My.Type\na\n1'),
  from('extra cells are dropped', 'a\n1,2,3'),
  from('blank lines are skipped', 'a,b\n\n1,2\n\n'),
  from('blanks before a field are dropped, after a quote kept', 'a,b\n  1,"x" y'),
  from('trailing empty header names are dropped', 'a,b,,\n1,2,3,4'),
  from('an empty header name becomes H1', 'a,,c\n1,2,3'),
  // -Delimiter is a [char] in all four CSV cmdlets: PowerShell refuses anything else when it binds.
  to('-Delimiter of two characters', '-Delimiter ab', ['{"a":1}'], { errors: ['CannotConvertArgumentNoMessage'] }),
  to('-Delimiter empty', "-Delimiter ''", ['{"a":1}'], { errors: ['CannotConvertArgumentNoMessage'] }),
  reads('ConvertFrom-Csv')('-Delimiter of two characters', 'a;b\n1;2', '-Delimiter ab', ['CannotConvertArgumentNoMessage']),
  reads('ConvertFrom-Csv')('-Delimiter empty', 'a;b\n1;2', "-Delimiter ''", ['CannotConvertArgumentNoMessage']),
  // String[] parameters take bash's two-argument spelling of a comma list.
  to('-QuoteFields a, b (two arguments)', '-QuoteFields b, E', MIXED),
  from('-Header x, y (two arguments)', '1,2\n3,4', '-Header x, y'),
  reads('ConvertFrom-Csv')('a header naming a column twice ends the command', 'a,A\n1,2', '', ['AlreadyPresentPSMemberInfoInternalCollectionAdd']),
  { ...from('a #TYPE line comes back from ConvertTo-Csv -IncludeTypeInformation', '#TYPE My.Type\na\n1', '| ConvertTo-Csv -IncludeTypeInformation'), output: 'text' },
];

export default cases;

/** ConvertTo-Json and ConvertFrom-Json against PowerShell. */
import type { ConformanceCase } from '../case.js';
import { reads, runs } from '../builders.js';

const USERS = ['{"DisplayName":"Ken Myer","SipAddress":"sip:kenmyer@litwareinc.com"}', '{"DisplayName":"Pilar Ackerman","SipAddress":"sip:pilar@litwareinc.com"}'];
const DEEP = ['{"a":[1,[2,[3,[4]]]],"b":{"c":{"d":{"e":{"f":1}}}}}'];

const to = runs('ConvertTo-Json', 'text');
/** ConvertTo-Json | ConvertFrom-Json: the objects come back. */
const back = (name: string, parameters: string, input: readonly string[]) => runs('ConvertTo-Json', 'objects')(name, `${parameters} | ConvertFrom-Json`, input, { name: `ConvertFrom-Json: ${name}` });
const from = reads('ConvertFrom-Json');

const cases: ConformanceCase[] = [
  to('one object is not wrapped', '', [USERS[0] ?? '']),
  to('several objects make an array', '', USERS),
  to('-AsArray wraps one object', '-AsArray', [USERS[0] ?? '']),
  to('-Compress', '-Compress', USERS),
  to('-Compress -AsArray', '-Compress -AsArray', [USERS[0] ?? '']),
  to('no input writes nothing', '', []),
  to('no input writes nothing, even with -AsArray', '-AsArray', []),
  to('scalars', '', ['1', '"two"', 'true', 'null']),
  to('one string', '', ['"a \\"quoted\\" \\\\ text"']),
  to('empty array and object', '', ['{"a":[],"b":{}}']),
  to('nested arrays and objects within the depth', '', ['{"a":[1,2],"b":{"c":"d"},"e":[{"f":1}]}']),
  to('numbers: integers, doubles, exponents', '', ['{"i":42,"n":-1,"d":1.5,"s":0.00001,"e":1e300,"t":0.1,"big":12345678901234}']),
  to('escapes: control characters, Unicode, HTML characters', '', ['{"s":"<\'&>\\u0001\\t\\n\\u00e9\\u2028\\u007f\\u001f"}']),
  to('dates in UTC lose their zero fraction', '', ['{"d":"2012-09-25T13:35:03.000Z","f":"2012-09-25T13:35:03.120Z"}']),
  to('dates with an offset are written in local time', '', ['{"m":"2012-09-25T13:35:03+02:00"}']),
  to('the default depth 2 truncates deeper containers, with a warning', '', DEEP),
  to('-Depth 0', '-Depth 0', DEEP),
  to('-Depth 1', '-Depth 1', DEEP),
  to('-Depth 5 writes everything', '-Depth 5', DEEP),
  to('-Depth 0 joins an array\'s elements with spaces', '-Depth 0', ['{"a":[1,{"b":1},null,"x",true,1.5,[]]}']),
  to('a truncated object with a date and a null', '-Depth 0', ['{"o":{"d":"2012-09-25T13:35:03.000Z","n":null,"b":false}}']),
  to('several inputs are one level deeper', '', ['{"a":{"b":{"c":1}}}', '{"a":1}']),
  to('-AsArray is one level deeper too', '-AsArray', ['{"a":{"b":{"c":1}}}']),
  to('-Depth 101 is out of range', '-Depth 101', ['{"a":1}'], { errors: ['ParameterArgumentValidationError'] }),
  to('property order is kept', '', ['{"z":1,"a":2,"m":3}']),
  to('PinInfoDetails', '', ['{"Identity":"sip:kenmyer@litwareinc.com","IsPinSet":true,"IsLockedOut":false,"LastPinChangeTime":"2012-09-25T13:35:03.000Z","PinExpirationTime":null}']),
  back('an array document is unrolled', '', USERS),
  back('one object, there and back', '', [USERS[0] ?? '']),
  back('-AsArray of one object is unrolled', '-AsArray', [USERS[0] ?? '']),
  back('compressed', '-Compress', USERS),
  back('nested values', '-Depth 5', ['{"a":[1,[2,3]],"b":{"c":{"d":true}},"e":null,"f":1.5}']),
  from('one object', '{"a":1,"b":"x"}'),
  from('an array is unrolled', '[{"a":1},{"a":2},3]'),
  from('-NoEnumerate keeps the array', '[1,2,3]', '-NoEnumerate'),
  from('a pretty-printed document', '{\n  "a": [\n    1,\n    2\n  ]\n}'),
  from('null', 'null'),
  from('a string', '"text"'),
  {
    ...from('malformed JSON is an error', '{"a":1,', '', ['System.ArgumentException']),
    deliberate: 'cspin names the error MalformedJson and gives the line and column, never the text; PowerShell throws System.ArgumentException quoting its parser',
  },
  from('a repeated key: the last one wins', '{"a":1,"a":2}'),
  from('keys differing only in case are an error', '{"a":1,"A":2}', '', ['KeysWithDifferentCasingInJsonString']),
];

export default cases;

/** Export-Csv against PowerShell: the bytes of the file it writes. */
import type { ConformanceCase } from '../case.js';
import { MIXED, runs } from '../builders.js';

const PIN = [
  '{"Identity":"sip:kenmyer@litwareinc.com","IsPinSet":true,"IsLockedOut":false,"LastPinChangeTime":"2012-09-25T13:35:03.000Z","PinExpirationTime":null}',
  '{"Identity":"sip:pilar@litwareinc.com","IsPinSet":true,"IsLockedOut":true,"LastPinChangeTime":"2012-08-14T09:12:40.000Z","PinExpirationTime":null}',
  '{"Identity":"sip:aidan@litwareinc.com","IsPinSet":false,"IsLockedOut":false,"LastPinChangeTime":null,"PinExpirationTime":null}',
];
const file = { file: 'out.csv' } as const;

const exported = runs('Export-Csv out.csv', file);

/** A case whose folder already holds out.csv. */
const over = (name: string, old: string, parameters: string, input: readonly string[], errors?: readonly string[]): ConformanceCase =>
  exported(name, parameters, input, { files: { 'out.csv': old }, ...(errors ? { errors } : {}) });

const cases: ConformanceCase[] = [
  exported('-Delimiter of two characters', '-Delimiter ab', ['{"a":1}'], { errors: ['CannotConvertArgumentNoMessage'] }),
  exported('-QuoteFields a, b (two arguments)', '-QuoteFields b, E', MIXED),
  exported('PinInfoDetails with the defaults: every value quoted, nulls empty, dates en-US', '', PIN),
  exported('-NoTypeInformation changes nothing in PowerShell 7', '-NoTypeInformation', PIN),
  exported('-NTI alias', '-NTI', PIN),
  exported('-IncludeTypeInformation on a PSCustomObject', '-IncludeTypeInformation', ['{"a":1}']),
  exported('-UseQuotes AsNeeded: only the delimiter, a quote or a newline', '-UseQuotes AsNeeded', MIXED),
  exported('-UseQuotes Never: nothing quoted or escaped', '-UseQuotes Never', MIXED),
  exported('-UseQuotes Always with nulls and empty strings', '-UseQuotes Always', MIXED),
  exported('-QuoteFields picks columns case-insensitively', '-QuoteFields A,c', MIXED),
  exported('-Delimiter ;', "-Delimiter ';'", MIXED),
  exported('-Delimiter | with AsNeeded', "-Delimiter '|' -UseQuotes AsNeeded", ['{"a":"x|y","b":"z,w"}']),
  exported('columns from the first object; missing empty, extra dropped', '', ['{"a":1,"b":2}', '{"b":3,"c":4}', '{"c":5}']),
  exported('property names matched case-insensitively in later objects', '', ['{"Name":"a","Count":1}', '{"name":"b","COUNT":2}']),
  exported('booleans True/False, numbers as .NET writes them', '', ['{"t":true,"f":false,"i":42,"n":-7,"d":0.5,"s":0.00001,"e":1.5e-7,"big":1e21}']),
  exported('an array cell is System.Object[]', '', ['{"a":[1,2,3],"b":[]}']),
  exported('a nested object cell is @{...}, its own nested object empty', '', ['{"a":{"x":1,"y":"two"},"b":{"c":{"d":1}},"e":{}}']),
  exported('dates in a nested object', '', ['{"o":{"d":"2012-09-25T13:35:03.000Z","t":true}}']),
  exported('Unicode and quotes in values', '', ['{"name":"Zrinka Makovac ž","note":"say \\"hi\\""}']),
  exported('a string input has the column Length', '', ['"abc"', '"de"']),
  exported('-NoHeader', '-NoHeader', PIN),
  exported('-UseQuotes with -QuoteFields is an error', '-UseQuotes Never -QuoteFields a', ['{"a":1}'], { output: 'text', errors: ['CannotSpecifyQuoteFieldsAndUseQuotes'] }),
  over('-Append follows the existing header and its order', '"b","a"\n"1","2"\n', '-Append', ['{"a":3,"b":4,"c":5}']),
  over('-Append with a missing column fails, the file unchanged', '"b","a"\n"1","2"\n', '-Append', ['{"a":3}'], ['CannotAppendCsvWithMismatchedPropertyNames']),
  over('-Append -Force writes the missing column empty', '"b","a"\n"1","2"\n', '-Append -Force', ['{"a":3,"z":9}']),
  over('-Append to an empty file writes the header', '', '-Append', ['{"a":1}']),
  over('-NoClobber on an existing file fails, the file unchanged', 'old\n', '-NoClobber', ['{"a":1}'], ['NoClobber']),
  over('an existing file is replaced', 'old\nlonger old text\n', '', ['{"a":1}']),
  exported('-LiteralPath', '', ['{"a":1}'], { pipeline: 'Export-Csv -LiteralPath out.csv' }),
  exported('-Path', '', ['{"a":1}'], { pipeline: 'Export-Csv -Path out.csv' }),
  exported('no input: an empty file', '', []),
];

export default cases;

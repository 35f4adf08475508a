/**
 * Hostile input on stdin and on the command line: framing (BOMs, NULs, CRs, bad UTF-8, huge lines),
 * JSON records of every shape (malformed with a PIN inside, repeated keys, nesting, arrays, scalars),
 * Pin values of every type, stdin that cannot be read, and argv oddities.
 */
import { runCorpus, type HostileCase } from './corpus.js';
import { AIDAN, AIDAN_INFO, KEN, KEN_INFO, PILAR, PILAR_INFO, PIN, files, ndjson } from './fixtures.js';

const INFO = 'Get-CsClientPinInfo';
const RESET = { PSTypeName: 'cspin.ClientPinReset', Identity: KEN, PIN, PinReset: true };
const nested = (levels: number) => `{"Identity":"${KEN}","x":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}\n`;

const framing: HostileCase[] = [
  { name: 'a malformed JSON line with a PIN inside is MalformedJson, unquoted', run: INFO, input: `{"Identity":"${KEN}","Pin":'${PIN}'}\n`, secrets: [PIN], expect: { code: 1, errors: ['MalformedJson'], records: [1], stderr: /column 48/ } },
  { name: 'a malformed line between good ones fails alone', run: INFO, input: `${KEN}\n{"Identity":\n${PILAR}\n`, expect: { code: 1, objects: [KEN_INFO, PILAR_INFO], errors: ['MalformedJson'], records: [2] } },
  { name: 'a malformed line in text form names the line and column and quotes nothing', run: INFO, textErrors: true, input: `{"Pin":"${PIN}",}\n`, secrets: [PIN], expect: { code: 1, stderr: /^Get-CsClientPinInfo : line 1, column \d+: malformed JSON \(.+\) \(record 1\)\n$/ } },
  { name: 'two objects on one line are malformed', run: INFO, input: `{"Identity":"${KEN}"}{"Identity":"${PILAR}"}\n`, expect: { code: 1, errors: ['MalformedJson'], records: [1] } },
  { name: 'a trailing comma is malformed', run: INFO, input: `{"Identity":"${KEN}",}\n`, expect: { code: 1, errors: ['MalformedJson'], records: [1] } },
  { name: 'a raw NUL inside a JSON string is malformed', run: INFO, input: `{"Identity":"sip:ken\u0000myer@litwareinc.com"}\n`, expect: { code: 1, errors: ['MalformedJson'], records: [1] } },
  { name: 'a repeated key is DuplicateKeysInJsonString, and the next record goes on', run: INFO, input: `{"Identity":"${KEN}","Identity":"${PILAR}"}\n${AIDAN}\n`, expect: { code: 1, objects: [AIDAN_INFO], errors: ['DuplicateKeysInJsonString'], records: [1] } },
  { name: 'keys that differ only in case are KeysWithDifferentCasingInJsonString', run: INFO, input: `{"Identity":"${KEN}","identity":"${PILAR}"}\n`, expect: { code: 1, errors: ['KeysWithDifferentCasingInJsonString'], records: [1] } },
  { name: 'a repeated key in a nested object fails the record', run: INFO, input: `{"Identity":"${KEN}","Meta":{"a":"x","a":"y"}}\n`, expect: { code: 1, errors: ['DuplicateKeysInJsonString'], records: [1] } },
  { name: 'a repeated key spelled with an escape is still the same key', run: INFO, input: `{"Identity":"${KEN}","\\u0049dentity":"${PILAR}"}\n`, expect: { code: 1, errors: ['DuplicateKeysInJsonString'], records: [1] } },
  { name: 'a repeated key in one element of an array line fails that line', run: INFO, input: `[{"Identity":"${KEN}"},{"Identity":"${PILAR}","Identity":"${AIDAN}"}]\n`, expect: { code: 1, errors: ['DuplicateKeysInJsonString'], records: [1] } },
  { name: 'a repeated Pin never sets either PIN', run: 'Set-CsClientPin', input: `{"Identity":"${KEN}","Pin":"${PIN}","Pin":"52907314"}\n`, secrets: [PIN, '52907314'], expect: { code: 1, errors: ['DuplicateKeysInJsonString'], records: [1] } },
  { name: 'nesting 1024 levels deep is read', run: INFO, input: nested(1023), expect: { code: 0, objects: [KEN_INFO] } },
  { name: 'nesting deeper than 1024 levels is JsonDepthExceeded', run: INFO, input: nested(1025), expect: { code: 1, errors: ['JsonDepthExceeded'], records: [1] } },
  { name: 'a megabyte of [ is JsonDepthExceeded, not a stack overflow', run: INFO, input: `${'['.repeat(1_000_000)}\n${KEN}\n`, expect: { code: 1, objects: [KEN_INFO], errors: ['JsonDepthExceeded'], records: [1] } },
  { name: 'a 2 MB line is LineTooLong and the next line goes on', run: INFO, input: `${'x'.repeat(2 * 1024 * 1024)}\n${KEN}\n`, expect: { code: 1, objects: [KEN_INFO], errors: ['LineTooLong'], records: [1] } },
  { name: 'a 2 MB JSON line with a PIN is LineTooLong, unquoted', run: 'Set-CsClientPin', input: `{"Identity":"${KEN}","Pin":"${PIN}","pad":"${'p'.repeat(2 * 1024 * 1024)}"}\n`, secrets: [PIN], expect: { code: 1, errors: ['LineTooLong'], records: [1] } },
  { name: 'a BOM at the start is dropped', run: INFO, input: `\uFEFF${KEN}\n`, expect: { code: 0, objects: [KEN_INFO] } },
  { name: 'a BOM in mid-stream (two files concatenated) is dropped', run: INFO, input: `${ndjson({ Identity: KEN })}\uFEFF${ndjson({ Identity: PILAR })}`, expect: { code: 0, objects: [KEN_INFO, PILAR_INFO] } },
  { name: 'a BOM before a plain identity in mid-stream is dropped', run: INFO, input: `${KEN}\n\uFEFF${PILAR}\n`, expect: { code: 0, objects: [KEN_INFO, PILAR_INFO] } },
  { name: 'CRLF and LF lines mix', run: INFO, input: `${KEN}\r\n{"Identity":"${PILAR}"}\r\n${AIDAN}\n`, expect: { code: 0, objects: [KEN_INFO, PILAR_INFO, AIDAN_INFO] } },
  { name: 'a lone CR inside a JSON line is whitespace', run: INFO, input: `{"Identity":\r"${KEN}"}\n`, expect: { code: 0, objects: [KEN_INFO] } },
  { name: 'blank and whitespace lines are skipped but counted', run: INFO, input: `\n  \t\n{"Identity":\n\n${KEN}\n`, expect: { code: 1, objects: [KEN_INFO], errors: ['MalformedJson'], records: [3] } },
  { name: 'invalid UTF-8 fails its line only', run: `${INFO} < in.bin`, setup: files({ 'in.bin': Buffer.concat([Buffer.from(`${KEN}\n`), Buffer.from([0x73, 0x69, 0xff, 0xfe, 0x0a]), Buffer.from(`${PILAR}\n`)]) }), expect: { code: 1, objects: [KEN_INFO, PILAR_INFO], errors: ['InvalidUtf8'], records: [2], stderr: /at byte 3/ } },
  { name: 'a truncated UTF-8 sequence at the end fails the last line', run: `${INFO} < in.bin`, setup: files({ 'in.bin': Buffer.concat([Buffer.from(`${KEN}\nsip:`), Buffer.from([0xe2, 0x82])]) }), expect: { code: 1, objects: [KEN_INFO], errors: ['InvalidUtf8'], records: [2] } },
  { name: 'an overlong UTF-8 encoding is invalid', run: `${INFO} < in.bin`, setup: files({ 'in.bin': Buffer.from([0xc0, 0xaf, 0x0a]) }), expect: { code: 1, errors: ['InvalidUtf8'], records: [1] } },
  { name: 'a UTF-16 file is invalid UTF-8 on its first line', run: `${INFO} < in.bin`, setup: files({ 'in.bin': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x', 'utf16le')]) }), expect: { code: 1, errors: ['InvalidUtf8'], records: [1] } },
  { name: 'a lone BOM prefix is invalid UTF-8', run: `${INFO} < in.bin`, setup: files({ 'in.bin': Buffer.from([0xef, 0xbb]) }), expect: { code: 1, errors: ['InvalidUtf8'], records: [1] } },
];

const shapes: HostileCase[] = [
  { name: 'a null record fails a mandatory parameter', run: INFO, input: `null\n${KEN}\n`, expect: { code: 1, objects: [KEN_INFO], errors: ['ParameterArgumentValidationError'], records: [1] } },
  { name: 'a boolean record binds nothing', run: INFO, input: 'true\n', expect: { code: 1, errors: ['InputObjectNotBound'], records: [1] } },
  { name: 'a number record is an identity that is not found', run: INFO, input: '42\n', expect: { code: 1, errors: ['ManagementObjectNotFound'], records: [1] } },
  { name: 'a JSON string record binds by value', run: INFO, input: `"${KEN}"\n`, expect: { code: 0, objects: [KEN_INFO] } },
  { name: 'an array line is unrolled', run: INFO, input: `["${KEN}",{"Identity":"${PILAR}"}]\n`, expect: { code: 0, objects: [KEN_INFO, PILAR_INFO] } },
  { name: 'an empty array line is no record', run: INFO, input: '[]\n', expect: { code: 0 } },
  { name: 'an array inside an array line binds nothing', run: INFO, input: `[["${KEN}"]]\n`, expect: { code: 1, errors: ['InputObjectNotBound'], records: [1] } },
  { name: 'an empty object binds nothing', run: INFO, input: '{}\n', expect: { code: 1, errors: ['InputObjectNotBound'], records: [1] } },
  { name: 'a null Identity is ParameterArgumentValidationError', run: INFO, input: '{"Identity":null}\n', expect: { code: 1, errors: ['ParameterArgumentValidationError'], records: [1] } },
  { name: 'an empty Identity is ParameterArgumentValidationError', run: INFO, input: '{"Identity":""}\n', expect: { code: 1, errors: ['ParameterArgumentValidationError'], records: [1] } },
  { name: 'an array Identity is CannotConvertArgument', run: INFO, input: `{"Identity":["${KEN}","${PILAR}"]}\n`, expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
  { name: 'an object SipAddress is CannotConvertArgument', run: INFO, input: `{"SipAddress":{"Value":"${KEN}"}}\n`, expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
  { name: 'a nested ADUser as Identity converts', run: INFO, input: `{"Identity":{"PSTypeName":"Microsoft.Rtc.Management.ADConnect.Schema.ADUser","SipAddress":"${KEN}"}}\n`, expect: { code: 0, objects: [KEN_INFO] } },
];

const SET = 'Set-CsClientPin';
const pins: HostileCase[] = [
  { name: 'Pin as an array is CannotConvertArgument, never a generated PIN', run: SET, input: `{"Identity":"${KEN}","Pin":["${PIN}"]}\n`, secrets: [PIN], expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
  { name: 'Pin as an empty array is CannotConvertArgument', run: SET, input: `{"Identity":"${KEN}","Pin":[]}\n`, expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
  { name: 'Pin as an object is CannotConvertArgument', run: SET, input: `{"Identity":"${KEN}","Pin":{"Value":"${PIN}"}}\n`, secrets: [PIN], expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
  { name: 'Pin as an array under -WhatIf is still the error', run: `${SET} -WhatIf`, input: `{"Identity":"${KEN}","pin":["${PIN}"]}\n`, secrets: [PIN], expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
  { name: 'Pin as a JSON number sets that PIN', run: `${SET} && Test-CsClientPin -Identity ${KEN} -Pin ${PIN}`, input: `{"Identity":"${KEN}","Pin":${PIN}}\n`, secrets: [PIN], changes: true, expect: { code: 0, objects: [RESET, { PSTypeName: 'Cspin.PinLogonResult', Identity: KEN, Result: 'Success' }] } },
  { name: 'Pin as a number past 2^53 is CannotConvertArgument', run: SET, input: `{"Identity":"${KEN}","Pin":12345678901234567890}\n`, expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
  { name: 'Pin as a number past the double range is CannotConvertArgument', run: SET, input: `{"Identity":"${KEN}","Pin":1e400}\n`, expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
  { name: 'Pin with a leading zero as a JSON number is malformed JSON', run: SET, input: `{"Identity":"${KEN}","Pin":0${PIN}}\n`, secrets: [PIN], expect: { code: 1, errors: ['MalformedJson'], records: [1] } },
  { name: 'Pin as a boolean is not a PIN', run: SET, input: `{"Identity":"${KEN}","Pin":true}\n`, expect: { code: 1, errors: ['InvalidPinFormat'], records: [1] } },
  { name: 'Pin null generates a PIN (a blank Pin asks for one)', run: `${SET} | Where-Object PIN -match '^[0-9]{6}$' | wc -l`, input: `{"Identity":"${KEN}","Pin":null}\n`, changes: true, expect: { code: 0, stdout: '1\n' } },
  { name: 'Pin empty generates a PIN', run: `${SET} | Where-Object PIN -match '^[0-9]{6}$' | wc -l`, input: `{"Identity":"${KEN}","Pin":""}\n`, changes: true, expect: { code: 0, stdout: '1\n' } },
  { name: 'Test-CsClientPin with Pin as an array is CannotConvertArgument', run: 'Test-CsClientPin', input: `{"Identity":"${KEN}","Pin":["${PIN}"]}\n`, secrets: [PIN], expect: { code: 1, errors: ['CannotConvertArgument'], records: [1] } },
];

const stdin: HostileCase[] = [
  { name: 'stdin that is a directory is StdinReadError (exit 2), not exit 0', run: `${INFO} < .`, expect: { code: 2, errors: ['StdinReadError'] } },
  { name: 'Get-CsUser with a directory on stdin is StdinReadError', run: 'Get-CsUser < .', expect: { code: 2, errors: ['StdinReadError'] } },
  { name: 'Where-Object with a directory on stdin is StdinReadError', run: 'Where-Object IsPinSet -eq True < .', expect: { code: 2, errors: ['StdinReadError'] } },
  { name: 'Import-Csv - with a directory on stdin is StdinReadError', run: 'Import-Csv - < .', expect: { code: 2, errors: ['StdinReadError'] } },
  { name: 'a directory on stdin in text form is one line naming stdin', run: `${INFO} < .`, textErrors: true, expect: { code: 2, stderr: /^Get-CsClientPinInfo : Cannot read standard input: it is a directory \(EISDIR\)\.\n$/ } },
  { name: 'a write-only stdin is StdinReadError (exit 1)', run: `${INFO} 0> out.txt`, expect: { code: 1, errors: ['StdinReadError'], stderr: /EBADF/ } },
];

const argv: HostileCase[] = [
  { name: 'an unknown parameter is NamedParameterNotFound', run: `${INFO} -Nope x`, expect: { code: 2, errors: ['NamedParameterNotFound'] } },
  { name: 'an ambiguous prefix is AmbiguousParameter', run: 'Get-CsUser -E x', expect: { code: 2, errors: ['AmbiguousParameter'] } },
  { name: 'a parameter given twice is ParameterAlreadyBound', run: `${INFO} -Identity ${KEN} -Identity ${PILAR}`, expect: { code: 2, errors: ['ParameterAlreadyBound'] } },
  { name: 'a parameter given twice through a prefix is ParameterAlreadyBound', run: `${INFO} -Identity ${KEN} -Iden ${PILAR}`, expect: { code: 2, errors: ['ParameterAlreadyBound'] } },
  { name: '-- makes a dash word a value', run: `${INFO} -- -kenmyer`, expect: { code: 1, errors: ['ManagementObjectNotFound'] } },
  { name: '-Identity:value binds', run: `${INFO} -Identity:${KEN}`, expect: { code: 0, objects: [KEN_INFO] } },
  { name: '--Identity=value binds', run: `${INFO} --Identity=${KEN}`, expect: { code: 0, objects: [KEN_INFO] } },
  { name: 'names match in any case', run: `${INFO} -IDENTITY ${KEN}`, expect: { code: 0, objects: [KEN_INFO] } },
  { name: '-Identity: with nothing is ParameterArgumentValidationError', run: `${INFO} -Identity:`, expect: { code: 2, errors: ['ParameterArgumentValidationError'] } },
  { name: '-Identity at the end is MissingArgument', run: `${INFO} -Identity`, expect: { code: 2, errors: ['MissingArgument'] } },
  { name: '-Identity followed by a parameter is MissingArgument', run: `${INFO} -Identity -WhatIf`, expect: { code: 2, errors: ['MissingArgument'] } },
  { name: 'a dash word that names no parameter is a value', run: `${INFO} -Identity -kenmyer`, expect: { code: 1, errors: ['ManagementObjectNotFound'] } },
  { name: 'single-dash -Name=value is a value, not a parameter', run: 'Get-CsUser -OU=x', expect: { code: 1, errors: ['ManagementObjectNotFound'] } },
  { name: 'a switch with a text value is CannotConvertArgument', run: `${INFO} ${KEN} -WhatIf:maybe`, expect: { code: 2, errors: ['CannotConvertArgument'] } },
  { name: 'a switch with an empty value is SwitchValueMissing', run: `${INFO} ${KEN} -WhatIf:`, expect: { code: 2, errors: ['SwitchValueMissing'] } },
  { name: 'a switch never takes the next argument', run: `${INFO} -Identity ${KEN} -WhatIf false`, expect: { code: 2, errors: ['PositionalParameterNotFound'] } },
  { name: 'an extra positional argument is PositionalParameterNotFound', run: `${INFO} ${KEN} ${PILAR}`, expect: { code: 2, errors: ['PositionalParameterNotFound'] } },
  { name: '-ErrorVariable is UnsupportedCommonParameter', run: `${INFO} ${KEN} -ErrorVariable e`, expect: { code: 2, errors: ['UnsupportedCommonParameter'] } },
  { name: '-ErrorAction Suspend is UnsupportedActionPreference', run: `${INFO} ${KEN} -ErrorAction Suspend`, expect: { code: 2, errors: ['UnsupportedActionPreference'] } },
  { name: '-ErrorAction with a bad value is CannotConvertArgumentNoMessage', run: `${INFO} ${KEN} -ea Nope`, expect: { code: 2, errors: ['CannotConvertArgumentNoMessage'] } },
  { name: 'a negative -ResultSize is CannotConvertArgumentNoMessage', run: 'Get-CsUser -ResultSize -5', expect: { code: 2, errors: ['CannotConvertArgumentNoMessage'] } },
  { name: 'a 128 KiB unknown parameter name is cut in the message', run: `${INFO} -$(head -c 131000 /dev/zero | tr '\\0' x)`, expect: { code: 2, errors: ['NamedParameterNotFound'], stderr: /x…/ } },
  { name: 'a 128 KiB extra argument is cut in the message', run: `${INFO} ${KEN} "$(head -c 131000 /dev/zero | tr '\\0' y)"`, expect: { code: 2, errors: ['PositionalParameterNotFound'], stderr: /y…/ } },
  { name: 'ESC in an unknown parameter value is escaped', run: `${INFO} ${KEN} -WhatIf:$'\\e[2J'`, expect: { code: 2, errors: ['CannotConvertArgument'], stderr: /\\e\[2J/ } },
  { name: 'a tab in a would-be parameter name makes it a value, echoed escaped', run: `${INFO} ${KEN} $'-Iden\\ttity'`, expect: { code: 2, errors: ['PositionalParameterNotFound'], stderr: /\\t/ } },
  { name: 'ESC in an extra argument in text form stays on one escaped line', run: `${INFO} ${KEN} $'\\e]0;pwned\\a'`, textErrors: true, expect: { code: 2, stderr: /^Get-CsClientPinInfo : A positional parameter cannot be found that accepts argument '\\e\]0;pwned\\x07'\.\n$/ } },
];

runCorpus('hostile input: stdin framing and records', [...framing, ...shapes]);
runCorpus('hostile input: Pin values, unreadable stdin and argv', [...pins, ...stdin, ...argv]);

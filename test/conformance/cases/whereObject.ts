/**
 * Where-Object against PowerShell: every operator switch (and its case-sensitive form) over values of every
 * JSON type, the comparison rules (the right operand takes the left one's type; $null; dates; numbers in
 * strings), the script-block form with -and/-or/-not, and missing properties.
 */
import type { ConformanceCase } from '../case.js';

/** Records with one property of each kind; Id tells them apart; record 4 lacks most properties. */
const RECORDS = [
  '{"Id":1,"S":"abc","N":5,"B":true,"D":"2016-01-01T00:00:00.000Z","Z":null,"A":[1,2,"x"]}',
  '{"Id":2,"S":"ABC","N":10,"B":false,"D":"2020-06-15T12:30:00.000Z","Z":null,"A":[]}',
  '{"Id":3,"S":"b","N":-1.5,"B":true,"D":"1999-12-31T23:59:59.999Z","Z":null,"A":["abc"]}',
  '{"Id":4}',
  '{"Id":5,"S":"10","N":"5","B":"False","D":"not a date","Z":0,"A":"abc"}',
  '{"Id":6,"S":"","N":0,"B":false,"D":null,"Z":"","A":[null]}',
  '{"Id":7,"S":"a.c*","N":1e3,"B":1,"D":"2016-01-01T00:00:00.000Z","Z":false,"A":[2]}',
];

/** `Where-Object <property> -<operator> <value>` over RECORDS, for each value. */
function comparisons(operator: string, property: string, values: readonly string[]): ConformanceCase[] {
  return values.map((value) => ({
    name: `${property} -${operator} ${value}`,
    input: RECORDS,
    pipeline: `Where-Object ${property} -${operator} ${value}`,
    output: 'objects',
  }));
}

const ORDERING = ['EQ', 'NE', 'GT', 'GE', 'LT', 'LE'];

const BOOLEAN_TEXT =
  'compared with a Boolean, text that is no Boolean word (True, False, $True, $False) nor number fails the object (OperatorFailed) where PowerShell takes any non-empty text as true: `IsPinSet -eq Flase | Unlock-CsClientPin` must not unlock everyone';

const LOCAL_TEXT =
  'a zone-less date text is local time, and cspin compares it with a date as instants; PowerShell compares the clock readings and ignores that the date is UTC and the text local (DateTimeKind), so its answer moves with the zone of the date, not with the time';

const simplified: ConformanceCase[] = [
  // Strings: case-insensitive unless C-; numbers on the right become strings.
  ...ORDERING.flatMap((op) => comparisons(op, 'S', ['abc', 'B', '10', '9'])),
  ...['CEQ', 'CNE', 'CGT', 'CLT', 'CGE', 'CLE'].flatMap((op) => comparisons(op, 'S', ['abc', 'ABC'])),
  // Numbers: the value becomes a number; a string property compares as text.
  ...ORDERING.flatMap((op) => comparisons(op, 'N', ['5', '-1.5', '5.0', '1000'])),
  ...comparisons('EQ', 'N', ['0x5', '5e0', "' 5 '"]),
  // Booleans.
  ...comparisons('EQ', 'B', ['1', '0', "'$True'", "'$False'", 'True']),
  ...comparisons('NE', 'B', ["'$True'"]),
  // Dates: ISO text becomes a DateTime in both.
  ...ORDERING.flatMap((op) => comparisons(op, 'D', ['2016-01-01T00:00:00Z', '"2016-01-01 00:00:00"'])),
  ...comparisons('GT', 'D', ['"1/1/2017"', '2016']),
  // A number literal on the command line is a number, as PowerShell's parser reads it unquoted.
  ...comparisons('EQ', 'S', ['10.0', '010', '0xA', '1e1', '10l', '10d']),
  // A signed word is text in a command argument: "-1.50" and "+5" are strings, as in PowerShell.
  ...comparisons('EQ', 'N', ['-1.50', '1e3', '1kb', '0b101', '5l', '+5', '-5']),
  ...comparisons('EQ', 'S', ['-1', '0xFFFFFFFF']),
  ...comparisons('In', 'N', ['5.0,10', '0x5,1e3']),
  ...comparisons('In', 'S', ['10.0,abc']),
  // An integer is a DateTime's ticks: 630822816000000000 is 2000-01-01.
  ...comparisons('GT', 'D', ['630822816000000000', '0']),
  ...comparisons('LT', 'D', ['630822816000000000']),
  // A Boolean takes a number as its truth.
  ...comparisons('EQ', 'B', ['2', '0.0']),
  { name: 'B -GE *b* (text that is no Boolean)', input: RECORDS, pipeline: 'Where-Object B -GE *b*', output: 'objects', deliberate: BOOLEAN_TEXT },
  // A number against a date, an array with an item that cannot convert: OperatorFailed.
  { name: 'N -LT a date (OperatorFailed)', input: RECORDS, pipeline: 'Where-Object N -LT "2016-01-01T00:00:00Z"', output: 'objects', errors: ['OperatorFailed', 'OperatorFailed', 'OperatorFailed', 'OperatorFailed', 'OperatorFailed'] },
  { name: 'A -GT x: one item that cannot convert fails the object', input: RECORDS, pipeline: 'Where-Object A -GT x', output: 'objects', errors: ['OperatorFailed', 'OperatorFailed'] },
  // $null and missing properties.
  ...comparisons('EQ', 'Z', ["'$Null'", '0', '""']),
  ...comparisons('NE', 'Z', ["'$Null'"]),
  ...comparisons('LT', 'Missing', ['1']),
  ...comparisons('EQ', 'Missing', ["'$Null'"]),
  ...comparisons('GE', 'S', ['""']),
  // Wildcards and regular expressions.
  ...comparisons('Like', 'S', ['a*', 'A?C', '"[ab]*"', "'a.c`*'", '*', '""']),
  ...comparisons('CLike', 'S', ['a*', 'A*']),
  ...comparisons('NotLike', 'S', ['a*', '*']),
  ...comparisons('CNotLike', 'S', ['a*']),
  ...comparisons('Like', 'N', ['1*', '5']),
  ...comparisons('Match', 'S', ['^a', 'B$', '"^\\d+$"', '"a.c"']),
  ...comparisons('CMatch', 'S', ['^A']),
  ...comparisons('NotMatch', 'S', ['^a']),
  ...comparisons('CNotMatch', 'S', ['^a']),
  ...comparisons('Match', 'N', ['^1']),
  // Collections.
  ...comparisons('Contains', 'A', ['1', 'x', 'X', 'abc', '2']),
  ...comparisons('CContains', 'A', ['X', 'x']),
  ...comparisons('NotContains', 'A', ['1', 'abc']),
  ...comparisons('CNotContains', 'A', ['X']),
  ...comparisons('Contains', 'S', ['abc']),
  ...comparisons('In', 'S', ['abc', 'ABC,b', '"abc","b"']),
  ...comparisons('CIn', 'S', ['ABC']),
  ...comparisons('NotIn', 'S', ['abc', 'abc,b']),
  ...comparisons('CNotIn', 'S', ['abc']),
  ...comparisons('In', 'N', ['5,10']),
  // The i-spellings are aliases.
  ...comparisons('IEQ', 'S', ['abc']),
  ...comparisons('ILike', 'S', ['A*']),
  // A property alone: its truth.
  { name: 'B (truth)', input: RECORDS, pipeline: 'Where-Object B', output: 'objects' },
  { name: 'S (truth)', input: RECORDS, pipeline: 'Where-Object S', output: 'objects' },
  { name: 'A (truth)', input: RECORDS, pipeline: 'Where-Object A', output: 'objects' },
  { name: 'Z (truth)', input: RECORDS, pipeline: 'Where-Object Z', output: 'objects' },
  { name: '-Not N', input: RECORDS, pipeline: 'Where-Object -Not N', output: 'objects' },
  { name: '-Not Missing', input: RECORDS, pipeline: 'Where-Object -Not Missing', output: 'objects' },
  { name: 'property names are case-insensitive', input: RECORDS, pipeline: 'Where-Object s -eq abc', output: 'objects' },
  { name: 'a wildcard property name', input: RECORDS, pipeline: 'Where-Object I? -eq 3', output: 'objects' },
];

/** `Where-Object '{<script>}'` over RECORDS. */
function scripts(...bodies: string[]): ConformanceCase[] {
  return bodies.map((body) => ({ name: `{${body}}`, input: RECORDS, pipeline: `Where-Object '{${body}}'`, output: 'objects' }));
}

const scriptBlocks: ConformanceCase[] = scripts(
  '$_.N -eq 5',
  '$_.N -gt 1 -and $_.B -eq $true',
  '$_.N -lt 0 -or $_.S -eq "abc"',
  '-not ($_.N -gt 1)',
  '-not $_.B',
  '$_.S -ceq "ABC"',
  '$_.S -like "a*" -and -not ($_.N -eq 10)',
  '$_.Missing -eq $null',
  '$_.Z -eq $null',
  '$null -eq $_.Z',
  '$_.D -gt "2016-01-01"',
  '$_.B -eq $false',
  '$_.S -match "^[a-z]+$"',
  '$_.S -notmatch "b"',
  '$_.A -contains 2',
  '$_.A -notcontains "abc"',
  '$_.S -in "abc","b"',
  '$_.S -notin "abc","b"',
  '$_.N -ge 5 -and $_.N -le 10',
  '$PSItem.Id -eq 3',
  '$_.Id -eq 1 -or $_.Id -eq 2 -and $_.N -eq 10',
  '($_.Id -eq 1 -or $_.Id -eq 2) -and $_.N -eq 10',
  '$_.S',
  '$_.N -ne 5',
  '$_.S -ne ""',
  '$_.N -eq "5"',
  '$_.S -eq 10',
  '$_.S -lt "b"',
  '$_.S -clike "a*"',
  '$_.S -cnotlike "a*"',
  '$_.A -ccontains "X"',
  '$_.S -cin "ABC"',
  '$_.N -eq 0x5',
  '$_.S -eq 10.0',
  '$_.S -eq "10.0"',
  '$_.N -eq 1kb',
  '$_.N -eq -1.5',
  '$_.N -lt -0x1',
  '$_.B -and $_.S',
  '-not $_.S',
);

const edges: ConformanceCase[] = [
  {
    name: 'plain strings on stdin',
    input: ['"abc"', '"b"', 'null', '"Abc"'],
    pipeline: "Where-Object '{$_ -like \"a*\"}'",
    output: 'objects',
  },
  { name: 'numbers on stdin', input: ['1', '2', '3'], pipeline: "Where-Object '{$_ -gt 1}'", output: 'objects' },
  { name: 'no input', pipeline: 'Where-Object S -eq abc', output: 'objects' },
  {
    name: 'Unicode text, case-insensitively',
    input: ['{"S":"Ärger"}', '{"S":"ärger"}', '{"S":"straße"}', '{"S":"STRASSE"}', '{"S":"İstanbul"}'],
    pipeline: 'Where-Object S -eq ärger',
    output: 'objects',
  },
  {
    name: 'Unicode wildcard',
    input: ['{"S":"Ärger"}', '{"S":"ärger"}', '{"S":"日本語"}'],
    pipeline: 'Where-Object S -like "*本*"',
    output: 'objects',
  },
  {
    name: 'integer-like property names keep their order',
    input: ['{"b":1,"2":3,"a":"x"}', '{"b":2,"2":4}'],
    pipeline: 'Where-Object 2 -eq 3',
    output: 'objects',
  },
  // Text without an offset is local time: TZ decides which records pass.
  ...['America/New_York', 'Asia/Tokyo'].flatMap((tz): ConformanceCase[] => {
    // East of UTC the clock readings and the instants disagree about midnight UTC.
    const deliberate = tz === 'Asia/Tokyo' ? { deliberate: LOCAL_TEXT } : {};
    return [
      { name: `D -GT a local time in ${tz}`, input: RECORDS, pipeline: 'Where-Object D -gt "2020-06-15 08:00:00"', output: 'objects', tz },
      { name: `D -LE a local date in ${tz}`, input: RECORDS, pipeline: 'Where-Object D -le "1/1/2016"', output: 'objects', tz, ...deliberate },
      { name: `{$_.D -lt a local time} in ${tz}`, input: RECORDS, pipeline: "Where-Object '{$_.D -lt \"2016-01-01 05:00:00\"}'", output: 'objects', tz, ...deliberate },
    ];
  }),
  { name: 'an unknown parameter', input: RECORDS, pipeline: 'Where-Object S -eq abc -Nope', output: 'objects', errors: ['NamedParameterNotFound'] },
  { name: 'two operators', input: RECORDS, pipeline: 'Where-Object S -eq abc -ne b', output: 'objects', errors: ['AmbiguousParameterSet'] },
  { name: 'an operator without a value', input: RECORDS, pipeline: 'Where-Object S -eq', output: 'objects', errors: ['ValueNotSpecifiedForWhereObject'] },
  // PowerShell fails each record that has the property (7 here); cspin fails once, before reading.
  {
    name: 'a bad regular expression',
    input: RECORDS,
    pipeline: 'Where-Object S -match "("',
    output: 'objects',
    errors: Array<string>(7).fill('BadOperatorArgument'),
    deliberate:
      'cspin refuses a pattern that is not a regular expression once, before reading (BadOperatorArgument, exit 2): the pattern is known before the first record, and one error says it better than one per record',
  },
  { name: 'nothing to test', input: RECORDS, pipeline: 'Where-Object', output: 'objects', errors: ['MissingMandatoryParameter'] },
];

export default [...simplified, ...scriptBlocks, ...edges] satisfies ConformanceCase[];

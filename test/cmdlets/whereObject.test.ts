/**
 * Where-Object end to end: the real bin through real pipes fed by printf. Every operator, the type
 * rules of the left operand, byte-for-byte pass-through, records without the property, null and
 * plain-string records, usage errors, | head, and the documented PIN pipelines on the sample.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, identities, sampleDirectory, sh, type ShellResult } from '../support/shell.js';

/** No database at all: Where-Object is generic and must never open one. */
const NO_DB = { CSPIN_DB: '/nonexistent/cspin.db', CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };

/** A bash single-quoted word. */
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** `printf '%s\n' 'line' ... |`: the lines as a real pipe. */
const printf = (lines: readonly string[]) => `printf '%s\\n' ${lines.map(quote).join(' ')} |`;

const RECORDS = [
  { id: 1, Name: 'Ken Myer', Count: 10, Tags: ['a', 'B'], Enabled: true, When: '2012-09-25T13:35:03.000Z' },
  { id: 2, Name: 'ken myer', Count: 9, Tags: ['c'], Enabled: false, When: '2030-06-01T00:00:00.000Z' },
  { id: 3, Name: 'Pilar Ackerman', Count: '10', Tags: [], Enabled: 'False', When: null },
  { id: 4, Other: 'no Name, Count, Tags, Enabled or When' },
];
const LINES = RECORDS.map((r) => JSON.stringify(r));

/** [Where-Object arguments, ids of the records that pass, why]. */
const CASES: [string, number[], string][] = [
  ['Name -eq "ken myer"', [1, 2], '-eq ignores case'],
  ['Name -EQ "ken myer"', [1, 2], 'switch names ignore case'],
  ['Name -ieq "KEN MYER"', [1, 2], '-ieq is the alias of -EQ'],
  ['Name -ceq "ken myer"', [2], '-ceq minds case'],
  ['Name -ne "ken myer"', [3, 4], 'a missing property is $null, which is not equal'],
  ['Name -cne "ken myer"', [1, 3, 4], '-cne minds case'],
  ['Name -gt "ken myer"', [3], 'strings order without case'],
  ['Name -cgt "ken myer"', [1, 3], 'upper case sorts after lower case with -cgt'],
  ['Count -gt 9', [1], 'a number left operand compares numerically; the string "10" compares as text'],
  ['Count -ge 9', [1, 2], '"10" is less than "9" as text'],
  ['Count -lt 10', [2, 4], '$null is less than any value'],
  ['Count -le 9', [2, 3, 4], '"10" -le "9" as text'],
  ['Count -clt 10', [2, 4], '-clt on numbers'],
  ['Count -cge 10', [1, 3], '-cge on a number and a numeric string'],
  ['Count -cle 9', [2, 3, 4], '-cle on a numeric string compares as text'],
  ['Count -eq "10"', [1, 3], 'a numeric string converts to the number on the left'],
  ['Count -eq 10.0', [1, 3], 'an unquoted number literal is a number: "10" equals 10.0 written as text, 10'],
  ['Count -eq 0xA', [1, 3], 'a hex literal is a number'],
  ['Count -eq 1e1', [1, 3], 'an exponent literal is a number'],
  ['Count -lt 1kb', [1, 2, 3, 4], 'a multiplier literal is a number (1024); "10" -lt "1024" as text'],
  ['Count -in 10.0,9', [1, 2, 3], 'the items of a comma list are number literals too'],
  [`'{$_.Count -eq "10.0"}'`, [1], 'quoted in a script block, "10.0" stays text: the number 10 takes it, the text "10" does not'],
  ['When -gt 630822816000000000', [1, 2], 'an integer is a date\'s .NET ticks, as in PowerShell (2000-01-01 here)'],
  ['Name -like "ken*"', [1, 2], '-like ignores case'],
  ['Name -Lik "ken*"', [1, 2], 'a unique prefix names the switch'],
  ['Name -clike "Ken*"', [1], '-clike minds case'],
  ['Name -notlike "ken*"', [3, 4], '$null is the empty text, which is not like ken*'],
  ['Name -cnotlike "Ken*"', [2, 3, 4], '-cnotlike minds case'],
  ['Name -match "^k"', [1, 2], '-match ignores case'],
  ['Name -cmatch "^k"', [2], '-cmatch minds case'],
  ['Name -notmatch "^k"', [3, 4], '-notmatch'],
  ['Name -cnotmatch "^K"', [2, 3, 4], '-cnotmatch'],
  ['Tags -contains b', [1], '-contains looks for an item, ignoring case'],
  ['Tags -ccontains b', [], '-ccontains minds case'],
  ['Tags -notcontains b', [2, 3, 4], '-notcontains'],
  ['Tags -cnotcontains B', [2, 3, 4], '-cnotcontains'],
  ['Name -contains "ken myer"', [1, 2], 'a single value is a collection of one'],
  ['id -in \'[1,3]\'', [1, 3], '-in takes a JSON array as its list'],
  ['id -in 2', [2], 'a single value is a list of one'],
  ['Name -in \'["KEN MYER","x"]\'', [1, 2], '-in ignores case'],
  ['Name -cin \'["Ken Myer"]\'', [1], '-cin minds case'],
  ['id -notin \'[1,3]\'', [2, 4], '-notin'],
  ['Name -cnotin \'["Ken Myer"]\'', [2, 3, 4], '-cnotin'],
  ['Enabled', [1, 3], 'a property alone is its truth value, PowerShell\'s: the string "False" is true'],
  ['-Not Enabled', [2, 4], '-Not selects false and missing'],
  [`'{-not $_.Enabled}'`, [2, 4], '-not in a script block: a non-empty string is true'],
  ['Enabled -eq False', [2, 3], 'a Boolean reads the text False as $false; a string compares as text'],
  ['Enabled -eq True', [1], 'True'],
  ['Enabled -eq \'$false\'', [2, 3], "'$false' is the Boolean false"],
  ['When -lt "2020-01-01T00:00:00Z"', [1, 3, 4], 'ISO dates compare as instants, and $null is less than any date'],
  ['When -gt "2020-01-01T00:00:00Z"', [2], 'a later instant'],
  ['When -gt "1/1/2020"', [2], 'a US date text is a date too'],
  ['When -le "2012-09-25T13:35:03Z"', [1, 3, 4], 'the same instant in another spelling is equal'],
  ['When -eq \'$null\'', [3, 4], "'$null' is $null: null and missing properties"],
  ['When -ne \'$null\'', [1, 2], 'the records that have a date'],
  ['nAmE -eq "pilar ackerman"', [3], 'property names ignore case'],
  ['Na* -eq "pilar ackerman"', [3], 'a wildcard property name that matches one property'],
  ['-Property Count -Value 9 -EQ', [2], 'every parameter by name'],
  ['-Value 9 Count -eq', [2], 'a named -Value leaves the position to -Property'],
  ['Name -in "ken myer,x"', [1, 2], '-in takes a comma list, as PowerShell reads Name -in a,b'],
  ['id -notin 1,3', [2, 4], '-notin takes a comma list too'],
  [`'{$_.Tags -contains "B"}'`, [1], 'a script block with -contains: the record\'s collection holds the value'],
  [`'{$_.Tags -ccontains "b"}'`, [], '-ccontains in a script block minds case'],
  [`'{$_.Name -in "KEN MYER", "x"}'`, [1, 2], 'a script block with -in and a comma list'],
  [`'{$_.id -in @(1, 3)}'`, [1, 3], 'a script block with -in and @()'],
  [`'{$_.id -notin 1,3 -and $_.Name -ne $null}'`, [2], '-notin, then -and'],
  [`'{"a","c" -contains $_.Tags}'`, [2], 'a list on the left: a one-item array on the right is its item'],
];

describe('Where-Object operators', () => {
  const outputs: { code: number; ids: number[] }[] = [];
  let result: ShellResult;
  beforeAll(async () => {
    // One bash for all cases; a marker line after each holds its exit status.
    const script = CASES.map(([args], i) => `${printf(LINES)} Where-Object ${args}; echo "#${i} $?"`).join('\n');
    result = await sh(script, { env: NO_DB });
    let ids: number[] = [];
    for (const line of result.stdout.split('\n').filter((l) => l !== '')) {
      const marker = /^#(\d+) (\d+)$/.exec(line);
      if (marker) {
        outputs[Number(marker[1])] = { code: Number(marker[2]), ids };
        ids = [];
      } else ids.push((JSON.parse(line) as { id: number }).id);
    }
  });

  it('Where-Object runs every operator without an error', () => {
    expect(result.stderr).toBe('');
    expect(outputs).toHaveLength(CASES.length);
  });

  it.each(CASES.map(([args, ids, why], i) => [args, why, ids, i] as const))('Where-Object %s: %s', (_args, _why, ids, i) => {
    expect(outputs[i]).toEqual({ code: 0, ids });
  });
});

describe('Where-Object output', () => {
  it('Where-Object passes records through byte for byte: property order, PSTypeName, escapes', async () => {
    const lines = [
      '{"b":1,"PSTypeName":"X.Y","a":"é ☃ \\"q\\" \\\\ \\n","n":[1,{"z":null}],"f":1.5,"e":-0.25}',
      '{"PSTypeName":"Microsoft.Rtc.Management.UserPinService.PinInfoDetails","Identity":"sip:kenmyer@litwareinc.com","IsPinSet":true}',
    ];
    const result = await sh(`${printf(lines)} Where-Object b -ne 2`, { env: NO_DB });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(lines.map((l) => `${l}\n`).join(''));
  });

  it('Where-Object gives null, plain-string, number and Boolean records as JSON values; they have no properties', async () => {
    const result = await sh(`${printf(['kenmyer', 'null', '""', '42', 'true', '{"a":1}'])} Where-Object Foo -eq '$null'`, { env: NO_DB });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('"kenmyer"\nnull\n""\n42\ntrue\n{"a":1}\n');
  });

  it('Where-Object drops what fails the test and gives a string its Length', async () => {
    const result = await sh(`${printf(['kenmyer', 'ab', 'null', '{"Length":9}'])} Where-Object Length -gt 2`, { env: NO_DB });
    expect(result.stdout).toBe('"kenmyer"\n{"Length":9}\n');
  });

  it('Where-Object reads its input when stdin is its shell\'s own (it needs input)', async () => {
    const result = await sh('Where-Object a -eq 1', { env: NO_DB, input: '{"a":1}\n{"a":2}\n' });
    expect(result.stdout).toBe('{"a":1}\n');
  });

  it('Where-Object reports an ambiguous wildcard property per record, and the other records still pass', async () => {
    const result = await sh(`${printf(['{"ab":1}', '{"ab":1,"ac":1}', '{"ac":1}'])} Where-Object 'a*' -eq 1`, { env: NO_DB });
    expect(result.stdout).toBe('{"ab":1}\n{"ac":1}\n');
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['AmbiguousPropertyName', 2]]);
    expect(result.code).toBe(1);
  });

  it('Where-Object passes malformed lines on as errors and goes on', async () => {
    const result = await sh(`${printf(['{"a":1}', '{oops', '{"a":1}'])} Where-Object a -eq 1`, { env: NO_DB });
    expect(result.objects).toHaveLength(2);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['MalformedJson', 2]]);
    expect(result.code).toBe(1);
  });

  it('Where-Object streams: a record passes on before the input ends', async () => {
    const writer = `{ echo '{"n":1}'; sleep 3; echo '{"n":2}'; }`;
    const result = await sh(`${writer} | Where-Object n -ge 1 | while read -r line; do echo "$SECONDS $line"; done`, { env: NO_DB });
    const [first, second] = result.stdout.trim().split('\n').map((line) => Number(line.split(' ')[0]));
    expect(first).toBeLessThan(2);
    expect(second).toBeGreaterThanOrEqual(3);
  });

  it('Where-Object stops quietly when the reader goes away (| head -n 1)', async () => {
    const result = await sh(`seq 1 200000 | sed 's/.*/{"n":&}/' | Where-Object n -gt 5 | head -n 1; echo "status \${PIPESTATUS[2]}"`, { env: NO_DB });
    expect(result.stdout).toBe('{"n":6}\nstatus 0\n');
    expect(result.stderr).toBe('');
  });
});

describe('Where-Object script blocks', () => {
  it.each([
    ["'{$_.a -eq $False}'", ['{"a":false}']],
    ["-FilterScript '$PSItem.a -or $_.b -gt 1'", ['{"a":true}', '{"b":2}']],
    ["'{$_ -like \"ken*\"}'", ['"kenmyer"']],
    ["'{-not $_.a}'", ['{"a":false}', '{"b":2}', '"kenmyer"', 'null']],
  ])('Where-Object %s', async (args, want) => {
    const result = await sh(`${printf(['{"a":false}', '{"a":true}', '{"b":2}', 'kenmyer', 'null'])} Where-Object ${args}`, { env: NO_DB });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(want.map((l) => `${l}\n`).join(''));
  });
});

describe('Where-Object comparisons that cannot convert', () => {
  it.each([
    ['n -gt a', ['{"n":1}', '{"n":"b"}', '{"n":[1,"z"]}'], ['{"n":"b"}'], [1, 3], 'a number does not take text; one item of an array that cannot convert fails the object'],
    ['n -lt "2016-01-01T00:00:00Z"', ['{"n":5}', '{"n":"2015"}'], ['{"n":"2015"}'], [1], 'a number does not take a date'],
  ])('Where-Object %s gives OperatorFailed for each object it cannot decide, exit 1', async (args, lines, passed, records) => {
    const result = await sh(`${printf(lines)} Where-Object ${args}`, { env: NO_DB });
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual(records.map((record) => ['OperatorFailed', record]));
    expect(result.stdout).toBe(passed.map((l) => `${l}\n`).join(''));
    expect(result.code).toBe(1);
  });
});

describe('Where-Object usage errors', () => {
  it.each([
    ['a 1', 'OperatorNotSpecified', 'a value without an operator'],
    ['a -eq -ne 1', 'AmbiguousParameterSet', 'two operators'],
    ['a -Like -IEQ 1', 'AmbiguousParameterSet', 'two operators, one by its alias'],
    ['a -eq', 'ValueNotSpecifiedForWhereObject', 'an operator without a value (bash ate $False)'],
    ['-Not a 1', 'AmbiguousParameterSet', '-Not with a value'],
    ['-Value 1 -eq', 'MissingMandatoryParameter', 'no property'],
    ["''", 'ParameterArgumentValidationErrorEmptyStringNotAllowed', 'an empty property'],
    ['{$_.a -eq 1}', 'AmbiguousParameterSet', 'an unquoted script block, split by bash'],
    ["'{$_.a -eq }'", 'InvalidFilter', 'a script block missing a value'],
    ["-FilterScript '$_.a' -Property a", 'AmbiguousParameterSet', 'a script block and a property'],
    ["a -match '('", 'BadOperatorArgument', 'an invalid regular expression'],
    ['a -like "[x"', 'BadOperatorArgument', 'an invalid wildcard pattern'],
    ['a -l 1', 'AmbiguousParameter', 'an ambiguous prefix (-Like -LT -LE)'],
    ['a -is 1', 'NamedParameterNotFound', 'an operator cspin does not have'],
  ])('Where-Object %s is %s (%s), exit 2, nothing written', async (args, errorId) => {
    const result = await sh(`${printf(['{"a":1}'])} Where-Object ${args}`, { env: NO_DB });
    expect(errorsOf(result).map((e) => e.errorId)).toEqual([errorId]);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });
});

describe('Where-Object in the documented PIN pipelines', () => {
  let env: NodeJS.ProcessEnv;
  const sip = (logon: string) => `sip:${logon}@litwareinc.com`;
  beforeAll(async () => {
    env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json' };
  });

  it.each([
    ['Get-CsUser | Get-CsClientPinInfo | Where-Object IsLockedOut -eq True', ['pilar', 'wendyr', 'yanli'].map(sip)],
    ['Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet -eq \'$True\' | Where-Object IsLockedOut -eq False', ['amys', 'bobk', 'chrisp', 'davidl', 'ellens', 'gregw', 'hollyh', 'kenmyer', 'lolaj', 'markh', 'rayc'].map(sip)],
    ['Get-CsUser | Where-Object DisplayName -like "Ken*" | Get-CsClientPinInfo', [sip('kenmyer')]],
    ['Get-CsUser | Where-Object SamAccountName -in \'["aidan","tyc"]\' | Get-CsClientPinInfo | Where-Object IsPinSet -eq False', ['aidan', 'tyc'].map(sip)],
  ])('%s', async (command, want) => {
    const result = await sh(command, { env });
    expect(result.stderr).toBe('');
    expect(identities(result.objects)).toEqual([...want].sort());
  });

  it('Get-CsUser | Get-CsClientPinInfo | Where-Object PinExpirationTime -lt a date: PINs that never expire ($null) pass, as in PowerShell', async () => {
    const all = await sh('Get-CsUser | Get-CsClientPinInfo', { env });
    const result = await sh('Get-CsUser | Get-CsClientPinInfo | Where-Object PinExpirationTime -lt "2030-01-01T00:00:00Z"', { env });
    expect(result.stderr).toBe('');
    expect(all.objects.every((o) => o.PinExpirationTime === null)).toBe(true);
    expect(result.stdout).toBe(all.stdout);
  });

  it('Get-CsUser | Where-Object leaves the ADUser objects as Get-CsUser wrote them', async () => {
    const all = await sh('Get-CsUser', { env });
    const result = await sh('Get-CsUser | Where-Object Identity -like "*"', { env });
    expect(result.stdout).toBe(all.stdout);
    expect(result.objects).toHaveLength(24);
  });
});

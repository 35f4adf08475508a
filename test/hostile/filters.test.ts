/**
 * Hostile filters through the real bins: Get-CsUser -Filter / -LdapFilter and Where-Object with
 * filters nested thousands deep, thousands of terms wide, malformed at every position, with values
 * that do not convert, member access the language lacks, and hostile text echoed in messages.
 *
 * A command-line argument holds at most 128 KiB on Linux (MAX_ARG_STRLEN), so the widest and
 * deepest filters here stay under it; the 1 MB filters are in test/core/filterLimits.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCorpus, type CaseContext, type HostileCase } from './corpus.js';

const ADUSER = 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser';
const PIN_INFO = 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails';

/** An ADUser of the sample directory, as samples/litwareinc.csv has it. */
const adUser = (dn: string, logon: string, display: string, pool: string, lineUri: string | null, voice: boolean) => ({
  PSTypeName: ADUSER,
  Identity: dn,
  SipAddress: `sip:${logon}@litwareinc.com`,
  UserPrincipalName: `${logon}@litwareinc.com`,
  SamAccountName: logon,
  DisplayName: display,
  Enabled: true,
  RegistrarPool: `${pool}-cs-001.litwareinc.com`,
  LineUri: lineUri,
  EnterpriseVoiceEnabled: voice,
  PinPolicy: null,
});
const KEN = adUser('CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com', 'kenmyer', 'Ken Myer', 'atl', 'tel:+14255550101;ext=50101', true);
const AIDAN = adUser('CN=Aidan Delaney,OU=Payroll,OU=Finance,DC=litwareinc,DC=com', 'aidan', 'Aidan Delaney', 'atl', null, false);
const DAVID = adUser('CN=David Longmuir,OU=Sales,DC=litwareinc,DC=com', 'davidl', 'David Longmuir', 'red', 'tel:+14255550201', true);
const JSMITH = adUser('CN=Jonathan Smith,OU=Sales,DC=litwareinc,DC=com', 'jsmith', 'Jonathan Smith', 'red', null, false);
const MARK = adUser('CN=Mark Hassall,OU=HR,DC=litwareinc,DC=com', 'markh', 'Mark Hassall', 'atl', 'tel:+14255550402', true);
const GREG = adUser('CN=Gregory Weber,OU=Research,DC=litwareinc,DC=com', 'gregw', 'Gregory Weber', 'atl', 'tel:+14255550603', true);
const AMY = adUser('CN=Amy Strande,OU=Legal,DC=litwareinc,DC=com', 'amys', 'Amy Strande', 'red', null, false);
const DIRECTORS = [JSMITH, MARK, GREG];

/** A PinInfoDetails of the sample, as samples/litwareinc-pins.csv has it. */
const pinInfo = (logon: string, changed: string | null = null) => ({
  PSTypeName: PIN_INFO,
  Identity: `sip:${logon}@litwareinc.com`,
  IsPinSet: changed !== null,
  IsLockedOut: false,
  LastPinChangeTime: changed,
  PinExpirationTime: null,
});
const NO_PIN = ['aidan', 'jsmith', 'cpreston', 'tonip', 'kima', 'nuriag', 'sanjays', 'tyc', 'zrinkam', 'confroom1'].map((logon) => pinInfo(logon));
const USERS_WITH_SIP = 24;

/** Writes a file into the case's folder (a filter too long to read in a test name). */
const file =
  (name: string, text: string) =>
  (context: CaseContext): void => {
    // One argument of a command line holds at most 128 KiB.
    if (Buffer.byteLength(text) > 128_000) throw new Error(`${name} is ${Buffer.byteLength(text)} bytes, too long for one argument`);
    writeFileSync(join(context.dir, name), text);
  };

const times = (n: number, term: (i: number) => string): string => Array.from({ length: n }, (_, i) => term(i)).join('');
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const PINS = 'set -o pipefail; Get-CsUser | Get-CsClientPinInfo';

const deep: HostileCase[] = [
  { name: '-Filter nested 5,000 parentheses deep', run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', `{${'('.repeat(5_000)}Enabled${')'.repeat(5_000)}}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: '-Filter nested 60,000 parentheses deep', run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', `{${'('.repeat(60_000)}Enabled${')'.repeat(60_000)}}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: '-Filter with 100,000 ! in a row', run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', `${'!'.repeat(100_000)}Enabled`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: '-Filter with 5,000 -not in a row', run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', `{${'-not '.repeat(5_000)}Enabled}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: '-Filter nested exactly 100 deep runs', run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', `{${'('.repeat(100)}SamAccountName -eq 'kenmyer'${')'.repeat(100)}}`), expect: { code: 0, objects: [KEN] } },
  { name: '-Filter nested 101 deep', run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', `{${'('.repeat(101)}Enabled${')'.repeat(101)}}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: 'Where-Object script block nested 5,000 deep, piped into Lock-CsClientPin', run: `${PINS} | Where-Object "$(cat f)" | Lock-CsClientPin`, setup: file('f', `{${'('.repeat(5_000)}$_.IsPinSet${')'.repeat(5_000)}}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: 'Where-Object -FilterScript with 100,000 !', run: 'echo "{}" | Where-Object -FilterScript "$(cat f)"', setup: file('f', `{${'!'.repeat(100_000)}$_.A}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: 'Where-Object bare script 60,000 parentheses deep', run: 'echo "{}" | Where-Object -FilterScript "$(cat f)"', setup: file('f', `${'('.repeat(60_000)}A${')'.repeat(60_000)}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: '-LdapFilter nested 5,000 (! deep', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `${'(!'.repeat(5_000)}(Title=Manager)${')'.repeat(5_000)}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: '-LdapFilter opening 40,000 (& levels', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', '(&'.repeat(40_000)), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: 'bare -LdapFilter nested 5,000 !( deep', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `!${'(!'.repeat(5_000)}(a=b)${')'.repeat(5_000)}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: 'bare -LdapFilter opening 40,000 &( levels', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `&${'(&'.repeat(40_000)}`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  { name: 'piped identities with a 5,000-deep -LdapFilter', run: 'Get-CsUser -LdapFilter "$(cat f)"', input: 'litwareinc\\kenmyer\n', setup: file('f', `${'(|'.repeat(5_000)}(a=b)`), expect: { code: 2, errors: ['FilterTooDeep'] } },
  // The order is SQLite's plan for a negation: the SIP index.
  { name: '-LdapFilter 98 negations deep runs', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `${'(!'.repeat(98)}(Title=Manager)${')'.repeat(98)}`), expect: { code: 0, objects: [AIDAN, DAVID, KEN] } },
];

const wide: HostileCase[] = [
  { name: '-LdapFilter | of 1,002 equalities', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `(|(sAMAccountName=kenmyer)${times(1_001, (i) => `(sAMAccountName=nobody${i})`)})`), expect: { code: 0, objects: [KEN] } },
  {
    name: '-LdapFilter | of 8,000 terms on mixed attributes',
    run: 'Get-CsUser -LdapFilter "$(cat f)"',
    setup: file('f', `(|${times(8_000, (i) => [`(sAMAccountName=n${i})`, `(title=t${i})`, `(l=x${i})`, `(department=d${i})`][i % 4] ?? '')}(TITLE=director)(sAMAccountName~=AMYS))`),
    // The order is SQLite's plan: the logon list first, then the titles.
    expect: { code: 0, objects: [AMY, ...DIRECTORS] },
  },
  { name: '-LdapFilter & of 10,000 negations', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `(&(Title=Manager)(!(sAMAccountName=aidan))${times(10_000, (i) => `(!(l=x${i}))`)})`), expect: { code: 0, objects: [KEN, DAVID] } },
  { name: '-LdapFilter | of 5,000 nested groups', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `(|${times(5_000, (i) => `(&(l=a${i})(title=b${i}))`)}(&(Title=Manager)(l=Seattle)))`), expect: { code: 0, objects: [DAVID] } },
  { name: '-LdapFilter & of 10,000 repeated terms', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `(&${'(l=Redmond)'.repeat(10_000)}(Title=Manager))`), expect: { code: 0, objects: [KEN, AIDAN] } },
  { name: '-LdapFilter & of two logons', run: 'Get-CsUser -LdapFilter "(&(sAMAccountName=kenmyer)(sAMAccountName=pilar))"', expect: { code: 0 } },
  { name: 'bare -LdapFilter | of 10,000 terms', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `|(Title=Director)${times(10_000, (i) => `(l=n${i})`)}`), expect: { code: 0, objects: DIRECTORS } },
  {
    name: 'piped identities inside a 1,002-term -LdapFilter',
    run: 'Get-CsUser -LdapFilter "$(cat f)"',
    input: 'litwareinc\\kenmyer\nlitwareinc\\pilar\n',
    setup: file('f', `(|(Title=Manager)${times(1_001, (i) => `(l=n${i})`)})`),
    expect: { code: 1, objects: [KEN], errors: ['ManagementObjectNotFound'], records: [2] },
  },
  { name: '-LdapFilter of 1,001 unrelated tests', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `(|${times(1_001, (i) => `(a${i}=*x*)`)})`), expect: { code: 2, errors: ['FilterTooComplex'] } },
  { name: '-Filter of 3,000 -or terms', run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', `{${times(3_000, (i) => `SamAccountName -eq 'n${i}' -or `)}SamAccountName -eq 'kenmyer'}`), expect: { code: 0, objects: [KEN] } },
  { name: '-Filter with a chain of 10,000 comparisons', run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', `{(Enabled${' -eq $true'.repeat(10_000)}) -and SamAccountName -eq 'kenmyer'}`), expect: { code: 0, objects: [KEN] } },
  { name: 'Where-Object script block of 3,000 -or terms', run: `${PINS} | Where-Object "$(cat f)"`, setup: file('f', `{${times(3_000, (i) => `$_.Identity -eq 'n${i}' -or `)}$_.Identity -like 'sip:amys@*'}`), expect: { code: 0, objects: [pinInfo('amys', '2016-07-22T15:10:00.000Z')] } },
];

const malformed: HostileCase[] = [
  ...[
    ['(Title=Manager', 'an unclosed filter'],
    ['Title=Manager)', 'a stray )'],
    ['((Title=Manager)', 'a doubled ('],
    ['(Title=\\zz)', 'an escape that is not hex'],
    ['(=Manager)', 'an empty attribute'],
    ['(Title)', 'an attribute without ='],
    ['(Title=Manager)(l=Redmond)', 'two filters without & or |'],
    ['(cn:1.2.3:=x)', 'an unknown matching rule'],
    ['(a=\\c3)', 'escapes that are not UTF-8'],
    ['(Ti\u0001tle=M\u001b)', 'control characters'],
  ].map(([filter = '', what = '']): HostileCase => ({ name: `-LdapFilter with ${what}`, run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', filter), expect: { code: 2, errors: ['InvalidLdapFilter'], stderr: /^Cannot bind parameter 'LdapFilter'\. Invalid LDAP filter at position \d+: / } })),
  { name: '-LdapFilter with an empty value', run: 'Get-CsUser -LdapFilter "(Title=)"', expect: { code: 0 } },
  { name: '-LdapFilter with an empty |', run: 'Get-CsUser -LdapFilter "(&(Title=Manager)(|))"', expect: { code: 0 } },
  { name: '-LdapFilter with a 120 KB attribute option', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `(cn;${'x'.repeat(120_000)}=1)`), expect: { code: 2, errors: ['InvalidLdapFilter'], stderr: /options are not supported \(';x{119}…'\)/ } },
  { name: '-LdapFilter with a 60 KB substring', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `(Title=*${'é'.repeat(30_000)}*)`), expect: { code: 2, errors: ['FilterTooComplex'] } },
  { name: '-LdapFilter with a 120 KB escaped value', run: 'Get-CsUser -LdapFilter "$(cat f)"', setup: file('f', `(Title=${'\\41'.repeat(40_000)})`), expect: { code: 0 } },
  ...[
    ['{(Enabled -eq $true}', 'an unclosed ('],
    ['{Enabled -eq $true))}', 'a stray )'],
    ['{Enabled -eq}', 'a comparison without a value'],
    ["{DisplayName -eq 'abc}", 'an unclosed string'],
    ['{Display\u001bName -eq 1}', 'an escape character'],
    [`{A -${'x'.repeat(120_000)} 1}`, 'a 120 KB operator'],
    ['{$_.DisplayName.Length -gt 3}', 'member access below a property'],
    ["{$_.DisplayName[0] -eq 'K'}", 'indexing'],
    ["{$_.DisplayName.ToUpper() -eq 'KEN MYER'}", 'a method call'],
    ['{DisplayName.Length -gt 3}', 'a dotted property name'],
    ['{Enabled -lt (Get-Date)}', 'a command'],
    ["{DisplayName -match '('}", 'an invalid regular expression'],
    ["{DisplayName -like '[abc'}", 'an invalid wildcard pattern'],
  ].map(([filter = '', what = '']): HostileCase => ({ name: `-Filter with ${what}`, run: 'Get-CsUser -Filter "$(cat f)"', setup: file('f', filter), expect: { code: 2, errors: ['InvalidFilter'], stderr: /^Cannot bind parameter 'Filter'\. Invalid filter at position \d+: .{1,400}$/ } })),
  {
    name: 'Where-Object with member access below a property, piped into Lock-CsClientPin',
    run: `${PINS} | Where-Object '{$_.LastPinChangeTime.Year -eq 2012}' | Lock-CsClientPin`,
    expect: { code: 2, errors: ['InvalidFilter'] },
  },
  { name: 'Where-Object -Match with an invalid regular expression', run: "Where-Object DisplayName -Match '('", input: '{}\n', expect: { code: 2, errors: ['BadOperatorArgument'] } },
  { name: 'Where-Object -Like with an invalid wildcard', run: "Where-Object DisplayName -Like '[abc'", input: '{}\n', expect: { code: 2, errors: ['BadOperatorArgument'] } },
  {
    name: 'Where-Object -match against a pattern read from the record',
    run: "Where-Object '{$_.A -match $_.B}'",
    input: '{"A":"x","B":"("}\n{"A":"x","B":"x"}\n',
    expect: { code: 1, objects: [{ A: 'x', B: 'x' }], errors: ['BadOperatorArgument'], records: [1] },
  },
];

const conversions: HostileCase[] = [
  { name: 'Where-Object LastPinChangeTime -lt notadate', run: `${PINS} | Where-Object LastPinChangeTime -lt notadate`, expect: { code: 1, errors: range(USERS_WITH_SIP).map(() => 'OperatorFailed'), records: range(USERS_WITH_SIP) } },
  {
    name: 'Where-Object LastPinChangeTime -lt notadate | Lock-CsClientPin locks nobody',
    run: `${PINS} | Where-Object LastPinChangeTime -lt notadate | Lock-CsClientPin`,
    expect: { code: 1, errors: range(USERS_WITH_SIP).map(() => 'OperatorFailed'), stderr: /^Cannot convert value "notadate" to type "System\.DateTime" to compare it with LastPinChangeTime\./ },
  },
  {
    name: 'Where-Object script block -lt "notadate" | Lock-CsClientPin locks nobody',
    run: `${PINS} | Where-Object '{$_.LastPinChangeTime -lt "notadate"}' | Lock-CsClientPin`,
    expect: { code: 1, errors: range(USERS_WITH_SIP).map(() => 'ComparisonFailure'), records: range(USERS_WITH_SIP) },
  },
  { name: 'Where-Object IsPinSet -eq Flase | Unlock-CsClientPin unlocks nobody', run: `${PINS} | Where-Object IsPinSet -eq Flase | Unlock-CsClientPin`, expect: { code: 1, errors: range(USERS_WITH_SIP).map(() => 'OperatorFailed') } },
  { name: "Where-Object LastPinChangeTime -lt '$True'", run: `${PINS} | Where-Object LastPinChangeTime -lt '$True'`, expect: { code: 1, errors: range(USERS_WITH_SIP).map(() => 'OperatorFailed') } },
  {
    name: 'Where-Object LastPinChangeTime -gt a date',
    run: `${PINS} | Where-Object LastPinChangeTime -gt 2016-01-01`,
    expect: { code: 0, objects: [pinInfo('rayc', '2016-01-04T09:00:00.000Z'), pinInfo('gregw', '2016-04-18T11:45:30.000Z'), pinInfo('amys', '2016-07-22T15:10:00.000Z')] },
  },
  { name: "Where-Object LastPinChangeTime -lt '$null'", run: `${PINS} | Where-Object LastPinChangeTime -lt '$null'`, expect: { code: 0 } },
  { name: 'Where-Object IsPinSet -eq 0', run: `${PINS} | Where-Object IsPinSet -eq 0`, expect: { code: 0, objects: NO_PIN } },
  { name: 'Where-Object N -gt abc on numbers', run: 'Where-Object N -gt abc', input: '{"N":5}\n{"N":"7"}\n{"N":null}\n', expect: { code: 1, errors: ['OperatorFailed'], records: [1], stderr: /"System\.Int64"/ } },
  { name: 'Where-Object N -eq abc on numbers', run: 'Where-Object N -eq abc', input: '{"N":5}\n{"N":"7"}\n{"N":null}\n', expect: { code: 0 } },
  { name: 'Where-Object N -ne abc on numbers', run: 'Where-Object N -ne abc', input: '{"N":5}\n{"N":"7"}\n{"N":null}\n', expect: { code: 0, objects: [{ N: 5 }, { N: '7' }, { N: null }] } },
  { name: 'Where-Object with a $null left operand of no declared type', run: 'Where-Object D -lt notadate', input: '{"D":null}\n', expect: { code: 0, objects: [{ D: null }] } },
  {
    name: 'Import-Csv dates compare as dates, other text as text',
    run: 'Import-Csv w.csv | Where-Object When -lt 2013-01-01',
    setup: file('w.csv', 'Name,When\na,2012-01-01T00:00:00Z\nb,notadate\n'),
    expect: { code: 0, objects: [{ Name: 'a', When: '2012-01-01T00:00:00Z' }] },
  },
  { name: "Get-CsUser -Filter '{Enabled -eq Flase}'", run: "Get-CsUser -Filter '{Enabled -eq Flase}'", expect: { code: 1, errors: range(USERS_WITH_SIP).map(() => 'ComparisonFailure'), records: range(USERS_WITH_SIP).map(() => undefined), stderr: /\(user "CN=.+"\)$/ } },
  { name: "Get-CsUser -Filter '{5 -gt abc}'", run: "Get-CsUser -Filter '{5 -gt abc}'", expect: { code: 2, errors: ['ComparisonFailure'] } },
  {
    name: 'a 120 KB value with escape sequences, echoed escaped and cut',
    run: `${PINS} | Where-Object LastPinChangeTime -lt "$(cat v)"`,
    setup: file('v', '\u001b[31m\u0007'.repeat(20_000)),
    expect: {
      code: 1,
      errors: range(USERS_WITH_SIP).map(() => 'OperatorFailed'),
      check: (result) => expect(result.stderr).toContain('Cannot convert value \\"\\\\e[31m\\\\x07'),
      stderr: /…" to type "System\.DateTime"/,
    },
  },
  {
    name: 'a 1 MB record value that does not convert is not echoed',
    run: "Where-Object '{$_.D -lt $_.V}'",
    input: `${JSON.stringify({ D: '2012-01-01T00:00:00Z', V: `\u001b${'s3cr3t'.repeat(160_000)}` })}\n{"D":"2012-01-01T00:00:00Z","V":"2013-01-01"}\n`,
    secrets: ['s3cr3t'],
    expect: { code: 1, objects: [{ D: '2012-01-01T00:00:00Z', V: '2013-01-01' }], errors: ['ComparisonFailure'], records: [1], stderr: /^Cannot convert the value of \$_\.V to type "System\.DateTime"/ },
  },
  {
    name: 'conversion errors as text, one line each',
    run: 'Where-Object N -gt abc',
    input: '{"N":1}\n{"N":2}\n',
    textErrors: true,
    expect: { code: 1, stderr: /^Where-Object : Cannot convert value "abc" to type "System\.Int64" to compare it with N\. Use a number\. \(record 1\)\nWhere-Object : .+\(record 2\)\n$/ },
  },
];

runCorpus('hostile filters', [...deep, ...wide, ...malformed, ...conversions]);

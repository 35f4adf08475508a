/**
 * The binder against PowerShell's: parameter prefixes, aliases, case, positions, repeated parameters,
 * switches with values, pipeline binding by value and by property name. PowerShell runs functions shaped
 * like cspin's cmdlets (test/conformance/host/functions.ps1) that write one object per bound record, so
 * the cases compare the number of objects and the error ids; cmdlets with side effects run with -WhatIf.
 * The identities are users of the sample directory.
 */
import type { ConformanceCase } from '../case.js';

const UPN = 'kenmyer@litwareinc.com';
const SIP = 'sip:kenmyer@litwareinc.com';
const DN = 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com';
/** A user without a PIN: Test-CsClientPin gives NotSet and counts no failure. */
const NO_PIN = 'aidan@litwareinc.com';

/** A case that compares the number of objects (and the error ids when given). */
function count(name: string, pipeline: string, extra: Partial<ConformanceCase> = {}): ConformanceCase {
  return { name, pipeline, output: 'count', errors: [], ...extra };
}

const commandLine: ConformanceCase[] = [
  count('named -Identity', `Get-CsClientPinInfo -Identity ${UPN}`),
  count('the prefix -Iden', `Get-CsClientPinInfo -Iden ${UPN}`),
  count('the prefix -I: Identity beats the common -InformationAction', `Get-CsClientPinInfo -I ${UPN}`),
  count('lower case -identity', `Get-CsClientPinInfo -identity ${UPN}`),
  count('upper case -IDENTITY', `Get-CsClientPinInfo -IDENTITY ${UPN}`),
  count('-Identity:value', `Get-CsClientPinInfo -Identity:${UPN}`),
  count('positional Identity', `Get-CsClientPinInfo ${UPN}`),
  count('positional Identity after a switch', `Get-CsClientPinInfo -Verbose ${UPN}`),
  count('the alias -SipAddress', `Get-CsClientPinInfo -SipAddress ${SIP}`),
  count('the alias -UserPrincipalName', `Get-CsClientPinInfo -UserPrincipalName ${UPN}`),
  count('the alias -DistinguishedName', `Get-CsClientPinInfo -DistinguishedName "${DN}"`),
  count('an alias prefix -SipAdd', `Get-CsClientPinInfo -SipAdd ${SIP}`),
  count('a domain\\logon identity', "Get-CsClientPinInfo 'litwareinc\\kenmyer'"),
  count('a display name identity', 'Get-CsClientPinInfo "Ken Myer"'),
  count('-Identity twice', `Get-CsClientPinInfo -Identity ${UPN} -Identity ${UPN}`, { errors: ['ParameterAlreadyBound'] }),
  count('-Identity and its alias', `Get-CsClientPinInfo -Identity ${UPN} -SipAddress ${SIP}`, { errors: ['ParameterAlreadyBound'] }),
  count('-Identity by name and by position', `Get-CsClientPinInfo ${UPN} -Identity ${UPN}`, { errors: ['PositionalParameterNotFound'] }),
  count('-Identity without a value', 'Get-CsClientPinInfo -Identity', { errors: ['MissingArgument'] }),
  count('-Identity followed by a parameter', 'Get-CsClientPinInfo -Identity -WhatIf', { errors: ['MissingArgument'] }),
  count('an unknown parameter', `Get-CsClientPinInfo -Identity ${UPN} -Nope`, { errors: ['NamedParameterNotFound'] }),
  count('two positional values', `Get-CsClientPinInfo ${UPN} ${UPN}`, { errors: ['PositionalParameterNotFound'] }),
  count('an empty -Identity', "Get-CsClientPinInfo -Identity ''", { errors: ['ParameterArgumentValidationError'] }),
  count('a blank -Identity', "Get-CsClientPinInfo -Identity '   '", { errors: ['ParameterArgumentValidationError'] }),
  count('-ErrorAction by its alias -ea', `Get-CsClientPinInfo ${UPN} -ea SilentlyContinue`),
  count('-ErrorAction with a bad value', `Get-CsClientPinInfo ${UPN} -ErrorAction Sometimes`, { errors: ['CannotConvertArgumentNoMessage'] }),
  count('-ErrorAction prefix -ErrorA', `Get-CsClientPinInfo ${UPN} -ErrorA Continue`),
  count('-Er is ambiguous (ErrorAction, ErrorVariable)', `Get-CsClientPinInfo ${UPN} -Er x`, { errors: ['AmbiguousParameter'] }),
  count('-OutBuffer takes a number', `Get-CsClientPinInfo ${UPN} -OutBuffer 5`),
  count('-OutBuffer refuses text', `Get-CsClientPinInfo ${UPN} -OutBuffer many`, { errors: ['CannotConvertArgumentNoMessage'] }),
  count('Test-CsClientPin: both positional', `Test-CsClientPin ${NO_PIN} 1234`),
  count('Test-CsClientPin: named in any order', `Test-CsClientPin -Pin 1234 -Identity ${NO_PIN}`),
  count('Test-CsClientPin: a positional after a named one', `Test-CsClientPin -Identity ${NO_PIN} 1234`),
  count('Test-CsClientPin: too many positional values', `Test-CsClientPin ${NO_PIN} 1234 5678`, { errors: ['PositionalParameterNotFound'] }),
  count('a blank -Identity by position', "Get-CsClientPinInfo ' '", { errors: ['ParameterArgumentValidationError'] }),
  count('an empty optional -Identity (Get-CsUser)', "Get-CsUser -Identity ''", { errors: ['ParameterArgumentValidationError'] }),
  count('an empty -Pin (a mandatory String)', `Test-CsClientPin ${NO_PIN} ''`, { errors: ['ParameterArgumentValidationErrorEmptyStringNotAllowed'] }),
  // A value that does not convert: CannotConvertArgumentNoMessage, for the common parameters as for a cmdlet's own.
  count('-ErrorAction by a number out of range', `Get-CsClientPinInfo ${UPN} -ErrorAction 9`, { errors: ['CannotConvertArgumentNoMessage'] }),
  count('-ErrorAction by its number', `Get-CsClientPinInfo ${UPN} -ErrorAction 0`),
  count('-WarningAction with a bad value', `Get-CsClientPinInfo ${UPN} -WarningAction Nope`, { errors: ['CannotConvertArgumentNoMessage'] }),
  count('-ProgressAction with a bad value', `Get-CsClientPinInfo ${UPN} -proga x`, { errors: ['CannotConvertArgumentNoMessage'] }),
  count('-OutBuffer by its alias -ob with text', `Set-CsClientPin ${UPN} -ob x -WhatIf`, { errors: ['CannotConvertArgumentNoMessage'] }),
];

const switches: ConformanceCase[] = [
  count('-WhatIf', `Get-CsClientPinInfo ${UPN} -WhatIf`),
  count("'-WhatIf:$false'", `Get-CsClientPinInfo ${UPN} '-WhatIf:$false'`),
  count("'-WhatIf:$true'", `Get-CsClientPinInfo ${UPN} '-WhatIf:$true'`),
  count('-WhatIf:0 is false', `Get-CsClientPinInfo ${UPN} -WhatIf:0`),
  count('-WhatIf:1 is true', `Get-CsClientPinInfo ${UPN} -WhatIf:1`),
  count('-WhatIf:2 is true', `Get-CsClientPinInfo ${UPN} -WhatIf:2`),
  count('-WhatIf by its alias -wi', `Get-CsClientPinInfo ${UPN} -wi`),
  count('-WhatIf by the prefix -Wh', `Get-CsClientPinInfo ${UPN} -Wh`),
  count('-W is ambiguous', `Get-CsClientPinInfo ${UPN} -W`, { errors: ['AmbiguousParameter'] }),
  count('a switch takes no value: the next word is positional', `Get-CsClientPinInfo -WhatIf ${UPN}`),
  count('-WhatIf:false (text) is not a switch value', `Get-CsClientPinInfo ${UPN} -WhatIf:false`, {
    errors: ['CannotConvertArgument'],
    deliberate: "bash expands an unquoted $false to nothing, so cspin takes the bare words true and false for a switch (-WhatIf:false); PowerShell refuses them as text. '-WhatIf:$false' in single quotes is the same in both.",
  }),
  count('-WhatIf:maybe (text) is not a switch value', `Get-CsClientPinInfo ${UPN} -WhatIf:maybe`, { errors: ['CannotConvertArgument'] }),
  count("'-Confirm:$false' with -WhatIf", `Get-CsClientPinInfo ${UPN} '-Confirm:$false' -WhatIf`),
  count("'-Verbose:$false'", `Get-CsClientPinInfo ${UPN} '-Verbose:$false'`),
  count('Set-CsClientPin -WhatIf writes nothing', `Set-CsClientPin -Identity ${UPN} -Pin 13579 -WhatIf`),
  count('Set-CsClientPin -Force -WhatIf', `Set-CsClientPin ${UPN} 13579 -Force -WhatIf`),
  count("Set-CsClientPin '-Force:$false' -wi", `Set-CsClientPin ${UPN} '-Force:$false' -wi`),
  count("Set-CsClientPin -cf:0 -WhatIf", `Set-CsClientPin ${UPN} -cf:0 -WhatIf`),
  count('Lock-CsClientPin -PassThru -WhatIf', `Lock-CsClientPin ${UPN} -PassThru -WhatIf`),
  count("Grant-CsPinPolicy '$Null' -WhatIf", `Grant-CsPinPolicy ${UPN} '$Null' -WhatIf`),
];

const pipeline: ConformanceCase[] = [
  count('Identity by value', 'Get-CsClientPinInfo', { input: [`"${UPN}"`] }),
  count('several identities by value', 'Get-CsClientPinInfo', { input: [`"${UPN}"`, `"${SIP}"`, `"${NO_PIN}"`] }),
  count('Identity by property name', 'Get-CsClientPinInfo', { input: [`{"Identity":"${UPN}"}`] }),
  count('identity by property name, any case', 'Get-CsClientPinInfo', { input: [`{"identity":"${UPN}"}`] }),
  count('SipAddress by property name (an alias)', 'Get-CsClientPinInfo', { input: [`{"SipAddress":"${SIP}"}`] }),
  count('DistinguishedName by property name (an alias)', 'Get-CsClientPinInfo', { input: [`{"DistinguishedName":"${DN}"}`] }),
  count('the name before the alias', 'Get-CsClientPinInfo', { input: [`{"SipAddress":"${SIP}","Identity":"${UPN}"}`] }),
  count('strings and objects mixed', 'Get-CsClientPinInfo', { input: [`"${UPN}"`, `{"SipAddress":"${SIP}"}`] }),
  count('an empty Identity property', 'Get-CsClientPinInfo', {
    input: ['{"Identity":""}', `"${UPN}"`],
    errors: ['ParameterArgumentValidationError'],
  }),
  count('an empty string record', 'Get-CsClientPinInfo', { input: ['""', `"${UPN}"`], errors: ['ParameterArgumentValidationError'] }),
  count('a null record', 'Get-CsClientPinInfo', { input: ['null', `"${UPN}"`], errors: ['ParameterArgumentValidationError'] }),
  count('Identity on the command line and in the record', `Get-CsClientPinInfo -Identity ${UPN}`, {
    input: [`{"Identity":"${UPN}"}`, `{"Identity":"${UPN}"}`],
    errors: ['InputObjectNotBound', 'InputObjectNotBound'],
  }),
  count('Test-CsClientPin: both by property name', 'Test-CsClientPin', { input: [`{"Identity":"${NO_PIN}","Pin":"1234"}`] }),
  count('Test-CsClientPin: PIN in any case', 'Test-CsClientPin', { input: [`{"SipAddress":"sip:${NO_PIN}","PIN":"1234"}`] }),
  count('Test-CsClientPin: a numeric Pin property', 'Test-CsClientPin', { input: [`{"Identity":"${NO_PIN}","Pin":1234}`] }),
  count('Test-CsClientPin: Identity by value, Pin on the command line', 'Test-CsClientPin -Pin 1234', { input: [`"${NO_PIN}"`] }),
  count('Test-CsClientPin: Pin by property name, Identity on the command line', `Test-CsClientPin -Identity ${NO_PIN}`, {
    input: ['{"Pin":"1234"}'],
  }),
  count('Test-CsClientPin: a record without the mandatory Pin', 'Test-CsClientPin', {
    input: [`{"Identity":"${NO_PIN}"}`, `{"Identity":"${NO_PIN}","Pin":"1234"}`],
    errors: ['InputObjectMissingMandatory'],
  }),
  count('Test-CsClientPin: a string record without a Pin', 'Test-CsClientPin', { input: [`"${NO_PIN}"`], errors: ['InputObjectMissingMandatory'] }),
  count('Set-CsClientPin -WhatIf by property name', 'Set-CsClientPin -WhatIf', { input: [`{"SipAddress":"${SIP}","Pin":"13579"}`] }),
  count('Lock-CsClientPin -WhatIf by value', 'Lock-CsClientPin -WhatIf -PassThru', { input: [`"${UPN}"`, `"${SIP}"`] }),
  count('-ErrorAction SilentlyContinue hides a record error', 'Get-CsClientPinInfo -ErrorAction SilentlyContinue', { input: ['""', `"${UPN}"`] }),
  count('-ErrorAction Ignore forgets a record error', 'Get-CsClientPinInfo -ErrorAction Ignore', { input: ['""', `"${UPN}"`] }),
  count('-ErrorAction Stop ends at the first record error', 'Get-CsClientPinInfo -ErrorAction Stop', {
    input: [`"${UPN}"`, '""', `"${UPN}"`],
    errors: ['ParameterArgumentValidationError'],
  }),
  count('-ErrorAction Stop on a null record', 'Get-CsClientPinInfo -ea Stop', { input: ['null', `"${UPN}"`], errors: ['ParameterArgumentValidationError'] }),
  count('a blank Identity property', 'Get-CsClientPinInfo', { input: ['{"Identity":"  "}', `"${UPN}"`], errors: ['ParameterArgumentValidationError'] }),
  count('a null Identity property under its alias', 'Get-CsClientPinInfo', {
    input: ['{"SipAddress":null}', `"${UPN}"`],
    errors: ['ParameterArgumentValidationError'],
    deliberate:
      "PowerShell's [string] stand-in for UserIdParameter takes the whole record by value in the coercing pass (the text @{SipAddress=}, an identity that names nobody); cspin never makes an identity of an object's text, so the null property is the validation error",
  }),
  count('Test-CsClientPin: a null Pin property (a mandatory String)', 'Test-CsClientPin', {
    input: [`{"Identity":"${NO_PIN}","Pin":null}`],
    errors: ['ParameterArgumentValidationErrorEmptyStringNotAllowed'],
  }),
  count('Test-CsClientPin: an empty Pin property', 'Test-CsClientPin', {
    input: [`{"Identity":"${NO_PIN}","Pin":""}`],
    errors: ['ParameterArgumentValidationErrorEmptyStringNotAllowed'],
  }),
  // The command line bound everything the pipeline could: each record binds nothing.
  count('Identity on the command line and a string record', `Get-CsClientPinInfo ${UPN}`, { input: [`"${UPN}"`], errors: ['InputObjectNotBound'] }),
  count('Test-CsClientPin: both on the command line and a record', `Test-CsClientPin ${NO_PIN} 1234`, {
    input: [`{"Pin":"1234"}`],
    errors: ['InputObjectNotBound'],
  }),
  count('Lock-CsClientPin -WhatIf: Identity on the command line and a record', `Lock-CsClientPin ${UPN} -PassThru -WhatIf`, {
    input: [`"${UPN}"`, `{"Identity":"${UPN}"}`],
    errors: ['InputObjectNotBound', 'InputObjectNotBound'],
  }),
  count('Test-CsClientPin: Identity on the command line, Pin from the records', `Test-CsClientPin -Identity ${NO_PIN}`, {
    input: [`{"Pin":"1234"}`, `"${NO_PIN}"`],
    errors: ['InputObjectNotBound'],
  }),
];

/** Where-Object's own binding: a real PowerShell cmdlet, so the objects themselves are compared. */
const RECORDS = ['{"S":"abc","N":1}', '{"S":"ABC","N":2}', '{"S":"b","N":3}'];
function where(name: string, args: string, extra: Partial<ConformanceCase> = {}): ConformanceCase {
  return { name: `Where-Object ${name}`, input: RECORDS, pipeline: `Where-Object ${args}`, output: 'objects', ...extra };
}

const whereObject: ConformanceCase[] = [
  where('all named', '-Property S -EQ -Value abc'),
  where('named in another order', '-Value abc -EQ -Property S'),
  where('prefixes', '-Prop S -Val abc -EQ'),
  where('a named value, a positional property', 'S -Value abc -EQ'),
  where('a named property, a positional value', '-Property S -EQ abc'),
  where('-FilterScript named', "-FilterScript '{$_.N -ge 2}'"),
  where('-FilterScript by the prefix -Filter', "-Filter '{$_.N -ge 2}'"),
  where('a script block by position', "'{$_.N -ge 2}'"),
  where('-CEQ', '-Property S -CEQ -Value ABC'),
  where('-EQ:$true', "S '-EQ:$true' abc"),
  where('an operator prefix -Lik', 'S -Lik a*'),
  where('-Not by prefix -No', '-No N', { errors: ['AmbiguousParameter'] }),
  where('-N is ambiguous', 'S -N abc', { errors: ['AmbiguousParameter'] }),
  where('-ErrorAction after the value', 'S -eq abc -ErrorAction Stop'),
  where('-ErrorAction with a bad value', 'S -eq abc -ErrorAction Sometimes', { errors: ['CannotConvertArgumentNoMessage'] }),
  // Parameter sets: two switches of different sets are AmbiguousParameterSet, before any positional binds.
  where('two operators, -GT after -EQ', 'S -EQ abc -GT b', { errors: ['AmbiguousParameterSet'] }),
  where('two operators and no property', '-EQ -LT', { errors: ['AmbiguousParameterSet'] }),
  where('-Not and an operator', '-Not S -EQ abc', { errors: ['AmbiguousParameterSet'] }),
  where('-CEQ and -EQ', 'S -CEQ abc -EQ', { errors: ['AmbiguousParameterSet'] }),
  where('two operators, one of them :$false', "S -EQ abc '-LT:$false'", { errors: ['AmbiguousParameterSet'] }),
];

/** Parameter sets of the other cmdlets: named parameters of two sets given together. */
const parameterSets: ConformanceCase[] = [
  { name: 'Select-Object -Index and -Skip', input: RECORDS, pipeline: 'Select-Object -Index 1 -Skip 1', output: 'objects', errors: ['AmbiguousParameterSet'] },
  { name: 'Select-Object -First with a bad value', input: RECORDS, pipeline: 'Select-Object -First many', output: 'objects', errors: ['CannotConvertArgumentNoMessage'] },
  { name: 'Sort-Object -Stable and -Top', input: RECORDS, pipeline: 'Sort-Object N -Stable -Top 1', output: 'objects', errors: ['AmbiguousParameterSet'] },
  { name: 'Import-Csv -Path and -LiteralPath', files: { 'x.csv': 'A\n1\n' }, pipeline: 'Import-Csv -Path x.csv -LiteralPath x.csv', output: 'objects', errors: ['AmbiguousParameterSet'] },
  count('Get-CsUser -Filter and -LdapFilter', "Get-CsUser -Filter '{Enabled -eq $True}' -LdapFilter 'l=Redmond'", { errors: ['AmbiguousParameterSet'] }),
];

export default [...commandLine, ...switches, ...pipeline, ...whereObject, ...parameterSets] satisfies ConformanceCase[];

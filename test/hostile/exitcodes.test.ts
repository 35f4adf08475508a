/**
 * The same kind of mistake gives the same exit status in every cmdlet: a mistake the command line
 * shows before anything is read or changed is a usage error (exit 2, even with -WhatIf); a problem
 * with a record, or one that needs the database to see, is an error record (exit 1). Nothing changes
 * in any case (the corpus compares the database before and after).
 */
import { runCorpus, type HostileCase } from './corpus.js';

const USER_CMDLETS = [
  'Get-CsUser',
  'Get-CsClientPinInfo',
  'Set-CsClientPin',
  'Lock-CsClientPin',
  'Unlock-CsClientPin',
  'Test-CsClientPin -Pin 4096',
  "Grant-CsPinPolicy -PolicyName ''",
];
const POLICY_CMDLETS = ['New-CsPinPolicy', 'Set-CsPinPolicy', 'Get-CsPinPolicy', 'Remove-CsPinPolicy'];
const SHOULD_PROCESS = new Set(['Get-CsClientPinInfo', 'Set-CsClientPin', 'Lock-CsClientPin', 'Unlock-CsClientPin', 'Grant-CsPinPolicy', 'New-CsPinPolicy', 'Set-CsPinPolicy', 'Remove-CsPinPolicy']);

const BLANK = 'ParameterArgumentValidationError';

/** Blank identities on the command line: '' , only spaces, and `-Identity:` (an unquoted $null in bash): [ValidateNotNullOrWhiteSpace] speaks first. */
function blankIdentities(command: string): HostileCase[] {
  const name = command.split(' ')[0] ?? command;
  const whatIf = SHOULD_PROCESS.has(name) ? ' -WhatIf' : '';
  return [
    { name: `${name} -Identity '' is a usage error`, run: `${command} -Identity ''`, expect: { code: 2, errors: [BLANK] } },
    { name: `${name} -Identity of only spaces is a usage error${whatIf && ', also with -WhatIf'}`, run: `${command} -Identity '   '${whatIf}`, expect: { code: 2, errors: [BLANK] } },
    { name: `${name} -Identity: (null) is a usage error`, run: `${command} -Identity:`, expect: { code: 2, errors: [BLANK] } },
  ];
}

const usage = (name: string, run: string, errorId: string): HostileCase => ({ name, run, expect: { code: 2, errors: [errorId] } });
const failure = (name: string, run: string, errorId: string, records: (number | undefined)[] = [undefined], input?: string): HostileCase => ({
  name,
  run,
  input,
  expect: { code: 1, errors: records.map(() => errorId), records },
});

const POLICY_VALUES: HostileCase[] = [
  usage('New-CsPinPolicy -MinPasswordLength below the range', 'New-CsPinPolicy tag:T -MinPasswordLength 3', 'ParameterArgumentValidationError'),
  usage('Set-CsPinPolicy -PINLifetime above the range, with -WhatIf', 'Set-CsPinPolicy -PINLifetime 1000 -WhatIf', 'ParameterArgumentValidationError'),
  usage('Set-CsPinPolicy -MaximumLogonAttempts 0', 'Set-CsPinPolicy -MaximumLogonAttempts 0', 'ParameterArgumentValidationError'),
  usage('Set-CsPinPolicy -PINHistoryCount that is not a whole number', 'Set-CsPinPolicy -PINHistoryCount -1', 'CannotConvertArgumentNoMessage'),
  usage('New-CsPinPolicy with a lifetime and the default history of 0', 'New-CsPinPolicy tag:T -PINLifetime 30', 'PinLifetimeRequiresHistory'),
  usage('New-CsPinPolicy -InMemory with a lifetime and a history of 0, with -WhatIf', 'New-CsPinPolicy tag:T -PINLifetime 30 -PINHistoryCount 0 -InMemory -WhatIf', 'PinLifetimeRequiresHistory'),
  usage('Set-CsPinPolicy with a lifetime and a history of 0', 'Set-CsPinPolicy -Identity Global -PINLifetime 30 -PINHistoryCount 0', 'PinLifetimeRequiresHistory'),
  usage('Set-CsPinPolicy -Instance objects piped, with a lifetime and a history of 0 on the command line', 'Get-CsPinPolicy | Set-CsPinPolicy -PINLifetime 30 -PINHistoryCount 0', 'PinLifetimeRequiresHistory'),
  failure('Set-CsPinPolicy -PINLifetime on a stored policy whose history is 0', 'Set-CsPinPolicy -PINLifetime 30', 'PinLifetimeRequiresHistory'),
  failure('Set-CsPinPolicy -PINLifetime with -WhatIf meets the same error', 'Set-CsPinPolicy -PINLifetime 30 -WhatIf', 'PinLifetimeRequiresHistory'),
  failure('Set-CsPinPolicy: a piped policy that breaks the rule is its record\'s error', 'cat | Set-CsPinPolicy', 'PinLifetimeRequiresHistory', [1], '{"Identity":"Global","PINLifetime":5}\n'),
  usage('New-CsPinPolicy -Identity with a wildcard', "New-CsPinPolicy 'site:*'", 'CannotConvertArgumentNoMessage'),
  usage('Remove-CsPinPolicy -Identity of another scope, with -WhatIf', 'Remove-CsPinPolicy service:Registrar:pool -WhatIf', 'CannotConvertArgumentNoMessage'),
];

const MISSING_POLICIES: HostileCase[] = [
  failure('Get-CsPinPolicy of a policy that does not exist', 'Get-CsPinPolicy tag:Nobody', 'ManagementObjectNotFound'),
  failure('Set-CsPinPolicy of a policy that does not exist', 'Set-CsPinPolicy tag:Nobody -MinPasswordLength 6', 'ManagementObjectNotFound'),
  failure('Set-CsPinPolicy -WhatIf of a policy that does not exist', 'Set-CsPinPolicy tag:Nobody -MinPasswordLength 6 -WhatIf', 'ManagementObjectNotFound'),
  failure('Remove-CsPinPolicy of a policy that does not exist', 'Remove-CsPinPolicy site:Nowhere', 'ManagementObjectNotFound'),
  failure('Remove-CsPinPolicy -WhatIf of a policy that does not exist', 'Remove-CsPinPolicy site:Nowhere -WhatIf', 'ManagementObjectNotFound'),
  failure('Remove-CsPinPolicy: piped policies that do not exist are each their record\'s error', 'Remove-CsPinPolicy', 'ManagementObjectNotFound', [1, 2], '{"Identity":"tag:A"}\n{"Identity":"site:B"}\n'),
  failure('New-CsPinPolicy -WhatIf of the global policy', 'New-CsPinPolicy Global -WhatIf', 'GlobalPolicyExists'),
  failure('Grant-CsPinPolicy of a per-user policy that does not exist', 'Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName Nobody', 'PolicyNotFound'),
  failure('Grant-CsPinPolicy -WhatIf of a per-user policy that does not exist', 'Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName Nobody -WhatIf', 'PolicyNotFound'),
  usage('Grant-CsPinPolicy of a site policy', 'Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName site:Redmond', 'CannotConvertArgumentNoMessage'),
  usage('Grant-CsPinPolicy -WhatIf of a wildcard', "Grant-CsPinPolicy kenmyer@litwareinc.com -PolicyName 'Red*' -WhatIf", 'CannotConvertArgumentNoMessage'),
];

const PINS: HostileCase[] = [
  { ...usage('Set-CsClientPin -Pin that is not digits', 'Set-CsClientPin kenmyer@litwareinc.com -Pin 12a4', 'InvalidPinFormat'), secrets: ['12a4'] },
  { ...usage('Test-CsClientPin -Pin that is not digits, as in Set-CsClientPin', 'Test-CsClientPin kenmyer@litwareinc.com -Pin 12a4', 'InvalidPinFormat'), secrets: ['12a4'] },
  usage('Test-CsClientPin -Pin longer than any PIN', `Test-CsClientPin kenmyer@litwareinc.com -Pin ${'9'.repeat(25)}`, 'InvalidPinFormat'),
  usage('Set-CsClientPin -WhatIf -Pin that is not digits', 'Set-CsClientPin kenmyer@litwareinc.com -Pin x -WhatIf', 'InvalidPinFormat'),
  { ...failure('Test-CsClientPin: a piped Pin that is not digits is its record\'s error', 'Test-CsClientPin', 'InvalidPinFormat', [1], '{"Identity":"kenmyer@litwareinc.com","Pin":"12b4"}\n'), secrets: ['12b4'] },
  { ...failure('Set-CsClientPin: a piped Pin that is not digits is its record\'s error', 'Set-CsClientPin', 'InvalidPinFormat', [1], '{"Identity":"kenmyer@litwareinc.com","Pin":"12b4"}\n'), secrets: ['12b4'] },
];

const COMMAND_LINE: HostileCase[] = [
  { ...usage('Lock-CsClientPin with a stray positional argument (a PIN?) does not show it', 'Lock-CsClientPin kenmyer@litwareinc.com 61739284', 'PositionalParameterNotFound'), secrets: ['61739284'] },
  usage('Get-CsUser -WhatIf (Get-CsUser changes nothing: no such parameter)', 'Get-CsUser -WhatIf', 'NamedParameterNotFound'),
  usage('Unlock-CsClientPin -ErrorAction of an unknown value', 'Unlock-CsClientPin kenmyer@litwareinc.com -ea Sometimes', 'CannotConvertArgumentNoMessage'),
  usage('Get-CsClientPinInfo -ErrorVariable', 'Get-CsClientPinInfo kenmyer@litwareinc.com -ErrorVariable e', 'UnsupportedCommonParameter'),
  failure('Get-CsClientPinInfo -ErrorAction Stop on a record that is not found', 'Get-CsClientPinInfo -ea Stop', 'ManagementObjectNotFound', [1], 'nobody\nkenmyer@litwareinc.com\n'),
  failure('Get-CsUser: a blank piped identity is its record\'s error', 'cat | Get-CsUser', BLANK, [1], '"  "\n'),
];

runCorpus('exit codes', [
  ...USER_CMDLETS.flatMap(blankIdentities),
  ...POLICY_CMDLETS.flatMap(blankIdentities),
  ...POLICY_VALUES,
  ...MISSING_POLICIES,
  ...PINS,
  ...COMMAND_LINE,
]);

import { describe, expect, it } from 'vitest';
import { bindCommandLine, missingMandatory, type CommandLineBinding } from '../../src/core/bindCommandLine.js';
import { defineCmdlet, type AnyCmdletDecl } from '../../src/core/declaration.js';
import { TerminatingError } from '../../src/core/errors.js';
import { BooleanType, Int32Type, StringType, SwitchType, enumType } from '../../src/core/types.js';

const ModeType = enumType('Mode', { Fast: 0, Slow: 1 });

/** A declaration with its parameter types erased, as the cmdlet registry holds it. */
const erase = (decl: unknown): AnyCmdletDecl => decl as AnyCmdletDecl;

/**
 * A cmdlet shaped like Get-CsUser, with every kind of parameter. `Id` is declared before `Identity`
 * but has the higher Position, and the names are chosen so that: `-I` is ambiguous between two own
 * parameters, `-O` / `-D` / `-C` prefix-match both an own and a common parameter, and `-E` matches only
 * common ones (ErrorAction, ErrorVariable).
 */
const testCmdlet = erase(defineCmdlet({
  name: 'Test-Argv',
  synopsis: 'A cmdlet for argv tests.',
  parameters: {
    Id: { type: StringType, description: 'A second positional.', position: 2 },
    Identity: {
      type: StringType,
      description: 'Who.',
      mandatory: true,
      position: 1,
      valueFromPipeline: true,
      valueFromPipelineByPropertyName: true,
      aliases: ['SipAddress', 'sa'],
    },
    OU: { type: StringType, description: 'Where.' },
    LdapFilter: { type: StringType, description: 'LDAP filter.', aliases: ['lf'] },
    Filter: { type: StringType, description: 'OPATH filter.' },
    DisplayName: { type: StringType, description: 'A name.' },
    Force: { type: SwitchType, description: 'A switch.' },
    Active: { type: BooleanType, description: 'A Boolean value parameter.' },
    Count: { type: Int32Type, description: 'A number.' },
    Mode: { type: ModeType, description: 'An enum.' },
  },
  mutuallyExclusive: [['LdapFilter', 'Filter']],
  shouldProcess: { confirmImpact: 'Medium' },
  examples: [],
  *process() {},
}));

/** No ShouldProcess: -WhatIf / -Confirm (-wi / -cf) do not exist. A mandatory parameter that is not pipeline-capable. */
const plainCmdlet = erase(defineCmdlet({
  name: 'Test-Plain',
  synopsis: 'A cmdlet without ShouldProcess.',
  parameters: {
    Name: { type: StringType, description: 'Named only.', mandatory: true },
    Path: { type: StringType, description: 'From the pipeline.', mandatory: true, position: 0, valueFromPipelineByPropertyName: true },
    Note: { type: StringType, description: 'Optional, named only.' },
  },
  examples: [],
  *process() {},
}));

function bind(argv: readonly string[], decl: AnyCmdletDecl = testCmdlet): CommandLineBinding {
  return bindCommandLine(decl, argv);
}

/** The error of a failing command line: its errorId and exit status, plus the message for candidate lists. */
function bindFailure(argv: readonly string[], decl: AnyCmdletDecl = testCmdlet): { errorId: string; exitCode: number; message: string } {
  try {
    bindCommandLine(decl, argv);
  } catch (error) {
    if (error instanceof TerminatingError) return { errorId: error.record.errorId, exitCode: error.exitCode, message: error.message };
    throw error;
  }
  throw new Error(`bindCommandLine accepted ${JSON.stringify(argv)}`);
}

describe('bindCommandLine named syntax', () => {
  it.each([
    ['-Name value', ['-OU', 'OU=IT,DC=x']],
    ['-Name:value', ['-OU:OU=IT,DC=x']],
    ['--Name value', ['--OU', 'OU=IT,DC=x']],
    ['--Name=value', ['--OU=OU=IT,DC=x']],
    ['--Name:value', ['--OU:OU=IT,DC=x']],
  ])('bindCommandLine accepts %s', (_form, argv) => {
    expect(bind(argv).params).toEqual({ OU: 'OU=IT,DC=x' });
  });

  it.each([
    ['-identity', ['-identity', 'kenmyer'], 'Identity'],
    ['-IDENTITY', ['-IDENTITY', 'kenmyer'], 'Identity'],
    ['-ou', ['-ou', 'kenmyer'], 'OU'],
    ['--ldapfilter', ['--ldapfilter=kenmyer'], 'LdapFilter'],
  ])('bindCommandLine matches %s case-insensitively', (_form, argv, name) => {
    expect(bind(argv).params).toEqual({ [name]: 'kenmyer' });
  });

  it.each([
    ['-Iden', 'Identity'],
    ['-ide', 'Identity'],
    ['-Ldap', 'LdapFilter'],
    ['-Fi', 'Filter'],
    ['-Disp', 'DisplayName'],
    ['-Mo', 'Mode'],
    ['-Sip', 'Identity'],
  ])('bindCommandLine resolves the unique prefix %s to -%s', (typed, name) => {
    const value = name === 'Mode' ? 'Fast' : 'x';
    expect(bind([typed, value]).params).toEqual({ [name]: value });
  });

  it.each([
    ['-Id', 'Id'],
    ['-id', 'Id'],
    ['-Identity', 'Identity'],
    ['-lf', 'LdapFilter'],
  ])('bindCommandLine lets the exact name %s beat longer prefix matches (-%s)', (typed, name) => {
    expect(bind([typed, 'x']).params).toEqual({ [name]: 'x' });
  });

  it.each([
    ['-O', 'not -OutVariable / -OutBuffer', ['-O', 'OU=IT,DC=x'], { OU: 'OU=IT,DC=x' }],
    ['-D', 'not -Debug', ['-D', 'Ken Myer'], { DisplayName: 'Ken Myer' }],
    ['-C', 'not -Confirm / -cf', ['-C', '3'], { Count: 3 }],
  ])('bindCommandLine prefers the cmdlet\'s own parameter for %s over common ones (%s)', (_typed, _note, argv, params) => {
    const binding = bind(argv);
    expect(binding.params).toEqual(params);
    expect(binding.common).toEqual(bind([]).common);
  });

  it.each([
    ['-E', ['-ErrorAction', '-ErrorVariable']],
    ['-I', ['-Id', '-Identity', '-InformationAction', '-InformationVariable']],
    ['-W', ['-WarningAction', '-WarningVariable', '-WhatIf']],
    ['-Error', ['-ErrorAction', '-ErrorVariable']],
  ])('bindCommandLine reports the ambiguous prefix %s with its candidates', (typed, candidates) => {
    const failure = bindFailure([typed, 'x']);
    expect(failure.errorId).toBe('AmbiguousParameter');
    expect(failure.exitCode).toBe(2);
    for (const candidate of candidates) expect(failure.message).toContain(candidate);
  });

  it.each([
    ['-Nope', ['-Nope', 'x']],
    ['--Nope=x', ['--Nope=x']],
    ['-Identityx', ['-Identityx', 'x']],
    ['-WhatIf on a cmdlet without ShouldProcess', ['-Name', 'n', '-WhatIf']],
    ['-wi on a cmdlet without ShouldProcess', ['-Name', 'n', '-wi']],
    ['-cf on a cmdlet without ShouldProcess', ['-Name', 'n', '-cf']],
  ])('bindCommandLine rejects the unknown name %s (NamedParameterNotFound)', (_name, argv) => {
    const decl = argv.includes('-Name') ? plainCmdlet : testCmdlet;
    expect(bindFailure(argv, decl)).toMatchObject({ errorId: 'NamedParameterNotFound', exitCode: 2 });
  });
});

describe('bindCommandLine aliases', () => {
  it.each([
    ['-wi', ['-wi'], { whatIf: true }],
    ['-cf', ['-cf'], { confirm: true }],
    ['-cf:false', ['-cf:false'], { confirm: false }],
    ['-ea', ['-ea', 'Stop'], { errorAction: 'Stop' }],
    ['-wa', ['-wa', 'Ignore'], { warningAction: 'Ignore' }],
    ['-proga', ['-proga', 'SilentlyContinue'], { progressAction: 'SilentlyContinue' }],
    ['-vb', ['-vb'], { verbose: true }],
    ['-db', ['-db'], { debug: true }],
    ['-Verbose', ['-Verbose'], { verbose: true }],
    ['-Confirm', ['-Confirm'], { confirm: true }],
  ])('bindCommandLine maps the common alias %s', (_alias, argv, common) => {
    expect(bind(argv).common).toMatchObject(common);
  });

  it.each([
    ['-sa', 'Identity'],
    ['-SipAddress', 'Identity'],
    ['-LF', 'LdapFilter'],
  ])('bindCommandLine maps the cmdlet\'s own alias %s to -%s', (alias, name) => {
    expect(bind([alias, 'x']).params).toEqual({ [name]: 'x' });
  });

  it('bindCommandLine leaves every common setting at its default when none is given', () => {
    expect(bind([]).common).toEqual({
      errorAction: 'Continue',
      warningAction: 'Continue',
      progressAction: 'Continue',
      verbose: false,
      debug: false,
      whatIf: false,
      confirm: undefined,
    });
  });
});

describe('bindCommandLine positional arguments', () => {
  it.each([
    ['one value fills the lowest Position', ['kenmyer'], { Identity: 'kenmyer' }],
    ['two values fill Position 1 then 2, not declaration order', ['a', 'b'], { Identity: 'a', Id: 'b' }],
    ['a named parameter takes its slot out of the order', ['-Identity', 'a', 'b'], { Identity: 'a', Id: 'b' }],
    ['named arguments bind first wherever they appear', ['b', '-Identity', 'a'], { Identity: 'a', Id: 'b' }],
    ['a switch never takes the next token', ['-Force', 'foo'], { Force: true, Identity: 'foo' }],
    ['-- ends options', ['--', '-Identity'], { Identity: '-Identity' }],
    ['-- ends options after named ones', ['-OU', 'x', '--', '-OU', '--'], { OU: 'x', Identity: '-OU', Id: '--' }],
    ['a lone dash is a value', ['-'], { Identity: '-' }],
    ['a negative number is a value', ['-5'], { Identity: '-5' }],
  ])('bindCommandLine binds positionally: %s', (_case, argv, params) => {
    expect(bind(argv).params).toEqual(params);
  });

  it.each([
    ['three values for two positions', ['a', 'b', 'c']],
    ['a value after both positions were named', ['-Identity', 'a', '-Id', 'b', 'c']],
    ['-Force $false (bash: -Force false) leaves false to fill a third position', ['a', 'b', '-Force', 'false']],
  ])('bindCommandLine rejects positional overflow: %s (PositionalParameterNotFound)', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'PositionalParameterNotFound', exitCode: 2 });
  });
});

describe('bindCommandLine switches', () => {
  it.each([
    ['-WhatIf', ['-WhatIf'], true],
    ['-WhatIf:true', ['-WhatIf:true'], true],
    ['-WhatIf:$true', ['-WhatIf:$true'], true],
    ['-WhatIf:1', ['-WhatIf:1'], true],
    ['-WhatIf:false', ['-WhatIf:false'], false],
    ['-WhatIf:$false', ['-WhatIf:$false'], false],
    ['-WhatIf:0', ['-WhatIf:0'], false],
    ['-WhatIf:FALSE', ['-WhatIf:FALSE'], false],
    // What PowerShell 7.6's binder gives a compiled cmdlet's switch for these tokens (asked of it).
    ['-WhatIf:2', ['-WhatIf:2'], true],
    ['-WhatIf:0.0', ['-WhatIf:0.0'], false],
    ['-WhatIf:0.5', ['-WhatIf:0.5'], true],
    ['-WhatIf:0x0', ['-WhatIf:0x0'], false],
    ['-WhatIf:0x10', ['-WhatIf:0x10'], true],
    ['-WhatIf:1e3', ['-WhatIf:1e3'], true],
    ['-WhatIf:0e0', ['-WhatIf:0e0'], false],
    ['-WhatIf:0kb', ['-WhatIf:0kb'], false],
    ['-WhatIf:1kb', ['-WhatIf:1kb'], true],
    ['-WhatIf:0l', ['-WhatIf:0l'], false],
    ['-WhatIf:0b1', ['-WhatIf:0b1'], true],
    ['-WhatIf:.0', ['-WhatIf:.0'], false],
    ['-WhatIf:1.', ['-WhatIf:1.'], true],
    ['-WhatIf:00', ['-WhatIf:00'], false],
    ["-WhatIf:'$null'", ['-WhatIf:$null'], true],
    ['--WhatIf=false', ['--WhatIf=false'], false],
    ['(absent)', [], false],
  ])('bindCommandLine reads %s as whatIf %s', (_form, argv, whatIf) => {
    expect(bind(argv).common.whatIf).toBe(whatIf);
  });

  it.each([
    ['-Force', ['-Force'], true],
    ['-Force:false', ['-Force:false'], false],
    ['-Fo (unique prefix)', ['-Fo'], true],
  ])('bindCommandLine binds the cmdlet switch %s', (_form, argv, value) => {
    expect(bind(argv).params).toEqual({ Force: value });
  });

  it.each([
    ['-WhatIf: (bash ate $false)', ['-WhatIf:'], 'SwitchValueMissing'],
    ['-Force: (bash ate $false)', ['-Force:'], 'SwitchValueMissing'],
    ['--WhatIf=', ['--WhatIf='], 'SwitchValueMissing'],
    ['-WhatIf:maybe', ['-WhatIf:maybe'], 'CannotConvertArgument'],
    ['-WhatIf:-1 (a string in argument mode)', ['-WhatIf:-1'], 'CannotConvertArgument'],
    ['-WhatIf:0_0', ['-WhatIf:0_0'], 'CannotConvertArgument'],
  ])('bindCommandLine rejects the switch value %s (%s)', (_form, argv, errorId) => {
    expect(bindFailure(argv)).toMatchObject({ errorId, exitCode: 2 });
  });
});

describe('bindCommandLine values', () => {
  it.each([
    ['a value may start with -', ['-Identity', '-kenmyer'], { Identity: '-kenmyer' }],
    ['an Int32 may be negative', ['-Count', '-5'], { Count: -5 }],
    ['an attached value may name a parameter', ['-Identity:-OU'], { Identity: '-OU' }],
    ['a value with commas is one string', ['-OU', 'OU=Finance,DC=litwareinc,DC=com'], { OU: 'OU=Finance,DC=litwareinc,DC=com' }],
    ['a value with = and spaces', ['-LdapFilter', '&(Title=Manager)(l=New York)'], { LdapFilter: '&(Title=Manager)(l=New York)' }],
    ['a value keeps its surrounding quotes', ['-Filter', '"Ken Myer"'], { Filter: '"Ken Myer"' }],
    ['an attached value keeps its quotes', ['--Filter="a" -or "b"'], { Filter: '"a" -or "b"' }],
    ['a value keeps single quotes', ['-DisplayName', "'x'"], { DisplayName: "'x'" }],
    ['a value keeps spaces and newlines', ['-DisplayName', ' a\nb '], { DisplayName: ' a\nb ' }],
    ['a value "true" stays text', ['-DisplayName', 'true'], { DisplayName: 'true' }],
    ['a numeric value stays text', ['-DisplayName', '007'], { DisplayName: '007' }],
    ['an optional string may be empty', ['-OU', ''], { OU: '' }],
    ['an enum by name, any case', ['-Mode', 'slow'], { Mode: 'Slow' }],
    ['an enum by number', ['-Mode', '1'], { Mode: 'Slow' }],
    ['a Boolean needs a value: $false', ['-Active', '$false'], { Active: false }],
    ['a Boolean: True', ['-Active', 'True'], { Active: true }],
    ['a Boolean: attached 0', ['-Active:0'], { Active: false }],
  ])('bindCommandLine converts values: %s', (_case, argv, params) => {
    expect(bind(argv).params).toEqual(params);
  });

  it.each([
    ['a value that names a parameter', ['-Identity', '-OU', 'x']],
    ['a value that is a prefix of a parameter', ['-Identity', '-Ldap', 'x']],
    ['a value that is an ambiguous prefix', ['-Identity', '-E']],
    ['the last token', ['-OU']],
    ['before --', ['-OU', '--', 'x']],
    ['a Boolean without a value', ['-Active']],
    ['a Boolean followed by a switch', ['-Active', '-Force']],
  ])('bindCommandLine reports a missing argument: %s (MissingArgument)', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'MissingArgument', exitCode: 2 });
  });

  it.each([
    ['twice by name', ['-Identity', 'a', '-Identity', 'b']],
    ['by name then prefix', ['-Identity', 'a', '-Iden', 'b']],
    ['by alias then name', ['-sa', 'a', '-Identity', 'b']],
    ['a switch twice', ['-Force', '-Force:false']],
    ['a common parameter by name and alias', ['-ErrorAction', 'Stop', '-ea', 'Stop']],
    ['-WhatIf and -wi', ['-WhatIf', '-wi']],
  ])('bindCommandLine rejects a parameter given %s (ParameterAlreadyBound)', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'ParameterAlreadyBound', exitCode: 2 });
  });

  it.each([
    ['Int32 text', ['-Count', 'many']],
    ['Int32 fraction', ['-Count', '1.5']],
    ['Int32 out of range', ['-Count', '2147483648']],
    ['Int32 empty', ['-Count', '']],
    ['enum unknown name', ['-Mode', 'Medium']],
    ['enum unknown number', ['-Mode', '7']],
    ['ActionPreference unknown', ['-ErrorAction', 'Sometimes']],
    ['OutBuffer text', ['-OutBuffer', 'big']],
  ])('bindCommandLine rejects an unconvertible %s (CannotConvertArgumentNoMessage, as a compiled cmdlet)', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'CannotConvertArgumentNoMessage', exitCode: 2 });
  });

  it.each([
    ['named', ['-Identity', '']],
    ['attached', ['-Identity:']],
    ['positional', ['']],
  ])('bindCommandLine rejects an empty string for a mandatory parameter given %s', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'ParameterArgumentValidationErrorEmptyStringNotAllowed', exitCode: 2 });
  });

  it.each([
    ['-LdapFilter and -Filter', ['-LdapFilter', 'a=b', '-Filter', 'x']],
    ['-lf and -Fi', ['-lf', 'a=b', '-Fi', 'x']],
  ])('bindCommandLine rejects the mutually exclusive %s (AmbiguousParameterSet)', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'AmbiguousParameterSet', exitCode: 2 });
  });
});

describe('bindCommandLine common parameters', () => {
  it.each([
    [['-ErrorAction', 'Stop'], 'Stop'],
    [['-ea', '1'], 'Stop'],
    [['-ea', 'silentlycontinue'], 'SilentlyContinue'],
    [['-ea', '0'], 'SilentlyContinue'],
    [['-ErrorAction:Ignore'], 'Ignore'],
    [['-ea', '4'], 'Ignore'],
    [['-ea', 'Inquire'], 'Inquire'],
    [['-ea', 'Continue'], 'Continue'],
  ])('bindCommandLine sets errorAction from %j to %s', (argv, errorAction) => {
    expect(bind(argv).common.errorAction).toBe(errorAction);
  });

  it.each([
    [['-ErrorAction', 'Suspend']],
    [['-ea', '5']],
    [['-ea', 'Break']],
    [['-WarningAction', 'Suspend']],
  ])('bindCommandLine rejects the unsupported preference %j (UnsupportedActionPreference)', (argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'UnsupportedActionPreference', exitCode: 2 });
  });

  it.each([
    [['-ErrorVariable', 'x']],
    [['-ev', 'x']],
    [['-OutVariable', 'x']],
    [['-ov', 'x']],
    [['-WarningVariable', 'x']],
    [['-PipelineVariable', 'x']],
    [['-iv', 'x']],
  ])('bindCommandLine rejects the PowerShell-only common parameter %j (UnsupportedCommonParameter)', (argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'UnsupportedCommonParameter', exitCode: 2 });
  });

  it.each([
    [['-OutBuffer', '10']],
    [['-ob', '1']],
    [['-InformationAction', 'Ignore']],
    [['-proga', 'SilentlyContinue']],
  ])('bindCommandLine accepts the compatibility common parameter %j without binding it to the cmdlet', (argv) => {
    expect(bind(argv).params).toEqual({});
  });

  it('bindCommandLine keeps common parameters out of the cmdlet\'s params', () => {
    const binding = bind(['kenmyer', '-Verbose', '-ea', 'Stop', '-WhatIf:false', '-Confirm']);
    expect(binding.params).toEqual({ Identity: 'kenmyer' });
    expect(binding.common).toEqual({
      errorAction: 'Stop',
      warningAction: 'Continue',
      progressAction: 'Continue',
      verbose: true,
      debug: false,
      whatIf: false,
      confirm: true,
    });
  });
});

describe('missingMandatory', () => {
  it.each([
    ['Test-Argv, no arguments, input expected', testCmdlet, [], true, []],
    ['Test-Argv, no arguments, no input', testCmdlet, [], false, ['Identity']],
    ['Test-Argv, Identity given, no input', testCmdlet, ['kenmyer'], false, []],
    ['Test-Plain, nothing given, input expected', plainCmdlet, [], true, ['Name']],
    ['Test-Plain, nothing given, no input', plainCmdlet, [], false, ['Name', 'Path']],
    ['Test-Plain, Name given, input expected', plainCmdlet, ['-Name', 'n'], true, []],
    ['Test-Plain, Path given positionally, no input', plainCmdlet, ['p'], false, ['Name']],
    ['Test-Plain, both given', plainCmdlet, ['-Name', 'n', '-Path', 'p'], false, []],
  ] as const)('missingMandatory lists what neither the command line nor the pipeline supplies: %s', (_case, decl, argv, pipelineInput, missing) => {
    const { params } = bindCommandLine(decl, argv);
    expect(missingMandatory(decl, params, pipelineInput)).toEqual(missing);
  });
});

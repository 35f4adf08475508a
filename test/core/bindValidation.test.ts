/**
 * The binder's PowerShell rules that decide an error id: validation attributes before the mandatory
 * check (pipeline and command line), null to a String, which failed conversion is which
 * CannotConvertArgument id, parameter sets resolved from the named parameters first, and when stdin
 * is read. Each rule was checked against PowerShell 7.6 itself (see test/conformance/cases/binder.ts).
 */
import { describe, expect, it } from 'vitest';
import { bindCommandLine } from '../../src/core/bindCommandLine.js';
import { PipelineBinder } from '../../src/core/bindPipeline.js';
import { defineCmdlet, type AnyCmdletDecl } from '../../src/core/declaration.js';
import { ErrorRecord, TerminatingError } from '../../src/core/errors.js';
import { readsPipelineInput, type StdinKind } from '../../src/core/pipelineInput.js';
import { BooleanType, Int32Type, StringType, SwitchType } from '../../src/core/types.js';
import { mandatoryIdentityParameter } from '../../src/cmdlets/parameters.js';

const erase = (decl: unknown): AnyCmdletDecl => decl as AnyCmdletDecl;

/** Test-CsClientPin's shape, with an optional String that must not be blank and two exclusive switches. */
const cmdlet = erase(defineCmdlet({
  name: 'Test-Rules',
  synopsis: 'Binder rule tests.',
  parameters: {
    Identity: mandatoryIdentityParameter,
    Pin: { type: StringType, description: 'Mandatory String, ByPropertyName.', mandatory: true, position: 2, valueFromPipelineByPropertyName: true },
    Note: { type: StringType, description: 'Optional, not blank.', valueFromPipelineByPropertyName: true, validateNotNullOrWhiteSpace: true },
    Count: { type: Int32Type, description: 'A number.' },
    Active: { type: BooleanType, description: 'A Boolean value parameter.' },
    Up: { type: SwitchType, description: 'One set.' },
    Down: { type: SwitchType, description: 'Another set.' },
  },
  mutuallyExclusive: [['Up', 'Down']],
  examples: [],
  *process() {},
}));

function bindFailure(argv: string[]): { errorId: string; exitCode: number } {
  try {
    bindCommandLine(cmdlet, argv);
  } catch (error) {
    if (error instanceof TerminatingError) return { errorId: error.record.errorId, exitCode: error.exitCode };
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
}

function recordFailure(value: unknown): ErrorRecord {
  const result = new PipelineBinder(cmdlet, {}).bind(value, 3);
  if (!(result instanceof ErrorRecord)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result;
}

describe('validation before the mandatory check', () => {
  it.each([
    ['an empty -Identity', ['-Identity', ''], 'ParameterArgumentValidationError'],
    ['a blank positional Identity', [' '], 'ParameterArgumentValidationError'],
    ['an empty optional -Note that must not be blank', ['x', '1', '-Note', ''], 'ParameterArgumentValidationError'],
    ['an empty mandatory -Pin without a validation attribute', ['x', ''], 'ParameterArgumentValidationErrorEmptyStringNotAllowed'],
  ])('the command line: %s', (_case, argv, errorId) => {
    expect(bindFailure(argv)).toMatchObject({ errorId, exitCode: 2 });
  });

  it.each([
    ['a null record (Identity by value)', null, 'ParameterArgumentValidationError'],
    ['a blank Identity property', { Identity: ' \t', Pin: '1' }, 'ParameterArgumentValidationError'],
    // PowerShell converts null to "" for a String parameter before its mandatory check.
    ['a null mandatory String', { Identity: 'x', Pin: null }, 'ParameterArgumentValidationErrorEmptyStringNotAllowed'],
    ['an empty mandatory String', { Identity: 'x', Pin: '' }, 'ParameterArgumentValidationErrorEmptyStringNotAllowed'],
    ['a null optional String that must not be blank', { Identity: 'x', Pin: '1', Note: null }, 'ParameterArgumentValidationError'],
  ])('a record: %s', (_case, record, errorId) => {
    expect(recordFailure(record)).toMatchObject({ errorId, record: 3 });
  });

  it('a blank mandatory String without a validation attribute binds', () => {
    expect(new PipelineBinder(cmdlet, {}).bind({ Identity: 'x', Pin: ' ' }, 1)).toMatchObject({ Pin: ' ' });
  });
});

describe('conversion ids', () => {
  it.each([
    ['an Int32 from text', ['x', '1', '-Count', 'many']],
    ['-ErrorAction out of its names', ['x', '1', '-ErrorAction', 'Sometimes']],
    ['-ErrorAction out of its numbers', ['x', '1', '-ea', '9']],
    ['-OutBuffer from text', ['x', '1', '-ob', 'x']],
  ])('%s is CannotConvertArgumentNoMessage', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'CannotConvertArgumentNoMessage', exitCode: 2 });
  });

  it.each([
    ['a Boolean from text', ['x', '1', '-Active', 'yes']],
    ['a Boolean from nothing', ['x', '1', '-Active:']],
    ['a switch from text', ['x', '1', '-Up:maybe']],
  ])('%s is CannotConvertArgument', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'CannotConvertArgument', exitCode: 2 });
  });
});

describe('parameter sets', () => {
  it.each([
    ['two sets before a positional too many', ['x', '-Up', '1', '-Down', '2']],
    ['two sets, one switch :false', ['x', '1', '-Up', '-Down:false']],
  ])('%s: AmbiguousParameterSet', (_case, argv) => {
    expect(bindFailure(argv)).toMatchObject({ errorId: 'AmbiguousParameterSet', exitCode: 2 });
  });

  it('one set and a positional too many: PositionalParameterNotFound', () => {
    expect(bindFailure(['x', '-Up', '1', '2'])).toMatchObject({ errorId: 'PositionalParameterNotFound' });
  });
});

describe('when stdin is read', () => {
  it.each<[StdinKind, boolean, boolean]>([
    ['terminal', true, false],
    ['terminal', false, false],
    ['upstream', true, true],
    // A pipe or file made for the command is a pipeline even when the command line bound everything.
    ['upstream', false, true],
    ['inherited', true, true],
    ['inherited', false, false],
    ['device', true, true],
    ['device', false, false],
  ])('stdin %s, a mandatory pipeline parameter open: %s → reads %s', (kind, needsInput, reads) => {
    expect(readsPipelineInput(kind, needsInput, true)).toBe(reads);
  });

  it.each<StdinKind>(['terminal', 'upstream', 'inherited', 'device'])('stdin %s is never read for a cmdlet without pipeline parameters', (kind) => {
    expect(readsPipelineInput(kind, false, false)).toBe(false);
  });
});

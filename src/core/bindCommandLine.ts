/**
 * Command-line binding: named arguments first, then positional ones by ascending Position, with type
 * conversion and validation. Every mistake is a statement-terminating usage error (exit status 2).
 */
import { existsSync } from 'node:fs';
import type { ArgvParameter } from './argv.js';
import { parseArgv } from './argv.js';
import type { AnyCmdletDecl, ParameterDecl, ParameterDecls } from './declaration.js';
import {
  COMMON_PARAMETERS,
  SHOULD_PROCESS_PARAMETERS,
  UNSUPPORTED_COMMON,
  type ActionPreference,
  type CommonSettings,
} from './commonParameters.js';
import { gatherCommaList } from './commaList.js';
import { echo } from './echo.js';
import { usageError } from './errors.js';
import { coreMessages } from './messages.js';
import { redact } from './redact.js';
import { BooleanType, NOT_CONVERTIBLE, rangeViolation } from './types.js';

/** The result of binding the command line. */
export interface CommandLineBinding {
  /** The cmdlet's own parameters that the command line bound, by canonical name. */
  params: Record<string, unknown>;
  common: CommonSettings;
}

/**
 * Every parameter a cmdlet accepts on the command line: its own, the common ones, and -WhatIf/-Confirm
 * when it supports ShouldProcess.
 * @param decl the cmdlet declaration
 * @returns the parameters as the argv parser sees them
 */
export function argvParameters(decl: AnyCmdletDecl): ArgvParameter[] {
  const own = Object.entries(decl.parameters).map(([name, p]) => toArgv(name, p, false));
  const common: ParameterDecls = { ...COMMON_PARAMETERS, ...(decl.shouldProcess ? SHOULD_PROCESS_PARAMETERS : {}) };
  return [...own, ...Object.entries(common).map(([name, p]) => toArgv(name, p, true))];
}

function toArgv(name: string, p: ParameterDecl, common: boolean): ArgvParameter {
  return { name, aliases: p.aliases ?? [], isSwitch: p.type.isSwitch === true, isArray: p.type.isArray === true, typeName: p.type.name, common };
}

/**
 * Binds a cmdlet's command line.
 * @param decl the cmdlet declaration
 * @param argv the arguments after the command name
 * @returns the bound parameters and common settings
 * @throws TerminatingError with exit status 2 on any usage error
 */
export function bindCommandLine(decl: AnyCmdletDecl, argv: readonly string[]): CommandLineBinding {
  const { named, positional } = parseArgv(argv, argvParameters(decl));
  const commonDecls: ParameterDecls = { ...COMMON_PARAMETERS, ...SHOULD_PROCESS_PARAMETERS };
  const params: Record<string, unknown> = {};
  const commonValues: Record<string, unknown> = {};
  // PowerShell resolves parameter sets from the named parameters before any positional argument binds:
  // `Where-Object A -EQ 1 -LT 2` is AmbiguousParameterSet, not a stray positional 2.
  checkParameterSets(decl, [...named.keys()]);
  for (const [name, text] of named) {
    const own = decl.parameters[name];
    const target = own ? params : commonValues;
    target[name] = convertArgument(name, own ?? commonDecls[name], text);
  }
  bindPositional(decl, params, positional);
  checkParameterSets(decl, Object.keys(params));
  return { params, common: commonSettings(commonValues) };
}

/** Two parameters of one mutuallyExclusive group (two parameter sets) given together: AmbiguousParameterSet. */
function checkParameterSets(decl: AnyCmdletDecl, given: readonly string[]): void {
  for (const names of decl.mutuallyExclusive ?? []) {
    const both = names.filter((n) => given.includes(n));
    if (both.length > 1) throw usageError('AmbiguousParameterSet', coreMessages.AmbiguousParameterSet(both), both);
  }
}

function convertArgument(name: string, decl: ParameterDecl | undefined, text: string | boolean): unknown {
  if (!decl) throw usageError('NamedParameterNotFound', coreMessages.NamedParameterNotFound(name), name);
  if (typeof text === 'boolean') return text;
  // PowerShell's order: the validation attribute, then the mandatory parameter's check for an empty string.
  if (decl.validateNotNullOrWhiteSpace && text.trim() === '') {
    throw usageError('ParameterArgumentValidationError', coreMessages.ParameterArgumentValidationError.whiteSpace(name), name);
  }
  if (text === '' && !decl.allowEmptyString && decl.mandatory) {
    throw usageError('ParameterArgumentValidationErrorEmptyStringNotAllowed', coreMessages.ParameterArgumentValidationErrorEmptyStringNotAllowed(name), name);
  }
  const value = decl.type.parse ? decl.type.parse(text) : decl.type.convert(text);
  // Messages show the argument as echo() makes it: one line, at most 120 characters.
  const shown = echo(text);
  if (value === NOT_CONVERTIBLE) {
    // PowerShell's ids (ParameterBinderBase.CoerceTypeAsNeeded): a Boolean refuses text as CannotConvertArgument;
    // any other failed conversion is CannotConvertArgumentNoMessage, own and common parameters alike.
    const detail = decl.type.describe?.(text) ?? coreMessages.CannotConvertArgument.value(text, decl.type.name);
    const errorId = decl.type.name === BooleanType.name ? 'CannotConvertArgument' : 'CannotConvertArgumentNoMessage';
    throw usageError(errorId, coreMessages[errorId].binding(name, detail), text);
  }
  const outOfRange = rangeViolation(name, value, decl.validateRange);
  if (outOfRange) throw usageError('ParameterArgumentValidationError', outOfRange, shown);
  return value;
}

function bindPositional(decl: AnyCmdletDecl, params: Record<string, unknown>, positional: readonly string[]): void {
  // A parameter whose partner was named is out, as in its parameter set (-LiteralPath x ';' is the delimiter).
  const slots = Object.entries(decl.parameters)
    .filter(([name, p]) => p.position !== undefined && !(name in params) && !partnerBound(decl, name, params))
    .sort(([, a], [, b]) => (a.position ?? 0) - (b.position ?? 0));
  for (let i = 0; i < positional.length; i++) {
    const arg = positional[i] ?? '';
    const slot = slots.shift();
    // The target as the message shows it: a stray argument may be a PIN.
    if (!slot) {
      // `-Properties *` unquoted: bash put the folder's file names in its place.
      const globbed = i > 0 && !arg.includes('/') && existsSync(arg);
      throw usageError('PositionalParameterNotFound', coreMessages.PositionalParameterNotFound(arg, globbed), redact(arg).text);
    }
    const [name, p] = slot;
    if (p.type.isArray) {
      // `Select-Object Name, Count`: the arguments after a trailing comma belong to the list.
      const list = gatherCommaList(positional, i);
      params[name] = convertArgument(name, p, list.text);
      i = list.next - 1;
    } else {
      params[name] = convertArgument(name, p, arg);
    }
  }
}

function commonSettings(values: Record<string, unknown>): CommonSettings {
  for (const name of UNSUPPORTED_COMMON) {
    if (name in values) throw usageError('UnsupportedCommonParameter', coreMessages.UnsupportedCommonParameter(name), name);
  }
  const preference = (name: string): ActionPreference => {
    const value = (values[name] ?? 'Continue') as ActionPreference;
    if (value === 'Suspend' || value === 'Break') {
      throw usageError('UnsupportedActionPreference', coreMessages.UnsupportedActionPreference(name, value), value);
    }
    return value;
  };
  return {
    errorAction: preference('ErrorAction'),
    warningAction: preference('WarningAction'),
    progressAction: preference('ProgressAction'),
    verbose: values.Verbose === true,
    debug: values.Debug === true,
    whatIf: values.WhatIf === true,
    confirm: typeof values.Confirm === 'boolean' ? values.Confirm : undefined,
  };
}

/**
 * Mandatory parameters that are still unbound and that no pipeline record could supply.
 * @param decl the cmdlet declaration
 * @param params what the command line bound
 * @param pipelineInput whether records will come from stdin
 * @returns the names of the missing parameters
 */
export function missingMandatory(decl: AnyCmdletDecl, params: Record<string, unknown>, pipelineInput: boolean): string[] {
  return Object.entries(decl.parameters)
    .filter(([name, p]) => p.mandatory && !(name in params) && !partnerBound(decl, name, params))
    .filter(([, p]) => !pipelineInput || !(p.valueFromPipeline || p.valueFromPipelineByPropertyName))
    .map(([name]) => name);
}

/**
 * Whether a mandatory parameter is still open that only pipeline input can supply.
 * @param decl the cmdlet declaration
 * @param params what the command line bound
 * @returns true when the command needs records from stdin
 */
export function needsPipelineInput(decl: AnyCmdletDecl, params: Record<string, unknown>): boolean {
  return Object.entries(decl.parameters).some(
    ([name, p]) => p.mandatory && !(name in params) && !partnerBound(decl, name, params) && (p.valueFromPipeline || p.valueFromPipelineByPropertyName),
  );
}

/**
 * The parameters that cannot be used with this one (its mutuallyExclusive groups). As with
 * PowerShell's parameter sets, once a partner is bound this one is out: a mandatory one is no longer
 * required (Import-Csv's -Path or -LiteralPath), and pipeline input no longer binds it.
 * @param decl the cmdlet declaration
 * @param name a parameter name
 * @returns the names of its partners
 */
export function exclusivePartners(decl: AnyCmdletDecl, name: string): string[] {
  return (decl.mutuallyExclusive ?? []).filter((group) => group.includes(name)).flatMap((group) => group.filter((other) => other !== name));
}

/**
 * Whether a partner of the parameter (see {@link exclusivePartners}) is bound.
 * @param decl the cmdlet declaration
 * @param name a parameter name
 * @param bound the parameters bound so far
 * @returns true when one is
 */
export function partnerBound(decl: AnyCmdletDecl, name: string, bound: Record<string, unknown>): boolean {
  return exclusivePartners(decl, name).some((other) => other in bound);
}

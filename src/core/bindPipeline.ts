/**
 * PowerShell's pipeline binder, per record, in four passes: ByValue without coercion, ByPropertyName
 * without coercion, ByValue with coercion, ByPropertyName with coercion. All passes run; a parameter
 * bound in an earlier pass is skipped later. Parameters given on the command line take no pipeline input.
 */
import { exclusivePartners, partnerBound } from './bindCommandLine.js';
import type { AnyCmdletDecl, ParameterDecl } from './declaration.js';
import { errorRecord, type ErrorRecord } from './errors.js';
import { coreMessages } from './messages.js';
import { findProperty, isPSObject, type FoundProperty } from './psobject.js';
import { NOT_CONVERTIBLE, StringType, isInexactNumber, rangeViolation } from './types.js';

interface PipelineParameter {
  name: string;
  decl: ParameterDecl;
  /** The parameter's name, then its aliases: the property names it binds by, in that order. */
  propertyNames: readonly string[];
  /** Parameters it cannot be bound with (mutuallyExclusive): once one is bound, it is out. */
  partners: readonly string[];
}

type BindResult = Record<string, unknown> | ErrorRecord;

/** Binds pipeline records to the parameters a command line left open. */
export class PipelineBinder {
  readonly #byValue: PipelineParameter[];
  readonly #byPropertyName: PipelineParameter[];
  readonly #mandatory: PipelineParameter[];
  readonly #commandLine: Record<string, unknown>;
  readonly #commandLineEmpty: boolean;

  /**
   * @param decl the cmdlet declaration
   * @param commandLine the parameters the command line bound
   */
  constructor(decl: AnyCmdletDecl, commandLine: Record<string, unknown>) {
    const open = Object.entries(decl.parameters)
      .filter(([name]) => !(name in commandLine) && !partnerBound(decl, name, commandLine))
      .map(([name, p]) => ({ name, decl: p, propertyNames: [name, ...(p.aliases ?? [])], partners: exclusivePartners(decl, name) }));
    this.#byValue = open.filter((p) => p.decl.valueFromPipeline);
    this.#byPropertyName = open.filter((p) => p.decl.valueFromPipelineByPropertyName);
    this.#mandatory = open.filter((p) => p.decl.mandatory);
    this.#commandLine = commandLine;
    this.#commandLineEmpty = Object.keys(commandLine).length === 0;
  }

  /** Whether any parameter is left that pipeline input could bind. */
  get takesPipelineInput(): boolean {
    return this.#byValue.length > 0 || this.#byPropertyName.length > 0;
  }

  /**
   * Binds one record.
   * @param value the record (a JSON value)
   * @param record its input line, for error messages
   * @returns all bound parameters (command line and record), or the record's binding error
   */
  bind(value: unknown, record?: number): BindResult {
    const bound: Record<string, unknown> = {};
    const fail = (error: ErrorRecord): ErrorRecord => error.withRecord(record);
    const properties = isPSObject(value) ? value : undefined;
    for (const coerce of [false, true]) {
      for (const p of this.#byValue) {
        const error = isBound(p, bound) ? undefined : tryBind(p, value, coerce, bound, value);
        if (error) return fail(error);
      }
      if (!properties) continue;
      for (const p of this.#byPropertyName) {
        const property = isBound(p, bound) ? undefined : firstProperty(properties, p.propertyNames);
        if (!property) continue;
        const error = tryBind(p, property.value, coerce, bound, value) ?? (coerce && !(p.name in bound) ? notScalar(p, property) : undefined);
        if (error) return fail(error);
      }
    }
    if (Object.keys(bound).length === 0) {
      // No target: the record number names the input, and an input line may be a secret (a PIN).
      return fail(errorRecord({ errorId: 'InputObjectNotBound', category: 'InvalidArgument', message: coreMessages.InputObjectNotBound }));
    }
    const missing = this.#mandatory.filter((p) => !isBound(p, bound)).map((p) => p.name);
    if (missing.length > 0) {
      return fail(
        errorRecord({
          errorId: 'InputObjectMissingMandatory',
          category: 'InvalidArgument',
          message: coreMessages.InputObjectMissingMandatory(missing),
        }),
      );
    }
    // Most pipelines bind nothing on the command line: skip the copy.
    return this.#commandLineEmpty ? bound : { ...this.#commandLine, ...bound };
  }
}

/** Whether the parameter, or a partner that excludes it, is bound. */
function isBound(p: PipelineParameter, bound: Record<string, unknown>): boolean {
  return p.name in bound || (p.partners.length > 0 && p.partners.some((name) => name in bound));
}

/**
 * One pass's attempt to bind a candidate value to a parameter: null binds only in the coercing
 * passes (and fails a mandatory parameter), an empty string fails a mandatory one, and a value that
 * does not convert leaves the parameter for a later pass.
 */
function tryBind(p: PipelineParameter, candidate: unknown, coerce: boolean, bound: Record<string, unknown>, target: unknown): ErrorRecord | undefined {
  if (candidate === null || candidate === undefined) {
    if (!coerce) return undefined;
    // PowerShell runs the validation attribute before the mandatory check: [ValidateNotNullOrWhiteSpace] speaks first.
    if (p.decl.validateNotNullOrWhiteSpace) return whiteSpaceError(p.name, target);
    // A parameter that allows null (Where-Object's -InputObject) takes it in the coercing passes, as in PowerShell.
    if (p.decl.allowNull) bound[p.name] = null;
    return p.decl.mandatory && !p.decl.allowNull ? nullError(p, target) : undefined;
  }
  const invalid = validate(p, candidate);
  if (invalid) return invalid;
  const converted = coerce ? p.decl.type.convert(candidate) : p.decl.type.accepts(candidate) ? candidate : NOT_CONVERTIBLE;
  if (converted === NOT_CONVERTIBLE) return undefined;
  const outOfRange = rangeViolation(p.name, converted, p.decl.validateRange);
  if (outOfRange) return errorRecord({ errorId: 'ParameterArgumentValidationError', category: 'InvalidData', message: outOfRange, target });
  bound[p.name] = converted;
  return undefined;
}

/**
 * A property whose value is an array, an object or a number that lost digits, and that the
 * parameter did not take: an error for the record. PowerShell never converts a collection to a
 * scalar parameter (CannotConvertArgument) but would then leave the parameter unbound, and an
 * unbound -Pin means "generate one": a record that says Pin must not set a PIN it did not give.
 * The message names the type, never the value (it may be a PIN).
 */
function notScalar(p: PipelineParameter, property: FoundProperty): ErrorRecord | undefined {
  const { value } = property;
  const texts = coreMessages.CannotConvertArgument;
  const kind = Array.isArray(value) ? texts.array : isPSObject(value) ? texts.object : isInexactNumber(value) ? texts.inexactNumber : undefined;
  if (kind === undefined) return undefined;
  return errorRecord({
    errorId: 'CannotConvertArgument',
    category: 'InvalidArgument',
    message: texts.binding(p.name, texts.notScalar(property.name, kind, p.decl.type.name)),
  });
}

function firstProperty(record: Record<string, unknown>, names: readonly string[]) {
  for (const name of names) {
    const found = findProperty(record, name);
    if (found) return found;
  }
  return undefined;
}

function validate(p: PipelineParameter, value: unknown): ErrorRecord | undefined {
  // The common case first, per record: an object, or a string that starts with a printable character.
  if (typeof value !== 'string') return undefined;
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return undefined;
  const { mandatory, allowEmptyString, validateNotNullOrWhiteSpace } = p.decl;
  // The validation attribute first, then the mandatory parameter's own check, in PowerShell's order.
  if (validateNotNullOrWhiteSpace && value.trim() === '') return whiteSpaceError(p.name, value);
  if (value === '' && mandatory && !allowEmptyString) return emptyStringError(p.name, value);
  return undefined;
}

function whiteSpaceError(name: string, target: unknown): ErrorRecord {
  return errorRecord({ errorId: 'ParameterArgumentValidationError', category: 'InvalidData', message: coreMessages.ParameterArgumentValidationError.whiteSpace(name), target });
}

function emptyStringError(name: string, target: unknown): ErrorRecord {
  return errorRecord({
    errorId: 'ParameterArgumentValidationErrorEmptyStringNotAllowed',
    category: 'InvalidData',
    message: coreMessages.ParameterArgumentValidationErrorEmptyStringNotAllowed(name),
    target,
  });
}

/** Null for a mandatory parameter: a String one sees it as "" (PowerShell converts null to the empty string first). */
function nullError(p: PipelineParameter, target: unknown): ErrorRecord {
  if (p.decl.type.name === StringType.name) return emptyStringError(p.name, target);
  return errorRecord({
    errorId: 'ParameterArgumentValidationErrorNullNotAllowed',
    category: 'InvalidData',
    message: coreMessages.ParameterArgumentValidationErrorNullNotAllowed(p.name),
    target,
  });
}

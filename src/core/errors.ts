/**
 * Error records, modelled on PowerShell's ErrorRecord: a stable id, a category, a message and the
 * target. Tests assert the id, never the wording.
 */
import type { ErrorId } from './errorIds.js';

/** The subset of PowerShell's ErrorCategory that cspin uses. */
export type ErrorCategory =
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'InvalidResult'
  | 'InvalidType'
  | 'LimitsExceeded'
  | 'NotSpecified'
  | 'ObjectNotFound'
  | 'OperationStopped'
  | 'ParserError'
  | 'PermissionDenied'
  | 'ResourceUnavailable'
  | 'SecurityError'
  | 'SyntaxError'
  | 'WriteError';

/** Fields of an error record. */
export interface ErrorRecordInit {
  /** Stable PascalCase id, e.g. `InputObjectNotBound`: a key of the ErrorIds registry. */
  errorId: ErrorId;
  category: ErrorCategory;
  message: string;
  /** What the error is about (an identity, a file name). */
  target?: unknown;
  /** 1-based input line the record came from, when it came from the pipeline. */
  record?: number;
  cause?: unknown;
}

/** A non-terminating error: written to stderr, and the pipeline goes on. */
export class ErrorRecord {
  readonly errorId: ErrorId;
  readonly category: ErrorCategory;
  readonly message: string;
  readonly target: unknown;
  readonly record: number | undefined;
  readonly cause: unknown;

  constructor(init: ErrorRecordInit) {
    this.errorId = init.errorId;
    this.category = init.category;
    this.message = init.message;
    this.target = init.target;
    this.record = init.record;
    this.cause = init.cause;
  }

  /** The same error, tagged with the input record it belongs to. */
  withRecord(record: number | undefined): ErrorRecord {
    return record === undefined || this.record !== undefined ? this : new ErrorRecord({ ...this, record });
  }
}

/** Builds a non-terminating error record. */
export function errorRecord(init: ErrorRecordInit): ErrorRecord {
  return new ErrorRecord(init);
}

/** True for a value produced by {@link errorRecord}. */
export function isErrorRecord(value: unknown): value is ErrorRecord {
  return value instanceof ErrorRecord;
}

/**
 * A terminating error: the command stops. Exit status 2 marks a usage error (nothing was read or
 * changed), 1 anything else.
 */
export class TerminatingError extends Error {
  readonly record: ErrorRecord;
  readonly exitCode: 1 | 2;

  constructor(init: ErrorRecordInit, exitCode: 1 | 2 = 1) {
    super(init.message, { cause: init.cause });
    this.name = 'TerminatingError';
    this.record = new ErrorRecord(init);
    this.exitCode = exitCode;
  }
}

/** A command-line (parameter binding) error: statement-terminating, exit status 2. */
export function usageError(errorId: ErrorId, message: string, target?: unknown): TerminatingError {
  return new TerminatingError({ errorId, category: 'InvalidArgument', message, target }, 2);
}

/**
 * The errors of the filter language (Get-CsUser -Filter, Where-Object): a FilterError is wrong
 * filter text, found before any record is read (a usage error); a ComparisonFailure is one record
 * whose value cannot be compared (a non-terminating error for that record).
 */
import { coreMessages } from './messages.js';

/**
 * How deep parentheses and -not may nest in a filter. Far above what anyone writes, far below what
 * the parser's and the evaluator's recursion could take before the stack runs out.
 */
export const MAX_FILTER_NESTING = 100;

/** The errorId of a FilterError: a syntax error, or a filter nested deeper than the limit. */
export type FilterErrorId = 'InvalidFilter' | 'FilterTooDeep' | 'ComparisonFailure';

/**
 * The error of a `-Filter` expression: a syntax error in the text, or a pattern that `-like` or
 * `-match` cannot compile. It carries the 0-based offset in the user's text so the message can
 * point at the culprit. Any text of the filter the reason shows has gone through echo().
 */
export class FilterError extends Error {
  /** 0-based offset in the filter text; -1 while the error is not tied to the text yet. */
  readonly position: number;
  /** The message without the `Invalid filter at position N: ` prefix. */
  readonly reason: string;
  /** The stable id the cmdlets report it under. */
  readonly errorId: FilterErrorId;

  /**
   * @param reason what is wrong, e.g. `expected a value after -eq`
   * @param position 0-based offset in the filter text, or -1 when unknown (compareValues does not
   *   know where its operands came from)
   * @param errorId InvalidFilter unless the filter is too deep
   */
  constructor(reason: string, position = -1, errorId: FilterErrorId = 'InvalidFilter') {
    super(coreMessages.InvalidFilter.message(position, reason));
    this.name = 'FilterError';
    this.reason = reason;
    this.position = position;
    this.errorId = errorId;
  }

  /**
   * The same error, placed at an offset in the filter text; a placed error keeps its position.
   * @param position 0-based offset in the filter text
   * @returns an error whose message names the position
   */
  at(position: number): FilterError {
    return this.position >= 0 ? this : new FilterError(this.reason, position, this.errorId);
  }
}

/** The .NET type a right operand is converted to, named as PowerShell names it in its messages. */
export type ConversionType = 'System.DateTime' | 'System.Boolean' | 'System.Int64' | 'System.Double';

/**
 * Thrown by compareValues when the right operand cannot be converted to the left operand's type.
 * It has no message for the user: only the caller knows where the operands came from.
 */
export class ConversionFailure extends Error {
  /**
   * @param value the right operand that does not convert
   * @param type the type it had to convert to
   */
  constructor(
    readonly value: unknown,
    readonly type: ConversionType,
  ) {
    super(`Cannot convert a value to type "${type}".`);
    this.name = 'ConversionFailure';
  }
}

/** One record's comparison that cannot be made (PowerShell's ComparisonFailure): its message is ready to show. */
export class ComparisonFailure extends Error {
  readonly errorId = 'ComparisonFailure';

  constructor(message: string) {
    super(message);
    this.name = 'ComparisonFailure';
  }
}

/**
 * The message of a failed conversion, in PowerShell's words.
 * @param failure what did not convert
 * @param subject what the value was compared with, e.g. `LastPinChangeTime`
 * @param fromFilter true when the value is text of the filter or command line (shown, escaped and
 *   cut); false when it came from a record (not shown: it could be anything, a PIN included)
 * @param source how to name a value from a record, e.g. `the value of $_.Other`
 * @returns the message
 */
export function conversionMessage(failure: ConversionFailure, subject: string, fromFilter: boolean, source?: string): string {
  const texts = coreMessages.ComparisonFailure;
  return texts.message(fromFilter ? texts.shownValue(describeValue(failure.value)) : source ?? texts.theValue, failure.type, subject);
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/**
 * What Where-Object and Get-CsUser -Filter share: the filter compiled with the declared property
 * types of cspin's objects, and a record whose value cannot be compared turned into an error for
 * that record.
 *
 * The declared types: JSON has no dates, and a `$null` (a PIN never set) has no type at all, so a
 * value that a date or Boolean property cannot take (`LastPinChangeTime -lt notadate`) fails for
 * every record of the type, a `$null` one included, instead of letting the `$null` ones through to
 * a Lock-CsClientPin.
 */
import type { DeclaredType } from '../core/compare.js';
import { ComparisonFailure, FilterError, compileFilter } from '../core/filterScript.js';
import { echo, errorRecord, isPSObject, typeNameOf, usageError, type ErrorRecord } from '../core/index.js';
import { ADUSER_TYPE } from '../directory/index.js';
import { PIN_INFO_TYPE } from '../pins/index.js';
import { cmdletMessages } from './messages.js';

const DECLARED: ReadonlyMap<string, ReadonlyMap<string, DeclaredType>> = new Map([
  [PIN_INFO_TYPE, new Map<string, DeclaredType>([['lastpinchangetime', 'DateTime'], ['pinexpirationtime', 'DateTime'], ['ispinset', 'Boolean'], ['islockedout', 'Boolean']])],
  [ADUSER_TYPE, new Map<string, DeclaredType>([['enabled', 'Boolean'], ['enterprisevoiceenabled', 'Boolean']])],
]);

/**
 * The declared type of a property of a record, when the record is one of cspin's typed objects.
 * @param record the input object
 * @param property the property name, any case
 * @returns 'DateTime', 'Boolean', or undefined when nothing is declared
 */
export function declaredPropertyType(record: unknown, property: string): DeclaredType | undefined {
  return isPSObject(record) ? DECLARED.get(typeNameOf(record))?.get(property.toLowerCase()) : undefined;
}

/** Whether a record passes, or the error of a record whose values cannot be compared. */
export type RecordFilter = (input: unknown, record: number | undefined) => boolean | ErrorRecord;

/**
 * Compiles a filter script.
 * @param text the filter
 * @param parameter the parameter it came from, for messages
 * @param about names the record in messages (Get-CsUser's user); input records have their record number
 * @param powerShellTruth reads -and, -or, -not and the result with PowerShell's truth (Where-Object: "False" is true)
 * @returns the filter
 * @throws TerminatingError (usage) for a filter that does not parse
 */
export function compileRecordFilter(text: string, parameter: string, about?: (input: unknown) => string, powerShellTruth = false): RecordFilter {
  let predicate: (record: Record<string, unknown>) => boolean;
  try {
    predicate = compileFilter(text, { propertyTypes: declaredPropertyType, powerShellTruth });
  } catch (error) {
    throw error instanceof FilterError ? usageError(error.errorId, cmdletMessages[error.errorId].parameter(parameter, error.message), echo(text)) : error;
  }
  return (input, record) => {
    try {
      // The compiled filter reads properties only of objects (isPSObject), so a string or null is safe: $_ is the value itself.
      return predicate(input as Record<string, unknown>);
    } catch (error) {
      // A value that does not convert, or a -match on a property that holds an invalid pattern: this record only.
      if (error instanceof ComparisonFailure || error instanceof FilterError) return filterFailure(error, input, record, about);
      throw error;
    }
  };
}

/**
 * The error of one record that a filter cannot decide: ComparisonFailure, or BadOperatorArgument
 * for a pattern read from the record.
 * @param error what failed
 * @param input the record
 * @param record its input line
 * @param about names the record in the message
 * @param reportAs the id of a failed conversion, when the cmdlet has its own (Where-Object's OperatorFailed)
 * @returns the error record
 */
export function filterFailure(error: ComparisonFailure | FilterError, input: unknown, record: number | undefined, about?: (input: unknown) => string, reportAs?: 'OperatorFailed'): ErrorRecord {
  const errorId = error instanceof ComparisonFailure ? (reportAs ?? error.errorId) : 'BadOperatorArgument';
  const name = about?.(input);
  const message = name === undefined ? error.message : cmdletMessages[errorId].record(error.message, name);
  return errorRecord({ errorId, category: 'InvalidArgument', message, target: typeof input === 'string' ? echo(input) : input, record });
}

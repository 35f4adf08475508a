/** The cmdlet engine's public API. It knows nothing of Lync. */
export { defineCmdlet } from './declaration.js';
export type {
  AnyCmdletDecl,
  BoundParameters,
  BoundRecord,
  CmdletContext,
  CmdletDecl,
  CmdletOutput,
  Example,
  ExampleExpectation,
  ParameterDecl,
  ParameterDecls,
} from './declaration.js';
export { ErrorRecord, TerminatingError, errorRecord, isErrorRecord, usageError } from './errors.js';
export type { ErrorCategory, ErrorRecordInit } from './errors.js';
export { BooleanType, Int32Type, NOT_CONVERTIBLE, StringType, SwitchType, convertBoolean, enumType, integerType, isTypedObject, nullableType, rangeViolation } from './types.js';
export type { NotConvertible, ParamType } from './types.js';
export { TYPE_NAME_PROPERTY, findProperty, isPSObject, typeNameOf } from './psobject.js';
export type { PSObject } from './psobject.js';
export { JsonLines, JsonText, PlainText, expandJsonLines } from './jsonText.js';
export { isoUtc } from './isoDate.js';
export { dateLike } from './dateOperands.js';
export { readQuoted } from './filterTokens.js';
export { clockOf } from './clock.js';
export { mapOrdered, threadPoolParallelism, type MapOrderedOptions } from './mapOrdered.js';
export { runCmdlet } from './run.js';
export type { CmdletIO } from './run.js';
export { helpText, parameterBlock, syntaxLine, type HelpView } from './help.js';
export { bindCommandLine, argvParameters } from './bindCommandLine.js';
export { PipelineBinder } from './bindPipeline.js';
export { COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS } from './commonParameters.js';
export { ECHO_MAX, echo, oneLine } from './echo.js';
export { classifyOutput } from './outputTarget.js';
export type { OutputKind, OutputTarget } from './outputTarget.js';
export type { Deliverable } from './stream/outputWriter.js';
export { DIGITS_HIDDEN, quoteRedacted, redact } from './redact.js';
export type { ShownValue } from './redact.js';
export { debugTrace, errorCode, internalError, noteSqliteFile, systemError, terminatingErrorOf } from './systemError.js';
export type { SystemErrorContext } from './systemError.js';
export { checkEnvironment, errorFormatOf, outputFormatOf } from './environment.js';
export type { OutputFormat } from './environment.js';
export { holdsOrder, isIntegerLikeKey, markHoldsOrder, orderedArray, propertyNames, recordEntries, recordFromEntries, setOrder, stringifyRecord } from './record.js';
export type { CoreErrorId, CoreErrorIds, ErrorId, ErrorIds } from './errorIds.js';
export { coreMessages, shouldProcessTexts } from './messages.js';
export type { Message, MessageTable, MessageText } from './messageTable.js';
export { didYouMean, editDistance, nearestNames } from './suggest.js';
export { packageVersion } from './packageVersion.js';
export { ProgressLine, progressWanted } from './progress.js';
export { BUDGET_VARIABLE, MemoryBudget, approximateSize, budgetOf, formatBytes } from './memoryBudget.js';
export type { HoldsDecl } from './memoryBudget.js';

/**
 * Every error id cspin reports, in one registry: a typo in an id is a type error, and tests assert
 * ids, never wording. Each area lists its own ids in an interface of its errorIds.ts (core here;
 * directory, pins, cmdlets and admin below it) and makes {@link ErrorIds} extend it, so the arrows
 * still point down; each area's messages.ts has the texts of its ids.
 * The value is the id's meaning, in a few words.
 */
export interface CoreErrorIds {
  // The binder and the command line (PowerShell's own ids).
  AmbiguousParameter: 'a parameter prefix matches several parameters';
  AmbiguousParameterSet: 'parameters of different sets given together';
  CannotConvertArgument: 'an argument does not convert to the parameter type';
  CannotConvertArgumentNoMessage: 'an argument does not convert (PowerShell gives no detail)';
  InputObjectMissingMandatory: 'an input object lacks a mandatory parameter';
  InputObjectNotBound: 'an input object binds to no parameter';
  MissingArgument: 'a parameter without its value';
  MissingMandatoryParameter: 'a mandatory parameter not given';
  NamedParameterNotFound: 'no parameter of that name';
  ParameterAlreadyBound: 'a parameter given twice';
  ParameterArgumentValidationError: 'a value outside the allowed range or set';
  ParameterArgumentValidationErrorEmptyStringNotAllowed: 'an empty string where one is not allowed';
  ParameterArgumentValidationErrorNullNotAllowed: 'a null where one is not allowed';
  PositionalParameterNotFound: 'an argument no position takes';
  SwitchValueMissing: 'a switch written -Name: with nothing after it';
  UnsupportedActionPreference: 'an -ErrorAction value bash cannot honour';
  UnsupportedCommonParameter: 'a common parameter that has no meaning in bash';
  ActionPreferenceStop: '-ErrorAction Stop ended the command';
  // Input: NDJSON, CSV and stdin.
  CsvFieldCountMismatch: 'a CSV row with another number of fields than the header';
  DuplicateCsvHeader: 'a CSV header naming a column twice';
  DuplicateKeysInJsonString: 'a JSON object with a repeated key';
  JsonDepthExceeded: 'JSON nested too deep';
  KeysWithDifferentCasingInJsonString: 'a JSON object with keys that differ only in case';
  LineTooLong: 'an input line past the limit';
  MalformedCsvRow: 'a CSV row that does not parse';
  MalformedJson: 'a line that is not JSON';
  StdinReadError: 'stdin could not be read';
  // Hashtable literals, script blocks and property expressions (PowerShell's parser and binder ids).
  DictionaryKeyAmbiguous: 'a hashtable key prefix that matches several keys';
  DictionaryKeyDuplicate: 'a hashtable key given twice';
  DictionaryKeyIllegal: 'a hashtable key the cmdlet does not take';
  DictionaryKeyIllegalValue1: 'a hashtable value of the wrong type';
  DictionaryKeyIllegalValue2: 'a hashtable value of the wrong type';
  DictionaryKeyMandatoryEntry: 'a hashtable without its mandatory key';
  DictionaryKeyMissingValue: 'a hashtable key without a value';
  MissingEndCurlyBrace: 'a script block or hashtable never closed';
  MissingEqualsInHashLiteral: 'a hashtable key without =';
  MissingExpression: 'a comma list with an empty element';
  MissingStatementInHashLiteral: 'a hashtable key = with nothing after it';
  ScriptBlockNotSupported: 'a script block beyond the expression language';
  TerminatorExpectedAtEndOfString: 'a string never closed';
  UnexpectedToken: 'text the parser did not expect';
  UnsupportedHashtableValue: 'a hashtable value cspin cannot evaluate';
  WildcardPatternException: 'a wildcard pattern that does not parse';
  // Holding cmdlets.
  InvalidMemoryBudget: 'CSPIN_MEMORY_BUDGET is not a size';
  MemoryBudgetExceeded: 'a holding cmdlet (Sort, Group, Select -Last/-SkipLast/-Unique, ConvertTo-Json, Format-Table -AutoSize) past its declared memory budget';
  // Filters and comparisons.
  ComparisonFailure: 'a value that does not compare with the operand';
  InvalidFilter: 'a filter script that does not parse';
  // Output, terminal, environment.
  ChangeNotSaved: 'a change undone because its output line was not written';
  InvalidClock: 'CSPIN_NOW is not a date cspin accepts';
  InvalidProgressSetting: 'CSPIN_PROGRESS has an unknown value';
  InvalidErrorFormat: 'CSPIN_ERROR_FORMAT has an unknown value';
  InvalidOutputFormat: 'CSPIN_FORMAT has an unknown value';
  NoTerminal: 'a prompt needs a terminal and there is none';
  NoTerminalForConfirm: '-Confirm needs a terminal and there is none';
  OutputClosed: 'the reader of stdout went away';
  OutputFailed: 'stdout could not be written';
  OutputMayBeUnread: 'a line that may not have reached the reader';
  BrokenPipe: 'the reader of stdout went away (quietly, as head does)';
  ParameterArgumentTransformationError: 'a switch given a value that is not a boolean';
  InvalidUtf8: 'input bytes that are not UTF-8';
  // Files and the system (src/core/systemError.ts translates errno and SQLite codes into these).
  CannotOpenDatabase: 'SQLite cannot open the database';
  DatabaseBusy: 'another process holds the database';
  DatabaseCorrupt: 'the database file is damaged';
  DatabaseReadOnly: 'the database cannot be written';
  DiskFull: 'no space left';
  FileOpenFailure: 'a file that cannot be opened (PowerShell\'s id)';
  FileWriteError: 'a report file that could not be written';
  IOError: 'an input/output error';
  IsADirectory: 'a folder where a file was expected';
  NotACspinDatabase: "a file that is not cspin's database";
  NoClobber: '-NoClobber and the file exists';
  NotADirectory: 'a file where a folder was expected';
  OutOfMemory: 'memory ran out';
  PathNotFound: 'a path that does not exist';
  PermissionDenied: 'the system refused access';
  ReadOnlyFileSystem: 'the file system is mounted read-only';
  TooManyOpenFiles: 'no file descriptors left';
  InternalError: 'a fault in cspin itself';
}

/** Every area's ids: each area's errorIds.ts makes this interface extend its own list. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the areas' `extends`
export interface ErrorIds extends CoreErrorIds {}

/** An error id: a key of {@link ErrorIds}. */
export type ErrorId = keyof ErrorIds;
/** The engine's own ids. */
export type CoreErrorId = keyof CoreErrorIds;

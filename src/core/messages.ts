/**
 * The engine's message table, keyed by its error ids, after PowerShell's ParameterBinderStrings and
 * CommandBaseStrings. Values from the command line or the input go through echo() (or quoteRedacted,
 * when the value could be a PIN); names from declarations are shown as they are.
 */
import { echo } from './echo.js';
import type { CoreErrorId } from './errorIds.js';
import type { MessageTable } from './messageTable.js';
import { inputMessages } from './messages/input.js';
import { binderMessages } from './messages/binder.js';
import { filterMessages } from './messages/filters.js';
import { quoteRedacted } from './redact.js';

/** The ShouldProcess description of an action, for What if, -Verbose and the -Confirm prompt. */
function performing(action: string, target: string): string {
  return `Performing the operation "${action}" on target "${echo(target)}".`;
}

/** Texts of ShouldProcess, which are not errors. */
export const shouldProcessTexts = {
  performing,
  whatIf: (action: string, target: string) => `What if: ${performing(action, target)}`,
} as const;

/** Type conversion's detail, for a value that does not convert. */
const cannotConvertValue = (text: string, type: string, hint = '') => `Cannot convert value "${echo(text)}" to type "${type}".${hint ? ` ${hint}` : ''}`;
const noTerminal = (name: string) =>
  `-Confirm needs a terminal to ask on, and there is none (/dev/tty cannot be opened). Run ${name} from a terminal, or use -Confirm:false or -WhatIf.`;
/** A system call or SQLite failed: what was being done (and to which path), why, and its code. */
const systemFailure = (subject: string, reason: string, code: string) => `Cannot ${subject}: ${reason} (${code}).`;
const invalidHashtable = (position: number, reason: string, text: string) => `Invalid hashtable at position ${position}: ${reason}: ${echo(text)}`;
const inHashtable = (message: string, text: string) => `${message} In ${echo(text)}.`;
const environmentValue = (name: string, value: unknown, advice: string) => `${name}="${echo(value, 40)}" is not ${advice}`;

export const coreMessages = {
  ...inputMessages,
  ...binderMessages,
  ...filterMessages,
  NamedParameterNotFound: (name: string) => `A parameter cannot be found that matches parameter name '${echo(name)}'.`,
  AmbiguousParameter: (name: string, candidates: string[]) =>
    `Parameter cannot be processed because the parameter name '${echo(name)}' is ambiguous. Possible matches include: ${candidates
      .map((c) => `-${c}`)
      .join(' ')}.`,
  MissingArgument: (name: string, type: string) =>
    `Missing an argument for parameter '${name}'. Specify a parameter of type '${type}' and try again.`,
  ParameterAlreadyBound: (name: string) =>
    `Cannot bind parameter because parameter '${name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
  PositionalParameterNotFound: (arg: string, isFileHere: boolean) =>
    `A positional parameter cannot be found that accepts argument ${quoteRedacted(arg, "'")}.${isFileHere ? " It names a file here: bash expands an unquoted * to the folder's file names, so quote it ('*')." : ''}`,
  CannotConvertArgument: {
    binding: (name: string, detail: string) => `Cannot bind parameter '${name}'. ${detail}`,
    value: cannotConvertValue,
    wholeNumber: (text: string, type: string, min: number, max: number) =>
      `Cannot convert value "${echo(text)}" to type "${type}": expected a whole number from ${min} to ${max}.`,
    nullable: (detail: string) => `${detail} An empty value or '$null' means null.`,
    enumeration: (text: string, type: string, names: string) =>
      cannotConvertValue(text, type, `Specify one of the following enumerator names and try again: ${names}.`),
    switchNotString: (name: string, text: string) =>
      `Cannot convert 'System.String' to the type 'System.Management.Automation.SwitchParameter' required by parameter '${name}': "${echo(text)}" is text. Use a number (0 is false), $true or $false (true or false in bash).`,
    // An input property holding what a scalar parameter never takes (the type is named, never the value).
    notScalar: (property: string, kind: string, type: string) => `The input property "${echo(property)}" holds ${kind}, which cannot be converted to type "${type}".`,
    array: 'an array (System.Object[])',
    object: 'an object (PSCustomObject)',
    inexactNumber: 'a number too large to keep every digit',
  },
  SwitchValueMissing: (name: string) =>
    `Missing a value after '-${name}:'. bash expands an unquoted $false to nothing: write -${name}:false or '-${name}:$false'.`,
  MissingMandatoryParameter: (names: string[]) =>
    `Cannot process command because of one or more missing mandatory parameters: ${names.join(' ')}.`,
  AmbiguousParameterSet: (names: string[]) =>
    `Parameter set cannot be resolved using the specified named parameters. ${names.map((n) => `-${n}`).join(' and ')} cannot be used together.`,
  UnsupportedCommonParameter: (name: string) =>
    `The common parameter -${name} stores results in a PowerShell variable and has no meaning in bash; use redirection (2>file) or tee instead.`,
  UnsupportedActionPreference: (name: string, value: string) =>
    `The ${value} value of -${name} is not supported: use Continue, SilentlyContinue, Ignore, Stop or Inquire.`,
  InputObjectNotBound:
    'The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.',
  InputObjectMissingMandatory: (names: string[]) =>
    `The input object cannot be bound because it did not contain the information required to bind all mandatory parameters: ${names.join(' ')}`,
  ParameterArgumentValidationErrorNullNotAllowed: (name: string) => `Cannot bind argument to parameter '${name}' because it is null.`,
  ParameterArgumentValidationError: {
    belowRange: (name: string, value: number, min: number) =>
      `Cannot validate argument on parameter '${name}'. The ${value} argument is less than the minimum allowed range of ${min}. Supply an argument that is greater than or equal to ${min} and then try the command again.`,
    aboveRange: (name: string, value: number, max: number) =>
      `Cannot validate argument on parameter '${name}'. The ${value} argument is greater than the maximum allowed range of ${max}. Supply an argument that is less than or equal to ${max} and then try the command again.`,
    whiteSpace: (name: string) =>
      `Cannot validate argument on parameter '${name}'. The argument is null, empty, or consists of only white-space characters. Provide an argument that contains non white-space characters, and then try the command again.`,
  },
  ParameterArgumentValidationErrorEmptyStringNotAllowed: (name: string) => `Cannot bind argument to parameter '${name}' because it is an empty string.`,
  ActionPreferenceStop: {
    stopped: (message: string, preference = 'ErrorActionPreference') =>
      `The running command stopped because the preference variable "${preference}" or common parameter is set to Stop: ${message}`,
    halted: "The command was halted at the user's request.",
  },
  NoTerminal: noTerminal,
  NoTerminalForConfirm: noTerminal,
  // The environment.
  InvalidClock: {
    notATime: (value: string) => `CSPIN_NOW="${echo(value, 40)}" is not a time: give ISO 8601 (2026-01-31T12:00:00Z) or milliseconds since the epoch.`,
    outOfRange: (value: string) => `CSPIN_NOW="${echo(value, 40)}" is outside the years 1970 to 9999.`,
  },
  InvalidOutputFormat: (value: unknown) => environmentValue('CSPIN_FORMAT', value, 'an output format: use ndjson (or json), list, table, or auto (the default).'),
  InvalidErrorFormat: (value: unknown) => environmentValue('CSPIN_ERROR_FORMAT', value, 'an error format: use json, or text (the default).'),
  InvalidProgressSetting: (value: unknown) => environmentValue('CSPIN_PROGRESS', value, 'a progress setting: use 0 (never) or 1 (on a terminal, the default).'),
  // Hashtable literals and script blocks.
  UnexpectedToken: {
    notAHashtable: (position: number, text: string) => invalidHashtable(position, 'a hashtable starts with @{', text),
    afterValue: (position: number, text: string) => invalidHashtable(position, "expected ';' or '}' after a value", text),
    afterHashtable: (position: number, text: string) => invalidHashtable(position, "unexpected text after the hashtable's closing '}'", text),
  },
  MissingEndCurlyBrace: {
    hashtable: (position: number, text: string) => invalidHashtable(position, "missing the closing '}' of the hashtable", text),
    scriptBlock: (position: number, text: string) => invalidHashtable(position, "missing the closing '}' of this script block", text),
    property: (text: string) => `Missing the closing '}' of the script block ${echo(text)}.`,
  },
  MissingEqualsInHashLiteral: {
    afterKey: (position: number, text: string, key: string) => invalidHashtable(position, `missing '=' after the key ${echo(key)}`, text),
    noKey: (position: number, text: string) => invalidHashtable(position, 'expected a key (a name or a quoted string)', text),
  },
  MissingStatementInHashLiteral: (position: number, text: string, key: string) => invalidHashtable(position, `missing a value after '${echo(key)}='`, text),
  TerminatorExpectedAtEndOfString: (position: number, text: string, quote: string) =>
    invalidHashtable(position, `missing the closing ${quote} of this string`, text),
  UnsupportedHashtableValue: (position: number, text: string, key: string, found: string) =>
    invalidHashtable(
      position,
      `the value of ${echo(key, 40)} must be a quoted string, a number, $true, $false, $null or a script block {...}; ` +
        `write ${echo(key, 40)}='${echo(found, 40)}' for the text (PowerShell would run a bare word as a command)`,
      text,
    ),
  DictionaryKeyIllegal: (key: string, text: string) => inHashtable(`The ${echo(key)} key is not valid.`, text),
  DictionaryKeyAmbiguous: (key: string, one: string, other: string, text: string) =>
    inHashtable(`The ${echo(key)} key is ambiguous: it can mean ${one} or ${other}.`, text),
  DictionaryKeyDuplicate: (key: string, name: string, text: string) => inHashtable(`The duplicated key "${echo(key)}" conflicts with "${name}".`, text),
  DictionaryKeyMissingValue: (key: string, text: string) => inHashtable(`The ${echo(key)} key has no value.`, text),
  DictionaryKeyIllegalValue1: (key: string, actual: string, expected: readonly string[], text: string) =>
    inHashtable(`The "${echo(key)}" key has a type, ${actual}, that is not valid; expected types are {${expected.join(', ')}}.`, text),
  DictionaryKeyIllegalValue2: (key: string, actual: string, expected: readonly string[], text: string) =>
    inHashtable(`The "${echo(key)}" key has a type, ${actual}, that is not valid; expected type is ${expected.join('')}.`, text),
  DictionaryKeyMandatoryEntry: (name: string, text: string) => inHashtable(`A mandatory entry for ${name} is missing.`, text),
  ScriptBlockNotSupported: (parameter: string, text: string, position: number, reason: string) =>
    `Cannot bind parameter '${parameter}'. The script block ${echo(text)} is beyond what cspin evaluates (at position ${position}: ${reason}). ` +
    'cspin evaluates one expression over $_: $_, $_.Name, quoted strings, numbers, $true/$false/$null, comparisons and -and/-or/-not.',
  MissingExpression: (text: string) => `Missing expression after ',' in ${echo(text)}: put the next element after the comma, or remove the comma.`,
  WildcardPatternException: (parameter: string, reason: string) => `Cannot bind parameter '${parameter}'. The ${reason}.`,
  // Holding cmdlets: the budget (formatted), and what the user can do instead.
  InvalidMemoryBudget: (name: string, value: string) => environmentValue(name, value, 'a size: use bytes, or a number with K, M or G (8M).'),
  MemoryBudgetExceeded: (command: string, budget: string, wayOut: string) =>
    `${command} holds more than its memory budget of ${budget}, which keeps it within the bins' 64 MiB heap: ${wayOut}.`,
  // Report files (Export-Csv). FileOpenFailure's text is the system condition's (see QUIET in test/messages.test.ts).
  NoClobber: (path: string) => `The file '${echo(path)}' already exists.`,
  FileWriteError: (path: string) => `Cannot write ${echo(path)}.`,
  // Output.
  OutputFailed: {
    write: (reason: string, code: string) => `Cannot write the output to stdout: ${reason} (${echo(code, 40)}). The command stopped.`,
    delivery: (reason: string, undone: string, before: string) => `Cannot write the output to stdout: ${reason}. ${undone}${before}; nothing more was changed.`,
  },
  OutputClosed: (reason: string, undone: string, before: string) => `Cannot write the output to stdout: ${reason}. ${undone}${before}; nothing more was changed.`,
  ChangeNotSaved: (label: string, reason: string, before: string) =>
    `The output line${label} was written, but the change could not be saved (${reason}): disregard that line, nothing was changed for it. ${before}; nothing more was changed.`,
  OutputMayBeUnread: (label: string) => `The change for ${echo(label)} was made and its line was written, but the reader went away and may not have read it.`,
  // The system: the reason per errno and SQLite code (src/core/systemError.ts maps the codes to ids).
  // BrokenPipe's text is made but never shown: the command ends quietly, as head's writers do.
  BrokenPipe: { message: systemFailure, EPIPE: 'the reader went away (broken pipe)' },
  CannotOpenDatabase: { message: systemFailure, SQLITE_CANTOPEN: 'SQLite cannot open it or its -wal and -shm files beside it' },
  DatabaseBusy: {
    message: systemFailure,
    SQLITE_BUSY: 'another process kept the database locked for longer than the busy timeout',
    SQLITE_LOCKED: 'the database is locked',
  },
  DatabaseCorrupt: { message: systemFailure, SQLITE_CORRUPT: 'the database file is damaged (restore it from a backup)' },
  DatabaseReadOnly: {
    message: systemFailure,
    SQLITE_READONLY_DBMOVED: 'the database file was moved or removed while in use',
    SQLITE_READONLY: 'the database is read-only',
  },
  DiskFull: {
    message: systemFailure,
    ENOSPC: 'no space is left on the device',
    EDQUOT: 'the disk quota is used up',
    EFBIG: 'the file is too large for the file system',
    SQLITE_FULL: 'the database or the disk is full',
    SQLITE_IOERR_SHMSIZE: 'no space is left for the database\'s -shm file',
  },
  IOError: { message: systemFailure, EIO: 'an input/output error (a failing disk or a network file system?)' },
  IsADirectory: { message: systemFailure, EISDIR: 'it is a directory' },
  NotACspinDatabase: { message: systemFailure, SQLITE_NOTADB: 'the file is not a database' },
  NotADirectory: { message: systemFailure, ENOTDIR: 'a part of the path is not a directory' },
  OutOfMemory: { message: systemFailure, ENOMEM: 'out of memory' },
  PathNotFound: {
    message: systemFailure,
    ENOENT: 'no such file or directory',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many levels of symbolic links',
  },
  PermissionDenied: {
    message: systemFailure,
    EACCES: 'permission denied',
    EPERM: 'operation not permitted (is it immutable? lsattr shows the i flag)',
  },
  ReadOnlyFileSystem: { message: systemFailure, EROFS: 'the file system is mounted read-only' },
  TooManyOpenFiles: { message: systemFailure, EMFILE: 'too many open files', ENFILE: 'too many open files in the system' },
  InternalError: (kind: string) =>
    `The command stopped on an internal error (${echo(kind, 40)}): this is a bug in cspin. Run it again with CSPIN_DEBUG=1 to see the stack trace.`,
} satisfies MessageTable<CoreErrorId>;

/**
 * The core table's section for filters (Get-CsUser -Filter, Where-Object's script block and
 * operators), the comparisons they make, and reading CSV. Spread into coreMessages
 * (src/core/messages.ts). Filter text is echoed; a value from a record is never shown.
 */
import { echo } from '../echo.js';
import type { CoreErrorId } from '../errorIds.js';
import type { MessageTable } from '../messageTable.js';

/** A problem of one CSV record, by the line it starts on. */
const onLine = (line: number, what: string) => `line ${line}: ${what}`;
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const operators =
  '-eq -ne -gt -ge -lt -le -like -notlike -match -notmatch -contains -notcontains -in -notin (c- and i- variants too), -and -or -xor -not';

/** The hint after a value that does not convert, per .NET type. */
const conversionHints = {
  'System.DateTime': 'Use a date such as 2030-01-31 or 2030-01-31T08:00:00Z.',
  'System.Boolean': 'Use $True, $False, True, False, 1 or 0.',
  'System.Int64': 'Use a number.',
  'System.Double': 'Use a number.',
} as const;

export const filterMessages = {
  InvalidFilter: {
    message: (position: number, reason: string) => (position >= 0 ? `Invalid filter at position ${position}: ${reason}` : `Invalid filter: ${reason}`),
    // The reasons: what is wrong at that position.
    expression: 'expected an expression',
    closeBrace: (open: number) => `expected '}' to close the '{' at position ${open}`,
    unexpected: (what: string) => `unexpected ${what}`,
    unexpectedText: (text: string) => `unexpected '${echo(text)}'`,
    bashExpansion: 'bash expanded $True/$False/$Null to nothing: put the filter in single quotes',
    valueAfter: (operator: string, hint: string) => `expected a value after ${echo(operator)}; ${hint}`,
    operandAfter: (operator: string) => `expected an operand after ${echo(operator)}`,
    valueAfterComma: "expected a value after ','",
    insideParentheses: "expected an expression inside '()'",
    closeParenthesis: (open: number) => `expected ')' to close the '(' at position ${open}`,
    closeArray: (open: number) => `expected ')' to close the '@(' at position ${open}`,
    valueBefore: (operator: string, hint: string) => `expected a property or a value before ${echo(operator)}; ${hint}`,
    operandFound: (found: string) => `expected a property, a value or '(' but found ${found}`,
    tooDeep: (levels: number) => `the filter is nested more than ${levels} levels deep (parentheses and -not)`,
    unknownVariable: (name: string) => `unknown variable $${echo(name)}: use $True, $False, $Null, $_ or $PSItem`,
    variableMembers: (name: string) => `$${name} has no properties`,
    dashWord: (word: string) => `unexpected '${echo(word)}': operators are a dash and letters, such as -eq`,
    typeCast: (word: string) => `type casts such as ${echo(word)} are not supported: write the value as text, e.g. '2030-01-31'`,
    variableName: "expected a variable name after '$'",
    memberName: (written: string) => `expected a property name after '${written}.'`,
    methodCall: (written: string) => `method calls such as ${written}() are not supported: compare the property itself`,
    indexing: (written: string) => `indexing such as ${written}[...] is not supported: -eq and -like on an array test each item`,
    unknownOperator: (text: string) => `unknown operator ${echo(text)}: use ${operators}`,
    unclosedString: 'missing the closing quote of this string',
    typeName: (word: string) => `type names and indexing such as ${echo(word)} are not supported`,
    command: (word: string) =>
      `commands such as ${echo(word)} are not supported in a filter: put the value in the text, e.g. "$(date -u +%FT%TZ)" for Get-Date`,
    propertyName: (word: string) => `expected a property name but found '${echo(word)}'`,
    commandWord: (word: string) => `${echo(word)} is a command, and cspin runs no commands in a script block`,
    bareWord: (word: string) => `a bare word such as ${echo(word)} is a command in a script block: write $_.${echo(word)} for the property`,
    nestedMember: (path: string) =>
      `member access below a property (${echo(path)}) is not supported: a filter compares the properties of the record itself; use -like or -match for the text of a property`,
    endOfFilter: 'the end of the filter',
    token: (text: string) => `'${echo(text)}'`,
    regularExpression: (pattern: string, reason: string) => `invalid regular expression "${echo(pattern)}": ${reason}`,
    wildcard: (pattern: string, reason: string) => `invalid wildcard pattern "${echo(pattern)}": ${reason}`,
    wildcardBracket: "'[' needs a closing ']' and a character",
    notAPattern: 'not a valid pattern',
  },
  ComparisonFailure: {
    /** `value` is the value's own text (from the filter) or how to name it (from a record). */
    message: (value: string, type: keyof typeof conversionHints, subject: string) =>
      `Cannot convert ${value} to type "${type}" to compare it with ${echo(subject)}. ${conversionHints[type]}`,
    shownValue: (text: string) => `value "${echo(text)}"`,
    theValue: 'the value',
    valueOf: (text: string) => `the value of ${echo(text)}`,
    theProperty: 'the property',
    itemOf: (operator: string) => `an item of -${operator}`,
    valueOfProperty: (property: string) => `the value of ${property}`,
  },
  // Reading CSV (Import-Csv, ConvertFrom-Csv, cspin import).
  MalformedCsvRow: {
    message: onLine,
    quoteThenText: 'a quoted field that opens on this line is closed by a quote followed by more text (an unmatched quote?)',
    neverClosed: 'a quoted field that opens on this line is never closed',
    quotedTooLong: (max: number) => `a quoted field that opens on this line runs past ${max} characters (an unmatched quote?)`,
    tooLong: (max: number) => `the record is longer than ${max} characters; the rest of the line is skipped`,
    // Reported as InvalidUtf8 (whose own text, for NDJSON lines, is the input section's).
    notUtf8: (line: number) => onLine(line, 'the record holds bytes that are not UTF-8'),
  },
  CsvFieldCountMismatch: (line: number, fields: number, columns: number) =>
    onLine(line, `the row has ${plural(fields, 'field')} and the header ${columns} (an unquoted delimiter in a value?)`),
  DuplicateCsvHeader: (line: number, name: string) => `${line > 0 ? `line ${line}: ` : ''}the header names the column "${echo(name)}" twice`,
} satisfies MessageTable<CoreErrorId>;

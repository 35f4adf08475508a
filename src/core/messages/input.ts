/**
 * The core table's section for reading input: NDJSON lines (the line framer, the JSON scanner's
 * reasons and the parse's messages) and stdin. Spread into coreMessages (src/core/messages.ts).
 */
import { echo } from '../echo.js';
import type { CoreErrorId } from '../errorIds.js';
import type { MessageTable } from '../messageTable.js';

/** A problem of one input line: its number, the column where known, and what. */
const onLine = (n: number, column: number | undefined, what: string) => `line ${n}${column === undefined ? '' : `, column ${column}`}: ${what}`;

export const inputMessages = {
  MalformedJson: {
    line: (n: number, column: number | undefined, reason: string) => onLine(n, column, `malformed JSON (${reason})`),
    // The JSON scanner's reasons (src/core/stream/jsonCheck.ts); ConvertFrom-Json words them its own way.
    notJson: 'not valid JSON',
    endsInside: 'the line ends inside the JSON value',
    textAfter: 'text after the JSON value',
    expectedCommaOrBrace: "expected ',' or '}'",
    expectedCommaOrBracket: "expected ',' or ']'",
    expectedKey: 'expected a property name in double quotes',
    expectedColon: "expected ':' after the property name",
    unexpectedCharacter: 'unexpected character',
    controlCharacter: 'a control character inside a string',
    unicodeEscape: 'a \\u escape without four hex digits',
    invalidEscape: 'an invalid escape in a string',
    unclosedString: 'a string that is never closed',
    malformedNumber: 'a malformed number',
  },
  JsonDepthExceeded: {
    line: (n: number, column: number | undefined, reason: string) => onLine(n, column, reason),
    reason: (levels: number) => `nested deeper than ${levels} levels`,
  },
  DuplicateKeysInJsonString: {
    line: (n: number, column: number | undefined, key: string) => onLine(n, column, `the object has the key "${echo(key)}" twice`),
    reason: 'the object has this key twice',
  },
  KeysWithDifferentCasingInJsonString: {
    line: (n: number, column: number | undefined, key: string) =>
      onLine(n, column, `the object has keys that differ only in case ("${echo(key)}"), which PowerShell properties cannot tell apart`),
    reason: 'the object has keys that differ only in case',
  },
  InvalidUtf8: (n: number, byte: number) => onLine(n, undefined, `invalid UTF-8 at byte ${byte}`),
  LineTooLong: (n: number, maxBytes: number) => onLine(n, undefined, `longer than ${maxBytes} bytes`),
  StdinReadError: {
    directory: 'Cannot read standard input: it is a directory (EISDIR).',
    // Node's meaning of the errno (it names no input), and the code.
    read: (meaning: string, code: string | undefined) => `Cannot read standard input: ${code ? `${meaning} (${code})` : meaning}.`,
    unknown: 'read failed',
  },
} satisfies MessageTable<CoreErrorId>;

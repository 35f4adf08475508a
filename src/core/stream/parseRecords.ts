/**
 * Turns framed lines into input records, the way ConvertFrom-Json reads NDJSON, while letting
 * plain-text lines (`cat ids.txt`) through as strings.
 */
import { map, type OperatorFunction } from 'rxjs';
import { errorRecord, isErrorRecord, type ErrorRecord } from '../errors.js';
import { inputMessages } from '../messages/input.js';
import { checkParsed, columnOf, scanJson, type JsonProblem } from './jsonCheck.js';
import type { Line, RecordItem } from './records.js';
import { restoreKeyOrder } from '../record.js';

/**
 * Parses one line.
 * - `{…}` or `[…]` (after leading spaces) must be JSON, else a `MalformedJson` error record that
 *   gives the column, never the text; an object that repeats a key (also in another case) or a
 *   value nested deeper than 1024 levels is an error too; an array is unrolled into one record
 *   per element, all numbered `n`.
 * - A BOM at the start of the line is dropped.
 * - Any other line that is JSON (`"text"`, `42`, `true`, `null`) is that value.
 * - Anything else is the line itself, as a string (not trimmed).
 * @param line - a framed line
 * @returns the records of that line (none for `[]`), or one error record
 */
export function parseLine(line: Line): RecordItem[] {
  const { n } = line;
  let text = line.text.charCodeAt(line.text.length - 1) === 0x0d ? line.text.slice(0, -1) : line.text;
  // A BOM inside the stream is where two files were concatenated (cat a.ndjson b.ndjson): not content.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = text.charCodeAt(firstNonSpace(text));
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return [jsonError(n, text, scanJson(text))];
    }
    if (!checkParsed(text, value)) {
      // JSON.parse took it: only a repeated key or the depth can be wrong.
      const objects: Map<string, string>[] = [];
      const problem = scanJson(text, objects);
      if (problem && problem.errorId !== 'MalformedJson') return [jsonError(n, text, problem)];
      if (!problem) restoreKeyOrder(value, objects);
    }
    return Array.isArray(value) ? value.map((element: unknown) => ({ n, value: element })) : [{ n, value }];
  }
  // Only try JSON.parse when the line can start a JSON scalar: throwing is slow, names are common.
  if (startsJsonScalar(first)) {
    try {
      return [{ n, value: JSON.parse(text) as unknown }];
    } catch {
      // Not JSON after all (`nobody`, `-x`): a plain string.
    }
  }
  return [{ n, value: text }];
}

/**
 * The error for a line that JSON.parse refused or that {@link scanJson} found a problem in. It
 * gives the column and the reason, never the text (JSON.parse's own message quotes it).
 */
function jsonError(n: number, text: string, problem: JsonProblem | undefined): ErrorRecord {
  const where = problem ? columnOf(text, problem.offset) : undefined;
  const message =
    problem?.errorId === 'DuplicateKeysInJsonString' ? inputMessages.DuplicateKeysInJsonString.line(n, where, problem.key ?? '')
    : problem?.errorId === 'KeysWithDifferentCasingInJsonString' ? inputMessages.KeysWithDifferentCasingInJsonString.line(n, where, problem.key ?? '')
    : problem?.errorId === 'JsonDepthExceeded' ? inputMessages.JsonDepthExceeded.line(n, where, problem.reason)
    : inputMessages.MalformedJson.line(n, where, problem?.reason ?? inputMessages.MalformedJson.notJson);
  return errorRecord({
    errorId: problem?.errorId ?? 'MalformedJson',
    category: !problem || problem.errorId === 'MalformedJson' ? 'ParserError' : 'InvalidData',
    message,
    record: n,
  });
}

/**
 * Parses each batch of lines; error records already in the batch pass through, in order.
 * @returns an operator emitting one batch of records per batch of lines
 */
export function parseRecords(): OperatorFunction<(Line | ErrorRecord)[], RecordItem[]> {
  return map((batch) => {
    const out: RecordItem[] = [];
    for (const item of batch) {
      if (isErrorRecord(item)) {
        out.push(item);
        continue;
      }
      for (const record of parseLine(item)) out.push(record);
    }
    return out;
  });
}

/** Index of the first character that is not a space or a tab (JSON's own whitespace). */
function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i;
}

/** `"`, `-`, a digit, or the first letter of `true`, `false`, `null`. */
function startsJsonScalar(c: number): boolean {
  return c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e;
}

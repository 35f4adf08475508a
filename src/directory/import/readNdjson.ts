/** Reads users from NDJSON (`Get-CsUser > users.ndjson`, `jq -c`): one JSON object per line. */
import { isErrorRecord } from '../../core/errors.js';
import { parseLine } from '../../core/stream/parseRecords.js';
import { errorRow, inputLines, type SourceRow } from './sourceRow.js';
import type { RawUser } from './normalizeUser.js';
import { directoryMessages } from '../messages.js';

/**
 * Reads NDJSON users. Each JSON object is a row; a line holding an array gives one row per
 * element. Anything else on a line (a string, a number, malformed JSON, invalid UTF-8) is an
 * error row for that line, and reading goes on.
 * @param input - the NDJSON bytes
 * @returns the rows, numbered by line
 */
export async function* readNdjsonUsers(input: NodeJS.ReadableStream): AsyncIterable<SourceRow> {
  for await (const line of inputLines(input)) {
    if (isErrorRecord(line)) {
      yield errorRow(line);
      continue;
    }
    for (const item of parseLine(line)) {
      if (isErrorRecord(item)) yield errorRow(item, line.n);
      else if (isObject(item.value)) yield { row: item.n, raw: item.value };
      else yield { row: item.n, error: directoryMessages.ImportRowNotObject(describe(item.value)), errorId: 'ImportRowNotObject' };
    }
  }
}

function isObject(value: unknown): value is RawUser {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names what a line held instead of an object by its kind: never its text (it may be anything, a PIN too). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  return typeof value === 'number' ? 'a number' : `a ${typeof value}`;
}

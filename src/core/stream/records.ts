/**
 * The values that flow between the stdin stages: framed text lines, then parsed input records.
 * Problems with a single line travel in-band as {@link ErrorRecord}s, in input order.
 */
import type { ErrorRecord } from '../errors.js';

/** One non-blank input line, decoded, without its `\n` and trailing `\r`. */
export interface Line {
  /** 1-based line number in the input stream (blank lines count too). */
  n: number;
  text: string;
}

/** One object read from the input; a JSON array line yields several, all with the same `n`. */
export interface InputRecord {
  /** 1-based line number the value came from. */
  n: number;
  value: unknown;
}

/** What the record parser emits: a record, or the error that replaced one. */
export type RecordItem = InputRecord | ErrorRecord;

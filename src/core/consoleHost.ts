/**
 * What the engine shows people besides the objects: the output encoder (NDJSON, or PowerShell's
 * console views with coloured table headers on a terminal), and whether output and errors must keep
 * input order on screen.
 */
import { stylesFor } from './colour.js';
import { outputFormatOf } from './environment.js';
import { TerminalFormatter } from './format/index.js';
import { JsonLines, PlainText, expandJsonLines } from './jsonText.js';
import { stringifyRecord } from './record.js';
import { parseJsonOrdered } from './stream/jsonCheck.js';
import type { OutputTarget } from './outputTarget.js';
import { ndjsonEncoder, type OutputEncoder } from './stream/outputWriter.js';

/** stdout as the encoder sees it. */
export interface ConsoleStream {
  isTTY?: boolean;
  columns?: number;
}

/** The encoder for stdout, and what it means for the rest of the command. */
export interface ConsoleOutput {
  encoder: OutputEncoder;
  /** Text for people: errors must not overtake earlier output (the writer is flushed before each). */
  inOrder: boolean;
  /** CSPIN_FORMAT forced a view while stdout is a pipe: the next command will read text. */
  forcedIntoPipe: string | undefined;
}

/**
 * Picks how output objects are written.
 * @param stdout the stream
 * @param env the environment (CSPIN_FORMAT, NO_COLOR, TERM)
 * @param target what stdout is
 * @returns the encoder and its consequences
 */
export function consoleOutput(stdout: ConsoleStream, env: NodeJS.ProcessEnv, target: OutputTarget): ConsoleOutput {
  const format = outputFormatOf(env);
  if (format === 'ndjson' || (format === 'auto' && !stdout.isTTY)) return { encoder: ndjsonEncoder, inOrder: stdout.isTTY === true, forcedIntoPipe: undefined };
  // CSPIN_FORMAT=list or table forces that view (also when piped); anything else picks by property count.
  const view = format === 'list' || format === 'table' ? format : undefined;
  const formatter = new TerminalFormatter({ width: stdout.columns ?? 120, view, headerStyle: stylesFor(stdout, env).tableHeader });
  const piped = !stdout.isTTY && (target.kind === 'pipe' || target.kind === 'socket');
  return {
    // Dates and other non-JSON values become what NDJSON would carry, so both views agree.
    encoder: {
      encode: (items) => {
        // Text output (Get-Help, ConvertTo-Csv) is written as it is; objects go through the view.
        if (!items.some((item) => item instanceof PlainText)) return formatter.push(parseJsonOrdered(stringifyRecord(expandJsonLines(items))) as unknown[]);
        return items.map((item) => (item instanceof PlainText ? item.written : formatter.push(parseJsonOrdered(stringifyRecord(expandJsonLines([item]))) as unknown[]))).join('');
      },
      end: () => formatter.end(),
    },
    inOrder: true,
    forcedIntoPipe: view && piped ? `CSPIN_FORMAT=${format} writes the ${view} view as text for people: the next command in the pipeline will read text, not objects.` : undefined,
  };
}

/**
 * How many objects some output items are (a JsonLines page counts as its lines).
 * @param items output items
 * @returns the count
 */
export function objectCount(items: readonly unknown[]): number {
  let count = 0;
  for (const item of items) count += item instanceof JsonLines ? item.count : 1;
  return count;
}

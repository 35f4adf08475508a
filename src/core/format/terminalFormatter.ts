/**
 * Out-Default for a terminal: turns a stream of records into PowerShell's default console text, with
 * the Format-Table and Format-List engines. The first object decides the view for the whole stream.
 */
import { displayedProperties, formatValue, isRecord } from './formatValue.js';
import { ListFormatter } from './listFormatter.js';
import { DEFAULT_SCREEN_WIDTH } from './screenWidth.js';
import { TableFormatter } from './tableFormatter.js';

/** Options of a {@link TerminalFormatter}. */
export interface TerminalFormatterOptions {
  /** Terminal width in characters (pass `process.stdout.columns`); defaults to 120. */
  width?: number;
  /** Forces a view (Format-List / Format-Table); by default the first record's property count decides. */
  view?: 'list' | 'table';
  /** Styles each line of a table's header (colour on a terminal); @default none */
  headerStyle?: (line: string) => string;
}

/** PowerShell switches from table to list at this many displayed properties (`PropertyCountForTable` + 1). */
export const LIST_VIEW_MIN_PROPERTIES = 5;

/**
 * Formats records the way PowerShell prints them to the console: 5 or more displayed properties in the
 * first object give a list view, fewer a table. Scalars print as one line each. A table's widths come
 * from the rows of the batch that starts it (PowerShell waits 300 ms; a terminal should not wait).
 */
export class TerminalFormatter {
  readonly #width: number;
  readonly #view: 'list' | 'table' | undefined;
  readonly #headerStyle: ((line: string) => string) | undefined;
  #inner: TableFormatter | ListFormatter | undefined;

  /**
   * Creates a formatter.
   * @param options - the terminal width and an optional forced view.
   */
  constructor(options: TerminalFormatterOptions = {}) {
    const { width, view } = options;
    this.#view = view;
    this.#headerStyle = options.headerStyle;
    this.#width = width !== undefined && Number.isFinite(width) && width > 0 ? Math.floor(width) : DEFAULT_SCREEN_WIDTH;
  }

  /**
   * Formats a batch of items.
   * @param items - records or scalars, in output order; arrays are unrolled as the pipeline would.
   * @returns the text to write for just these items (may be empty).
   */
  push(items: unknown[]): string {
    const flat = items.flat(Infinity) as unknown[];
    let out = '';
    for (const item of flat) {
      if (item === null || item === undefined) continue;
      if (this.#inner === undefined && isRecord(item) && displayedProperties(item).length > 0) this.#inner = this.#start(item);
      out += this.#inner === undefined ? `${formatValue(item)}\n` : this.#inner.push(item);
    }
    if (this.#inner instanceof TableFormatter) out += this.#inner.settle();
    return out;
  }

  /**
   * Finishes the output.
   * @returns the blank line that closes a table, or `''`.
   */
  end(): string {
    const out = this.#inner?.end() ?? '';
    this.#inner = undefined;
    return out;
  }

  #start(first: Record<string, unknown>): TableFormatter | ListFormatter {
    const list = this.#view === 'list' || (this.#view === undefined && displayedProperties(first).length >= LIST_VIEW_MIN_PROPERTIES);
    return list ? new ListFormatter(this.#width) : new TableFormatter({ width: this.#width, headerStyle: this.#headerStyle });
  }
}

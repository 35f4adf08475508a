/**
 * Format-Table | Out-String as a stream: the first object picks the columns and their alignment; the
 * rows that arrive within 300 ms of it (all of them with -AutoSize) decide the widths, then rows stream.
 * Values that are not objects (strings, numbers) are written as lines where they come.
 */
import { cellLength } from './displayCells.js';
import { displayedProperties, formatTableValue, formatValue, isRecord, type FormatRecord } from './formatValue.js';
import { DEFAULT_TABLE_COLUMNS, resolveColumns, type Column, type ColumnSource } from './selectProperties.js';
import { TableWriter } from './tableWriter.js';
import type { ColumnAlignment as Alignment } from './selectProperties.js';

/** PowerShell sizes the columns from the rows that arrive in this long (OutCommandInner: 300 ms). */
export const TABLE_SIZING_MS = 300;

/** Options of a {@link TableFormatter}. */
export interface TableFormatterOptions {
  /** The screen width (Out-String -Width). */
  width: number;
  /** -Property names, patterns and calculated properties; undefined: the first object's properties (at most 10). */
  properties?: readonly ColumnSource[];
  autoSize?: boolean;
  hideTableHeaders?: boolean;
  /** Styles each header line (colour on a terminal). */
  headerStyle?: (line: string) => string;
  wrap?: boolean;
  /**
   * The memory budget of the rows held for sizing (estimated: each cell's text and {@link CELL_OVERHEAD},
   * each row {@link ROW_OVERHEAD}): past its limit the widths are decided at once; with -AutoSize the
   * rows are counted through it, and it throws past the limit.
   */
  memory?: { readonly limit: number; hold(bytes: number): void; release(bytes: number): void };
  /** The clock, replaceable in tests. */
  now?: () => number;
}

/** The estimated bytes a held cell costs beyond its text (a V8 string header and its slot in the row). */
export const CELL_OVERHEAD = 32;
/** The estimated bytes a held row costs beyond its cells. */
export const ROW_OVERHEAD = 64;

type Held = { row: string[] } | { text: string };

/** Formats a stream of values as PowerShell's Format-Table shows them. */
export class TableFormatter {
  readonly #options: TableFormatterOptions;
  readonly #now: () => number;
  #columns: Column[] | undefined;
  #align: Alignment[] = [];
  #writer: TableWriter | undefined;
  #held: Held[] = [];
  #heldBytes = 0;
  #startedAt = 0;
  /** With -AutoSize, the table's first blank line waits with the rows: a table that fails writes nothing. */
  #lead = '';

  /** @param options the width and Format-Table's switches */
  constructor(options: TableFormatterOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Formats one input value.
   * @param value an object, a scalar or null
   * @returns the text to write now (may be empty)
   */
  push(value: unknown): string {
    if (value === null || value === undefined) return '';
    // An object without properties shows as its text, an empty line, as in PowerShell.
    if (!isRecord(value) || displayedProperties(value).length === 0) return this.#text(`${formatValue(value)}\n`);
    let out = '';
    if (this.#columns === undefined) out += this.#start(value);
    const row = this.#columns?.map((column) => formatTableValue(column.value(value))) ?? [];
    if (this.#writer !== undefined) return out + this.#rows(row);
    this.#held.push({ row });
    this.#hold(row.reduce((sum, cell) => sum + cell.length + CELL_OVERHEAD, ROW_OVERHEAD));
    // As in PowerShell, the first row after the sizing time still counts for the widths; a first
    // column with its own width means no sizing at all.
    if (this.#columns?.[0]?.width !== undefined) return out + this.#flush();
    if (this.#overLimit() || (!this.#options.autoSize && this.#now() - this.#startedAt > TABLE_SIZING_MS)) out += this.#flush();
    return out;
  }

  /**
   * Decides the widths now from the rows held so far (a terminal shows each batch at once).
   * @returns the held text, or `''`
   */
  settle(): string {
    return this.#columns === undefined ? '' : this.#flush();
  }

  /**
   * Ends the table.
   * @returns the rest of the text: held rows, and the blank line after the table
   */
  end(): string {
    if (this.#columns === undefined) return '';
    return `${this.#flush()}\n`;
  }

  #text(text: string): string {
    if (this.#columns === undefined || this.#writer !== undefined) return text;
    this.#held.push({ text });
    this.#hold(text.length + ROW_OVERHEAD);
    return this.#overLimit() ? this.#flush() : '';
  }

  #hold(chars: number): void {
    this.#heldBytes += chars;
    if (this.#options.autoSize) this.#options.memory?.hold(chars);
  }

  #overLimit(): boolean {
    return this.#heldBytes > (this.#options.memory?.limit ?? Infinity);
  }

  #start(first: FormatRecord): string {
    const columns = resolveColumns(first, this.#options.properties, true);
    this.#columns = this.#options.properties === undefined ? columns.slice(0, DEFAULT_TABLE_COLUMNS) : columns;
    this.#align = this.#columns.map((column) => column.alignment ?? alignmentOf(column.value(first)));
    this.#startedAt = this.#now();
    if (!this.#options.autoSize) return '\n';
    this.#lead = '\n';
    return '';
  }

  #flush(): string {
    if (this.#writer !== undefined) return '';
    const columns = this.#columns ?? [];
    const labels = columns.map((column) => column.label);
    const fixed = columns[0]?.width !== undefined;
    const widths = fixed ? columns.map((column) => column.width ?? 0) : labels.map((label) => cellLength(label));
    for (const item of fixed ? [] : this.#held) {
      if (!('row' in item)) continue;
      item.row.forEach((cell, k) => {
        widths[k] = Math.max(widths[k] ?? 0, cellLength(cell));
      });
    }
    this.#writer = new TableWriter(labels, widths, this.#align, this.#options.width);
    const style = this.#options.headerStyle;
    const header = this.#writer.header();
    let out = this.#lead + (this.#options.hideTableHeaders ? '' : lines(style ? header.map(style) : header));
    this.#lead = '';
    for (const item of this.#held) out += 'row' in item ? this.#rows(item.row) : item.text;
    this.#held = [];
    if (this.#options.autoSize) this.#options.memory?.release(this.#heldBytes);
    this.#heldBytes = 0;
    return out;
  }

  #rows(row: string[]): string {
    return lines(this.#writer?.row(row, this.#options.wrap === true) ?? []);
  }
}

/** A column's alignment comes from the first object's value: numbers and booleans to the right. */
function alignmentOf(value: unknown): Alignment {
  return typeof value === 'number' || typeof value === 'boolean' ? 'right' : 'left';
}

function lines(text: readonly string[]): string {
  let out = '';
  for (const line of text) out += `${line}\n`;
  return out;
}

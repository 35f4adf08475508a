/**
 * Out-Default for a terminal: turns a stream of records into PowerShell's default console text,
 * batch by batch.
 */
import { displayedProperties, formatValue, isRecord, type FormatRecord } from './formatValue.js';
import { formatListEntry } from './listView.js';
import { formatTableHeader, formatTableRow, planTable, type TableColumn } from './tableView.js';

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

const DEFAULT_WIDTH = 120;

type Shape = { kind: 'list' } | { kind: 'table'; columns: TableColumn[] };

/**
 * Formats records the way PowerShell prints them to the console. The first record decides the shape:
 * 5 or more displayed properties give a list view, fewer give a table whose columns and widths come from
 * the first batch. Scalars print as one line each.
 */
export class TerminalFormatter {
  private readonly width: number;
  private readonly view: 'list' | 'table' | undefined;
  private readonly headerStyle: ((line: string) => string) | undefined;
  private shape: Shape | undefined;
  private rowsWritten = false;

  /**
   * Creates a formatter.
   * @param options - the terminal width and an optional forced view.
   */
  constructor(options: TerminalFormatterOptions = {}) {
    const { width, view } = options;
    this.view = view;
    this.headerStyle = options.headerStyle;
    this.width = width !== undefined && Number.isFinite(width) && width > 0 ? Math.floor(width) : DEFAULT_WIDTH;
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
      // Out-Default prints nothing for $null.
      if (item === null || item === undefined) continue;
      if (!isRecord(item)) {
        out += `${formatValue(item)}\n`;
        continue;
      }
      // A record with nothing to show prints nothing and does not decide the shape.
      if (this.shape === undefined && displayedProperties(item).length === 0) continue;
      out += this.shape === undefined ? this.start(item, flat) : '';
      out += this.formatRecord(item);
    }
    return out;
  }

  /**
   * Finishes the output.
   * @returns the blank line that closes a table, or `''`.
   */
  end(): string {
    const out = this.rowsWritten ? '\n' : '';
    this.rowsWritten = false;
    return out;
  }

  // Picks the shape from the first record; a table plans its widths from that record's batch.
  private start(first: FormatRecord, batch: unknown[]): string {
    const names = displayedProperties(first);
    if (this.view === 'list' || (this.view === undefined && names.length >= LIST_VIEW_MIN_PROPERTIES)) {
      this.shape = { kind: 'list' };
      return '\n';
    }
    const rows = batch.filter(isRecord);
    const columns = planTable(names, rows, this.width);
    this.shape = { kind: 'table', columns };
    const header = formatTableHeader(columns);
    const style = this.headerStyle;
    return `\n${style ? header.replace(/[^\n]+/g, (line) => style(line)) : header}`;
  }

  private formatRecord(record: FormatRecord): string {
    if (this.shape?.kind !== 'table') return formatListEntry(record);
    this.rowsWritten = true;
    return formatTableRow(this.shape.columns, record);
  }
}

/**
 * PowerShell's table view (Format-Table): a header, a dash underline, then one row per object.
 */
import { formatValue, type FormatRecord } from './formatValue.js';

/** One table column: the property it shows, its width in characters and its header alignment. */
export interface TableColumn {
  name: string;
  width: number;
  /** Right-aligned when the column holds numbers, like PowerShell's numeric columns. */
  alignRight: boolean;
}

const ELLIPSIS = '…';

// Count code points, not UTF-16 units, so cutting never splits a surrogate pair.
function length(text: string): number {
  return Array.from(text).length;
}

/**
 * Fits text into a cell: the first line only, cut with `…` when it is too long, then padded.
 * @param text - the display text of the value.
 * @param width - the cell width.
 * @param alignRight - pad on the left instead of the right.
 * @returns text exactly `width` characters long.
 */
export function fitCell(text: string, width: number, alignRight: boolean): string {
  const lines = text.split(/\r?\n/);
  // A cell has one line; mark that more lines were dropped just as a cut value is marked.
  let cell = (lines[0] ?? '') + (lines.length > 1 ? ELLIPSIS : '');
  if (length(cell) > width) cell = Array.from(cell).slice(0, Math.max(0, width - 1)).join('') + ELLIPSIS;
  const pad = ' '.repeat(Math.max(0, width - length(cell)));
  return alignRight ? pad + cell : cell + pad;
}

/**
 * Plans the columns of a table: each as wide as its header and widest value in `rows`, then the
 * widest columns are narrowed until the row (with one space between columns) fits `maxWidth`.
 * @param names - the property names, in order.
 * @param rows - the records that decide the widths (PowerShell looks at the first ones only).
 * @param maxWidth - the terminal width.
 * @returns the planned columns.
 */
export function planTable(names: string[], rows: FormatRecord[], maxWidth: number): TableColumn[] {
  const widths = names.map((name) =>
    Math.max(length(name), ...rows.map((row) => length(formatValue(row[name]).split(/\r?\n/)[0] ?? ''))),
  );
  const available = maxWidth - Math.max(0, names.length - 1);
  const fitted = capWidths(widths, available);
  return names.map((name, i) => ({
    name,
    width: fitted[i] ?? 1,
    alignRight: isNumericColumn(name, rows),
  }));
}

// A column is numeric when it has numbers and nothing else but empty cells.
function isNumericColumn(name: string, rows: FormatRecord[]): boolean {
  const values = rows.map((row) => row[name]).filter((value) => value !== null && value !== undefined);
  return values.length > 0 && values.every((value) => typeof value === 'number' || typeof value === 'bigint');
}

// Finds the largest cap C with sum(min(w, C)) <= available, then hands the remainder to capped columns
// left to right, so narrow columns keep their full width and only the wide ones are cut.
function capWidths(widths: number[], available: number): number[] {
  const total = widths.reduce((sum, w) => sum + w, 0);
  if (total <= available) return widths;
  let cap = 1;
  while (widths.reduce((sum, w) => sum + Math.min(w, cap + 1), 0) <= available) cap += 1;
  const capped = widths.map((w) => Math.min(w, cap));
  let spare = available - capped.reduce((sum, w) => sum + w, 0);
  return capped.map((w, i) => {
    if (spare > 0 && w < (widths[i] ?? 0)) {
      spare -= 1;
      return w + 1;
    }
    return w;
  });
}

/**
 * Formats the header and the dash underline of a table; the dashes are as long as the header text
 * (or the column, when the header is cut).
 * @param columns - the planned columns.
 * @returns two lines, each ending with a newline.
 */
export function formatTableHeader(columns: TableColumn[]): string {
  const header = columns.map((c) => fitCell(c.name, c.width, c.alignRight));
  // A cut header keeps a plain dash line, never one ending in `…`.
  const underline = columns.map((c) => fitCell('-'.repeat(Math.min(length(c.name), c.width)), c.width, c.alignRight));
  return `${joinCells(header)}\n${joinCells(underline)}\n`;
}

/**
 * Formats one record as a table row: numbers right-aligned, other values left-aligned; a missing
 * property is an empty cell and properties without a column are not shown.
 * @param columns - the planned columns.
 * @param record - the record.
 * @returns the row, ending with a newline.
 */
export function formatTableRow(columns: TableColumn[], record: FormatRecord): string {
  const cells = columns.map((c) => {
    const value = record[c.name];
    return fitCell(formatValue(value), c.width, typeof value === 'number' || typeof value === 'bigint');
  });
  return `${joinCells(cells)}\n`;
}

// PowerShell does not pad the last column, so drop trailing spaces.
function joinCells(cells: string[]): string {
  return cells.join(' ').trimEnd();
}

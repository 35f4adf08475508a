/**
 * PowerShell's table writer (TableWriter, ColumnWidthManager): fits the columns to the screen width by
 * shrinking, then hiding, the rightmost ones; writes the header, the dash line and the rows, padding and
 * cutting cells with `…` exactly as PowerShell does, trailing blanks included.
 */
import { cellLength, headFit, tailStart } from './displayCells.js';
import { wrapLines } from './wrapLines.js';

export type Alignment = 'left' | 'right' | 'center';

const ELLIPSIS = '…';
const MIN_SCREEN = 5;

/**
 * Fits column widths to the screen (ColumnWidthManager.CalculateColumnWidths): unknown widths (0) share
 * the spare room; when the columns do not fit, the last visible one shrinks or is hidden (-1).
 * @param widths wanted widths in cells
 * @param screen the screen width
 * @returns the widths to use, hidden columns as -1
 */
export function fitColumns(widths: readonly number[], screen: number): number[] {
  const out = [...widths];
  const total = (w: number[]): number => {
    const visible = w.filter((x) => x > 0);
    return visible.reduce((sum, x) => sum + x, 0) + visible.length - 1;
  };
  if (out.every((w) => w > 0)) {
    if (total(out) <= screen) return out;
  } else {
    const fixed = out.map((w) => w > 0);
    for (let k = 0; k < out.length; k++) if (out[k] === 0) out[k] = 1;
    let available = screen - total(out);
    if (available === 0) return out;
    if (available > 0) {
      while (available > 0 && fixed.includes(false)) {
        for (let k = 0; k < out.length && available > 0; k++) {
          if (fixed[k]) continue;
          out[k] = (out[k] ?? 0) + 1;
          available--;
        }
      }
      return out;
    }
  }
  for (;;) {
    const excess = total(out) - screen;
    if (excess <= 0) return out;
    const firstHidden = out.findIndex((w) => w < 0);
    const last = (firstHidden < 0 ? out.length : firstHidden) - 1;
    if (last < 0) return out;
    const shrunk = (out[last] ?? 0) - excess;
    out[last] = shrunk < 1 ? -1 : shrunk;
  }
}

/** A table's columns as the writer lays them out. */
export class TableWriter {
  readonly #labels: readonly string[];
  readonly #widths: number[];
  readonly #align: readonly Alignment[];
  readonly #disabled: boolean;

  /**
   * @param labels the column labels
   * @param widths the wanted widths (labels and values, in cells)
   * @param align each column's alignment
   * @param screen the screen width
   */
  constructor(labels: readonly string[], widths: readonly number[], align: readonly Alignment[], screen: number) {
    this.#labels = labels;
    this.#align = align;
    this.#widths = fitColumns(widths, screen);
    this.#disabled = screen < MIN_SCREEN || labels.length === 0 || !this.#widths.some((w) => w >= 1);
  }

  /**
   * The header lines: the labels (wrapped when wider than their column) and the dashes.
   * @returns the lines, without newlines
   */
  header(): string[] {
    if (this.#disabled) return [];
    const dashes = this.#labels.map((label, k) => {
      const width = this.#widths[k] ?? 0;
      if (width <= 0) return '';
      return '-'.repeat(label === '' ? width : Math.min(width, cellLength(label)));
    });
    return [...this.#multiLineRow(this.#labels), this.#singleLineRow(dashes)];
  }

  /**
   * A row's lines: one, cut to the columns; or, with wrap, as many as the longest wrapped cell.
   * @param values the cells' text
   * @param wrap whether to wrap instead of cutting
   * @returns the lines, without newlines
   */
  row(values: readonly string[], wrap: boolean): string[] {
    if (this.#disabled) return [];
    return wrap ? this.#multiLineRow(values) : [this.#singleLineRow(values)];
  }

  #singleLineRow(values: readonly string[]): string {
    let line = '';
    const count = this.#widths.length;
    for (let k = 0; k < count; k++) {
      const width = this.#widths[k] ?? 0;
      if (width <= 0) continue;
      if (k > 0) line += ' ';
      // PowerShell pads every column but the last declared one, even when that one is hidden.
      line += rowField(values[k] ?? '', width, this.#align[k] ?? 'left', k < count - 1);
    }
    return line;
  }

  #multiLineRow(values: readonly string[]): string[] {
    const valid = this.#widths.flatMap((w, k) => (w > 0 ? [k] : []));
    const cells = valid.map((k, i) => {
      const width = this.#widths[k] ?? 0;
      const align = this.#align[k] ?? 'left';
      const addPadding = i < valid.length - 1;
      const lines = wrapLines(values[k] ?? '', width, width).map((line) =>
        (addPadding || align !== 'left') && cellLength(line) < width ? rowField(line, width, align, addPadding) : line,
      );
      return i > 0 ? lines.map((line) => ` ${line}`) : lines;
    });
    const rows = Math.max(0, ...cells.map((c) => c.length));
    const lastWithContent = Array.from({ length: rows }, (_, row) => cells.reduce((last, c, col) => (c.length > row ? col : last), 0));
    cells.forEach((column, col) => {
      const k = valid[col] ?? 0;
      const blanks = col < cells.length - 1 ? (this.#widths[k] ?? 0) + (col > 0 ? 1 : 0) : 0;
      for (let row = column.length; row < rows; row++) column.push(col > (lastWithContent[row] ?? 0) ? '' : ' '.repeat(blanks));
    });
    return Array.from({ length: rows }, (_, row) =>
      cells.map((column, col) => (col === lastWithContent[row] && rows > 1 ? (column[row] ?? '').trimEnd() : (column[row] ?? ''))).join(''),
    );
  }
}

/**
 * One cell (TableWriter.GenerateRowField): the first line of the value (`…` marks more lines), cut with
 * `…` at the end (left-aligned) or the start (right-aligned) when too wide, padded to the width.
 * @param value the cell text
 * @param width the column width
 * @param align the alignment
 * @param addPadding whether a left-aligned cell is padded on the right
 * @returns the cell
 */
export function rowField(value: string, width: number, align: Alignment, addPadding: boolean): string {
  const lineBreak = value.search(/[\r\n]/);
  let s = lineBreak < 0 ? value : value.slice(0, lineBreak) + ELLIPSIS;
  const cells = cellLength(s);
  if (cells < width) {
    const pad = width - cells;
    if (align === 'right') s = ' '.repeat(pad) + s;
    else if (align === 'center') s = ' '.repeat(Math.floor(pad / 2)) + s + (addPadding ? ' '.repeat(pad - Math.floor(pad / 2)) : '');
    else if (addPadding) s += ' '.repeat(pad);
  } else if (cells > width) {
    const room = width - 1;
    if (room > 0) s = align === 'right' ? ELLIPSIS + s.slice(tailStart(s, room)) : s.slice(0, headFit(s, 0, room)) + ELLIPSIS;
    else s = align === 'right' ? s.slice(tailStart(s, width)) : s.slice(0, headFit(s, 0, width));
  }
  // Cutting before a wide character can leave the cell one cell short.
  if (cellLength(s) === width) return s;
  if (align === 'right') return ` ${s}`;
  return addPadding ? `${s} ` : s;
}

/**
 * Format-List | Out-String as a stream: each object as `Label : value` lines, labels padded to the
 * longest of that object, values wrapped at the screen width, a blank line before the first object and
 * after each one. Values that are not objects are written as lines where they come.
 */
import { cellLength, headFit } from './displayCells.js';
import { displayedProperties, formatValue, isRecord } from './formatValue.js';
import { resolveColumns, type ColumnSource } from './selectProperties.js';
import { splitLines, wrapLines } from './wrapLines.js';

const SEPARATOR = ' : ';

/** Formats a stream of values as PowerShell's Format-List shows them. */
export class ListFormatter {
  readonly #width: number;
  readonly #properties: readonly ColumnSource[] | undefined;
  #started = false;

  /**
   * @param width the screen width (Out-String -Width)
   * @param properties -Property names, patterns and calculated properties; undefined: each object's own properties
   */
  constructor(width: number, properties?: readonly ColumnSource[]) {
    this.#width = width;
    this.#properties = properties;
  }

  /**
   * Formats one input value.
   * @param value an object, a scalar or null
   * @returns the text to write
   */
  push(value: unknown): string {
    if (value === null || value === undefined) return '';
    // An object without properties shows as its text, an empty line, as in PowerShell.
    if (!isRecord(value) || displayedProperties(value).length === 0) return `${formatValue(value)}\n`;
    const columns = resolveColumns(value, this.#properties, false);
    const start = this.#started ? '' : '\n';
    this.#started = true;
    return `${start}${this.#entry(
      columns.map((column) => column.label),
      columns.map((column) => formatValue(column.value(value))),
    )}\n`;
  }

  /** @returns nothing: each entry already ends with its blank line */
  end(): string {
    return '';
  }

  // ListWriter: labels padded (or cut) to a common width, then " : ", values wrapped under each other.
  #entry(names: string[], values: string[]): string {
    if (names.length === 0 || this.#width - SEPARATOR.length - 2 < 0) return '';
    const maxLabel = this.#width - SEPARATOR.length - 1;
    const labelWidth = Math.min(maxLabel, Math.max(...names.map((name) => cellLength(name))));
    const field = this.#width - labelWidth - SEPARATOR.length;
    const indent = ' '.repeat(labelWidth + SEPARATOR.length);
    let out = '';
    names.forEach((name, k) => {
      const cells = cellLength(name);
      const label = (cells > labelWidth ? name.slice(0, headFit(name, 0, labelWidth)) : name + ' '.repeat(labelWidth - cells)) + SEPARATOR;
      splitLines(values[k] ?? '').forEach((line, i) => {
        wrapLines(line, field, field).forEach((part, j) => {
          out += `${i === 0 && j === 0 ? label : indent}${part}\n`;
        });
      });
    });
    return out;
  }
}

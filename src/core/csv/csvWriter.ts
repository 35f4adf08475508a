/**
 * Writes objects as CSV lines with Export-Csv's rules: the columns are the first object's properties,
 * a later object's missing property is an empty cell and its extra ones are dropped; a value is its
 * PowerShell ToString(); `$null` is an empty cell, never quoted; quoting by -UseQuotes / -QuoteFields.
 * Hand-written rather than csv-stringify: PowerShell's rules (null unquoted under Always, AsNeeded not
 * triggered by a lone CR, quoting per column) are not the library's, and it was 4.6 times slower over
 * a million rows (README, Design).
 */
import { stringText, toStringValue } from '../format/formatValue.js';
import { TYPE_NAME_PROPERTY, findProperty, isPSObject, typeNameOf } from '../psobject.js';
import { propertyNames } from '../record.js';

/** -UseQuotes. */
export type QuoteMode = 'Always' | 'AsNeeded' | 'Never';

/** How lines are written. */
export interface CsvWriterOptions {
  /** One character. @default ',' */
  delimiter?: string;
  /** @default 'Always' */
  quotes?: QuoteMode;
  /** Only these columns are quoted (names matched case-insensitively), the others never. */
  quoteFields?: readonly string[];
}

/** How one column's text is written: quoted and escaped, bare, or quoted only when it must be. */
type Quoter = (text: string) => string;

const always: Quoter = (text) => `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
const never: Quoter = (text) => text;

/**
 * The properties an input object has as CSV columns: an object's own (PSTypeName aside), a string's
 * `Length`, nothing for other values (PowerShell's value types have no properties worth a column).
 * @param value the first input object
 * @returns its column names, in order
 */
export function csvColumns(value: unknown): string[] {
  if (isPSObject(value)) return propertyNames(value).filter((name) => name !== TYPE_NAME_PROPERTY);
  if (typeof value === 'string') return ['Length'];
  return [];
}

/**
 * The `#TYPE` line -IncludeTypeInformation writes: the first object's type, a leading `CSV:` left out.
 * @param value the first input object
 * @returns the line
 */
export function csvTypeLine(value: unknown): string {
  return `#TYPE ${typeNameOf(value).replace(/^CSV:/, '')}`;
}

/** Renders the header and rows of one CSV stream. */
export class CsvWriter {
  readonly #columns: readonly string[];
  readonly #delimiter: string;
  readonly #quoters: readonly Quoter[];

  /**
   * @param columns the column names, in order
   * @param options delimiter and quoting
   */
  constructor(columns: readonly string[], options: CsvWriterOptions = {}) {
    this.#columns = columns;
    const delimiter = options.delimiter ?? ',';
    this.#delimiter = delimiter;
    const asNeeded: Quoter = (text) => (text.includes(delimiter) || text.includes('"') || text.includes('\n') ? always(text) : text);
    const fields = options.quoteFields?.map((name) => name.toLowerCase());
    const mode = options.quotes ?? 'Always';
    const byMode = mode === 'Always' ? always : mode === 'Never' ? never : asNeeded;
    this.#quoters = columns.map((name) => (fields ? (fields.includes(name.toLowerCase()) ? always : never) : byMode));
  }

  /** The header line (without its newline). */
  header(): string {
    let line = '';
    for (let i = 0; i < this.#columns.length; i++) {
      if (i > 0) line += this.#delimiter;
      line += (this.#quoters[i] ?? always)(this.#columns[i] ?? '');
    }
    return line;
  }

  /**
   * One object's line (without its newline).
   * @param value an input object
   * @returns the line
   */
  row(value: unknown): string {
    const record = isPSObject(value) ? value : undefined;
    let line = '';
    for (let i = 0; i < this.#columns.length; i++) {
      if (i > 0) line += this.#delimiter;
      const cell = cellOf(value, record, this.#columns[i] ?? '');
      if (cell !== null) line += (this.#quoters[i] ?? always)(cell);
    }
    return line;
  }
}

/** A column's text for one object, or null for an empty unquoted cell ($null or no such property). */
function cellOf(value: unknown, record: Record<string, unknown> | undefined, column: string): string | null {
  let member: unknown;
  if (record) {
    // Properties are found case-insensitively, as PowerShell's are; the exact spelling first (fast).
    member = Object.hasOwn(record, column) ? record[column] : findProperty(record, column)?.value;
  } else if (typeof value === 'string' && column === 'Length') {
    member = value.length;
  }
  if (member === null || member === undefined) return null;
  // The usual kinds first, without toStringValue's checks for arrays and objects.
  if (typeof member === 'string') return looksLikeDate(member) ? stringText(member) : member;
  if (typeof member === 'boolean') return member ? 'True' : 'False';
  return toStringValue(member);
}

/** Whether a string may be an ISO timestamp (then formatted as a date): a cheap test before the parse. */
function looksLikeDate(text: string): boolean {
  return text.length >= 19 && text.charCodeAt(4) === 0x2d && text.charCodeAt(10) === 0x54;
}

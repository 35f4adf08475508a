/**
 * What Export-Csv and ConvertTo-Csv share: the parameters that shape the CSV, their checks, and the
 * turning of input objects into lines (the header from the first object, then one line per object).
 */
import { CsvParser } from '../core/csv/csvParser.js';
import { CsvWriter, csvColumns, csvTypeLine, type QuoteMode } from '../core/csv/csvWriter.js';
import { PSObjectType } from '../core/objectType.js';
import { NameListType } from '../core/propertyType.js';
import { cmdletMessages } from './messages.js';
import { StringType, SwitchType, TerminatingError, echo, enumType, findProperty, isPSObject, usageError } from '../core/index.js';

/**
 * Checks -Delimiter as PowerShell binds a [char]: one UTF-16 unit, else CannotConvertArgumentNoMessage.
 * @param delimiter the bound text
 * @throws TerminatingError (usage, exit 2) when it is not one character
 */
export function checkDelimiter(delimiter: string | undefined): void {
  if (delimiter === undefined || delimiter.length === 1) return;
  const shown = echo(delimiter);
  throw usageError('CannotConvertArgumentNoMessage', cmdletMessages.CannotConvertArgumentNoMessage.delimiter(shown), shown);
}

export const QUOTE_MODES = enumType('QuoteKind', { Never: 0, Always: 1, AsNeeded: 2 });

/** The parameters both cmdlets take. */
export const CSV_PARAMETERS = {
  InputObject: {
    type: PSObjectType,
    mandatory: true,
    valueFromPipeline: true,
    allowEmptyString: true,
    description: 'The objects to write as CSV rows: each pipeline record (a null record is an error, as in PowerShell). The first object decides the columns.',
  },
  Delimiter: { type: StringType, position: 1, description: 'The character between values; @default ",".' },
  NoTypeInformation: { type: SwitchType, aliases: ['NTI'], description: 'Accepted and ignored, as in PowerShell 7: no #TYPE line is written unless -IncludeTypeInformation.' },
  IncludeTypeInformation: { type: SwitchType, aliases: ['ITI'], description: 'Writes a first line "#TYPE <type name>" (the first object\'s PSTypeName, or System.Management.Automation.PSCustomObject).' },
  UseQuotes: { type: QUOTE_MODES, description: 'Always (the default: every header and value in double quotes), AsNeeded (only values holding the delimiter, a double quote or a newline) or Never.' },
  QuoteFields: {
    type: NameListType,
    description: 'Only these columns are quoted, a comma list (names case-insensitive): Name,Count or Name, Count; the others never are.',
  },
  NoHeader: { type: SwitchType, description: 'Writes no header line.' },
} as const;

/** The bound values of {@link CSV_PARAMETERS} that shape the text. */
export interface CsvShape {
  Delimiter?: string;
  IncludeTypeInformation?: boolean;
  UseQuotes?: QuoteMode;
  QuoteFields?: readonly string[];
  NoHeader?: boolean;
}

/** Checks the parameters that cannot go together; a usage error (exit 2) before anything is read. */
export function checkCsvShape(params: CsvShape & { Append?: boolean }): void {
  checkDelimiter(params.Delimiter);
  if (params.UseQuotes !== undefined && params.QuoteFields !== undefined) {
    throw usageError('CannotSpecifyQuoteFieldsAndUseQuotes', cmdletMessages.CannotSpecifyQuoteFieldsAndUseQuotes);
  }
  if (params.Append && params.NoHeader) {
    throw usageError('CannotSpecifyBothAppendAndNoHeader', cmdletMessages.CannotSpecifyBothAppendAndNoHeader);
  }
}

/**
 * Turns input objects into CSV lines: the #TYPE and header lines come with the first object.
 * Export-Csv -Append gives the columns of the file it appends to.
 */
export class CsvLines {
  #writer: CsvWriter | undefined;
  readonly #shape: CsvShape;
  readonly #append: { columns: string[]; force: boolean; path: string } | undefined;

  constructor(shape: CsvShape, append?: { columns: string[]; force: boolean; path: string }) {
    this.#shape = shape;
    this.#append = append;
  }

  /**
   * The lines for one input object (the first one's come after the #TYPE and header lines).
   * @param value the input object
   * @returns the lines, without newlines
   */
  lines(value: unknown): string[] {
    if (this.#writer) return [this.#writer.row(value)];
    const options = { delimiter: this.#shape.Delimiter, quotes: this.#shape.UseQuotes, quoteFields: this.#shape.QuoteFields };
    if (this.#append) {
      this.#checkAppend(value, this.#append);
      this.#writer = new CsvWriter(this.#append.columns, options);
      return [this.#writer.row(value)];
    }
    this.#writer = new CsvWriter(csvColumns(value), options);
    const out: string[] = [];
    if (this.#shape.IncludeTypeInformation) out.push(csvTypeLine(value));
    if (!this.#shape.NoHeader) out.push(this.#writer.header());
    out.push(this.#writer.row(value));
    return out;
  }

  /** Every column of the file must be a property of the first appended object, unless -Force. */
  #checkAppend(value: unknown, append: { columns: string[]; force: boolean; path: string }): void {
    if (append.force) return;
    const missing = append.columns.find((column) => !(isPSObject(value) ? findProperty(value, column) : typeof value === 'string' && column.toLowerCase() === 'length'));
    if (missing === undefined) return;
    throw new TerminatingError({
      errorId: 'CannotAppendCsvWithMismatchedPropertyNames',
      category: 'InvalidData',
      message: cmdletMessages.CannotAppendCsvWithMismatchedPropertyNames(append.path, missing),
      target: echo(append.path),
    });
  }
}

/**
 * The column names of a CSV file's header, as Import-Csv reads them (a #TYPE line and other `#` lines
 * before the header skipped).
 * @param head the file's first bytes, as text
 * @param delimiter the delimiter
 * @returns the names, or undefined when the text holds no header
 */
export function headerOf(head: string, delimiter: string): string[] | undefined {
  const parser = new CsvParser({ delimiter, maxRecordSize: head.length + 1 });
  for (const event of [...parser.push(head), ...parser.end()]) {
    if ('row' in event && !event.row.fields[0]?.startsWith('#')) return event.row.fields;
  }
  return undefined;
}

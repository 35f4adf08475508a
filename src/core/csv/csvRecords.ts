/**
 * Reads CSV the way PowerShell's Import-Csv does, as a stream: one record per row, each numbered
 * with the physical line it starts on; a bad row becomes an {@link ErrorRecord} and reading goes on.
 */
import { echo } from '../echo.js';
import { errorRecord, isErrorRecord, type ErrorRecord } from '../errors.js';
import { coreMessages } from '../messages.js';
import { chunksOf, unreadableInput } from '../stream/readChunks.js';
import { CsvParser, type CsvEvent, type CsvRow } from './csvParser.js';
import { Utf8Text, type DecodedText } from './utf8Text.js';
import { isIntegerLikeKey, markHoldsOrder, setOrder } from '../record.js';

/** The W3C extended log format's header line (IIS logs): what follows it is the header. */
const W3C_FIELDS = '#Fields: ';

/** One CSV row: column name → value, in header order. */
export interface CsvRecord {
  /** 1-based physical line the row starts on (a quoted field may span lines). */
  row: number;
  /** Every value is a string; a missing trailing field is `null`. */
  record: Record<string, string | null>;
  /** The name from a `#TYPE <name>` first line (PowerShell's TypeNames are then `<name>`, `CSV:<name>`). */
  typeName?: string;
}

/** What {@link csvRecords} yields: a row, or the error that replaced one. */
export type CsvItem = CsvRecord | ErrorRecord;

/** Options of {@link csvRecords}. */
export interface CsvRecordsOptions {
  /** Field separator. @default ',' */
  delimiter?: string;
  /** Column names; the first line is then data, as with `Import-Csv -Header`. */
  header?: readonly string[];
  /**
   * Longest record in characters. Past it the record is reported and reading goes on at the line
   * after its open quote (or the next line). @default 4194304
   */
  maxRecordSize?: number;
  /**
   * A row whose number of fields differs from the header's is a `CsvFieldCountMismatch` error
   * instead of a row with fields dropped or null (an unquoted delimiter shifts every column after
   * it). Import-Csv does not check; `cspin import` does. @default false
   */
  strictColumns?: boolean;
  /**
   * Called once, with the first record, when the header left a column unnamed (named H1, H2…):
   * PowerShell warns then. @default none
   */
  onUnnamedColumns?: () => void;
}

/**
 * Reads CSV records with Import-Csv semantics: the first line is the header (unless `header` is
 * given), a first line `#TYPE T` names the type, blank header names become `H1`, `H2`…, a
 * duplicate header name ends the file with a `DuplicateCsvHeader` error, extra fields are
 * ignored, missing ones are null, and blank lines are skipped. A bad record is an error in its
 * place: `MalformedCsvRow` (an unmatched quote, named by the line it opens on; reading goes on at
 * the line after), `InvalidUtf8`, or `CsvFieldCountMismatch` with `strictColumns`. Memory holds
 * one record: the reader is pulled with `for await`, so a slow consumer pauses the reading.
 * @param input - the CSV bytes (UTF-8, with or without BOM; LF, CRLF or CR line ends)
 * @param options - delimiter, header, limits; see {@link CsvRecordsOptions}
 * @returns the rows in file order, with errors in place of unreadable ones
 * @throws TerminatingError when the input is a directory or cannot be read
 */
export async function* csvRecords(input: NodeJS.ReadableStream, options: CsvRecordsOptions = {}): AsyncIterable<CsvItem> {
  const given = options.header && headerNames([...options.header], 0);
  if (isErrorRecord(given)) {
    yield given;
    return;
  }
  const unreadable = unreadableInput(input);
  if (unreadable) throw unreadable;
  const reader = new RecordReader(options, given);
  const decoder = new Utf8Text();
  const parser = new CsvParser({ delimiter: options.delimiter ?? ',', maxRecordSize: options.maxRecordSize ?? 4 * 1024 * 1024 });
  const feed = function* (decoded: DecodedText, events: CsvEvent[]): Generator<CsvItem> {
    reader.invalid.push(...decoded.invalid);
    for (const event of events) {
      const item = reader.read(event);
      if (item) yield item;
      if (reader.done) return;
    }
  };
  for await (const chunk of chunksOf(input)) {
    const decoded = decoder.push(chunk);
    yield* feed(decoded, parser.push(decoded.text));
    if (reader.done) return;
  }
  const last = decoder.end();
  yield* feed(last, [...parser.push(last.text), ...parser.end()]);
}

/** Turns parser events into records: the type line, the header, then rows. */
class RecordReader {
  /** Pieces of the text that held invalid UTF-8, in order. */
  readonly invalid: [number, number][] = [];
  done = false;
  #header: string[] | undefined;
  #columns = 0;
  #typeName: string | undefined;
  /** Whether a column name is integer-like, so records carry their order. */
  #ordered = false;
  /** Whether a column had no name; cleared once the warning is given. */
  #unnamed = false;
  readonly #onUnnamed: (() => void) | undefined;
  readonly #strict: boolean;

  constructor(options: CsvRecordsOptions, header: string[] | undefined) {
    if (header) this.#setHeader(header, options.header ?? header);
    this.#strict = options.strictColumns === true;
    this.#onUnnamed = options.onUnnamedColumns;
  }

  read(event: CsvEvent): CsvItem | undefined {
    if ('comment' in event) {
      if (/^#type/i.test(event.comment)) this.#typeName = event.comment.slice(5).trim() || undefined;
      return undefined;
    }
    if ('fault' in event) {
      // Without a header there is nothing to map the rows after it onto.
      if (!this.#header) this.done = true;
      return malformed(event.fault.line, event.fault.reason);
    }
    const { row } = event;
    if (this.#isInvalid(row)) {
      if (!this.#header) this.done = true;
      return errorRecord({ errorId: 'InvalidUtf8', category: 'InvalidData', message: coreMessages.MalformedCsvRow.notUtf8(row.line), record: row.line });
    }
    // PowerShell does not count an empty field the input ends in; `cspin import` checks every field.
    const fields = row.openEnd && !this.#strict ? row.fields.slice(0, -1) : row.fields;
    const blank = fields.length === 0 || (fields.length === 1 && fields[0] === '');
    // A blank line before the header is PowerShell's header of one unnamed column (H1); import skips it.
    if (!this.#header) return blank && this.#strict ? undefined : this.#readHeader(fields, row.line);
    if (blank) return undefined;
    if (this.#strict && fields.length !== this.#columns) {
      return errorRecord({
        errorId: 'CsvFieldCountMismatch',
        category: 'InvalidData',
        message: coreMessages.CsvFieldCountMismatch(row.line, fields.length, this.#columns),
        record: row.line,
      });
    }
    const record = this.#build(fields);
    return this.#typeName === undefined ? { row: row.line, record } : { row: row.line, record, typeName: this.#typeName };
  }

  /** The row as a record, in header order (integer-like column names keep their place). */
  #build(fields: readonly string[]): Record<string, string | null> {
    const header = this.#header ?? [];
    if (this.#unnamed) {
      this.#unnamed = false;
      this.#onUnnamed?.();
    }
    const record = Object.fromEntries(header.map((name, i) => [name, fields[i] ?? null]));
    if (this.#ordered) {
      setOrder(record, header);
      markHoldsOrder(record);
    }
    return record;
  }

  #readHeader(fields: string[], line: number): ErrorRecord | undefined {
    const first = fields[0] ?? '';
    // PowerShell skips `#` lines before the header, except the W3C extended log format's `#Fields: `.
    if (first.startsWith('#') && !first.startsWith(W3C_FIELDS)) return undefined;
    const values = first.startsWith(W3C_FIELDS) ? [first.slice(W3C_FIELDS.length), ...fields.slice(1)] : fields;
    const names = headerNames(values, line);
    if (isErrorRecord(names)) {
      this.done = true;
      return names;
    }
    this.#setHeader(names, values);
    return undefined;
  }

  #setHeader(names: string[], values: readonly string[]): void {
    this.#header = names;
    this.#columns = values.length;
    this.#ordered = names.some(isIntegerLikeKey);
    this.#unnamed = names.some((_, i) => values[i] === '');
  }

  /** Whether the row's text overlaps a piece that held invalid UTF-8 (pieces before it are dropped). */
  #isInvalid(row: CsvRow): boolean {
    while (this.invalid.length > 0 && (this.invalid[0]?.[1] ?? 0) <= row.start) this.invalid.shift();
    const next = this.invalid[0];
    return next !== undefined && next[0] < row.end;
  }
}

/**
 * Applies Import-Csv's header rules: trailing blank names dropped (file headers only), other
 * blank names become `H1`, `H2`…, a name given twice (ignoring case) is an error.
 */
function headerNames(values: string[], row: number): string[] | ErrorRecord {
  const names = [...values];
  if (row > 0) while (names.length > 1 && names[names.length - 1] === '') names.pop();
  const seen = new Set<string>();
  let unnamed = 1;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? '';
    if (name === '') {
      names[i] = `H${unnamed++}`;
      continue;
    }
    const folded = name.toLowerCase();
    if (seen.has(folded)) {
      return errorRecord({
        errorId: 'DuplicateCsvHeader',
        category: 'InvalidData',
        message: coreMessages.DuplicateCsvHeader(row, name),
        target: echo(name),
        record: row > 0 ? row : undefined,
      });
    }
    seen.add(folded);
  }
  return names;
}

function malformed(line: number, reason: string): ErrorRecord {
  return errorRecord({ errorId: 'MalformedCsvRow', category: 'ParserError', message: coreMessages.MalformedCsvRow.message(line, reason), record: line });
}

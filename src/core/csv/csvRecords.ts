/**
 * Reads CSV the way PowerShell's Import-Csv does, as a stream: one record per row, each numbered
 * with the physical line it starts on; a bad row becomes an {@link ErrorRecord} and reading goes on.
 */
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { errorRecord, isErrorRecord, type ErrorRecord } from '../errors.js';

/** One CSV row: column name → value, in header order. */
export interface CsvRecord {
  /** 1-based physical line the row starts on (a quoted field may span lines). */
  row: number;
  /** Every value is a string; a missing trailing field is `null`. */
  record: Record<string, string | null>;
  /** The name from a `#TYPE <name>` first line (PowerShell types the object `CSV:<name>`). */
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
   * Longest record in characters. Past it the record is reported and reading stops: csv-parse
   * cannot find the next row (it is usually an unclosed quote eating the file). @default 4194304
   */
  maxRecordSize?: number;
}

/** A row as csv-parse emits it with `raw: true`. */
interface Parsed {
  record: string[];
  raw: string;
}

/** A row csv-parse gave up on, pushed into the output in order from its `on_skip` hook. */
class Skipped {
  constructor(
    readonly error: CsvError | undefined,
    readonly raw: string,
  ) {}
}

// Blank lines before a record: csv-parse skips them (whitespace-only ones too, as it trims) but keeps their text.
const LEADING_BREAKS = /^(?:[^\S\r\n]*(?:\r\n|\r|\n))*/;

/**
 * Reads CSV records with Import-Csv semantics: the first line is the header (unless `header` is
 * given), a first line `#TYPE T` names the type, blank header names become `H1`, `H2`…, a
 * duplicate header name ends the file with a `DuplicateCsvHeader` error, extra fields are
 * ignored, and blank lines are skipped. Memory stays constant: the parser is pulled with
 * `for await`, so a slow consumer pauses the reading.
 * @param input - the CSV bytes (UTF-8, with or without BOM; LF, CRLF or CR line ends)
 * @param options - delimiter, header, record size limit; see {@link CsvRecordsOptions}
 * @returns the rows in file order, with `MalformedCsvRow` errors in place of unreadable ones
 */
export async function* csvRecords(input: NodeJS.ReadableStream, options: CsvRecordsOptions = {}): AsyncIterable<CsvItem> {
  const maxRecordSize = options.maxRecordSize ?? 4 * 1024 * 1024;
  let header = options.header && headerNames([...options.header], 0);
  if (isErrorRecord(header)) {
    yield header;
    return;
  }
  let typeName: string | undefined;
  let lines = 0; // line breaks consumed so far: the next raw text starts on line `lines + 1`
  let source: NodeJS.ReadableStream | undefined = input;
  while (source) {
    let rest: string | undefined;
    for await (const item of parsed(source, options.delimiter, maxRecordSize)) {
      const lead = breaks(LEADING_BREAKS.exec(item.raw)?.[0] ?? '');
      const row = lines + lead + 1;
      lines += breaks(item.raw);
      if (item instanceof Skipped) {
        yield malformed(row, item.error, maxRecordSize);
        if (item.error?.code === 'CSV_MAX_RECORD_SIZE') return;
        if (item.error?.code !== 'CSV_QUOTE_NOT_CLOSED') continue;
        // Without a header there is nothing to map the rows after it onto.
        if (!header) return;
        // The quote swallowed the rest of the file: read it again from the line after.
        const text = item.raw.replace(LEADING_BREAKS, '');
        const firstBreak = /\r\n|\r|\n/.exec(text);
        rest = firstBreak ? text.slice(firstBreak.index + firstBreak[0].length) : undefined;
        lines = row;
        continue;
      }
      const values = item.record;
      if (row === 1 && item.raw.startsWith('#')) {
        // PowerShell reads a leading `#` line as type information, whatever the delimiters in it.
        const first = /^[^\r\n]*/.exec(item.raw)?.[0] ?? '';
        if (/^#type/i.test(first)) typeName = first.slice(5).trim() || undefined;
        continue;
      }
      if (values.length === 1 && values[0] === '') continue; // a blank line
      if (!header) {
        if (values[0]?.startsWith('#')) continue; // PowerShell skips `#` lines before the header
        header = headerNames(values, row);
        if (isErrorRecord(header)) {
    yield header;
    return;
  }
        continue;
      }
      const record = Object.fromEntries(header.map((name, i) => [name, values[i] ?? null]));
      yield typeName === undefined ? { row, record } : { row, record, typeName };
    }
    source = rest ? Readable.from([rest]) : undefined;
  }
}

/** Pulls csv-parse over `input`; errors on `input` surface here, and the caller still owns it. */
async function* parsed(input: NodeJS.ReadableStream, delimiter: string | undefined, maxRecordSize: number): AsyncIterable<Parsed | Skipped> {
  const parser = parse({
    bom: true,
    delimiter: delimiter ?? ',',
    // PowerShell ends a line at CRLF, LF or a lone CR; longest first.
    record_delimiter: ['\r\n', '\n', '\r'],
    // Import-Csv ignores spaces before a field and keeps a quote inside a field as text.
    ltrim: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRecordSize,
    // The raw text is how rows get numbered: csv-parse counts a quoted CRLF as two lines.
    raw: true,
    on_skip: (error, raw) => {
      // Pushed in the same tick as the parsed rows, so the error keeps its place among them.
      parser.push(new Skipped(error, raw ?? ''));
      return undefined;
    },
  });
  const fail = (error: Error): void => void parser.destroy(error);
  input.on('error', fail);
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<unknown>) {
      if (item instanceof Skipped || isParsed(item)) yield item;
    }
  } finally {
    input.removeListener('error', fail);
    input.unpipe(parser);
  }
}

/** Narrows what csv-parse emits (typed `any`) to a row with its raw text. */
function isParsed(item: unknown): item is Parsed {
  const { record, raw } = (typeof item === 'object' && item !== null ? item : {}) as Partial<Parsed>;
  return typeof raw === 'string' && Array.isArray(record);
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
        message: `${row > 0 ? `line ${row}: ` : ''}the header names the column "${name}" twice`,
        target: name,
        record: row > 0 ? row : undefined,
      });
    }
    seen.add(folded);
  }
  return names;
}

/** The error for a row csv-parse could not read. */
function malformed(row: number, error: CsvError | undefined, maxRecordSize: number): ErrorRecord {
  const reason =
    error?.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed; the line is skipped'
      : error?.code === 'CSV_MAX_RECORD_SIZE'
        ? `the record is longer than ${maxRecordSize} characters (an unclosed quote?); reading stops`
        : (error?.message ?? 'unreadable record');
  return errorRecord({ errorId: 'MalformedCsvRow', category: 'ParserError', message: `line ${row}: ${reason}`, record: row, cause: error });
}

/** Number of line breaks (CRLF, LF or CR) in `text`. */
function breaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

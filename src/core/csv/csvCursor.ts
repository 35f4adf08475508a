/**
 * The text under the CSV parser: the current record and what follows it (earlier text is dropped),
 * a read position, the line it is on, and the scans the parser's states make over it.
 */

/** Options of the CSV parser. */
export interface CsvParserOptions {
  /** One UTF-16 code unit. */
  delimiter: string;
  /** Longest record in characters: past it the record is reported. */
  maxRecordSize: number;
}

/** A parsed record, numbered by the physical line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
  /** Offsets of the record's text in the whole input, [start, end). */
  start: number;
  end: number;
  /**
   * The input ended where a field would start (after a delimiter, or blanks): the last field is
   * that empty field, which PowerShell's reader does not count (`1,` at the very end is one field).
   */
  openEnd?: true;
}

/** What the parser gives back: a row, an unreadable record, or the text of a first `#` line. */
export type CsvEvent = { row: CsvRow } | { fault: { line: number; reason: string } } | { comment: string };

export const QUOTE = 0x22;
export const CR = 0x0d;
export const LF = 0x0a;
export const SPACE = 0x20;
export const TAB = 0x09;

/** Positions are indexes in `buf`; `base` turns one into an offset in the whole input. */
export abstract class CsvCursor {
  protected readonly delimiter: number;
  protected readonly max: number;
  protected buf = '';
  protected base = 0;
  protected pos = 0;
  /** The line `pos` is on. */
  protected line = 1;
  /** Where the current record starts, and its line. */
  protected recordStart = 0;
  protected recordLine = 1;

  /** @param options delimiter and record size limit */
  constructor(options: CsvParserOptions) {
    this.delimiter = options.delimiter.charCodeAt(0);
    this.max = options.maxRecordSize;
  }

  /** How far a scan may go: one character past the size limit, so the limit is met at the same place however the text is cut. */
  protected scanEnd(): number {
    return Math.min(this.buf.length, this.recordStart + this.max + 1);
  }

  /** The end of a run of ordinary characters from i: in quotes only a quote or a line break stops it. */
  protected scan(i: number, quoted: boolean): number {
    const buf = this.buf;
    const end = this.scanEnd();
    for (; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (c === QUOTE || c === CR || c === LF) return i;
      if (!quoted && (c === this.delimiter || c === SPACE || c === TAB)) return i;
    }
    return i;
  }

  /** The end of the text from i to the delimiter or a line break (PowerShell's ReadTillNextDelimiter). */
  protected scanToDelimiter(i: number): number {
    const buf = this.buf;
    const end = this.scanEnd();
    for (; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (c === this.delimiter || c === CR || c === LF) return i;
    }
    return i;
  }

  /** The index of the next line break from i, or the end of the text so far. */
  protected lineEnd(i: number): number {
    const buf = this.buf;
    while (i < buf.length && buf.charCodeAt(i) !== CR && buf.charCodeAt(i) !== LF) i++;
    return i;
  }

  /** Consumes the line break at pos (CRLF counts once; none at the end); false when a CR ends the text so far. */
  protected lineBreak(final: boolean): boolean {
    if (this.pos >= this.buf.length) return true;
    if (this.buf.charCodeAt(this.pos) === CR) {
      if (this.pos + 1 >= this.buf.length && !final) return false;
      this.pos += this.buf.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    } else {
      this.pos++;
    }
    this.line++;
    return true;
  }

  /** The next record starts at pos. */
  protected markRecord(): void {
    this.recordStart = this.pos;
    this.recordLine = this.line;
  }

  /**
   * Drops the text before `keep`.
   * @param keep the first index to keep
   * @returns how far indexes moved
   */
  protected drop(keep: number): number {
    if (keep === 0) return 0;
    this.buf = this.buf.slice(keep);
    this.base += keep;
    this.pos -= keep;
    this.recordStart -= keep;
    return keep;
  }
}

/**
 * PowerShell's CSV record parser (Import-Csv's ParseNextRecord), as a resumable state machine over
 * text that arrives in pieces, with one deliberate difference: an unmatched quote does not swallow
 * the rows after it. A quoted field may span lines; but when one that did is never closed, or is
 * closed by a quote followed by more text (`"Clerk` + newline + `Ann,"Boss"`), the record is
 * reported at the line its quote opened on and reading starts again on the line after it.
 */

import { coreMessages } from '../messages.js';
import { CR, CsvCursor, LF, QUOTE, SPACE, TAB, type CsvEvent, type CsvRow } from './csvCursor.js';

export type { CsvEvent, CsvParserOptions, CsvRow } from './csvCursor.js';

/** Where in a field the parser is. */
const enum State {
  /** Nothing of the field read yet (leading blanks are skipped). */
  Start,
  /** An unquoted field. */
  Plain,
  /** Inside quotes. */
  Quoted,
  /** After a closing quote, or text PowerShell reads "till the next delimiter". */
  Tail,
  /** Skipping the rest of an overlong line. */
  Discard,
}

/** Turns text into CSV records, keeping only the current record's text. */
export class CsvParser extends CsvCursor {
  #state = State.Start;
  #fields: string[] = [];
  #current = '';
  /** Tail: keep the tail's text even when blank (after an unquoted quote), and the tail so far. */
  #keepBlankTail = false;
  #tail = '';
  /** The open (or last closed) quote of this field: buffer index and line, and whether it crossed a line. */
  #quoteAt = -1;
  #quoteLine = 0;
  #multiLine = false;
  #atStart = true;

  /**
   * Consumes more text.
   * @param text the next piece (it may end anywhere)
   * @returns the records it completed
   */
  push(text: string): CsvEvent[] {
    this.buf += text;
    const out: CsvEvent[] = [];
    this.#run(out, false);
    this.#compact();
    return out;
  }

  /** Ends the input. @returns the last record, or its fault */
  end(): CsvEvent[] {
    const out: CsvEvent[] = [];
    this.#run(out, true);
    return out;
  }

  #run(out: CsvEvent[], final: boolean): void {
    if (this.#atStart && !this.#firstLine(out, final)) return;
    for (;;) {
      if (this.#state !== State.Discard && this.pos - this.recordStart > this.max) this.#overlong(out);
      if (this.pos < this.buf.length) {
        if (!this.#step(out, final)) return;
      } else if (!final || !this.#finish(out)) {
        return;
      }
    }
  }

  /** PowerShell reads a first line that starts with `#` as a line (the type), not as CSV. */
  #firstLine(out: CsvEvent[], final: boolean): boolean {
    const buf = this.buf;
    if (buf.length === 0 && !final) return false;
    if (buf.charCodeAt(0) !== 0x23 /* # */) {
      this.#atStart = false;
      return true;
    }
    const eol = buf.search(/[\r\n]/);
    const end = eol === -1 ? buf.length : eol;
    // Wait for the whole line (and the LF of a CRLF), unless it is already too long to be one.
    const whole = final || (eol !== -1 && (buf.charCodeAt(eol) === LF || eol + 1 < buf.length));
    if (!whole && buf.length <= this.max) return false;
    this.#atStart = false;
    if (end > this.max) {
      this.pos = end;
      this.#overlong(out);
      return true;
    }
    out.push({ comment: buf.slice(0, end) });
    this.pos = end;
    if (end < buf.length) this.lineBreak(true);
    this.#startRecord();
    return true;
  }

  /** One step from #pos; false when it needs text that has not come yet. */
  #step(out: CsvEvent[], final: boolean): boolean {
    const buf = this.buf;
    const c = buf.charCodeAt(this.pos);
    switch (this.#state) {
      case State.Start:
        if (c === this.delimiter) return this.#endField();
        if (c === QUOTE) {
          this.#quoteAt = this.pos++;
          this.#quoteLine = this.line;
          this.#multiLine = false;
          this.#state = State.Quoted;
          return true;
        }
        if (c === SPACE || c === TAB) {
          this.pos++;
          return true;
        }
        if (c === CR || c === LF) return this.#endOfLine(out, final);
        this.#state = State.Plain;
        return true;
      case State.Plain: {
        const d = this.#take(false);
        if (d === undefined) return true;
        if (d === this.delimiter) return this.#endField();
        if (d === CR || d === LF) return this.#endOfLine(out, final);
        // A quote or a blank inside an unquoted field: PowerShell reads on to the delimiter.
        this.#current += buf[this.pos++];
        this.#toTail(d === QUOTE);
        return true;
      }
      case State.Quoted: {
        const d = this.#take(true);
        if (d === undefined) return true;
        if (d !== QUOTE) return this.#quotedLineBreak(final);
        const run = this.pos;
        if (run + 1 >= buf.length && !final) return false;
        if (buf.charCodeAt(run + 1) === QUOTE) {
          this.#current += '"';
          this.pos += 2;
          return true;
        }
        this.pos++;
        this.#toTail(false);
        return true;
      }
      case State.Tail:
        return this.#tailStep(out, final);
      case State.Discard: {
        const eol = this.lineEnd(this.pos);
        this.pos = eol;
        if (eol >= buf.length) return true;
        return this.#endOfLine(out, final);
      }
    }
  }

  /** Adds the run of ordinary characters at #pos to the field. @returns the character that stopped it, or undefined at the end of the text so far */
  #take(quoted: boolean): number | undefined {
    const run = this.scan(this.pos, quoted);
    this.#current += this.buf.slice(this.pos, run);
    this.pos = run;
    return run >= this.scanEnd() ? undefined : this.buf.charCodeAt(run);
  }

  /** A line break inside quotes is kept as it is (CRLF, LF or CR). */
  #quotedLineBreak(final: boolean): boolean {
    const start = this.pos;
    if (!this.lineBreak(final)) return false;
    this.#current += this.buf.slice(start, this.pos);
    this.#multiLine = true;
    return true;
  }

  #toTail(keepBlank: boolean): void {
    this.#state = State.Tail;
    this.#keepBlankTail = keepBlank;
    this.#tail = '';
  }

  /** PowerShell's ReadTillNextDelimiter: text to the delimiter or the end of the line joins the field. */
  #tailStep(out: CsvEvent[], final: boolean): boolean {
    const end = this.scanToDelimiter(this.pos);
    this.#tail += this.buf.slice(this.pos, end);
    this.pos = end;
    return end >= this.scanEnd() ? true : this.#endTail(out, final);
  }

  #endTail(out: CsvEvent[], final: boolean): boolean {
    const blank = this.#tail.trim() === '';
    if (this.#quoteAt >= 0 && this.#multiLine && !blank && !this.#keepBlankTail) {
      this.#quoteFault(out, coreMessages.MalformedCsvRow.quoteThenText);
      return true;
    }
    this.#current += blank && !this.#keepBlankTail ? '' : this.#tail;
    const c = this.buf.charCodeAt(this.pos);
    if (this.pos < this.buf.length && c === this.delimiter) return this.#endField();
    return this.#endOfLine(out, final);
  }

  /** Ends the field at #pos (a delimiter) and goes on with the next one. */
  #endField(): boolean {
    this.#fields.push(this.#current);
    this.#current = '';
    this.pos++;
    this.#state = State.Start;
    this.#quoteAt = -1;
    return true;
  }

  /** A line break outside quotes ends the field and the record. */
  #endOfLine(out: CsvEvent[], final: boolean): boolean {
    const at = this.pos;
    if (!this.lineBreak(final)) return false;
    if (this.#state === State.Discard) {
      this.#startRecord();
      return true;
    }
    this.#fields.push(this.#current);
    this.#emit(out, at);
    return true;
  }

  /** The end of the input: the record in progress ends there. @returns true when a fault rewound the input, to read on */
  #finish(out: CsvEvent[]): boolean {
    switch (this.#state) {
      case State.Quoted:
        this.#quoteFault(out, coreMessages.MalformedCsvRow.neverClosed);
        return this.pos < this.buf.length;
      case State.Tail:
        this.#endTail(out, true);
        return this.pos < this.buf.length;
      case State.Discard:
        return false;
      default:
        if (this.#fields.length === 0 && this.#current === '') return false;
        this.#fields.push(this.#current);
        this.#emit(out, this.pos, this.#state === State.Start);
        return false;
    }
  }

  /** A blank line is a row of one empty field: the reader decides (PowerShell skips it, but a blank first line is a header). */
  #emit(out: CsvEvent[], end: number, openEnd = false): void {
    const row: CsvRow = { line: this.recordLine, fields: this.#fields, start: this.base + this.recordStart, end: this.base + end };
    if (openEnd) row.openEnd = true;
    out.push({ row });
    this.#startRecord();
  }

  #startRecord(): void {
    this.#fields = [];
    this.#current = '';
    this.#state = State.Start;
    this.markRecord();
    this.#quoteAt = -1;
  }

  /** Reports the record at its quote's line and reads again from the line after that one. */
  #quoteFault(out: CsvEvent[], reason: string): void {
    out.push({ fault: { line: this.#quoteLine, reason } });
    const eol = this.lineEnd(this.#quoteAt);
    this.pos = eol;
    this.line = this.#quoteLine;
    if (eol >= this.buf.length) {
      this.#startRecord();
      return;
    }
    this.lineBreak(true);
    this.#startRecord();
  }

  /** A record past the size limit: an open quote is a fault like any unclosed one; a long line is skipped. */
  #overlong(out: CsvEvent[]): void {
    if (this.#state === State.Quoted && this.#multiLine) {
      this.#quoteFault(out, coreMessages.MalformedCsvRow.quotedTooLong(this.max));
      return;
    }
    out.push({ fault: { line: this.recordLine, reason: coreMessages.MalformedCsvRow.tooLong(this.max) } });
    this.#state = State.Discard;
    this.#fields = [];
    this.#current = '';
    this.#tail = '';
    // Only the record's text is kept, and this record's is dropped.
    this.recordStart = this.pos;
  }

  /** Drops text before the current record: the buffer holds one record and what follows. */
  #compact(): void {
    const moved = this.drop(this.#state === State.Discard ? this.pos : this.recordStart);
    if (this.#quoteAt >= 0) this.#quoteAt -= moved;
  }
}

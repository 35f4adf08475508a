/**
 * Splits a byte stream into numbered UTF-8 lines, with bounded memory: an overlong line is
 * dropped byte by byte as it arrives, never buffered.
 */
import { errorRecord, type ErrorRecord } from '../errors.js';
import { inputMessages } from '../messages/input.js';
import type { Line } from './records.js';

const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf] as const;
const EMPTY = Buffer.alloc(0);

/** Options of {@link LineFramer}. */
export interface LineFramerOptions {
  /**
   * Longest accepted line in bytes, not counting the `\n` and a trailing `\r`.
   * @default 1048576 (1 MiB)
   */
  maxLineBytes?: number;
}

/** Turns chunks of bytes into {@link Line}s, or {@link ErrorRecord}s for bad lines. */
export class LineFramer {
  private readonly maxLineBytes: number;
  // ignoreBOM: the stream-start BOM is removed at byte level; a later U+FEFF is content.
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Number of the line being read. */
  private lineNo = 1;
  /** Start of the current line, carried over from earlier chunks (at most maxLineBytes + 1). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The current line is already reported as too long: drop bytes up to the next `\n`. */
  private discarding = false;
  /** Until the first 3 bytes are seen, a BOM prefix is held back here. */
  private head: Buffer | undefined = EMPTY;

  /**
   * @param options - limits; see {@link LineFramerOptions}
   * @throws RangeError when maxLineBytes is not a positive integer
   */
  constructor(options?: LineFramerOptions) {
    const max = options?.maxLineBytes ?? 1_048_576;
    if (!Number.isSafeInteger(max) || max < 1) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${max}`);
    }
    this.maxLineBytes = max;
  }

  /**
   * Consumes one chunk. The chunk may end anywhere, even inside a character; it is not retained.
   * @param chunk - the next bytes of the stream
   * @returns the lines completed by this chunk, and errors for the bad ones, in input order
   */
  push(chunk: Buffer): (Line | ErrorRecord)[] {
    const out: (Line | ErrorRecord)[] = [];
    const bytes = this.head === undefined ? chunk : this.stripBom(chunk);
    const firstLf = bytes.indexOf(LF);
    if (firstLf === -1) {
      this.carry(bytes, out);
      return out;
    }
    this.completeLine(bytes.subarray(0, firstLf), out);
    const lastLf = bytes.lastIndexOf(LF);
    if (lastLf > firstLf) this.decodeBlock(bytes.subarray(firstLf + 1, lastLf), out);
    this.carry(bytes.subarray(lastLf + 1), out);
    return out;
  }

  /**
   * Ends the stream: the last line need not end with `\n`.
   * @returns that last line (or its error), if there is one
   */
  end(): (Line | ErrorRecord)[] {
    const out: (Line | ErrorRecord)[] = [];
    // A lone BOM prefix (EF or EF BB) is not a BOM: it is data, and invalid UTF-8.
    if (this.head !== undefined) this.carry(this.stripBom(EMPTY, true), out);
    if (this.pendingBytes > 0) this.completeLine(EMPTY, out);
    this.discarding = false;
    return out;
  }

  /** Drops a BOM at the very start of the stream, holding back a prefix that may become one. */
  private stripBom(chunk: Buffer, final = false): Buffer {
    const bytes = this.head !== undefined && this.head.length > 0 ? Buffer.concat([this.head, chunk]) : chunk;
    this.head = undefined;
    for (let i = 0; i < Math.min(3, bytes.length); i++) if (bytes[i] !== BOM[i]) return bytes;
    if (bytes.length >= 3) return bytes.subarray(3);
    if (final) return bytes;
    this.head = Buffer.from(bytes);
    return EMPTY;
  }

  /** Keeps the start of an unfinished line, or reports it once it cannot fit any more. */
  private carry(bytes: Buffer, out: (Line | ErrorRecord)[]): void {
    if (this.discarding || bytes.length === 0) return;
    // + 1: the last byte may turn out to be the `\r` of a CRLF, which does not count.
    if (this.pendingBytes + bytes.length > this.maxLineBytes + 1) {
      out.push(this.tooLong(this.lineNo));
      this.pending = [];
      this.pendingBytes = 0;
      this.discarding = true;
      return;
    }
    // Copy: the caller may reuse its buffer, and a view would pin the whole chunk.
    this.pending.push(Buffer.from(bytes));
    this.pendingBytes += bytes.length;
  }

  /** Finishes the current line with `tail`, the bytes before its `\n`. */
  private completeLine(tail: Buffer, out: (Line | ErrorRecord)[]): void {
    const n = this.lineNo++;
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    const bytes =
      this.pending.length === 0 ? tail : Buffer.concat([...this.pending, tail], this.pendingBytes + tail.length);
    this.pending = [];
    this.pendingBytes = 0;
    this.decodeLine(n, bytes, out);
  }

  /** Slow path: one line on its own, so a bad line is pinned down exactly. */
  private decodeLine(n: number, bytes: Uint8Array, out: (Line | ErrorRecord)[]): void {
    const length = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    if (length > this.maxLineBytes) {
      out.push(this.tooLong(n));
      return;
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes.subarray(0, length));
    } catch {
      const at = firstInvalidByte(bytes.subarray(0, length)) + 1;
      out.push(errorRecord({ errorId: 'InvalidUtf8', category: 'InvalidData', message: inputMessages.InvalidUtf8(n, at), record: n }));
      return;
    }
    if (!isBlank(text)) out.push({ n, text });
  }

  /** Fast path: whole lines (no final `\n`) decoded in one call, then split. */
  private decodeBlock(block: Buffer, out: (Line | ErrorRecord)[]): void {
    let text: string;
    try {
      text = this.decoder.decode(block);
    } catch {
      this.decodeEachLine(block, out);
      return;
    }
    // A `\n` byte is never inside a multi-byte sequence, so string lines match byte lines.
    for (const raw of text.split('\n')) {
      const n = this.lineNo++;
      const line = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
      // A UTF-16 unit is at most 3 UTF-8 bytes: only long strings need an exact byte count.
      if (line.length * 3 > this.maxLineBytes && Buffer.byteLength(line) > this.maxLineBytes) {
        out.push(this.tooLong(n));
      } else if (!isBlank(line)) {
        out.push({ n, text: line });
      }
    }
  }

  /** Decodes a block that holds invalid UTF-8 line by line, to find the bad lines. */
  private decodeEachLine(block: Buffer, out: (Line | ErrorRecord)[]): void {
    let start = 0;
    for (;;) {
      const lf = block.indexOf(LF, start);
      const end = lf === -1 ? block.length : lf;
      this.decodeLine(this.lineNo++, block.subarray(start, end), out);
      if (lf === -1) return;
      start = lf + 1;
    }
  }

  private tooLong(n: number): ErrorRecord {
    return errorRecord({
      errorId: 'LineTooLong',
      category: 'LimitsExceeded',
      message: inputMessages.LineTooLong(n, this.maxLineBytes),
      record: n,
    });
  }
}

/** True for an empty or whitespace-only line; cheap for the usual `{`-led line. */
function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c > 0x20 && c < 0x7f) return false;
  return text.trim().length === 0;
}

/**
 * Where the first byte sequence that is not UTF-8 starts (the error path only).
 * @param bytes a line that does not decode
 * @returns its 0-based offset, or the length when the line ends inside a sequence
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const extra = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (extra === 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k <= extra; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return i;
      if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return i;
    }
    i += extra + 1;
  }
  return i;
}

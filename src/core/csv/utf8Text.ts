/**
 * Decodes a UTF-8 byte stream for the CSV reader: a BOM at the start is dropped, and bytes that are
 * not UTF-8 do not stop the stream: they are decoded as U+FFFD and their place in the text is
 * returned, so the record that holds them can be refused (never stored with the damage).
 */

const LF = 0x0a;
/** A line longer than this is decoded in pieces (at a character boundary), so memory stays bounded. */
const MAX_CARRY = 1 << 20;

/** Decoded text, and the [start, end) offsets (in the whole text) of pieces that held invalid UTF-8. */
export interface DecodedText {
  text: string;
  invalid: [number, number][];
}

/** Decodes chunk by chunk; an incomplete line waits for the next chunk. */
export class Utf8Text {
  readonly #strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  readonly #lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  #carry: Buffer = Buffer.alloc(0);
  #offset = 0;
  #started = false;

  /**
   * @param chunk the next bytes
   * @returns the text of the complete lines they finish
   */
  push(chunk: Buffer): DecodedText {
    let bytes = this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : chunk;
    if (!this.#started) {
      if (bytes.length < 3 && [0xef, 0xbb, 0xbf].slice(0, bytes.length).every((b, i) => bytes[i] === b)) {
        this.#carry = Buffer.from(bytes);
        return { text: '', invalid: [] };
      }
      this.#started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    let cut = bytes.lastIndexOf(LF) + 1;
    if (cut === 0 && bytes.length > MAX_CARRY) cut = characterBoundary(bytes);
    this.#carry = Buffer.from(bytes.subarray(cut));
    return this.#decode(bytes.subarray(0, cut));
  }

  /** @returns the text of the last line */
  end(): DecodedText {
    this.#started = true;
    const rest = this.#carry;
    this.#carry = Buffer.alloc(0);
    return this.#decode(rest);
  }

  #decode(bytes: Buffer): DecodedText {
    const invalid: [number, number][] = [];
    let text: string;
    try {
      text = this.#strict.decode(bytes);
    } catch {
      // Slow path: line by line, to confine the damage to the lines that hold it.
      text = '';
      let start = 0;
      while (start < bytes.length) {
        const lf = bytes.indexOf(LF, start);
        const end = lf === -1 ? bytes.length : lf + 1;
        const line = bytes.subarray(start, end);
        try {
          text += this.#strict.decode(line);
        } catch {
          const decoded = this.#lenient.decode(line);
          invalid.push([this.#offset + text.length, this.#offset + text.length + decoded.length]);
          text += decoded;
        }
        start = end;
      }
    }
    this.#offset += text.length;
    return { text, invalid };
  }
}

/** The last offset in `bytes` where a character starts (UTF-8 continuation bytes are 10xxxxxx). */
function characterBoundary(bytes: Buffer): number {
  let i = bytes.length;
  for (let back = 0; back < 4 && i > 0 && ((bytes[i - 1] ?? 0) & 0xc0) === 0x80; back++) i--;
  return i > 0 && (bytes[i - 1] ?? 0) >= 0xc0 ? i - 1 : bytes.length;
}

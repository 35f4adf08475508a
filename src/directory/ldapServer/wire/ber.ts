/**
 * Reading BER (X.690) as LDAP uses it (RFC 4511 §5.1): one-byte tags, definite lengths. A cursor over
 * one complete message; values are read in place, strings decoded straight from the buffer.
 */
import { directoryMessages } from '../../messages.js';

const wire = directoryMessages.LdapConnectionLost;


/** The message is not valid BER: the connection cannot be trusted any further. */
export class MalformedMessageError extends Error {
  constructor(reason: string) {
    super(wire.malformed(reason));
    this.name = 'MalformedMessageError';
  }
}

/**
 * The length of the element starting at `pos`, header included, or undefined while the buffer does not
 * hold its header yet.
 * @throws MalformedMessageError for an indefinite or over-long length
 */
export function elementLength(buffer: Buffer, pos: number): number | undefined {
  if (buffer.length - pos < 2) return undefined;
  const first = buffer[pos + 1] ?? 0;
  if (first < 0x80) return 2 + first;
  const bytes = first & 0x7f;
  if (bytes === 0 || bytes > 4) throw new MalformedMessageError(wire.lengthBytes(bytes));
  if (buffer.length - pos < 2 + bytes) return undefined;
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + (buffer[pos + 2 + i] ?? 0);
  return 2 + bytes + length;
}

export class BerCursor {
  pos: number;

  constructor(
    readonly buffer: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  /** The next element's tag, or -1 at `limit`. */
  peek(limit = this.end): number {
    return this.pos < limit ? (this.buffer[this.pos] ?? -1) : -1;
  }

  /**
   * Steps into the next element (checking its tag when given).
   * @returns where its content ends
   */
  enter(tag?: number): number {
    const found = this.buffer[this.pos];
    if (found === undefined || this.pos >= this.end) throw new MalformedMessageError(wire.pastEnd);
    if (tag !== undefined && found !== tag) throw new MalformedMessageError(wire.wrongTag(found, tag));
    let pos = this.pos + 1;
    let length = this.buffer[pos++] ?? 0;
    if (length >= 0x80) {
      const bytes = length & 0x7f;
      if (bytes === 0 || bytes > 4) throw new MalformedMessageError(wire.lengthBytes(bytes));
      length = 0;
      for (let i = 0; i < bytes; i++) length = length * 256 + (this.buffer[pos++] ?? 0);
    }
    const end = pos + length;
    if (end > this.end) throw new MalformedMessageError(wire.tooLong);
    this.pos = pos;
    return end;
  }

  /** Skips the next element. */
  skip(): void {
    this.pos = this.enter();
  }

  /** The next element's content as UTF-8 text. */
  text(tag?: number): string {
    const end = this.enter(tag);
    const value = this.buffer.toString('utf8', this.pos, end);
    this.pos = end;
    return value;
  }

  /** The next element's content, copied (the socket's buffer is not kept alive). */
  bytes(tag?: number): Buffer {
    const end = this.enter(tag);
    const value = Buffer.from(this.buffer.subarray(this.pos, end));
    this.pos = end;
    return value;
  }

  /** An INTEGER or ENUMERATED (two's complement, at most 6 bytes here). */
  integer(tag?: number): number {
    const end = this.enter(tag);
    if (end - this.pos > 6) throw new MalformedMessageError(wire.longInteger);
    let value = 0;
    for (let i = this.pos; i < end; i++) value = value * 256 + (this.buffer[i] ?? 0);
    const bits = (end - this.pos) * 8;
    if (bits > 0 && ((this.buffer[this.pos] ?? 0) & 0x80) !== 0) value -= 2 ** bits;
    this.pos = end;
    return value;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorRecord, type ErrorRecord } from '../../src/core/errors.js';
import { LineFramer, type LineFramerOptions } from '../../src/core/stream/lineFramer.js';
import type { Line } from '../../src/core/stream/records.js';

type Item = Line | ErrorRecord;

/** Feeds `bytes` cut at `cuts` (sorted offsets) and ends the stream. */
function frame(bytes: Buffer, cuts: number[] = [], options?: LineFramerOptions): Item[] {
  const framer = new LineFramer(options);
  const out: Item[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...framer.push(bytes.subarray(start, cut)));
    start = cut;
  }
  out.push(...framer.end());
  return out;
}

const bytesOf = (text: string): Buffer => Buffer.from(text, 'utf8');
const everyByte = (bytes: Buffer): number[] => Array.from({ length: bytes.length }, (_, i) => i);
const invalidUtf8 = (n: number, at: number): ErrorRecord =>
  errorRecord({ errorId: 'InvalidUtf8', category: 'InvalidData', message: `line ${n}: invalid UTF-8 at byte ${at}`, record: n });
const tooLong = (n: number, limit: number): ErrorRecord =>
  errorRecord({ errorId: 'LineTooLong', category: 'LimitsExceeded', message: `line ${n}: longer than ${limit} bytes`, record: n });

/** The model's way to find where a line stops being UTF-8: the longest prefix that decodes. */
function longestValidPrefix(line: Buffer, decoder: { decode(bytes: Uint8Array): string }): number {
  for (let length = line.length; length > 0; length--) {
    try {
      decoder.decode(line.subarray(0, length));
      return length;
    } catch {
      // shorter
    }
  }
  return 0;
}

/** An obviously correct model: split the whole input on LF bytes. */
function reference(bytes: Buffer, maxLineBytes: number): Item[] {
  const body = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? bytes.subarray(3) : bytes;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const out: Item[] = [];
  let start = 0;
  for (let n = 1; start <= body.length; n++) {
    const lf = body.indexOf(0x0a, start);
    let line = body.subarray(start, lf === -1 ? body.length : lf);
    start = lf === -1 ? body.length + 1 : lf + 1;
    if (line.at(-1) === 0x0d) line = line.subarray(0, -1);
    if (line.length > maxLineBytes) {
      out.push(tooLong(n, maxLineBytes));
      continue;
    }
    try {
      const text = decoder.decode(line);
      if (text.trim() !== '') out.push({ n, text });
    } catch {
      out.push(invalidUtf8(n, longestValidPrefix(line, decoder) + 1));
    }
  }
  return out;
}

describe('LineFramer', () => {
  it('LineFramer splits on LF, numbers lines from 1 and skips blank lines', () => {
    expect(frame(bytesOf('a\n\n  \t\nb\n'))).toEqual([
      { n: 1, text: 'a' },
      { n: 4, text: 'b' },
    ]);
  });

  it('LineFramer removes the CR of CRLF and keeps other spaces', () => {
    expect(frame(bytesOf(' a \r\nb\r\n'))).toEqual([
      { n: 1, text: ' a ' },
      { n: 2, text: 'b' },
    ]);
  });

  it('LineFramer emits a final line without LF only at end()', () => {
    const framer = new LineFramer();
    expect(framer.push(bytesOf('x\ny'))).toEqual([{ n: 1, text: 'x' }]);
    expect(framer.end()).toEqual([{ n: 2, text: 'y' }]);
  });

  it('LineFramer drops a BOM at the start of the stream only', () => {
    expect(frame(bytesOf('\uFEFFa\n\uFEFFb\n'))).toEqual([
      { n: 1, text: 'a' },
      { n: 2, text: '\uFEFFb' },
    ]);
  });

  it('LineFramer drops a BOM split across chunks', () => {
    const input = bytesOf('\uFEFF{"a":1}\n');
    expect(frame(input, [1, 2])).toEqual([{ n: 1, text: '{"a":1}' }]);
  });

  it('LineFramer reports a lone BOM prefix as invalid UTF-8', () => {
    expect(frame(Buffer.from([0xef, 0xbb]), [1])).toEqual([invalidUtf8(1, 1)]);
    expect(frame(Buffer.from([0xef, 0x41, 0x0a, 0x42]))).toEqual([invalidUtf8(1, 1), { n: 2, text: 'B' }]);
  });

  it('LineFramer keeps a multi-byte character split across chunks', () => {
    const input = bytesOf('ä€😀\nnext\n');
    for (const cut of everyByte(input)) {
      expect(frame(input, [cut])).toEqual([
        { n: 1, text: 'ä€😀' },
        { n: 2, text: 'next' },
      ]);
    }
  });

  it('LineFramer removes a CR split from its LF by a chunk boundary', () => {
    const input = bytesOf('a\r\nb\r\n');
    expect(frame(input, [2])).toEqual([
      { n: 1, text: 'a' },
      { n: 2, text: 'b' },
    ]);
  });

  it('LineFramer gives the same lines when fed one byte at a time', () => {
    const input = bytesOf('\uFEFF{"a":"ü"}\r\n\n[1,2]\r\n  \r\nlitwareinc\\kenmyer');
    expect(frame(input, everyByte(input))).toEqual(frame(input));
  });

  it('LineFramer reports invalid UTF-8 per line and lets the other lines through', () => {
    const input = Buffer.concat([bytesOf('good\n'), Buffer.from([0x66, 0xff, 0x0a]), bytesOf('also good\n')]);
    expect(frame(input)).toEqual([{ n: 1, text: 'good' }, invalidUtf8(2, 2), { n: 3, text: 'also good' }]);
  });

  it('LineFramer reports invalid UTF-8 in a final line without LF', () => {
    expect(frame(Buffer.from([0x61, 0x0a, 0xc3]))).toEqual([{ n: 1, text: 'a' }, invalidUtf8(2, 1)]);
  });

  it('LineFramer reports an overlong line and resynchronises at the next LF', () => {
    const input = bytesOf(`ok\n${'x'.repeat(20)}\nafter\n`);
    const expected = [{ n: 1, text: 'ok' }, tooLong(2, 10), { n: 3, text: 'after' }];
    expect(frame(input, [], { maxLineBytes: 10 })).toEqual(expected);
    expect(frame(input, everyByte(input), { maxLineBytes: 10 })).toEqual(expected);
  });

  it('LineFramer accepts a line of exactly maxLineBytes, not counting CRLF', () => {
    const input = bytesOf('1234\r\n12345\r\n');
    expect(frame(input, [], { maxLineBytes: 4 })).toEqual([{ n: 1, text: '1234' }, tooLong(2, 4)]);
    expect(frame(input, everyByte(input), { maxLineBytes: 4 })).toEqual([{ n: 1, text: '1234' }, tooLong(2, 4)]);
  });

  it('LineFramer does not buffer an overlong line', () => {
    const framer = new LineFramer({ maxLineBytes: 100 });
    const chunk = Buffer.alloc(65_536, 0x78);
    const errors = [framer.push(Buffer.from('start'))];
    for (let i = 0; i < 200; i++) errors.push(framer.push(chunk));
    expect(errors.flat()).toEqual([tooLong(1, 100)]);
    // Internal state stays empty while discarding: nothing accumulates.
    expect((framer as unknown as { pendingBytes: number }).pendingBytes).toBe(0);
    expect(framer.push(bytesOf('\nnext\n'))).toEqual([{ n: 2, text: 'next' }]);
    expect(framer.end()).toEqual([]);
  });

  it('LineFramer rejects a maxLineBytes that is not a positive integer', () => {
    expect(() => new LineFramer({ maxLineBytes: 0 })).toThrow(RangeError);
    expect(() => new LineFramer({ maxLineBytes: 1.5 })).toThrow(RangeError);
  });

  it('LineFramer gives the same output for any chunking as the whole-input model', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }).map(bytesOf),
      fc.constantFrom('\n', '\r\n', '\r', ' ', '\uFEFF', '😀').map(bytesOf),
      fc.uint8Array({ maxLength: 4 }).map((bytes) => Buffer.from(bytes)),
    );
    const input = fc
      .tuple(fc.boolean(), fc.array(piece, { maxLength: 20 }))
      .map(([bom, pieces]) => Buffer.concat([bom ? bytesOf('\uFEFF') : Buffer.alloc(0), ...pieces]));
    const scenario = input.chain((bytes) =>
      fc.record({
        bytes: fc.constant(bytes),
        cuts: fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 10 }).map((c) => c.sort((a, b) => a - b)),
        maxLineBytes: fc.constantFrom(1, 3, 8, 16, 1_048_576),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ bytes, cuts, maxLineBytes }) => {
        const expected = reference(bytes, maxLineBytes);
        expect(frame(bytes, [], { maxLineBytes })).toEqual(expected);
        expect(frame(bytes, cuts, { maxLineBytes })).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

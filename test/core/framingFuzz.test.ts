/**
 * The stdin stages under fuzzing: random bytes cut into random chunks go through the line framer and
 * the record parser. Whatever the input, nothing throws, the records are the same for any chunking,
 * and every failure is an ErrorRecord with an errorId, the line it belongs to, and a one-line
 * message that quotes none of the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isErrorRecord } from '../../src/core/errors.js';
import { LineFramer } from '../../src/core/stream/lineFramer.js';
import { parseLine } from '../../src/core/stream/parseRecords.js';
import type { RecordItem } from '../../src/core/stream/records.js';

/** Frames and parses the chunks as stdin would. */
function records(chunks: readonly Buffer[], maxLineBytes: number): RecordItem[] {
  const framer = new LineFramer({ maxLineBytes });
  const out: RecordItem[] = [];
  const take = (items: ReturnType<LineFramer['push']>) => {
    for (const item of items) out.push(...(isErrorRecord(item) ? [item] : parseLine(item)));
  };
  for (const chunk of chunks) take(framer.push(chunk));
  take(framer.end());
  return out;
}

const SECRET = '61739284';
const piece = fc.constantFrom(
  '{"Identity":"sip:a@x.com","Pin":"61739284"}',
  '{"Pin":61739284,"Pin":"1"}',
  '{"Pin":\'61739284\'}',
  '[{"a":1},',
  '"61739284',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"k"',
  '\n',
  '\r\n',
  '\r',
  '\uFEFF',
  '\u0000',
  ' ',
  'null',
  '😀',
  'é',
);
const input = fc.oneof(
  fc.array(piece, { maxLength: 30 }).map((parts) => Buffer.from(parts.join(''))),
  fc.tuple(fc.array(piece, { maxLength: 10 }), fc.uint8Array({ maxLength: 24 })).map(([parts, bytes]) => Buffer.concat([Buffer.from(parts.join('')), Buffer.from(bytes)])),
);

describe('stdin framing under fuzzing', () => {
  it('gives the same records for any chunking, never throws, and types every failure', () => {
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 8, max: 80 }), (bytes, cuts, maxLineBytes) => {
        const whole = records([bytes], maxLineBytes);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, bytes.length].slice(1).map((end, i, ends) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
        expect(records(chunks, maxLineBytes)).toEqual(whole);
        let last = 0;
        for (const item of whole) {
          const line = isErrorRecord(item) ? item.record : item.n;
          expect(line).toBeGreaterThanOrEqual(last);
          last = line ?? last;
          if (!isErrorRecord(item)) continue;
          expect(item.errorId).toMatch(/^(MalformedJson|DuplicateKeysInJsonString|KeysWithDifferentCasingInJsonString|JsonDepthExceeded|InvalidUtf8|LineTooLong)$/);
          expect(item.message).not.toContain(SECRET);
          expect(item.message).not.toMatch(/[\u0000-\u001f]/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

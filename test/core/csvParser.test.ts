import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, type CsvItem, type CsvRecordsOptions } from '../../src/core/csv/csvRecords.js';
import { ErrorRecord, isErrorRecord } from '../../src/core/errors.js';

async function read(chunks: (string | Buffer)[], options?: CsvRecordsOptions): Promise<CsvItem[]> {
  const out: CsvItem[] = [];
  for await (const item of csvRecords(Readable.from(chunks), options)) out.push(item);
  return out;
}

/** Rows as [line, values] and errors as [line, errorId]: short to compare. */
async function summary(text: string, options?: CsvRecordsOptions): Promise<[number | undefined, unknown][]> {
  return (await read([text], options)).map((item) => (isErrorRecord(item) ? [item.record, item.errorId] : [item.row, Object.values(item.record)]));
}

describe('csvRecords reads fields as PowerShell does', () => {
  it('keeps text after a closing quote (blanks alone are dropped) and reads an unquoted quote to the delimiter', async () => {
    expect(await summary('a,b\n"x" ab,"y"  \nfoo "ba,r"\n')).toEqual([
      [2, ['x ab', 'y']],
      [3, ['foo "ba', 'r"']],
    ]);
  });

  it('checks the delimiter before quotes and blanks: a quote or a tab may be the delimiter', async () => {
    expect(await summary('a"b\nx"y\n', { delimiter: '"' })).toEqual([[2, ['x', 'y']]]);
    expect(await summary('a\tb\n x\t\ty\n', { delimiter: '\t' })).toEqual([[2, ['x', '']]]);
  });

  it('gives a last line "a," with no line break an empty last field, as "a,\\n" has', async () => {
    expect(await summary('a,b\n1,', { strictColumns: true })).toEqual([[2, ['1', '']]]);
  });
});

describe('csvRecords and unmatched quotes', () => {
  it('reports a quoted field closed by a quote followed by text on a later line, and reads on at the line after its quote', async () => {
    expect(await summary('Name,Title\nBob,"Clerk\nAnn,"Boss"\nZed,CEO\n')).toEqual([
      [2, 'MalformedCsvRow'],
      [3, ['Ann', 'Boss']],
      [4, ['Zed', 'CEO']],
    ]);
  });

  it('still reads a legal quoted field over several lines, with "" and the delimiter inside', async () => {
    expect(await summary('Name,Notes\nKen,"one, ""two""\n\nthree"\nZed,x\n')).toEqual([
      [2, ['Ken', 'one, "two"\n\nthree']],
      [5, ['Zed', 'x']],
    ]);
  });

  it('reports each of thousands of rows with an unmatched quote, in linear time', async () => {
    const rows = 20_000;
    const text = `Name,Title\n${Array.from({ length: rows }, (_, i) => `n${i},"t${i}\n`).join('')}`;
    const started = Date.now();
    const items = await read([text]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(items).toHaveLength(rows);
    expect(items.every((item) => item instanceof ErrorRecord && item.errorId === 'MalformedCsvRow')).toBe(true);
    expect((items[rows - 1] as ErrorRecord).record).toBe(rows + 1);
  });

  it('reports a quote that reaches the end of the file once, and reads the lines after it', async () => {
    expect(await summary('a,b\n1,"x\n2,y\n3,z')).toEqual([
      [2, 'MalformedCsvRow'],
      [3, ['2', 'y']],
      [4, ['3', 'z']],
    ]);
  });
});

describe('csvRecords and bad bytes, sizes and shapes', () => {
  it('refuses a record that holds invalid UTF-8 as InvalidUtf8 and reads the others', async () => {
    const bytes = Buffer.concat([Buffer.from('Name,Sip\nKen,a\nPi'), Buffer.from([0xff, 0xfe]), Buffer.from('lar,"b\nc"\nZoë,d\n')]);
    expect(await summary(bytes.toString('latin1'))).toHaveLength(3);
    const items = (await read([bytes])).map((i) => (isErrorRecord(i) ? [i.record, i.errorId] : [i.row, Object.values(i.record)]));
    expect(items).toEqual([
      [2, ['Ken', 'a']],
      [3, 'InvalidUtf8'],
      [5, ['Zoë', 'd']],
    ]);
  });

  it('skips the rest of an overlong unquoted line and reads the next', async () => {
    expect(await summary(`a,b\n1,${'x'.repeat(500)}\n2,y\n`, { maxRecordSize: 100 })).toEqual([
      [2, 'MalformedCsvRow'],
      [3, ['2', 'y']],
    ]);
  });

  it('with strictColumns, refuses a row with more or fewer fields than the header, with its line', async () => {
    expect(await summary('a,b,\n1,2,\n1,2\n1,2,3,4\n', { strictColumns: true })).toEqual([
      [2, ['1', '2']],
      [3, 'CsvFieldCountMismatch'],
      [4, 'CsvFieldCountMismatch'],
    ]);
  });

  it('reads 10,000 columns', async () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    const [row] = await read([`${names.join(',')}\n${names.map((_, i) => i).join(',')}\n`]);
    expect(Object.keys((row as { record: object }).record)).toHaveLength(10_000);
    expect((row as { record: Record<string, string> }).record.c9999).toBe('9999');
  });
});

describe('csvRecords under fuzzing', () => {
  const piece = fc.constantFrom('a', 'b', ',', ';', '"', '""', ' ', '\t', '\n', '\r', '\r\n', '#', 'é', '😀', '\u0000');
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
  const bytes = fc.oneof(
    text.map((t) => Buffer.from(t)),
    fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
  );

  it('reads any input to the end: rows and typed errors only, in line order, the same for any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, fc.array(fc.nat(), { maxLength: 5 }), fc.boolean(), fc.integer({ min: 2, max: 50 }), async (input, cuts, strictColumns, maxRecordSize) => {
        const options = { strictColumns, maxRecordSize };
        const whole = await read([input], options);
        let last = 0;
        for (const item of whole) {
          if (isErrorRecord(item)) {
            expect(item.errorId).toMatch(/^(MalformedCsvRow|InvalidUtf8|CsvFieldCountMismatch|DuplicateCsvHeader)$/);
            expect(item.message).not.toMatch(/[\u0000-\u0008\u000a-\u001f]/);
          } else {
            expect(Object.values(item.record).every((v) => v === null || typeof v === 'string')).toBe(true);
          }
          const line = isErrorRecord(item) ? (item.record ?? 0) : item.row;
          expect(line).toBeGreaterThanOrEqual(last);
          last = line;
        }
        const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, input.length].slice(1).map((end, i, ends) => input.subarray(i === 0 ? 0 : ends[i - 1], end));
        expect(await read(chunks, options)).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });
});

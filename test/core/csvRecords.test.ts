import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, type CsvItem, type CsvRecordsOptions } from '../../src/core/csv/csvRecords.js';
import { isErrorRecord } from '../../src/core/errors.js';
import { propertyNames } from '../../src/core/record.js';

/** Reads `chunks` (strings or bytes, cut wherever the test likes) to the end. */
async function read(chunks: (string | Buffer)[], options?: CsvRecordsOptions): Promise<CsvItem[]> {
  const out: CsvItem[] = [];
  for await (const item of csvRecords(Readable.from(chunks), options)) out.push(item);
  return out;
}

/** Cuts `text` into byte chunks at the given offsets. */
function cut(text: string, offsets: number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const points = [0, ...[...new Set(offsets)].sort((a, b) => a - b).filter((o) => o > 0 && o < bytes.length), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

describe('csvRecords', () => {
  it('csvRecords reads the first line as the header and every value as a string, in header order', async () => {
    const items = await read(['Name,Pin,Enabled\nKen Myer,0042,True\n']);
    expect(items).toEqual([{ row: 2, record: { Name: 'Ken Myer', Pin: '0042', Enabled: 'True' } }]);
    expect(Object.keys((items[0] as { record: object }).record)).toEqual(['Name', 'Pin', 'Enabled']);
  });

  it('csvRecords gives an empty field "" and a missing trailing field null', async () => {
    expect(await read(['a,b,c\n1,,\n2,\n3\n'])).toEqual([
      { row: 2, record: { a: '1', b: '', c: '' } },
      { row: 3, record: { a: '2', b: '', c: null } },
      { row: 4, record: { a: '3', b: null, c: null } },
    ]);
  });

  it('csvRecords ignores fields beyond the header', async () => {
    expect(await read(['a,b\n1,2,3,4\n'])).toEqual([{ row: 2, record: { a: '1', b: '2' } }]);
  });

  it('csvRecords names blank header columns H1, H2 in order and drops trailing blank ones', async () => {
    expect(await read([',Name,,Title,,\n1,2,3,4,5,6\n'])).toEqual([
      { row: 2, record: { H1: '1', Name: '2', H2: '3', Title: '4' } },
    ]);
  });

  it('csvRecords reads a #TYPE first line as the type name of every record', async () => {
    const items = await read(['#TYPE System.Management.Automation.PSCustomObject\r\n"Name","Sip"\r\n"Ken","sip:ken@litwareinc.com"\r\n']);
    expect(items).toEqual([
      { row: 3, record: { Name: 'Ken', Sip: 'sip:ken@litwareinc.com' }, typeName: 'System.Management.Automation.PSCustomObject' },
    ]);
  });

  it('csvRecords keeps a #TYPE name with commas and quotes whole', async () => {
    const items = await read(['#TYPE Dictionary`2[[System.String, mscorlib]]\nName\nKen\n']);
    expect(items).toEqual([{ row: 3, record: { Name: 'Ken' }, typeName: 'Dictionary`2[[System.String, mscorlib]]' }]);
  });

  it('csvRecords skips # lines before the header and reads # lines after it as data', async () => {
    expect(await read(['# exported by csvde\n# second comment\nName\n#1\n'])).toEqual([{ row: 4, record: { Name: '#1' } }]);
  });

  it('csvRecords ends the file with one DuplicateCsvHeader error when a header name repeats in any case', async () => {
    const items = await read(['Name,Pin,name\nKen,1,x\nPilar,2,y\n']);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ errorId: 'DuplicateCsvHeader', category: 'InvalidData', record: 1, target: 'name' });
  });

  it('csvRecords with a header option reads the first line as data and checks the names', async () => {
    expect(await read(['Ken,1\n'], { header: ['Name', 'Pin'] })).toEqual([{ row: 1, record: { Name: 'Ken', Pin: '1' } }]);
    expect(await read(['Ken,1,x\n'], { header: ['Name', '', ''] })).toEqual([{ row: 1, record: { Name: 'Ken', H1: '1', H2: 'x' } }]);
    const [error, ...rest] = await read(['Ken,1\n'], { header: ['Pin', 'PIN'] });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ errorId: 'DuplicateCsvHeader', record: undefined });
  });

  it('csvRecords uses the delimiter option', async () => {
    expect(await read(['a;b\n"x;y";2\n'], { delimiter: ';' })).toEqual([{ row: 2, record: { a: 'x;y', b: '2' } }]);
  });

  it('csvRecords numbers a record by the line it starts on when a quoted field spans lines', async () => {
    const items = await read(['Name,Notes\nKen,"line one\nline two\r\nline three"\nPilar,x\n']);
    expect(items).toEqual([
      { row: 2, record: { Name: 'Ken', Notes: 'line one\nline two\r\nline three' } },
      { row: 5, record: { Name: 'Pilar', Notes: 'x' } },
    ]);
  });

  it('csvRecords skips blank lines but counts them; a blank first line is a header of one unnamed column, as in PowerShell 7.6', async () => {
    expect(await read(['\n\nName\n\nKen\n   \nPilar'])).toEqual([
      { row: 3, record: { H1: 'Name' } },
      { row: 5, record: { H1: 'Ken' } },
      { row: 7, record: { H1: 'Pilar' } },
    ]);
  });

  it('csvRecords with strictColumns (cspin import) skips blank lines before the header', async () => {
    expect(await read(['\n\nName\n\nKen\n   \nPilar'], { strictColumns: true })).toEqual([
      { row: 5, record: { Name: 'Ken' } },
      { row: 7, record: { Name: 'Pilar' } },
    ]);
  });

  it('csvRecords does not count an empty field the input ends in, as PowerShell does (the last value is null)', async () => {
    expect(await read(['a,b\n1,'])).toEqual([{ row: 2, record: { a: '1', b: null } }]);
    expect(await read(['a,b\n1,\n'])).toEqual([{ row: 2, record: { a: '1', b: '' } }]);
    expect(await read(['a,b\n1,""'])).toEqual([{ row: 2, record: { a: '1', b: '' } }]);
    // With the delimiter ", a last line of one quote is an empty field: a blank line, skipped.
    expect(await read(['a"b\n1"2\n"'], { delimiter: '"' })).toEqual([{ row: 2, record: { a: '1', b: '2' } }]);
  });

  it('csvRecords takes the W3C extended log format\'s "#Fields: " line as the header, and skips other # lines', async () => {
    expect(await read(['#Version: 1.0\n#Fields: a,b,c\n1,2,3\n'])).toEqual([{ row: 3, record: { a: '1', b: '2', c: '3' } }]);
    expect(await read(['#Version: 1.0\n  #Fields:  a,b\n1,2\n'])).toEqual([{ row: 3, record: { ' a': '1', b: '2' } }]);
    // Case-sensitive, with its space: "#fields: " and "#Fields:a" are comments; the first line is always the type line.
    expect(await read(['#Version: 1.0\n#fields: a,b\n#Fields:a,b\nx,y\n1,2\n'])).toEqual([{ row: 5, record: { x: '1', y: '2' } }]);
    expect(await read(['#Fields: a,b\nx,y\n1,2\n'])).toEqual([{ row: 3, record: { x: '1', y: '2' } }]);
  });

  it('csvRecords keeps integer-like column names in header order', async () => {
    const [item] = await read(['b,2,a\n1,2,3\n']);
    expect(item !== undefined && !isErrorRecord(item) ? propertyNames(item.record) : []).toEqual(['b', '2', 'a']);
  });

  it('csvRecords reads CRLF, LF and CR line ends, even cut between \\r and \\n', async () => {
    const items = await read(['Name,Sip\r', '\nKen,"a\r', '\nb"\r', '\n\r', '\nPilar,p\rAidan,q\nJane,r']);
    expect(items).toEqual([
      { row: 2, record: { Name: 'Ken', Sip: 'a\r\nb' } },
      { row: 5, record: { Name: 'Pilar', Sip: 'p' } },
      { row: 6, record: { Name: 'Aidan', Sip: 'q' } },
      { row: 7, record: { Name: 'Jane', Sip: 'r' } },
    ]);
  });

  it('csvRecords drops a UTF-8 BOM, even cut across chunks', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name\nZoë\n')]);
    expect(await read([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2, 9), bytes.subarray(9)])).toEqual([
      { row: 2, record: { Name: 'Zoë' } },
    ]);
  });

  it('csvRecords ignores spaces before a field, as Import-Csv does, but keeps them inside quotes', async () => {
    expect(await read(['Name, Sip\n  Ken,  " x"\n'])).toEqual([{ row: 2, record: { Name: 'Ken', Sip: ' x' } }]);
  });

  it('csvRecords keeps a quote inside an unquoted field as text', async () => {
    expect(await read(['Name,Title\nO"Brien,Boss "big"\n'])).toEqual([{ row: 2, record: { Name: 'O"Brien', Title: 'Boss "big"' } }]);
  });

  it('csvRecords reports an unclosed quote as MalformedCsvRow on its line and still delivers the rows after it', async () => {
    const items = await read(['Name,Title\nKen,Boss\nPilar,"Acc', 'ountant\nAidan,Manager\n\nEllen,y\n']);
    expect(items).toEqual([
      { row: 2, record: { Name: 'Ken', Title: 'Boss' } },
      expect.objectContaining({
        errorId: 'MalformedCsvRow',
        category: 'ParserError',
        record: 3,
        message: 'line 3: a quoted field that opens on this line is never closed',
      }),
      { row: 4, record: { Name: 'Aidan', Title: 'Manager' } },
      { row: 6, record: { Name: 'Ellen', Title: 'y' } },
    ]);
  });

  it('csvRecords ends with one MalformedCsvRow when the header itself has an unclosed quote', async () => {
    const items = await read(['Name,"Title\nKen,Boss\n']);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ errorId: 'MalformedCsvRow', record: 1 });
  });

  it('csvRecords reports a record that outgrows maxRecordSize as MalformedCsvRow and reads on at the next line', async () => {
    const items = await read(['Name,Notes\nKen,x\nPilar,"', 'y'.repeat(200), '\nAidan,z\n'], { maxRecordSize: 100 });
    expect(items).toEqual([
      { row: 2, record: { Name: 'Ken', Notes: 'x' } },
      expect.objectContaining({ errorId: 'MalformedCsvRow', record: 3 }),
      { row: 4, record: { Name: 'Aidan', Notes: 'z' } },
    ]);
  });

  it('csvRecords yields nothing for an empty file or a header alone', async () => {
    expect(await read([])).toEqual([]);
    expect(await read(['Name,Sip\r\n'])).toEqual([]);
  });

  it('csvRecords gives the same items however the input is cut into chunks', async () => {
    const text = '\ufeff#TYPE T\r\nName,"Notes"\r\n"Zoë ""Z""","a,\r\nb"\r\n\r\nKen,\r\n"Pilar","unclosed\r\nAidan,c';
    const expected = await read([text]);
    expect(expected.map((i) => (isErrorRecord(i) ? i.record : i.row))).toEqual([3, 6, 7, 8]);
    const size = Buffer.byteLength(text);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: size - 1 }), { maxLength: 8 }), async (offsets) => {
        expect(await read(cut(text, offsets))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('csvRecords reads no further ahead than the consumer pulls', async () => {
    let produced = 0;
    function* rows(): Generator<string> {
      yield 'Name,Pin\n';
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield `user${i},${i}\n`.repeat(100);
      }
    }
    const iterator = csvRecords(Readable.from(rows()))[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ row: 2, record: { Name: 'user0', Pin: '0' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(produced).toBeLessThan(1_000);
    await iterator.return?.();
  });
});

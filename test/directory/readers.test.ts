import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/errors.js';
import { readCsvUsers } from '../../src/directory/import/readCsvUsers.js';
import { readNdjsonUsers } from '../../src/directory/import/readNdjson.js';
import type { SourceRow } from '../../src/directory/import/sourceRow.js';
import { formatOf, readUsers, type ImportFormat } from '../../src/directory/import/sources.js';

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const stream = (...chunks: (string | Buffer)[]): Readable => Readable.from(chunks);

/** The error a call throws. */
function thrown(call: () => unknown): TerminatingError {
  try {
    call();
  } catch (error) {
    if (error instanceof TerminatingError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('readNdjsonUsers', () => {
  it('readNdjsonUsers reads each JSON object line as a row numbered by its line', async () => {
    const rows = await collect(readNdjsonUsers(stream('{"Identity":"CN=Ken,DC=x","SipAddress":"sip:ken@x"}\r\n\r\n{"dn":"CN=Pi', 'lar,DC=x"}')));
    expect(rows).toEqual([
      { row: 1, raw: { Identity: 'CN=Ken,DC=x', SipAddress: 'sip:ken@x' } },
      { row: 3, raw: { dn: 'CN=Pilar,DC=x' } },
    ]);
  });

  it('readNdjsonUsers unrolls an array line into one row per element', async () => {
    expect(await collect(readNdjsonUsers(stream('[{"dn":"CN=a"},{"dn":"CN=b"},7]\n')))).toEqual([
      { row: 1, raw: { dn: 'CN=a' } },
      { row: 1, raw: { dn: 'CN=b' } },
      { row: 1, error: 'expected a JSON object, got a number', errorId: 'ImportRowNotObject' },
    ]);
  });

  it('readNdjsonUsers reports a line that is not an object and keeps reading', async () => {
    const bad = Buffer.concat([Buffer.from('{"x":\n"text"\n42\nnull\nkenmyer\n'), Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from('{"dn":"CN=z"}\n')]);
    const rows = await collect(readNdjsonUsers(stream(bad)));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows[0]).toMatchObject({ error: expect.stringMatching(/^column 6: malformed JSON/), errorId: 'MalformedJson' });
    expect(rows.slice(1)).toEqual([
      { row: 2, error: 'expected a JSON object, got a string', errorId: 'ImportRowNotObject' },
      { row: 3, error: 'expected a JSON object, got a number', errorId: 'ImportRowNotObject' },
      { row: 4, error: 'expected a JSON object, got null', errorId: 'ImportRowNotObject' },
      { row: 5, error: 'expected a JSON object, got a string', errorId: 'ImportRowNotObject' },
      { row: 6, error: 'invalid UTF-8 at byte 1', errorId: 'InvalidUtf8' },
      { row: 7, raw: { dn: 'CN=z' } },
    ]);
  });
});

describe('readCsvUsers', () => {
  it('readCsvUsers reads rows, and refuses one with fewer or more fields than the header', async () => {
    const rows = await collect(
      readCsvUsers(stream('DistinguishedName,SamAccountName,LineUri\r\n"CN=Ken Myer,DC=x",kenmyer,\r\n"CN=Pilar,DC=x"\r\nCN=Aidan,DC=x,aidan,\r\n')),
    );
    expect(rows).toEqual([
      { row: 2, raw: { DistinguishedName: 'CN=Ken Myer,DC=x', SamAccountName: 'kenmyer', LineUri: '' } },
      { row: 3, error: 'the row has 1 field and the header 3 (an unquoted delimiter in a value?)', errorId: 'CsvFieldCountMismatch' },
      { row: 4, error: 'the row has 4 fields and the header 3 (an unquoted delimiter in a value?)', errorId: 'CsvFieldCountMismatch' },
    ]);
  });

  it('readCsvUsers sorts csvde rows by objectClass into users, containers and skipped rows', async () => {
    const text = [
      'DN,objectClass,sAMAccountName,msRTCSIP-PrimaryUserAddress',
      '"DC=litwareinc,DC=com",top;domain;domainDNS,,',
      '"OU=Finance,DC=litwareinc,DC=com",top;organizationalUnit,,',
      '"CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com",top;person;organizationalPerson;user,kenmyer,sip:kenmyer@litwareinc.com',
      '"CN=ATL-CS-001,DC=litwareinc,DC=com",top;person;organizationalPerson;user;computer,ATL-CS-001$,',
      '"CN=Finance Team,DC=litwareinc,DC=com",top;group,,',
    ].join('\r\n');
    expect(await collect(readCsvUsers(stream(text)))).toEqual([
      { row: 2, container: 'DC=litwareinc,DC=com' },
      { row: 3, container: 'OU=Finance,DC=litwareinc,DC=com' },
      {
        row: 4,
        raw: {
          DN: 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com',
          objectClass: 'top;person;organizationalPerson;user',
          sAMAccountName: 'kenmyer',
          'msRTCSIP-PrimaryUserAddress': 'sip:kenmyer@litwareinc.com',
        },
      },
      { row: 5, skipped: 'a computer account' },
      { row: 6, skipped: 'neither a user nor a container (objectClass: top, group)' },
    ]);
  });

  it('readCsvUsers turns a malformed row into an error row and goes on', async () => {
    const rows = await collect(readCsvUsers(stream('DN,Name\n"CN=a,DC=x",Ken\n"CN=b,DC=x,Pilar\nCN=c,Aidan\n')));
    expect(rows).toEqual([
      { row: 2, raw: { DN: 'CN=a,DC=x', Name: 'Ken' } },
      { row: 3, error: 'a quoted field that opens on this line is never closed', errorId: 'MalformedCsvRow' },
      { row: 4, raw: { DN: 'CN=c', Name: 'Aidan' } },
    ]);
  });

  it('readCsvUsers reports a duplicate header once and reads nothing else', async () => {
    expect(await collect(readCsvUsers(stream('DN,dn\nx,y\n')))).toEqual([{ row: 1, error: 'the header names the column "dn" twice', errorId: 'DuplicateCsvHeader' }]);
  });
});

describe('formatOf', () => {
  it('formatOf tells the format by extension, in any case', () => {
    const cases: [string, ImportFormat][] = [
      ['users.csv', 'csv'],
      ['EXPORT.CSV', 'csv'],
      ['users.ndjson', 'ndjson'],
      ['users.jsonl', 'ndjson'],
      ['dir.v2/users.json', 'ndjson'],
      ['users.ldif', 'ldif'],
      ['C:\\export\\users.LDF', 'ldif'],
    ];
    for (const [path, format] of cases) expect(formatOf(path), path).toBe(format);
  });

  it('formatOf prefers an explicit format to the extension', () => {
    expect(formatOf('users.txt', 'ldif')).toBe('ldif');
    expect(formatOf('users.csv', 'NDJSON')).toBe('ndjson');
    expect(formatOf('-', 'csv')).toBe('csv');
  });

  it('formatOf refuses standard input without a format', () => {
    const error = thrown(() => formatOf('-'));
    expect(error.message).toBe('cannot tell the format of standard input: use --format');
    expect(error.exitCode).toBe(2);
  });

  it('formatOf refuses an unknown extension naming the known ones, and an unknown format', () => {
    expect(thrown(() => formatOf('users.txt')).message).toMatch(/users\.txt.*\.csv.*\.ndjson.*\.jsonl.*\.json.*\.ldif.*\.ldf/);
    expect(thrown(() => formatOf('users')).record.errorId).toBe('UnknownImportFormat');
    expect(thrown(() => formatOf('users.csv', 'xml')).message).toMatch(/xml.*csv, ndjson, ldif/);
  });
});

describe('readUsers', () => {
  it('readUsers reads each format with its reader', async () => {
    expect(await collect(readUsers(stream('DN\nCN=a\n'), 'csv'))).toEqual([{ row: 2, raw: { DN: 'CN=a' } }]);
    expect(await collect(readUsers(stream('{"DN":"CN=a"}\n'), 'ndjson'))).toEqual([{ row: 1, raw: { DN: 'CN=a' } }]);
    expect(await collect(readUsers(stream('dn: CN=a\n'), 'ldif'))).toEqual([{ row: 1, raw: { dn: 'CN=a' } }]);
  });
});

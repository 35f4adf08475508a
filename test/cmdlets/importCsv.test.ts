/**
 * Import-Csv end to end, through the real bin and real files: the parameters PowerShell's own Pester
 * tests use (-LiteralPath and its aliases by property name, positional -Delimiter, -UseCulture,
 * -Encoding), the `"` delimiter, W3C `#Fields: ` headers, blank first lines and the unnamed-column
 * warning. Expected values are what PowerShell 7.6 gave for the same files (asked of it, en-US).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, sh } from '../support/shell.js';

const ENV = { CSPIN_DB: '/nonexistent/cspin.db', CSPIN_ERROR_FORMAT: 'json' };
let dir = '';
const run = (command: string) => sh(command, { cwd: dir, env: ENV });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-importcsv-'));
  const files: Record<string, string | Buffer> = {
    'x.csv': 'a,b\n1,2\n',
    'y.csv': 'a;b\n1;2\n',
    // PowerShell's Pester "Import-Csv Double Quote Delimiter" files (Set-Content adds the last newline).
    'EmptyValue.csv': '        a1""a3\n        v1"v2"v3\n',
    'WithValue.csv': '        a1"a2"a3\n        v1"v2"v3\n',
    'QuotedCharacter.csv': '        a1,a2,a3\n        v1,"v2",v3\n',
    'Fields.csv': '#Version: 1.0\n#Fields: a,b,c\n1,2,3\n',
    'FieldsFirst.csv': '#Fields: a,b,c\n#Version: 1.0\n1,2,3\n',
    'blank.csv': '\n\nName\n\nKen\n   \nPilar',
    'open.csv': 'a,b\n1,',
    'u16.csv': Buffer.from('\ufeffa,b\n1,\u00e9\n', 'utf16le'),
    'latin1.csv': Buffer.from('a,b\n1,\u00e9\n', 'latin1'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Import-Csv binds paths as PowerShell does', () => {
  it.each([
    ['a string by value to -Path', `echo '"x.csv"' | Import-Csv`],
    ['an object with Path by property name', `echo '{"Path":"x.csv"}' | Import-Csv`],
    ['an object with LiteralPath by property name', `echo '{"LiteralPath":"x.csv"}' | Import-Csv`],
    ['an object with PSPath (alias of -LiteralPath), as Get-ChildItem writes', `echo '{"PSPath":"x.csv"}' | Import-Csv`],
    ['an object with LP (alias of -LiteralPath)', `echo '{"LP":"x.csv"}' | Import-Csv`],
    ['Path and LiteralPath together: Path wins, as in PowerShell', `echo '{"Path":"x.csv","LiteralPath":"y.csv"}' | Import-Csv`],
    ['-LiteralPath on the command line', 'Import-Csv -LiteralPath x.csv'],
    ['-LP on the command line', 'Import-Csv -LP x.csv'],
    ['-Delimiter by position', "Import-Csv y.csv ';'"],
    ['-Delimiter by position after -LiteralPath', "Import-Csv -LiteralPath y.csv ';'"],
    ['-UseCulture: the en-US list separator', 'Import-Csv x.csv -UseCulture'],
    ['-Encoding utf8', 'Import-Csv x.csv -Encoding utf8'],
  ])('%s', async (_why, command) => {
    const result = await run(command);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.objects).toEqual([{ a: '1', b: '2' }]);
  });

  it.each([
    ['-Path with -LiteralPath', 'Import-Csv -Path x.csv -LiteralPath y.csv', 'AmbiguousParameterSet'],
    ['-UseCulture with -Delimiter', "Import-Csv x.csv -UseCulture -Delimiter ';'", 'AmbiguousParameterSet'],
    ['a two-character delimiter', "Import-Csv x.csv ';;'", 'CannotConvertArgumentNoMessage'],
    ['an encoding PowerShell does not name', 'Import-Csv x.csv -Encoding bogus', 'ParameterArgumentTransformationError'],
  ])('%s is a usage error, as in PowerShell', async (_why, command, errorId) => {
    const result = await run(command);
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual([errorId]);
  });
});

describe('Import-Csv reads files as PowerShell does', () => {
  it.each([
    ['EmptyValue.csv', '"', ['a1', 'H1', 'a3']],
    ['WithValue.csv', '"', ['a1', 'a2', 'a3']],
    ['QuotedCharacter.csv', ',', ['a1', 'a2', 'a3']],
  ])('%s with the delimiter %s gives the header of the Pester test, through every path binding', async (file, delimiter, header) => {
    for (const command of [
      `Import-Csv ${file} -Delimiter '${delimiter}'`,
      `echo '"${file}"' | Import-Csv -Delimiter '${delimiter}'`,
      `echo '{"LiteralPath":"${file}"}' | Import-Csv -Delimiter '${delimiter}'`,
    ]) {
      const result = await run(command);
      expect(result.code).toBe(0);
      expect(result.objects.map((o) => Object.keys(o))).toEqual([header]);
      expect(Object.values(result.objects[0] ?? {})).toEqual(['v1', 'v2', 'v3']);
    }
  });

  it('a "#Fields: " line after the first line is the header (W3C extended log format); as the first line it is the type line', async () => {
    expect((await run('Import-Csv Fields.csv')).objects).toEqual([{ a: '1', b: '2', c: '3' }]);
    expect((await run('Import-Csv FieldsFirst.csv')).objects).toEqual([]);
  });

  it('a blank first line is a header of one unnamed column, with PowerShell\'s warning once', async () => {
    const result = await run('Import-Csv blank.csv');
    expect(result.objects).toEqual([{ H1: 'Name' }, { H1: 'Ken' }, { H1: 'Pilar' }]);
    expect(result.stderr).toBe('WARNING: One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.\n');
  });

  it('an empty field the file ends in is not counted: the value is null', async () => {
    expect((await run('Import-Csv open.csv')).objects).toEqual([{ a: '1', b: null }]);
  });

  it('-Encoding: a UTF-16 BOM is read whatever -Encoding says; latin1 and ascii read single bytes', async () => {
    expect((await run('Import-Csv u16.csv')).objects).toEqual([{ a: '1', b: '\u00e9' }]);
    expect((await run('Import-Csv latin1.csv -Encoding latin1')).objects).toEqual([{ a: '1', b: '\u00e9' }]);
    expect((await run('Import-Csv latin1.csv -Encoding ascii')).objects).toEqual([{ a: '1', b: '?' }]);
  });
});

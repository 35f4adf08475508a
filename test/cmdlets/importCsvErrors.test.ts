/**
 * Import-Csv and ConvertFrom-Csv where PowerShell 7.6 ends the command or names the error its own way
 * (asked of it, en-US): -Path comma lists, a file that cannot be opened, a column named twice, -Header
 * names, and the #TYPE type name. Real bin, real files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, sh } from '../support/shell.js';

const ENV = { CSPIN_DB: '/nonexistent/cspin.db', CSPIN_ERROR_FORMAT: 'json' };
let dir = '';
const run = (command: string) => sh(command, { cwd: dir, env: ENV });
const lines = (...objects: unknown[]) => objects.map((o) => `${JSON.stringify(o)}\n`).join('');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-importcsv-errors-'));
  const files: Record<string, string> = { 'a.csv': 'A\n1\n', 'b.csv': 'B\n2\n', 'twice.csv': 'A,B,a\n1,2,3\n', 'typed.csv': '#TYPE Contoso.User\nName\nKen\n' };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('Import-Csv paths', () => {
  it.each(['Import-Csv a.csv,b.csv', 'Import-Csv -LiteralPath a.csv,b.csv', 'Import-Csv a.csv, b.csv'])('%s reads both files in order', async (command) => {
    const result = await run(command);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(lines({ A: '1' }, { B: '2' }));
  });

  it.each([
    ['Import-Csv a.csv,nope.csv,b.csv', 'a list'],
    ["printf '%s\\n' '\"a.csv\"' '\"nope.csv\"' '\"b.csv\"' | Import-Csv", 'piped paths'],
  ])('%s: a file that cannot be opened ends the command (FileOpenFailure, exit 1), as in PowerShell (%s)', async (command) => {
    const result = await run(command);
    expect(result.stdout).toBe(lines({ A: '1' }));
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['FileOpenFailure']);
    expect(result.code).toBe(1);
  });
});

describe('Import-Csv column names', () => {
  it('a header naming a column twice (in any case) ends the command: AlreadyPresentPSMemberInfoInternalCollectionAdd, exit 1', async () => {
    const result = await run('Import-Csv twice.csv,a.csv');
    expect(result.stdout).toBe('');
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['AlreadyPresentPSMemberInfoInternalCollectionAdd', 1]]);
    expect(result.code).toBe(1);
  });

  it.each([
    ['-Header X,x', 'AlreadyPresentPSMemberInfoInternalCollectionAdd', 'a name given twice'],
    ["-Header X,''", 'MissingExpression', "bash passes X,: a list ending in a comma, as PowerShell reads X,"],
    ["-Header 'X,,Z'", 'MissingExpression', 'two commas meeting: an element is missing'],
    [`-Header "X,'',Z"`, 'ParameterArgumentValidationError', 'a quoted empty name in the middle'],
  ])('Import-Csv a.csv %s is %s before reading, exit 2 (%s)', async (args, errorId) => {
    const result = await run(`Import-Csv a.csv ${args}`);
    expect(result.stdout).toBe('');
    expect(errorsOf(result).map((e) => e.errorId)).toEqual([errorId]);
    expect(result.code).toBe(2);
  });

  it('-Header takes a quoted name with a comma in it', async () => {
    const result = await run(`Import-Csv a.csv -Header '"x,y",z'`);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(lines({ 'x,y': 'A', z: null }, { 'x,y': '1', z: null }));
  });

  it('ConvertFrom-Csv with a column named twice ends with AlreadyPresentPSMemberInfoInternalCollectionAdd', async () => {
    const result = await run(`printf 'a,A\\n1,2\\n' | ConvertFrom-Csv`);
    expect(result.stdout).toBe('');
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['AlreadyPresentPSMemberInfoInternalCollectionAdd']);
    expect(result.code).toBe(1);
  });
});

describe('#TYPE', () => {
  it('a #TYPE T line types the objects T, which ConvertTo-Csv -IncludeTypeInformation writes back', async () => {
    const typed = await run('Import-Csv typed.csv');
    expect(typed.stdout).toBe(lines({ PSTypeName: 'Contoso.User', Name: 'Ken' }));
    const back = await run('Import-Csv typed.csv | ConvertTo-Csv -IncludeTypeInformation');
    expect(back.stdout).toBe('#TYPE Contoso.User\n"Name"\n"Ken"\n');
  });
});

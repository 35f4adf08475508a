/**
 * "Did you mean": the edit distance, the nearest names, and the usage errors of a mistyped parameter
 * (any cmdlet) and a mistyped cspin command, end to end; and `cspin --version` from any folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearestNames } from '../../src/core/suggest.js';
import { ROOT, errorsOf, sh } from '../support/shell.js';

describe('editDistance', () => {
  it.each([
    ['Identity', 'Identity', 0],
    ['Identiti', 'Identity', 1],
    ['identity', 'IDENTITY', 0],
    ['Idnetity', 'Identity', 1],
    ['Identy', 'Identity', 2],
    ['', 'OU', 2],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('nearestNames', () => {
  const names = ['Identity', 'OU', 'LdapFilter', 'Filter', 'ResultSize', 'ErrorAction', 'WarningAction'];

  it.each([
    ['Identiti', ['Identity']],
    ['Idnet', ['Identity']],
    ['ErrorAktion', ['ErrorAction']],
    ['Filtr', ['Filter']],
    ['Zork', []],
    ['Q', []],
  ])('%s suggests %j', (typed, expected) => {
    expect(nearestNames(typed, names)).toEqual(expected);
  });

  it('gives only the nearest, at most three, each name once whatever its case', () => {
    expect(nearestNames('Filx', ['Film', 'FILM', 'Fill', 'File', 'Fit', 'Fild'])).toEqual(['Film', 'Fill', 'File']);
  });

  it('words the sentence', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['-Identity'])).toBe(' Did you mean -Identity?');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' Did you mean a, b or c?');
  });
});

describe.concurrent('end to end', () => {
  it('a mistyped parameter is a usage error (exit 2) that names it and suggests the nearest', async () => {
    const result = await sh('Get-CsClientPinInfo -Identiti "litwareinc\\kenmyer"', { env: { CSPIN_DB: '/nonexistent/cspin.db' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("Get-CsClientPinInfo : A parameter cannot be found that matches parameter name 'Identiti'. Did you mean -Identity?\n");
  });

  it('the error keeps its id; a common parameter is suggested too', async () => {
    const result = await sh('get-csuser -ErrorAktion Stop', { env: { CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(2);
    const [error] = errorsOf(result);
    expect(error?.errorId).toBe('NamedParameterNotFound');
    expect(error?.message).toContain('Did you mean -ErrorAction?');
  });

  it('a name near nothing gets no suggestion', async () => {
    const result = await sh('Get-CsUser -Zork x');
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('Did you mean');
  });

  it.each([
    ['inti', 'init'],
    ['get-csusr', 'Get-CsUser'],
    ['rotate', 'rotate-key'],
  ])('cspin %s is a usage error (CommandNotFoundException, exit 2) suggesting %s', async (typed, suggestion) => {
    const result = await sh(`cspin ${typed}`, { env: { CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(2);
    const [error] = errorsOf(result);
    expect(error?.errorId).toBe('CommandNotFoundException');
    expect(error?.message).toContain(`Did you mean ${suggestion}?`);
  });

  it("cspin --version prints package.json's version, from any folder", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await sh('cspin --version', { cwd: mkdtempSync(join(tmpdir(), 'cspin-elsewhere-')) });
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.code).toBe(0);
  });
});

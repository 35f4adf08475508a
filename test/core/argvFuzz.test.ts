/**
 * The argv dialect against every cmdlet's real declaration, with random argument lists: each either
 * binds or is a usage error (TerminatingError, exit status 2, with an errorId), never anything else,
 * and a usage message echoes no raw control character and no argument longer than echo() allows.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CMDLETS } from '../../src/cmdlets/index.js';
import { argvParameters, bindCommandLine } from '../../src/core/bindCommandLine.js';
import type { AnyCmdletDecl } from '../../src/core/declaration.js';
import { TerminatingError } from '../../src/core/errors.js';

const decls: AnyCmdletDecl[] = [];
beforeAll(async () => {
  for (const load of Object.values(CMDLETS)) decls.push(await load());
});

const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/** Tokens that name a parameter of the cmdlet, in the shapes the dialect reads, and values of every kind. */
function tokens(decl: AnyCmdletDecl): fc.Arbitrary<string> {
  const names = argvParameters(decl).flatMap((p) => [p.name, ...p.aliases]);
  const name = fc.constantFrom(...names).chain((n) =>
    fc.tuple(fc.integer({ min: 1, max: n.length }), fc.boolean()).map(([length, upper]) => (upper ? n.toUpperCase() : n.toLowerCase()).slice(0, length)),
  );
  const value = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', '-', '--', '$null', '$false', 'true', '0', '-1', '2147483648', 'Unlimited', 'Stop', 'Global', 'site:X', '\u001b[2J', 'a\nb', '\u0000'),
    fc.string({ unit: 'binary', maxLength: 6 }),
  );
  return fc.oneof(
    fc.tuple(fc.constantFrom('-', '--'), name).map(([dash, n]) => dash + n),
    fc.tuple(fc.constantFrom('-', '--'), name, fc.constantFrom(':', '='), value).map(([dash, n, sep, v]) => dash + n + sep + v),
    value,
    fc.constantFrom('--', '-?', '-h', '--help'),
  );
}

describe('the argv dialect under fuzzing', () => {
  it('bindCommandLine binds any argument list or throws a usage TerminatingError with an errorId', () => {
    for (const decl of decls) {
      fc.assert(
        fc.property(fc.array(tokens(decl), { maxLength: 8 }), (argv) => {
          try {
            bindCommandLine(decl, argv);
          } catch (error) {
            if (!(error instanceof TerminatingError)) throw error;
            expect(error.exitCode).toBe(2);
            expect(error.record.errorId).toMatch(/^[A-Z][A-Za-z]+$/);
            expect(error.message).not.toMatch(CONTROL);
            expect(error.message.length).toBeLessThan(1000);
          }
        }),
        { numRuns: 250 },
      );
    }
  });

  it('bindCommandLine keeps a -Name:value string verbatim, whatever it holds (quotes, dashes, =, newlines)', () => {
    const importCsv = decls.find((d) => d.name === 'Import-Csv');
    // Import-Csv's -Path is a String[] (a comma list): ConvertFrom-Csv's -InputObject is one string.
    const convertFromCsv = decls.find((d) => d.name === 'ConvertFrom-Csv');
    if (!importCsv || !convertFromCsv) throw new Error('Import-Csv or ConvertFrom-Csv is not registered');
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 4 }), (a, b) => {
        const value = a + b;
        expect(bindCommandLine(importCsv, ['x.csv', `-Delimiter:${value}`]).params).toEqual({ Path: ['x.csv'], Delimiter: value });
        expect(bindCommandLine(convertFromCsv, ['--Delimiter', `=${value}`, '--', `-${value}`]).params).toEqual({ InputObject: `-${value}`, Delimiter: `=${value}` });
      }),
      { numRuns: 300 },
    );
  });

  it('bindCommandLine takes a 1 MB argument as one value, and cuts it in the message of an error', () => {
    const big = 'x'.repeat(1024 * 1024);
    const getUser = decls.find((d) => d.name === 'Get-CsUser');
    if (!getUser) throw new Error('Get-CsUser is not registered');
    expect(bindCommandLine(getUser, ['-Identity', big]).params.Identity).toMatchObject({ text: big });
    expect(() => bindCommandLine(getUser, ['a', big])).toThrow(TerminatingError);
    try {
      bindCommandLine(getUser, [`-${big}`]);
    } catch (error) {
      expect((error as TerminatingError).record.errorId).toBe('NamedParameterNotFound');
      expect((error as TerminatingError).message.length).toBeLessThan(400);
    }
  });
});

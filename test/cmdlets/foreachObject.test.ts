/**
 * ForEach-Object end to end: the real bin through real pipes. Expected values are what PowerShell 7.6
 * gives for the same input (`ConvertFrom-Json | ForEach-Object ...` in a scratch host).
 */
import { describe, expect, it } from 'vitest';
import { errorsOf, sh } from '../support/shell.js';

const ENV = { CSPIN_DB: '/nonexistent/cspin.db', CSPIN_ERROR_FORMAT: 'json' };
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
const printf = (values: readonly unknown[]) => `printf '%s\\n' ${values.map((v) => quote(JSON.stringify(v))).join(' ')} |`;
const AB = [{ a: 1, b: 'x' }];

/** [ForEach-Object arguments, input objects, PowerShell's output]. */
const CASES: [string, unknown[], unknown[]][] = [
  ['b', AB, ['x']],
  ['B', AB, ['x']],
  ['-MemberName b', AB, ['x']],
  ['c', AB, [null]],
  ['q*', AB, [null]],
  ['a', [{ a: [1, null, 2] }], [1, null, 2]],
  ['a', [{ a: [] }], []],
  ['a', [{ a: null }], [null]],
  ['a', [{ a: { c: 1 } }], [{ c: 1 }]],
  ['Length', ['x', null], [1, null]],
  ['Trim', [' x '], ['x']],
  ['toupper', ['abc'], ['ABC']],
  ["-Process '{$_.a}'", AB, [1]],
  ["-Process '{$_.A}'", AB, [1]],
  ["-Process '{$_.c}'", AB, [null]],
  ["-Process '{$_.a -eq 1}'", AB, [true]],
  ["'{$_}'", AB, AB],
  ["'{$PSItem.b}'", AB, ['x']],
  ["-Process '{$_.a}'", [{ a: [1, 2] }], [1, 2]],
  ["-Process '{ $_.a -gt 1 -and $_.b -like \"x*\" }'", [{ a: 2, b: 'xy' }, { a: 2, b: 'y' }], [true, false]],
  ["-Process '{\"text\"}'", [1, 2], ['text', 'text']],
];

describe('ForEach-Object, as PowerShell 7.6 does it', () => {
  it.each(CASES)('ForEach-Object %s on %j', async (args, input, expected) => {
    const result = await sh(`${printf(input)} ForEach-Object ${args}`, { env: ENV });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected.map((value) => `${JSON.stringify(value)}\n`).join(''));
  });
});

/** [arguments, input, output, error ids, exit status]. */
const ERRORS: [string, unknown[], unknown[], string[], number][] = [
  ['a*', [{ a: 1, ab: 'x' }, { a: 2, b: 3 }], [2], ['AmbiguousPropertyOrMethodName'], 1],
  ["-Process '{ Write-Host $_.a }'", AB, [], ['ScriptBlockNotSupported'], 2],
  ["-Process '{ $x = $_.a }'", AB, [], ['ScriptBlockNotSupported'], 2],
  ["-Process '{ $_.a | Out-Null }'", AB, [], ['ScriptBlockNotSupported'], 2],
  ["-Process '{ $_.a + 1 }'", AB, [], ['ScriptBlockNotSupported'], 2],
  ["-Process '{ $_.a.ToString() }'", AB, [], ['ScriptBlockNotSupported'], 2],
  ["-Process '{ a }'", AB, [], ['ScriptBlockNotSupported'], 2],
  ["b -Process '{$_.a}'", AB, [], ['AmbiguousParameterSet'], 2],
  ['', AB, [], ['MissingMandatoryParameter'], 2],
  ["-Process '{$_.a -lt \"soon\"}'", [{ a: '2012-09-25T13:35:03Z' }], [], ['ComparisonFailure'], 1],
];

describe('ForEach-Object errors', () => {
  it.each(ERRORS)('ForEach-Object %s', async (args, input, expected, ids, code) => {
    const result = await sh(`${printf(input)} ForEach-Object ${args}`, { env: ENV });
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(ids);
    expect(result.code).toBe(code);
    expect(result.objects).toEqual(expected);
  });

  it('refuses a script block beyond the language before reading anything, in one line', async () => {
    const result = await sh(`yes '{"a":1}' | ForEach-Object -Process '{ Write-Host $_.SipAddress }'`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/beyond what cspin evaluates/);
  });

  it('streams: the first value comes out while the input is still open', async () => {
    // The producer writes its second line only once the first value has come out: holding it back would hang.
    const result = await sh(
      `cd "$(mktemp -d)" && mkfifo f && timeout 30 bash -c '(echo "{\\"a\\":1}"; read -r _ < f; echo "{\\"a\\":2}") | ForEach-Object a | (read -r l; echo "$l"; echo got > f; cat)'; echo "{\\"status\\":$?}"`,
      { env: ENV },
    );
    expect(result.objects).toEqual([1, 2, { status: 0 }]);
  });
});

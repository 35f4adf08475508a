/**
 * One memory budget for every holding cmdlet, through the real bins: past CSPIN_MEMORY_BUDGET (or the
 * declared budget, in the bins' real 64 MiB heap) each stops with MemoryBudgetExceeded naming the limit
 * and its way out, exit 1, no stack trace, no V8 crash and no half-written output; help says what it holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, sh, type ShellResult } from '../support/shell.js';

const ENV = { CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC', CSPIN_DB: '/nonexistent/cspin.db' };
/** n objects of about 60 bytes each. */
const objects = (n: number) => `seq 1 ${n} | awk '{ printf "{\\"Identity\\":\\"sip:u%d@litwareinc.com\\",\\"IsPinSet\\":true}\\n", $1 }'`;
/** n objects, each with a string of `kib` KiB. */
const big = (n: number, kib: number) => `node -e 'process.stdout.on("error", () => process.exit(0)); const s="x".repeat(${kib * 1024}); for (let i = 0; i < ${n}; i++) process.stdout.write(JSON.stringify({i, s}) + "\\n")'`;

/** The one error of a failed run: MemoryBudgetExceeded, exit 1, no crash, no stack trace. */
function budgetError(result: ShellResult): string {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(/FATAL|out of memory|\n\s+at /);
  const errors = errorsOf(result);
  expect(errors.map((e) => e.errorId)).toEqual(['MemoryBudgetExceeded']);
  return errors[0]?.message ?? '';
}

describe.concurrent('MemoryBudgetExceeded under CSPIN_MEMORY_BUDGET', () => {
  it.each([
    ['Select-Object -Last 5000', '64K', '-Last'],
    ['Select-Object -SkipLast 5000', '64K', '-SkipLast'],
    ['Select-Object -Unique Identity', '64K', '-Unique'],
    ['Sort-Object Identity -Top 5000', '64K', 'smaller n'],
    ['Group-Object IsPinSet', '64K', '-NoElement'],
    ['Format-Table -AutoSize', '64K', 'leave out -AutoSize'],
  ])('%s: the limit and the way out, nothing half-written', async (command, budget, wayOut) => {
    const result = await sh(`${objects(20_000)} | ${command}`, { env: { ...ENV, CSPIN_MEMORY_BUDGET: budget } });
    const message = budgetError(result);
    expect(message).toContain('64 KiB');
    expect(message).toContain(wayOut);
    // -SkipLast streams what it no longer holds (as it would under a larger budget); the others write only at the end.
    if (!command.includes('SkipLast')) expect(result.stdout).toBe('');
  });

  it('ConvertTo-Json: the first object held past the budget writes nothing', async () => {
    const result = await sh(`${objects(1)} | ConvertTo-Json`, { env: { ...ENV, CSPIN_MEMORY_BUDGET: '32' } });
    expect(budgetError(result)).toMatch(/32 bytes.*-Depth/);
    expect(result.stdout).toBe('');
  });

  it('ConvertTo-Json: an array stops at the object that passes it, never closed as if complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cspin-budget-'));
    // The third object is sent only once the first two are written (a chunk of their own).
    const input = `{ printf '%s\\n' '{"a":1}' '{"a":2}'; for i in $(seq 100); do [ -s out ] && break; sleep 0.1; done; printf '%s\\n' '${JSON.stringify({ b: 'y'.repeat(2000) })}'; }`;
    // Past -Depth 2 the indented text of an object is counted before it is built.
    const result = await sh(`${input} | ConvertTo-Json -Depth 3 > out; status=$?; cat out; exit $status`, { cwd: dir, env: { ...ENV, CSPIN_MEMORY_BUDGET: '1K' } });
    rmSync(dir, { recursive: true, force: true });
    budgetError(result);
    expect(result.stdout).toMatch(/^\[\n {2}\{\n {4}"a": 1\n {2}\},\n {2}\{\n {4}"a": 2\n {2}\}$/);
  });

  it('under the budget each gives its full output', async () => {
    const results = await Promise.all(
      ['Select-Object -Last 2', 'Select-Object -Unique IsPinSet', 'Sort-Object Identity -Top 1', 'Group-Object IsPinSet -NoElement', 'ConvertTo-Json -Compress'].map((c) =>
        sh(`${objects(3)} | ${c}`, { env: { ...ENV, CSPIN_MEMORY_BUDGET: '64K' } }),
      ),
    );
    expect(results.map((r) => [r.code, r.stderr])).toEqual(results.map(() => [0, '']));
    expect(results.map((r) => r.stdout.trim().split('\n').length)).toEqual([2, 1, 1, 1, 1]);
  });
});

describe('the declared budgets in the bins\' real 64 MiB heap', () => {
  it('Select-Object -Last over 80 MiB of large objects stops with the error, not V8\'s crash', async () => {
    const result = await sh(`${big(400, 200)} | Select-Object -Last 400`, { env: ENV });
    expect(budgetError(result)).toContain('16 MiB');
    expect(result.stdout).toBe('');
  }, 60_000);

  it('ConvertTo-Json -Depth 100 of a deeply nested 1 MB object (90 MB of text) stops with the error', async () => {
    const deep = `node -e 'process.stdout.on("error", () => process.exit(0)); let s = "[" + Array(500000).fill(1).join(",") + "]"; for (let i = 0; i < 98; i++) s = "[" + s + "]"; console.log(s)'`;
    const result = await sh(`${deep} | ConvertTo-Json -Depth 100`, { env: ENV });
    expect(budgetError(result)).toContain('16 MiB');
    expect(result.stdout).toBe('');
  }, 60_000);
});

describe.concurrent('help says what each holds', () => {
  it.each([
    ['Select-Object', /MEMORY\n {4}Holds the last n input objects.*only with -Last, -SkipLast or -Unique.*\n {4}Budget: 16 MiB/],
    ['Sort-Object', /MEMORY\n {4}Holds the input objects.*\n {4}Budget: 16 MiB/],
    ['Group-Object', /MEMORY\n {4}Holds every input object.*-NoElement.*\n {4}Budget: 16 MiB/],
    ['ConvertTo-Json', /MEMORY\n {4}Holds the first object.*\n {4}Budget: 16 MiB/],
    ['Format-Table', /MEMORY\n {4}Holds the text of every row.*only with -AutoSize.*\n {4}Budget: 24 MiB/],
  ])('%s -? and Get-Help -Full', async (name, pattern) => {
    const [short, full] = await Promise.all([sh(`${name} -?`), sh(`Get-Help ${name} -Full`)]);
    expect(short.stdout).toMatch(pattern);
    expect(full.stdout).toMatch(pattern);
  });
});

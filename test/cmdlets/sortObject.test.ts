/**
 * Sort-Object end to end: the real bin through real pipes. A tiny CSPIN_MEMORY_BUDGET forces the spill
 * to temporary files, whose order must be the same as in memory, and whose private folder must be gone
 * after a normal end, an error, SIGINT, SIGTERM and a reader that went away (| head).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bins, errorsOf, sh } from '../support/shell.js';

const N = 3000;
/** Pseudo-random numbers with many ties, and their expected stable ascending order (sorted here, by index). */
const values = Array.from({ length: N }, (_, i) => ((i * 7919) % 211) - 100);
const lines = values.map((v, i) => JSON.stringify({ v, i, pad: 'x'.repeat(40) }));
const stableOrder = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);

let tmp: string;
let input: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cspin-sort-test-'));
  input = join(tmp, 'input.ndjson');
  writeFileSync(input, `${lines.join('\n')}\n`);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** The spill folders Sort-Object left in a TMPDIR. */
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('cspin-sort-'));

/** A TMPDIR of its own for the command under test, and the environment that forces small runs. */
function spillEnv(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmp, 'tmpdir-'));
  return { dir, env: { TMPDIR: dir, CSPIN_MEMORY_BUDGET: '16K', CSPIN_ERROR_FORMAT: 'json' } };
}

describe('Sort-Object past its memory budget (spilled runs, k-way merge)', () => {
  it('gives the stable order of all the input and removes its folder after a normal end', async () => {
    const { dir, env } = spillEnv();
    const result = await sh(`Sort-Object v -Stable < ${input}`, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects.map((o) => o.i)).toEqual(stableOrder);
    expect(leftovers(dir)).toEqual([]);
  });

  it('without -Stable sorts the same keys (ties in input order once spilled), descending too', async () => {
    const { dir, env } = spillEnv();
    const result = await sh(`Sort-Object v -Descending < ${input}`, { env });
    expect(result.code, result.stderr).toBe(0);
    const got = result.objects.map((o) => o.v as number);
    expect(got).toEqual([...values].sort((a, b) => b - a));
    expect(leftovers(dir)).toEqual([]);
  });

  it('-Unique keeps one object per key across runs', async () => {
    const { env } = spillEnv();
    const result = await sh(`Sort-Object v -Unique < ${input}`, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects.map((o) => o.v)).toEqual([...new Set(values)].sort((a, b) => a - b));
  });

  it('merges in passes when there are more runs than files it opens at once', async () => {
    const { dir, env } = spillEnv();
    const result = await sh(`Sort-Object v -Stable < ${input}`, { env: { ...env, CSPIN_MEMORY_BUDGET: '1K' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects.map((o) => o.i)).toEqual(stableOrder);
    expect(leftovers(dir)).toEqual([]);
  });

  it('removes its folder when the reader goes away (| head)', async () => {
    const { dir, env } = spillEnv();
    const result = await sh(`Sort-Object v < ${input} | head -n 2; echo "\${PIPESTATUS[0]}" >&2`, { env });
    expect(result.objects).toHaveLength(2);
    expect(result.stderr.trim()).toBe('0');
    expect(leftovers(dir)).toEqual([]);
  });

  it('removes its folder after a terminating error (-ErrorAction Stop on a bad line)', async () => {
    const { dir, env } = spillEnv();
    const result = await sh(`(cat ${input}; echo '{bad'; cat ${input}) | Sort-Object v -ErrorAction Stop`, { env });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['MalformedJson']);
    expect(leftovers(dir)).toEqual([]);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('removes its folder on %s while it waits for more input', async (signal, status) => {
    const { dir, env } = spillEnv();
    const child = spawn('Sort-Object', ['v'], { env: { ...process.env, ...env, PATH: `${bins()}:${process.env.PATH ?? ''}` }, stdio: ['pipe', 'ignore', 'pipe'] });
    child.stdin.write(`${lines.join('\n')}\n`);
    // Runs were written once the folder exists; the input stays open, so the command is mid-way.
    for (let i = 0; i < 100 && leftovers(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(leftovers(dir)).toHaveLength(1);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
    child.kill(signal);
    const end = await exited;
    // The bin dies of the same signal once it has cleaned up (as Unix tools do).
    expect(end.signal === signal || end.code === status).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('Sort-Object in memory', () => {
  const run = (args: string, items: string[]) => sh(`printf '%s\\n' ${items.map((l) => `'${l}'`).join(' ')} | Sort-Object ${args}`, { env: { CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' } });

  it('puts $null between negative numbers and zero, a missing property last in both directions', async () => {
    const items = ['{"a":8}', '{"b":1}', '{"a":null}', '{"a":-2}', '{"a":0}'];
    expect((await run('a', items)).objects).toEqual([{ a: -2 }, { a: null }, { a: 0 }, { a: 8 }, { b: 1 }]);
    expect((await run('a -Descending', items)).objects).toEqual([{ a: 8 }, { a: 0 }, { a: null }, { a: -2 }, { b: 1 }]);
  });

  it('compares ISO 8601 dates as dates and strings in the en-US culture, case-insensitively', async () => {
    const dates = ['{"d":"2012-09-25T13:35:03.000Z"}', '{"d":"2012-09-25T09:00:00.000-08:00"}', '{"d":"2010-01-01T00:00:00.000Z"}'];
    expect((await run('d', dates)).objects.map((o) => o.d)).toEqual(['2010-01-01T00:00:00.000Z', '2012-09-25T13:35:03.000Z', '2012-09-25T09:00:00.000-08:00']);
    expect((await run('-CaseSensitive', ['"b"', '"B"', '"a"', '"A"'])).stdout).toBe('"a"\n"A"\n"b"\n"B"\n');
  });

  it('-Top and -Bottom hold only n objects: within a budget too small for the input', async () => {
    const many = Array.from({ length: 500 }, (_, i) => String((i * 37) % 500));
    const top = await sh(`printf '%s\\n' ${many.join(' ')} | Sort-Object -Top 3`, { env: { CSPIN_MEMORY_BUDGET: '2K' } });
    expect(top.stdout).toBe('0\n1\n2\n');
    const bottom = await sh(`printf '%s\\n' ${many.join(' ')} | Sort-Object -Bottom 2 -Descending`, { env: { CSPIN_MEMORY_BUDGET: '2K' } });
    expect(bottom.stdout).toBe('1\n0\n');
  });

  it('-Top past the budget fails with MemoryBudgetExceeded, never a crash', async () => {
    const many = Array.from({ length: 500 }, (_, i) => String(i));
    const result = await sh(`printf '%s\\n' ${many.join(' ')} | Sort-Object -Top 400`, { env: { CSPIN_MEMORY_BUDGET: '2K', CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['MemoryBudgetExceeded']);
    expect(result.stdout).toBe('');
  });

  it('refuses -Stable with -Top, and -Top 0, before reading anything', async () => {
    expect((await run('-Stable -Top 2', ['1'])).code).toBe(2);
    const zero = await run('-Top 0', ['1']);
    expect(zero.code).toBe(2);
    expect(errorsOf(zero).map((e) => e.errorId)).toEqual(['ParameterArgumentValidationError']);
  });

  it('help says what it holds and its budget', async () => {
    const help = await sh('Sort-Object -?');
    expect(help.stdout).toMatch(/MEMORY\n {4}Holds the input objects .*16 MiB/s);
  });
});

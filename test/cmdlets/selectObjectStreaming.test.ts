/**
 * Select-Object's streaming: -First ends an endless upstream at once and quietly, as head does; the
 * other modes stream through a pipe; holding modes stop at the memory budget with a clear error.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

const ENV = { CSPIN_DB: '/nonexistent/cspin.db', CSPIN_ERROR_FORMAT: 'json' };

describe('Select-Object -First', () => {
  it('ends an endless producer at once, exit 0, nothing on stderr', async () => {
    const started = Date.now();
    const result = await sh(`timeout 20 bash -c "yes '{\\"a\\":2}' | Select-Object -First 2"`);
    expect(Date.now() - started).toBeLessThan(15000);
    expect(result).toMatchObject({ code: 0, stderr: '', objects: [{ a: 2 }, { a: 2 }] });
  });

  it('does not wait for the producer to write again', async () => {
    // The producer writes its next line only after Select-Object has ended: waiting for it would hang until the timeout.
    const result = await sh(`cd "$(mktemp -d)" && mkfifo f && timeout 30 bash -c '(echo "{\\"a\\":1}"; read -r _ < f; echo "{\\"a\\":2}") | (Select-Object -First 1; echo ended > f)'; echo "{\\"status\\":$?}"`);
    expect(result.objects).toEqual([{ a: 1 }, { status: 0 }]);
  });

  it('ends a cspin producer quietly, both exit 0 under pipefail', async () => {
    const env = await sampleDirectory();
    const result = await sh('set -o pipefail; Get-CsUser | Select-Object -First 1 SamAccountName', { env });
    expect(result).toMatchObject({ code: 0, stderr: '', objects: [{ SamAccountName: 'kenmyer' }] });
  });

  it('writes the first objects of a long input and stops reading it', async () => {
    const result = await sh(`seq 1 2000000 | Select-Object -First 3 -Skip 2; echo "{\\"status\\":\${PIPESTATUS[1]}}"`, { env: ENV });
    expect(result.objects).toEqual([3, 4, 5, { status: 0 }]);
  });

  it('-Index stops after its last position', async () => {
    const result = await sh('timeout 20 bash -c "seq 1 100000000 | Select-Object -Index 2,4"', { env: ENV });
    expect(result).toMatchObject({ code: 0, objects: [3, 5] });
  });
});

describe('Select-Object streams', () => {
  it('passes objects on before its input ends (-Property, -SkipLast)', async () => {
    // The producer writes its third line only once the first output line has come out: holding it back would hang.
    const script = (args: string) =>
      `cd "$(mktemp -d)" && mkfifo f && timeout 30 bash -c '(echo "{\\"a\\":1}"; echo "{\\"a\\":2}"; read -r _ < f; echo "{\\"a\\":3}") | Select-Object ${args} | (read -r l; echo "$l"; echo got > f; cat)'; echo "{\\"status\\":$?}"`;
    for (const [args, objects] of [
      ['a', [{ a: 1 }, { a: 2 }, { a: 3 }]],
      ['-SkipLast 1', [{ a: 1 }, { a: 2 }]],
    ] as const) {
      const result = await sh(script(args), { env: ENV });
      expect(result.objects.map((o) => ('a' in o ? { a: o.a } : o))).toEqual([...objects, { status: 0 }]);
    }
  });

  it('is ended quietly by head', async () => {
    const result = await sh('set -o pipefail; seq 1 300000 | Select-Object -Last 200000 | head -n 2', { env: ENV });
    expect(result.objects).toEqual([100001, 100002]);
    expect(result.stderr).toBe('');
  });

  it('stops at its memory budget with MemoryBudgetExceeded, not a crash', async () => {
    const result = await sh(`seq 1 400000 | sed 's/.*/{"a":&,"b":"&&&&&&&&"}/' | Select-Object -Unique a | tail -n 1`, { env: ENV });
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['MemoryBudgetExceeded']);
    expect(result.stderr).not.toMatch(/heap out of memory|FATAL/);
  });
});

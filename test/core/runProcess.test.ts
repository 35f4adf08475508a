import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { errorRecord, type ErrorRecord } from '../../src/core/errors.js';
import type { BoundItem } from '../../src/core/stream/bindRecords.js';
import { runProcess } from '../../src/core/stream/runProcess.js';
import { Valve } from '../../src/core/stream/valve.js';

const bound = (n: number): BoundItem => ({ params: { n }, record: n });
const bindingError = (n: number): ErrorRecord => errorRecord({ errorId: 'MalformedJson', category: 'ParserError', message: `line ${n}`, record: n });
const always = { ready: () => undefined };

/** A cmdlet that outputs each chunk's records one chunk late (as Get-CsClientPinInfo does with its worker). */
function lateCmdlet() {
  let held: number[] = [];
  const process = (records: BoundItem[]) => {
    const out = held;
    held = records.map((r) => r.record ?? 0);
    return out;
  };
  const flush = () => {
    const out = held;
    held = [];
    return out;
  };
  return { process, flush };
}

const labels = (batches: unknown[][]) => batches.flat().map((item) => (typeof item === 'number' ? item : `error ${(item as ErrorRecord).record}`));

describe('runProcess', () => {
  it('runProcess flushes held-back output before a binding error, so output and errors keep input order', async () => {
    const { process, flush } = lateCmdlet();
    const chunks = [[bound(1), bound(2)], [bound(3), bindingError(4), bound(5)], [bound(6)]];
    const out = await lastValueFrom(from(chunks).pipe(runProcess(process, new Valve(), always, flush), toArray()));
    // 6 is still held: the engine's end() call gives it up.
    expect(labels(out)).toEqual([1, 2, 3, 'error 4', 5]);
    expect(flush()).toEqual([6]);
  });

  it('runProcess without a flush reports a binding error before the output of its run', async () => {
    const chunks = [[bound(1), bindingError(2), bound(3)]];
    const out = await lastValueFrom(from(chunks).pipe(runProcess((records) => records.map((r) => r.record ?? 0), new Valve(), always), toArray()));
    expect(labels(out)).toEqual([1, 'error 2', 3]);
  });
});

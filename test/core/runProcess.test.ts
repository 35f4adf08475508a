import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { errorRecord, type ErrorRecord } from '../../src/core/errors.js';
import { JsonLines, JsonText, expandJsonLines } from '../../src/core/jsonText.js';
import type { BoundItem } from '../../src/core/stream/bindRecords.js';
import { ndjsonEncoder } from '../../src/core/stream/outputWriter.js';
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

  it('runProcess counts a JsonLines as its lines when it batches output (128 objects a batch)', async () => {
    const page = new JsonLines(['{"n":1}', '{"n":2}', '{"n":3}'].join('\n'), 100);
    const process = () => [page, page, 1, 2];
    const out = await lastValueFrom(from([[bound(1)]]).pipe(runProcess(process, new Valve(), always), toArray()));
    // 100 + 100 objects fill the first batch; the rest come in the last.
    expect(out.map((batch) => batch.length)).toEqual([2, 2]);
  });
});

describe('JsonLines', () => {
  it('JsonLines gives its objects in order, and expandJsonLines puts them in place among other items', () => {
    const page = new JsonLines('{"a":1}\n{"a":2,"b":"x\\ny"}', 2);
    expect(page.objects()).toEqual([{ a: 1 }, { a: 2, b: 'x\ny' }]);
    expect(expandJsonLines(['first', page, 3])).toEqual(['first', { a: 1 }, { a: 2, b: 'x\ny' }, 3]);
  });

  it('the NDJSON encoder writes a JsonLines verbatim, one line per object', () => {
    const page = new JsonLines('{"a":1}\n{"a":2}', 2);
    expect(ndjsonEncoder.encode([{ z: 0 }, page, new JsonText('{"c":3}')])).toBe('{"z":0}\n{"a":1}\n{"a":2}\n{"c":3}\n');
  });
});

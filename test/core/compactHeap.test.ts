import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapCompactor } from '../../src/core/stream/compactHeap.js';

const holder = globalThis as { gc?: () => void };
const original = holder.gc;
const chunksOf = (count: number, size: number) => Array.from({ length: count }, () => new Array<number>(size).fill(1));

describe('HeapCompactor', () => {
  afterEach(() => {
    holder.gc = original;
  });

  it('HeapCompactor collects after output once 65,536 records were read, and passes chunks through', async () => {
    let collections = 0;
    holder.gc = () => collections++;
    const compactor = new HeapCompactor();
    const chunks = chunksOf(20, 16_384);
    const seen: number[] = [];
    const out = await lastValueFrom(
      from(chunks).pipe(
        compactor.counter<number>(),
        // The output side: each chunk's output is written, then the compactor may collect.
        tap(() => {
          compactor.afterOutput();
          seen.push(collections);
        }),
        toArray(),
      ),
    );
    expect(out).toEqual(chunks);
    expect(collections).toBe(5);
    // Never while reading: only after the output of the fourth, eighth... chunk.
    expect(seen.slice(0, 5)).toEqual([0, 0, 0, 1, 1]);
  });

  it('HeapCompactor collects on the input side when a long stream writes no output', async () => {
    let collections = 0;
    holder.gc = () => collections++;
    const compactor = new HeapCompactor();
    await lastValueFrom(from(chunksOf(40, 16_384)).pipe(compactor.counter<number>(), toArray()));
    expect(collections).toBe(2);
  });

  it('HeapCompactor does nothing when the process cannot collect on demand', async () => {
    holder.gc = undefined;
    const compactor = new HeapCompactor();
    const chunks = [[1], [2, 3]];
    expect(await lastValueFrom(from(chunks).pipe(compactor.counter<number>(), toArray()))).toEqual(chunks);
    compactor.afterOutput();
  });
});

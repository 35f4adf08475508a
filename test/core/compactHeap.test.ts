import { from, lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { compactHeap } from '../../src/core/stream/compactHeap.js';

const holder = globalThis as { gc?: () => void };
const original = holder.gc;

describe('compactHeap', () => {
  afterEach(() => {
    holder.gc = original;
  });

  it('compactHeap runs a full collection after every 65,536 records and passes chunks through', async () => {
    let collections = 0;
    holder.gc = () => collections++;
    const chunks = Array.from({ length: 20 }, () => new Array<number>(16_384).fill(1));
    const out = await lastValueFrom(from(chunks).pipe(compactHeap<number>(), toArray()));
    expect(out).toEqual(chunks);
    expect(collections).toBe(5);
  });

  it('compactHeap does nothing when the process cannot collect on demand', async () => {
    holder.gc = undefined;
    const chunks = [[1], [2, 3]];
    expect(await lastValueFrom(from(chunks).pipe(compactHeap<number>(), toArray()))).toEqual(chunks);
  });
});

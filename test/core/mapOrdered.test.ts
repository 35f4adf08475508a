/** mapOrdered: bounded concurrency, input order, errors in turn, and nothing left running. */
import { describe, expect, it } from 'vitest';
import { mapOrdered, threadPoolParallelism } from '../../src/core/index.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Work that finishes in a scrambled order and records how many calls ran at once. */
function tracked() {
  let running = 0;
  const stats = { peak: 0, started: [] as number[], finished: [] as number[] };
  const fn = async (n: number) => {
    stats.started.push(n);
    running++;
    stats.peak = Math.max(stats.peak, running);
    await sleep((n * 7) % 5);
    running--;
    stats.finished.push(n);
    if (n < 0) throw new Error(`failed ${n}`);
    return n * 10;
  };
  return { fn, stats };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('mapOrdered', () => {
  it.each([[1], [2], [3], [8]])('mapOrdered with limit %i yields every result in input order and never runs more than the limit', async (limit) => {
    const { fn, stats } = tracked();
    const items = Array.from({ length: 30 }, (_, i) => i);
    expect(await collect(mapOrdered(items, limit, fn))).toEqual(items.map((i) => i * 10));
    expect(stats.peak).toBe(limit);
    expect(stats.finished).not.toEqual(items.length > 1 && limit > 1 ? items : []);
  });

  it('mapOrdered reads its input lazily: no more than the limit ahead of what was taken', async () => {
    const { fn, stats } = tracked();
    const iterator = mapOrdered(Array.from({ length: 100 }, (_, i) => i), 3, fn);
    await iterator.next();
    expect(stats.started.length).toBeLessThanOrEqual(4);
    await iterator.return(undefined);
  });

  it('mapOrdered throws a rejection in its turn, after the results before it, and settles the rest first', async () => {
    const { fn, stats } = tracked();
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const value of mapOrdered([0, 1, -2, 3, 4], 3, fn)) got.push(value);
      })(),
    ).rejects.toThrow('failed -2');
    expect(got).toEqual([0, 10]);
    expect(stats.finished.length).toBe(stats.started.length);
  });

  it('mapOrdered stopped early (a reader that went away) waits for the calls in flight and starts no more', async () => {
    const { fn, stats } = tracked();
    for await (const value of mapOrdered(Array.from({ length: 50 }, (_, i) => i), 4, fn)) if (value === 10) break;
    expect(stats.finished.length).toBe(stats.started.length);
    expect(stats.started.length).toBeLessThan(10);
  });

  it('mapOrdered with a key runs the calls of one key one after the other, in input order, and other keys in parallel', async () => {
    const log: string[] = [];
    let running = 0;
    let peak = 0;
    const items = ['a1', 'b1', 'a2', 'a3', 'b2', 'c1', 'a4', 'b3'];
    const fn = async (item: string) => {
      running++;
      peak = Math.max(peak, running);
      log.push(`start ${item}`);
      // Later items of a key finish sooner: without the key they would overtake the earlier ones.
      await sleep(20 - Number(item.slice(1)) * 4);
      log.push(`end ${item}`);
      running--;
      return item;
    };
    expect(await collect(mapOrdered(items, 4, fn, { key: (item) => item[0] }))).toEqual(items);
    for (const key of ['a', 'b', 'c']) {
      const mine = log.filter((line) => line.endsWith(key) || line.includes(` ${key}`));
      const expected = items.filter((i) => i.startsWith(key)).flatMap((i) => [`start ${i}`, `end ${i}`]);
      expect(mine).toEqual(expected);
    }
    expect(peak).toBeGreaterThan(1);
  });

  it('mapOrdered with a key starts the next call of a key after a failed one settles', async () => {
    const order: string[] = [];
    const fn = async (item: string) => {
      await sleep(item === 'a1' ? 10 : 0);
      order.push(item);
      if (item === 'a1') throw new Error('a1 failed');
      return item;
    };
    const iterator = mapOrdered(['a1', 'a2', 'b1'], 3, fn, { key: (item) => item[0] });
    await expect(iterator.next()).rejects.toThrow('a1 failed');
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });

  it('threadPoolParallelism is at least 2 and at most the libuv pool size', () => {
    expect(threadPoolParallelism({ UV_THREADPOOL_SIZE: '1' })).toBe(2);
    expect(threadPoolParallelism({})).toBeGreaterThanOrEqual(2);
    expect(threadPoolParallelism({})).toBeLessThanOrEqual(4);
    expect(threadPoolParallelism({ UV_THREADPOOL_SIZE: '64' })).toBeLessThanOrEqual(64);
  });
});

/**
 * Bounded concurrency that keeps order: async work (hashing on libuv's thread pool) runs a few at a
 * time while results come out in input order, so a cmdlet's output order is its input order and its
 * memory is bounded by the limit, not by the input.
 */
import { availableParallelism } from 'node:os';

/** Options of {@link mapOrdered}. */
export interface MapOrderedOptions<T> {
  /**
   * Items with the same key run one after the other, in input order: each call starts only when the
   * one before it with that key has settled, so a call that reads state and then writes it sees what
   * the previous one left (a user's logon attempts). Items with different keys still run in parallel.
   */
  key?: (item: T) => unknown;
}

/**
 * Calls fn on each item with at most `limit` calls in flight and yields the results in input order.
 * The next item starts as soon as the oldest result is taken, so `limit` calls stay busy while the
 * consumer works. A rejection is thrown when its turn comes. If the consumer stops early, the calls
 * in flight are waited for (and their results dropped), so none runs on unobserved.
 * @param items the inputs (read lazily)
 * @param limit the most calls in flight (at least 1), counting those waiting for their key
 * @param fn the async work
 * @param options a key that serializes the calls for the same key
 * @returns the results, in input order
 */
export async function* mapOrdered<T, R>(items: Iterable<T>, limit: number, fn: (item: T) => Promise<R>, options: MapOrderedOptions<T> = {}): AsyncGenerator<R> {
  const source = items[Symbol.iterator]();
  const window: Promise<R>[] = [];
  // The latest call of each key still in the window: the next one with that key waits for it.
  const latest = new Map<unknown, Promise<unknown>>();
  const start = (item: T): Promise<R> => {
    if (!options.key) return fn(item);
    const key = options.key(item);
    const before = latest.get(key);
    const call = before ? before.then(() => fn(item), () => fn(item)) : fn(item);
    latest.set(key, call);
    const forget = () => {
      if (latest.get(key) === call) latest.delete(key);
    };
    call.then(forget, forget);
    return call;
  };
  const fill = () => {
    while (window.length < Math.max(1, limit)) {
      const next = source.next();
      if (next.done) return;
      const call = start(next.value);
      // Handled here so a rejection that waits for its turn is not reported as unhandled meanwhile.
      call.catch(() => undefined);
      window.push(call);
    }
  };
  try {
    fill();
    while (window.length > 0) {
      const result = await (window[0] as Promise<R>);
      window.shift();
      fill();
      yield result;
    }
  } finally {
    await Promise.allSettled(window);
  }
}

/**
 * How many thread-pool tasks to keep in flight: one per core, at least 2, and no more than libuv's
 * pool has threads (UV_THREADPOOL_SIZE, default 4), since more would only queue.
 * @param env the environment (UV_THREADPOOL_SIZE)
 * @returns the limit for {@link mapOrdered}
 */
export function threadPoolParallelism(env: NodeJS.ProcessEnv): number {
  const pool = Number(env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(2, Math.min(availableParallelism(), pool));
}

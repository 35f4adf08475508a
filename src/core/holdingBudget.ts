/**
 * The memory a holding cmdlet (Select-Object -Last/-Unique, Sort, Group) may fill. The bins run V8
 * with a 64 MiB old space; a cmdlet that holds objects checks, every few thousand objects, how full
 * the heap is after a full collection, and past the budget stops with a clear error that names the
 * limit and the way out, never V8's out-of-memory crash.
 */
import { getHeapStatistics } from 'node:v8';
import { TerminatingError } from './errors.js';

/** The share of V8's heap limit a cmdlet may fill with what it holds (the rest runs the pipeline, and a growing table needs room to double). */
const SHARE = 0.6;
/** Objects between two checks: a check costs a full collection only when the heap looks full. */
const EVERY = 1024;

/** Counts what a cmdlet holds and stops it past the memory budget. */
export class HoldingBudget {
  #since = 0;

  /**
   * @param name the cmdlet
   * @param what what it holds, e.g. "the objects of -Last"
   * @param wayOut what to do instead, e.g. "use a smaller -Last"
   */
  constructor(
    private readonly name: string,
    private readonly what: string,
    private readonly wayOut: string,
  ) {}

  /**
   * Notes one more object held.
   * @param held how many objects are held now (for the message)
   * @throws TerminatingError HoldingLimitExceeded once the heap is past the budget
   */
  add(held: number): void {
    if (++this.#since < EVERY) return;
    this.#since = 0;
    const limit = getHeapStatistics().heap_size_limit;
    if (getHeapStatistics().used_heap_size < limit * SHARE) return;
    (globalThis as { gc?: () => void }).gc?.();
    if (getHeapStatistics().used_heap_size < limit * SHARE) return;
    const mib = Math.round(limit / 1048576);
    throw new TerminatingError({
      errorId: 'HoldingLimitExceeded',
      category: 'LimitsExceeded',
      message: `${this.name} holds ${this.what} (${held} objects so far) and has reached ${Math.round(SHARE * 100)}% of its ${mib} MiB memory limit. ${this.wayOut}`,
      target: held,
    });
  }
}

import { Observable, concat, concatMap, type OperatorFunction } from 'rxjs';
import type { CmdletOutput } from '../declaration.js';
import { isErrorRecord, type ErrorRecord } from '../errors.js';
import { JsonLines } from '../jsonText.js';
import type { BoundItem } from './bindRecords.js';
import type { Valve } from './valve.js';

/**
 * Objects per emitted batch (a JsonLines counts as its lines). Small enough that a batch's text
 * stays under glibc's mmap threshold (512 ADUser lines were 200 KB: a fresh mapping, faulted in, per batch).
 */
const BATCH = 128;

/** Lets the producer wait while the output is congested. */
export interface Pacer {
  /** undefined when output can take more now, else a promise that settles when it can. */
  ready(): Promise<void> | undefined;
}

/**
 * Runs a cmdlet's process function once per chunk of bound records and emits its output in batches.
 * Binding errors keep their place in input order. Synchronous output is drained synchronously until the output
 * congests; then the valve is held (pausing stdin) until the output drains, so memory stays flat.
 * @param process the cmdlet's process function, already given its state and context
 * @param valve the input valve
 * @param pacer the output's congestion signal
 * @param flush gives up output the cmdlet holds back; called before binding errors are emitted
 * @returns an operator from chunks of bound records to batches of output (objects and ErrorRecords)
 */
export function runProcess(
  process: (records: BoundItem[]) => CmdletOutput,
  valve: Valve,
  pacer: Pacer,
  flush?: () => CmdletOutput,
): OperatorFunction<(BoundItem | ErrorRecord)[], unknown[]> {
  return concatMap((items) => {
    // Keep input order: a binding error is reported between the records around it (so -ErrorAction
    // Stop stops at the first error of the input, not the first binding error of the chunk). Runs of
    // bound records between errors are still processed in one call each.
    const runs: { errors: ErrorRecord[]; records: BoundItem[] }[] = [];
    let run: { errors: ErrorRecord[]; records: BoundItem[] } | undefined;
    for (const item of items) {
      if (isErrorRecord(item)) {
        if (!run || run.records.length > 0) runs.push((run = { errors: [], records: [] }));
        run.errors.push(item);
      } else {
        if (!run) runs.push((run = { errors: [], records: [] }));
        run.records.push(item);
      }
    }
    return concat(
      ...runs.flatMap(({ errors, records }) => [
        ...(flush && errors.length > 0 ? [drainOutput(flush, [], valve, pacer)] : []),
        drainOutput(() => (records.length > 0 ? process(records) : []), errors, valve, pacer),
      ]),
    );
  });
}

/**
 * Emits the output of one process/end call in batches, pausing for backpressure.
 * @param produce calls the cmdlet
 * @param first items to emit before the output
 * @param valve the input valve
 * @param pacer the output's congestion signal
 * @returns an observable of output batches
 */
export function drainOutput(produce: () => CmdletOutput, first: unknown[], valve: Valve, pacer: Pacer): Observable<unknown[]> {
  return new Observable<unknown[]>((subscriber) => {
    let release: (() => void) | undefined;
    let iterator: Iterator<unknown> | undefined;
    let done = false;
    const fail = (error: unknown) => {
      done = true;
      release?.();
      subscriber.error(error);
    };
    const finish = () => {
      done = true;
      release?.();
      subscriber.complete();
    };
    // Drains synchronously until the output congests, then resumes on drain (holding the valve meanwhile).
    const step = (): void => {
      try {
        const batch: unknown[] = [];
        let objects = 0;
        for (;;) {
          if (subscriber.closed || !iterator) return;
          const next = iterator.next();
          if (next.done) break;
          batch.push(next.value);
          objects += next.value instanceof JsonLines ? next.value.count : 1;
          if (objects < BATCH) continue;
          objects = 0;
          subscriber.next(batch.splice(0));
          const congested = pacer.ready();
          if (congested) {
            release ??= valve.hold();
            congested.then(step, fail);
            return;
          }
        }
        if (batch.length > 0) subscriber.next(batch);
        finish();
      } catch (error) {
        fail(error);
      }
    };
    try {
      if (first.length > 0) subscriber.next(first);
      const output = produce();
      if (Symbol.asyncIterator in output) {
        release = valve.hold();
        pumpAsync(output[Symbol.asyncIterator](), subscriber, pacer).then(finish, fail);
      } else {
        iterator = output[Symbol.iterator]();
        step();
      }
    } catch (error) {
      fail(error);
    }
    return () => {
      release?.();
      // A reader that went away (| head) leaves the producer mid-way: let it release what it holds.
      if (!done) iterator?.return?.();
    };
  });
}

// Async output (file reads, hashing) is emitted item by item, so a slow item never holds back
// earlier ones; the output writer coalesces the small writes.
async function pumpAsync(
  iterator: AsyncIterator<unknown>,
  subscriber: { closed: boolean; next(batch: unknown[]): void },
  pacer: Pacer,
): Promise<void> {
  for (;;) {
    if (subscriber.closed) {
      await iterator.return?.();
      return;
    }
    const next = await iterator.next();
    if (next.done) return;
    subscriber.next([next.value]);
    await pacer.ready();
  }
}

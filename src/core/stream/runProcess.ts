import { Observable, concatMap, type OperatorFunction } from 'rxjs';
import type { CmdletOutput } from '../declaration.js';
import { isErrorRecord, type ErrorRecord } from '../errors.js';
import type { BoundItem } from './bindRecords.js';
import type { Valve } from './valve.js';

/** Items per emitted batch when a cmdlet yields one object at a time. */
const BATCH = 512;

/** Lets the producer wait while the output is congested. */
export interface Pacer {
  /** undefined when output can take more now, else a promise that settles when it can. */
  ready(): Promise<void> | undefined;
}

/**
 * Runs a cmdlet's process function once per chunk of bound records and emits its output in batches.
 * Binding errors of the chunk go first. Synchronous output is drained synchronously until the output
 * congests; then the valve is held (pausing stdin) until the output drains, so memory stays flat.
 * @param process the cmdlet's process function, already given its state and context
 * @param valve the input valve
 * @param pacer the output's congestion signal
 * @returns an operator from chunks of bound records to batches of output (objects and ErrorRecords)
 */
export function runProcess(
  process: (records: BoundItem[]) => CmdletOutput,
  valve: Valve,
  pacer: Pacer,
): OperatorFunction<(BoundItem | ErrorRecord)[], unknown[]> {
  return concatMap((items) => {
    const errors = items.filter(isErrorRecord);
    const records = items.filter((item): item is BoundItem => !isErrorRecord(item));
    return drainOutput(() => (records.length > 0 ? process(records) : []), errors, valve, pacer);
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
    const wait = (promise: Promise<void>, resume: () => void) => {
      release ??= valve.hold();
      promise.then(resume, (error: unknown) => subscriber.error(error));
    };
    const finish = () => {
      release?.();
      subscriber.complete();
    };
    try {
      if (first.length > 0) subscriber.next(first);
      const output = produce();
      if (Symbol.asyncIterator in output) {
        release = valve.hold();
        void pumpAsync(output[Symbol.asyncIterator](), subscriber, pacer).then(finish, (error: unknown) => {
          release?.();
          subscriber.error(error);
        });
        return () => release?.();
      }
      const iterator = output[Symbol.iterator]();
      const step = (): void => {
        const batch: unknown[] = [];
        for (;;) {
          if (subscriber.closed) return;
          const next = iterator.next();
          if (next.done) break;
          batch.push(next.value);
          if (batch.length < BATCH) continue;
          subscriber.next(batch.splice(0));
          const congested = pacer.ready();
          if (congested) return wait(congested, step);
        }
        if (batch.length > 0) subscriber.next(batch);
        finish();
      };
      step();
    } catch (error) {
      release?.();
      subscriber.error(error);
    }
    return () => {
      release?.();
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

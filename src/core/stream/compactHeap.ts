import { tap, type MonoTypeOperatorFunction } from 'rxjs';

/** Records between two forced full collections. */
const EVERY = 65_536;

/**
 * Runs a full garbage collection every 65,536 records, when the process allows it (`--expose-gc`,
 * as the bin does). V8's JSON.parse interns short string values (a SamAccountName, say) and only a
 * full collection drops them from its string table, which otherwise grows over a long stream: about
 * 30 MiB by ten million records. A full collection of this small heap takes a few milliseconds; at
 * 262,144 records the sawtooth between two was ~15 MiB high (seen with a lookup thread running too).
 * @returns an operator that counts the records of each chunk and passes them on
 */
export function compactHeap<T>(): MonoTypeOperatorFunction<T[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return (source) => source;
  let count = 0;
  return tap((items) => {
    count += items.length;
    if (count < EVERY) return;
    count = 0;
    gc();
  });
}

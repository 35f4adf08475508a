import { tap, type MonoTypeOperatorFunction } from 'rxjs';

/** Records read between two forced full collections. */
const EVERY = 65_536;
/** Records read with no output in between after which the input side collects by itself. */
const WITHOUT_OUTPUT = 4 * EVERY;

/**
 * Runs a full garbage collection every 65,536 records read, when the process allows it (`--expose-gc`,
 * as the bin does). V8's JSON.parse interns short string values (a SamAccountName, say) and only a
 * full collection drops them from its string table, which otherwise grows over a long stream: about
 * 30 MiB by ten million records. The collection runs once output has been written, while the chunk and
 * its output objects are still alive: at a quiet moment their maps die with them, and V8 throws away the
 * optimized code built on those maps and compiles it again (measured with --trace-deopt: ~100 more
 * compilations, ~0.45 s, per million records). A cmdlet that writes nothing is collected on the input
 * side instead.
 */
export class HeapCompactor {
  readonly #gc = (globalThis as { gc?: () => void }).gc;
  #read = 0;
  #due = false;

  /** @returns an operator that counts the records of each chunk read and passes them on */
  counter<T>(): MonoTypeOperatorFunction<T[]> {
    if (!this.#gc) return (source) => source;
    return tap((items) => {
      this.#read += items.length;
      if (this.#read >= WITHOUT_OUTPUT) this.#collect();
      else if (this.#read >= EVERY) this.#due = true;
    });
  }

  /** Called after output was written: collects if enough records were read since the last time. */
  afterOutput(): void {
    if (this.#due) this.#collect();
  }

  #collect(): void {
    this.#read = 0;
    this.#due = false;
    this.#gc?.();
  }
}

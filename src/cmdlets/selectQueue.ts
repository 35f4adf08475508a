/**
 * Select-Object's queue of -First, -Last, -Skip and -SkipLast, as PowerShell's SelectObjectQueue
 * works: objects stream out as they come when they can (-First, -Skip, -SkipLast with its lag), and
 * -Last holds only its last n (+ -Skip) objects until the end. `-First a -Last b` gives the first a
 * and the last b without duplicates; -Skip with -Last (and no -First) skips from the end.
 */

/** A first-in first-out queue whose shift is O(1) (Array#shift moves every element). */
export class Deque<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    // Give the dead front back once it is half the array.
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}

/** The counts Select-Object was given; 0 means not given, as in PowerShell. */
export interface QueueCounts {
  first: number;
  last: number;
  skip: number;
  skipLast: number;
  /** -First or -Last was given (a -First 0 selects nothing). */
  firstOrLast: boolean;
}

/** PowerShell's SelectObjectQueue over items of any kind. */
export class SelectQueue<T> {
  readonly #queue = new Deque<T>();
  readonly #counts: QueueCounts;
  readonly #weigh: (item: T) => number;
  #skip: number;
  #streamed = 0;
  #bytes = 0;

  /**
   * @param counts Select-Object's counts
   * @param weigh the bytes an item costs while held (for the memory budget)
   */
  constructor(counts: QueueCounts, weigh: (item: T) => number = () => 0) {
    this.#counts = counts;
    this.#weigh = weigh;
    this.#skip = counts.skip;
  }

  /** How many items it holds now. */
  get held(): number {
    return this.#queue.length;
  }

  /** The bytes the held items cost (their weights). */
  get bytes(): number {
    return this.#bytes;
  }

  #shift(): T | undefined {
    const item = this.#queue.shift();
    if (item !== undefined) this.#bytes -= this.#weigh(item);
    return item;
  }

  /** True once -First has all its objects and nothing more is needed (-Last not given). */
  get allRequested(): boolean {
    const { firstOrLast, last, first } = this.#counts;
    return firstOrLast && last === 0 && first !== 0 && this.#streamed >= first;
  }

  /**
   * Takes an item in and gives back the item to output now, if any.
   * @param item the next input item
   * @returns the item that streams out now, or undefined
   */
  push(item: T): T | undefined {
    const { first, last, skipLast, firstOrLast } = this.#counts;
    if ((last > 0 && first === 0 && this.#queue.length >= last + this.#skip) || (last > 0 && first !== 0 && this.#queue.length >= last)) {
      this.#shift();
    }
    this.#queue.push(item);
    this.#bytes += this.#weigh(item);
    if (this.#skip === 0) {
      if (skipLast > 0) return this.#queue.length > skipLast ? this.#shift() : undefined;
      if (this.#streamed < first || !firstOrLast) {
        this.#streamed++;
        return this.#shift();
      }
      if (last === 0) this.#shift();
    } else if (last === 0) {
      this.#shift();
      this.#skip--;
    } else if (first !== 0) {
      this.#skip--;
      this.#shift();
    }
    return undefined;
  }

  /**
   * The items held for the end (-Last), in order; -SkipLast's held items are never output.
   * @returns the items to output at the end
   */
  *drain(): Generator<T> {
    if (this.#counts.skipLast > 0) return;
    if (this.#counts.first !== 0) {
      for (let item = this.#shift(); item !== undefined; item = this.#shift()) yield item;
      return;
    }
    while (this.#queue.length > this.#skip) yield this.#shift() as T;
  }
}

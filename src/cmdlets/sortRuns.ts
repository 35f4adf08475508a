/**
 * Sort-Object past its memory budget: each full run is sorted and written to a temporary NDJSON file
 * (one line per object: its keys, a tab, its JSON), and the end merges the files k-way, reading each
 * through a small buffer, so memory stays flat whatever the input size. The files live in one private
 * folder that clean() removes on every way out.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { TempFolder } from '../core/tempFolder.js';
import { decodeKeys, encodeKeys, type KeyValue } from './orderKeys.js';

/** One held object: its keys, its JSON text and its input position. */
export interface Entry {
  readonly k: KeyValue[];
  readonly t: string;
  readonly i: number;
  /** A number that orders the entry as its one key does, when the run allows it (see fastRank). */
  f?: number;
}

/** Files merged at once; more runs are merged in passes. */
const FAN_IN = 64;
const READ_BUFFER = 64 * 1024;
const WRITE_CHUNK = 1024 * 1024;

/** Reads one run file back, entry by entry. */
class RunReader {
  readonly #fd: number;
  readonly #buffer = Buffer.allocUnsafe(READ_BUFFER);
  readonly #decoder = new StringDecoder('utf8');
  #lines: string[] = [];
  #next = 0;
  #rest = '';
  #eof = false;

  constructor(
    path: string,
    readonly order: number,
  ) {
    this.#fd = openSync(path, 'r');
  }

  read(): Entry | undefined {
    while (this.#next >= this.#lines.length) {
      if (this.#eof) return undefined;
      const n = readSync(this.#fd, this.#buffer, 0, READ_BUFFER, null);
      if (n === 0) {
        this.#eof = true;
        this.close();
        if (this.#rest === '') return undefined;
        this.#lines = [this.#rest];
        this.#rest = '';
      } else {
        const parts = (this.#rest + this.#decoder.write(this.#buffer.subarray(0, n))).split('\n');
        this.#rest = parts.pop() ?? '';
        this.#lines = parts;
      }
      this.#next = 0;
    }
    const line = this.#lines[this.#next++] ?? '';
    const tab = line.indexOf('\t');
    return { k: decodeKeys(line.slice(0, tab)), t: line.slice(tab + 1), i: this.order };
  }

  close(): void {
    try {
      closeSync(this.#fd);
    } catch {
      // Already closed.
    }
  }
}

/** The spill files of one Sort-Object, in run order. */
export class Spill {
  readonly #folder = new TempFolder('cspin-sort-');
  readonly #files: string[] = [];
  readonly #readers: RunReader[] = [];
  #written = 0;

  /** How many runs were written. */
  get runs(): number {
    return this.#written;
  }

  /**
   * Writes a sorted run.
   * @param entries the run, sorted
   */
  write(entries: Iterable<Entry>): void {
    this.#files.push(this.#writeFile(entries));
  }

  #writeFile(entries: Iterable<Entry>): string {
    const path = this.#folder.file(`run${this.#written++}.ndjson`);
    const fd = openSync(path, 'wx', 0o600);
    // Lines are encoded straight into one buffer: no megabyte strings to flatten and convert.
    const buffer = Buffer.allocUnsafe(WRITE_CHUNK);
    let used = 0;
    try {
      for (const e of entries) {
        const line = `${encodeKeys(e.k)}\t${e.t}\n`;
        if (used + line.length * 3 > WRITE_CHUNK) {
          writeSync(fd, buffer, 0, used);
          used = 0;
        }
        if (line.length * 3 > WRITE_CHUNK) writeSync(fd, line);
        else used += buffer.write(line, used);
      }
      if (used > 0) writeSync(fd, buffer, 0, used);
    } finally {
      closeSync(fd);
    }
    return path;
  }

  /**
   * Merges every run and the last one still in memory, in order; equal entries keep run order.
   * @param last the sorted run not written
   * @param compare the entries' order
   * @returns the merged entries
   */
  *merge(last: Entry[], compare: (a: Entry, b: Entry) => number): Generator<Entry> {
    while (this.#files.length + 1 > FAN_IN) {
      // The first FAN_IN runs become one, which stays first: ties keep run order.
      const group = this.#files.splice(0, FAN_IN);
      this.#files.unshift(this.#writeFile(mergeSources(group.map((file, n) => this.#reader(file, n)), compare)));
      // Merged runs are read to their end: their disk space goes back now, not at the end.
      for (const file of group) rmSync(file, { force: true });
    }
    const sources: (() => Entry | undefined)[] = this.#files.map((file, n) => this.#reader(file, n));
    let next = 0;
    const order = this.#files.length;
    sources.push(() => {
      const e = last[next++];
      return e && { k: e.k, t: e.t, i: order };
    });
    yield* mergeSources(sources, compare);
  }

  #reader(file: string, order: number): () => Entry | undefined {
    const reader = new RunReader(file, order);
    this.#readers.push(reader);
    return () => reader.read();
  }

  /** Closes the files and removes the folder. */
  remove(): void {
    for (const reader of this.#readers) reader.close();
    this.#folder.remove();
  }
}

/**
 * A k-way merge over a binary heap; ties go to the earlier source (Entry.i is the source's order).
 * @param sources each returns its next entry, undefined at its end
 * @param compare the order of entries
 */
function* mergeSources(sources: readonly (() => Entry | undefined)[], compare: (a: Entry, b: Entry) => number): Generator<Entry> {
  const heap: { e: Entry; s: number }[] = [];
  const less = (a: { e: Entry; s: number }, b: { e: Entry; s: number }) => {
    const c = compare(a.e, b.e);
    return c < 0 || (c === 0 && a.s < b.s);
  };
  const push = (item: { e: Entry; s: number }) => {
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(item, heap[p] as { e: Entry; s: number })) break;
      heap[i] = heap[p] as { e: Entry; s: number };
      i = p;
    }
    heap[i] = item;
  };
  const siftDown = () => {
    const item = heap[0] as { e: Entry; s: number };
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const c = r < heap.length && less(heap[r] as { e: Entry; s: number }, heap[l] as { e: Entry; s: number }) ? r : l;
      if (!less(heap[c] as { e: Entry; s: number }, item)) break;
      heap[i] = heap[c] as { e: Entry; s: number };
      i = c;
    }
    heap[i] = item;
  };
  sources.forEach((source, s) => {
    const e = source();
    if (e) push({ e, s });
  });
  while (heap.length > 0) {
    const top = heap[0] as { e: Entry; s: number };
    yield top.e;
    const e = (sources[top.s] as () => Entry | undefined)();
    if (e) {
      heap[0] = { e, s: top.s };
      siftDown();
    } else {
      const last = heap.pop() as { e: Entry; s: number };
      if (heap.length > 0) {
        heap[0] = last;
        siftDown();
      }
    }
  }
}

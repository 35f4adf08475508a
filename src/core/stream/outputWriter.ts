import { JsonLines, JsonText } from '../jsonText.js';
import type { Pacer } from './runProcess.js';
import type { Valve } from './valve.js';

/** Turns output objects into text: NDJSON, or a terminal view. */
export interface OutputEncoder {
  encode(items: unknown[]): string;
  end(): string;
}

/** NDJSON, one compact JSON value per line. */
export const ndjsonEncoder: OutputEncoder = {
  encode: (items) => {
    let text = '';
    for (const item of items) text += `${item instanceof JsonText ? item.json : item instanceof JsonLines ? item.text : (JSON.stringify(item) ?? 'null')}\n`;
    return text;
  },
  end: () => '',
};

/** Coalesce writes up to this many characters before handing them to the stream. */
const FLUSH_AT = 64 * 1024;

/**
 * Writes output batches to stdout: coalesced, and holding the valve while the stream is full so a
 * slow reader keeps memory flat. A reader that goes away (EPIPE, `| head -n 1`) is reported once
 * through onClosed, and later writes are dropped.
 */
export class OutputWriter implements Pacer {
  readonly #out: NodeJS.WritableStream;
  readonly #encoder: OutputEncoder;
  readonly #valve: Valve;
  #buffer = '';
  #flushScheduled = false;
  #drained: Promise<void> | undefined;
  #closed = false;

  /**
   * @param out the stream (stdout)
   * @param encoder how items become text
   * @param valve the input valve, held while the stream is full
   * @param onClosed called once when the reader has gone away
   */
  constructor(out: NodeJS.WritableStream, encoder: OutputEncoder, valve: Valve, onClosed: () => void) {
    this.#out = out;
    this.#encoder = encoder;
    this.#valve = valve;
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (this.#closed) return;
      this.#closed = true;
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') onClosed();
      else throw error;
    });
  }

  /** Whether the reader has gone away. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Queues items for output.
   * @param items output objects
   */
  write(items: unknown[]): void {
    if (this.#closed || items.length === 0) return;
    this.#buffer += this.#encoder.encode(items);
    if (this.#buffer.length >= FLUSH_AT) this.#flush();
    else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.#flush());
    }
  }

  /** A promise while the stream is full, else undefined. */
  ready(): Promise<void> | undefined {
    return this.#drained;
  }

  /** Writes what is left and ends the stream. */
  async end(): Promise<void> {
    this.#buffer += this.#encoder.end();
    this.#flush();
    if (this.#closed) return;
    await this.#drained;
    // stdout stays open (it belongs to the process): wait for the last write to be flushed instead.
    await new Promise<void>((resolve) => {
      this.#out.write('', () => resolve());
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#closed || this.#buffer === '') return;
    const text = this.#buffer;
    this.#buffer = '';
    // Our own exact-size Buffer: handed a string, Node reserves 3 bytes per character for its UTF-8,
    // over glibc's mmap threshold at this size, so every write faulted in fresh pages (~0.5 s per million lines).
    if (this.#out.write(Buffer.from(text)) || this.#drained) return;
    const release = this.#valve.hold();
    this.#drained = new Promise<void>((resolve) => {
      const done = () => {
        this.#out.off('drain', done);
        this.#out.off('close', done);
        this.#drained = undefined;
        release();
        resolve();
      };
      this.#out.once('drain', done);
      this.#out.once('close', done);
    });
  }
}

import { JsonLines, JsonText, PlainText } from '../jsonText.js';
import { stringifyRecord } from '../record.js';
import type { Pacer } from './runProcess.js';
import type { Valve } from './valve.js';

/** Turns output objects into text: NDJSON, or a terminal view. */
export interface OutputEncoder {
  encode(items: unknown[]): string;
  /** Text held back so far (a view that plans from several records), given up before an error is shown. */
  flush?(): string;
  end(): string;
}

/** NDJSON, one compact JSON value per line. */
export const ndjsonEncoder: OutputEncoder = {
  encode: (items) => {
    let text = '';
    for (const item of items) {
      if (item instanceof PlainText) text += item.written;
      else text += `${item instanceof JsonText ? item.json : item instanceof JsonLines ? item.text : stringifyRecord(item)}\n`;
    }
    return text;
  },
  end: () => '',
};

/**
 * A change that must take effect only if its output line arrives (Set-CsClientPin's new PIN: the
 * line is the only copy of it). The writer calls exactly one of commit and rollback.
 */
export interface Deliverable {
  /** What changed (a SIP address), for messages about lines that may not have arrived. */
  readonly label: string;
  /** Makes the change permanent: called once the stream has taken the line. */
  commit(): void;
  /** Undoes the change: called when the line could not be written. */
  rollback(): void;
}

/** Why a delivery failed: the stream failed or was closed, the command is stopping, or the commit failed after the line was written. */
export class DeliveryError extends Error {
  /**
   * @param reason what went wrong
   * @param label the delivery's label
   * @param cause the stream's or the commit's error
   */
  constructor(
    readonly reason: 'output' | 'stopped' | 'commit',
    readonly label: string,
    cause?: unknown,
  ) {
    super(`delivery of ${label} failed: ${reason}`, { cause });
    this.name = 'DeliveryError';
  }
}

/** Coalesce writes up to this many characters before handing them to the stream. */
const FLUSH_AT = 64 * 1024;

/** A delivery the stream has not confirmed yet. */
interface Pending {
  deliverable: Deliverable;
  reject: (error: DeliveryError) => void;
  /** The promise deliver returned. */
  done?: Promise<void>;
}

/**
 * Writes output batches to stdout: coalesced, and holding the valve while the stream is full so a
 * slow reader keeps memory flat. The first stream error (EPIPE: the reader went away, as with
 * `| head -n 1`; or a failed write, as on /dev/full) is reported once through onFailed, and later
 * writes are dropped. Deliveries are written at once and commit or roll back their change by the
 * write's outcome.
 */
export class OutputWriter implements Pacer {
  readonly #out: NodeJS.WritableStream;
  readonly #encoder: OutputEncoder;
  readonly #valve: Valve;
  readonly #lossWindow: number;
  #buffer = '';
  #flushScheduled = false;
  #drained: Promise<void> | undefined;
  #failure: NodeJS.ErrnoException | undefined;
  #stopped = false;
  readonly #pending = new Set<Pending>();
  #accepted = 0;
  /** Delivered labels whose lines the reader may not have read yet (within the loss window). */
  readonly #recent: { label: string; end: number }[] = [];
  #delivered = 0;

  /**
   * @param out the stream (stdout)
   * @param encoder how items become text
   * @param valve the input valve, held while the stream is full
   * @param onFailed called once, with the error, when the stream fails or its reader goes away
   * @param lossWindow bytes the stream may have taken but its reader never read (a pipe's buffer), 0 for files and terminals
   */
  constructor(out: NodeJS.WritableStream, encoder: OutputEncoder, valve: Valve, onFailed: (error: NodeJS.ErrnoException) => void, lossWindow = 0) {
    this.#out = out;
    this.#encoder = encoder;
    this.#valve = valve;
    this.#lossWindow = lossWindow;
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (this.#failure) return;
      this.#failure = error;
      onFailed(error);
    });
  }

  /** Whether the stream failed or its reader went away. */
  get closed(): boolean {
    return this.#failure !== undefined;
  }

  /** The stream's error, if it failed. */
  get failure(): NodeJS.ErrnoException | undefined {
    return this.#failure;
  }

  /** How many deliveries were committed. */
  get delivered(): number {
    return this.#delivered;
  }

  /** Labels of committed deliveries whose lines may not have been read, when the reader went away. */
  mayBeUnread(): string[] {
    return this.#lossWindow === 0 ? [] : this.#recent.filter((entry) => entry.end > this.#accepted - this.#lossWindow).map((entry) => entry.label);
  }

  /**
   * Queues items for output.
   * @param items output objects
   */
  write(items: unknown[]): void {
    if (this.#failure || items.length === 0) return;
    this.#buffer += this.#encoder.encode(items);
    if (this.#buffer.length >= FLUSH_AT) this.#flush();
    else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.#flush());
    }
  }

  /**
   * Writes an item now, after everything queued before it, and commits its change once the stream
   * has taken it, or rolls it back when the write fails.
   * @param item the output object
   * @param deliverable the change that stands or falls with it
   * @returns settles after commit; rejects with a DeliveryError after rollback (or after a failed commit)
   */
  deliver(item: unknown, deliverable: Deliverable): Promise<void> {
    if (this.#failure || this.#stopped) {
      deliverable.rollback();
      return Promise.reject(new DeliveryError(this.#failure ? 'output' : 'stopped', deliverable.label, this.#failure));
    }
    const bytes = Buffer.from(this.#buffer + this.#encoder.encode([item]));
    this.#buffer = '';
    const pending: Pending = { deliverable, reject: () => undefined };
    pending.done = new Promise<void>((resolve, reject) => {
      pending.reject = reject;
      this.#pending.add(pending);
      this.#send(bytes, (error) => {
        if (!this.#pending.delete(pending)) return;
        if (error || this.#failure) {
          deliverable.rollback();
          reject(new DeliveryError('output', deliverable.label, error ?? this.#failure));
          return;
        }
        try {
          deliverable.commit();
        } catch (commitError) {
          reject(new DeliveryError('commit', deliverable.label, commitError));
          return;
        }
        this.#delivered++;
        this.#remember(deliverable.label);
        resolve();
      });
    });
    return pending.done;
  }

  /** Called before each write to the stream (a progress line on the same terminal is cleared first). */
  beforeSend: (() => void) | undefined;

  /** Writes everything queued now, what the encoder holds too: an error shown next comes after it. */
  flushNow(): void {
    if (this.#failure) return;
    this.#buffer += this.#encoder.flush?.() ?? '';
    this.#flush();
  }

  /** Refuses further deliveries (the command is being stopped by a signal). */
  stop(): void {
    this.#stopped = true;
  }

  /**
   * Waits for the deliveries in flight; those still unconfirmed after the timeout are rolled back.
   * @param timeoutMs how long a reader may take to accept them; undefined: as long as it takes
   */
  async settle(timeoutMs?: number): Promise<void> {
    if (this.#pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const inFlight = Promise.allSettled([...this.#pending].map((pending) => pending.done));
    await (timeoutMs === undefined ? inFlight : Promise.race([inFlight, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]));
    clearTimeout(timer);
    for (const pending of [...this.#pending]) {
      this.#pending.delete(pending);
      pending.deliverable.rollback();
      pending.reject(new DeliveryError('stopped', pending.deliverable.label));
    }
  }

  /** A pause a producer should take even when the stream is not full (the progress line's turn), or undefined. */
  pauseWhen: (() => Promise<void> | undefined) | undefined;

  /** A promise while the stream is full (or a pause is due), else undefined. */
  ready(): Promise<void> | undefined {
    return this.#drained ?? this.pauseWhen?.();
  }

  /** Writes what is left and ends the stream. */
  async end(): Promise<void> {
    this.#buffer += this.#encoder.end();
    this.#flush();
    if (this.#failure) return;
    await this.#drained;
    // stdout stays open (it belongs to the process): wait for the last write to be flushed instead.
    await new Promise<void>((resolve) => {
      this.#out.write('', () => resolve());
    });
  }

  #remember(label: string): void {
    if (this.#lossWindow === 0) return;
    this.#recent.push({ label, end: this.#accepted });
    while (this.#recent.length > 0 && (this.#recent[0]?.end ?? 0) <= this.#accepted - this.#lossWindow) this.#recent.shift();
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#failure || this.#buffer === '') return;
    const text = this.#buffer;
    this.#buffer = '';
    // Our own exact-size Buffer: handed a string, Node reserves 3 bytes per character for its UTF-8,
    // over glibc's mmap threshold at this size, so every write faulted in fresh pages (~0.5 s per million lines).
    this.#send(Buffer.from(text));
  }

  #send(bytes: Buffer, done?: (error: Error | null | undefined) => void): void {
    // The length only: a callback that held the Buffer kept every chunk alive while output ran
    // synchronously into a file (Sort-Object's merge: 170 MB more per million lines).
    const size = bytes.length;
    const accepted = (error: Error | null | undefined) => {
      if (!error) this.#accepted += size;
      done?.(error);
    };
    this.beforeSend?.();
    if (this.#out.write(bytes, accepted) || this.#drained) return;
    const release = this.#valve.hold();
    this.#drained = new Promise<void>((resolve) => {
      const drained = () => {
        this.#out.off('drain', drained);
        this.#out.off('close', drained);
        this.#out.off('error', drained);
        this.#drained = undefined;
        release();
        resolve();
      };
      this.#out.once('drain', drained);
      this.#out.once('close', drained);
      this.#out.once('error', drained);
    });
  }
}

/**
 * The progress line: a command that runs longer than a second with stderr on a terminal shows one
 * line there (records, rate, elapsed; percent and time left when the total is known), redrawn at most
 * ten times a second by a timer and cleared at the end. The per-record cost is a counter: the timer
 * does the drawing. Never when stderr is not a terminal, under CSPIN_PROGRESS=0 or -ProgressAction
 * SilentlyContinue / Ignore.
 */
import { progressAllowed } from './environment.js';

/** Where the line is drawn: stderr. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options of a {@link ProgressLine}. */
export interface ProgressOptions {
  /** The command's name, first on the line. */
  label: string;
  stream: ProgressStream;
  /** Whether to draw at all (see {@link progressWanted}). */
  enabled: boolean;
  /** What the count counts, singular; @default record */
  unit?: string;
  /** @default Date.now */
  now?: () => number;
  /** Nothing is drawn before this many milliseconds; @default 1000 */
  delayMs?: number;
  /** Between two redraws; @default 100 */
  intervalMs?: number;
}

const CLEAR = '\r\x1b[K';

/**
 * Whether a command should show progress.
 * @param stream stderr
 * @param env the environment (CSPIN_PROGRESS)
 * @param action the -ProgressAction preference
 * @returns true on a terminal unless switched off
 */
export function progressWanted(stream: ProgressStream, env: NodeJS.ProcessEnv, action: string): boolean {
  return stream.isTTY === true && progressAllowed(env) && action !== 'SilentlyContinue' && action !== 'Ignore';
}

/** One command's progress line. */
export class ProgressLine {
  /** Records done so far: the engine adds to it per batch. */
  count = 0;
  readonly #options: ProgressOptions;
  readonly #now: () => number;
  #started = 0;
  #shown = false;
  #line = '';
  #lastPause = 0;
  #quietUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  #fraction: (() => number | undefined) | undefined;
  #counter: (() => number) | undefined;

  /** @param options where and whether to draw */
  constructor(options: ProgressOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Says how to know the share done, for the percent and the time left. Asked only when the line is
   * drawn, so a total that costs a query is never computed for a command that ends within a second.
   * @param fraction gives the share done, 0 to 1, or undefined when it is not known (yet)
   */
  knowsFraction(fraction: () => number | undefined): void {
    this.#fraction = fraction;
  }

  /**
   * Says how many records there will be in all.
   * @param total gives the total, asked once, when the line is first drawn
   */
  knowsTotal(total: () => number | undefined): void {
    let known: number | undefined | null = null;
    this.knowsFraction(() => {
      if (known === null) known = safely(total);
      return known === undefined ? undefined : known === 0 ? 1 : Math.min(1, this.count / known);
    });
  }

  /**
   * Reads the count from elsewhere (a summary another module keeps) instead of {@link count}.
   * @param counter gives the count so far
   */
  countFrom(counter: () => number): void {
    this.#counter = counter;
  }

  /** Starts the clock and, when enabled, the timer (which never keeps the process alive). */
  start(): void {
    this.#started = this.#now();
    if (!this.#options.enabled) return;
    const delay = this.#options.delayMs ?? 1000;
    this.#timer = setTimeout(() => {
      this.#timer = setInterval(() => this.draw(), this.#options.intervalMs ?? 100);
      this.#timer.unref();
      this.draw();
    }, delay);
    this.#timer.unref();
  }

  /**
   * Removes the line, before something else is written on the terminal.
   * @param holdMs keeps it away this long (output is flowing on the same terminal: that shows progress)
   */
  clear(holdMs = 0): void {
    if (holdMs > 0) this.#quietUntil = this.#now() + holdMs;
    if (!this.#shown) return;
    this.#shown = false;
    this.#options.stream.write(CLEAR);
  }

  /** Stops the timer and removes the line. */
  stop(): void {
    // One handle, a timeout or an interval: clearTimeout clears either.
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.clear();
  }

  /**
   * A pause for the timer, for a producer that never waits on its output (a scan written to a file):
   * at most every interval, and only while the line is wanted. Costs a clock read per call.
   * @returns a promise that settles on the next turn of the event loop, or undefined
   */
  pause(): Promise<void> | undefined {
    if (this.#timer === undefined) return undefined;
    const now = this.#now();
    if (now - this.#lastPause < (this.#options.intervalMs ?? 100)) return undefined;
    this.#lastPause = now;
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Draws the line now (the timer calls it). */
  draw(): void {
    if (this.#now() < this.#quietUntil) return;
    // A terminal whose size is unknown says 0 columns.
    const width = Math.max(20, (this.#options.stream.columns || 80) - 1);
    // Cut to the width: a line that wraps cannot be cleared with one carriage return.
    const line = Array.from(this.text()).slice(0, width).join('');
    if (this.#shown && line === this.#line) return;
    this.#options.stream.write(`${CLEAR}${line}`);
    this.#line = line;
    this.#shown = true;
  }

  /** The line's text: `Get-CsUser: 45% 12,345 records, 3,456/s, 0:04 elapsed, 0:05 left`. */
  text(): string {
    const elapsed = Math.max(0, this.#now() - this.#started) / 1000;
    const count = this.#counter?.() ?? this.count;
    const rate = elapsed > 0 ? count / elapsed : 0;
    const fraction = this.#fraction?.();
    const unit = this.#options.unit ?? 'record';
    const parts = [`${count.toLocaleString('en-US')} ${count === 1 ? unit : `${unit}s`}`, `${formatRate(rate)}/s`, `${clock(elapsed)} elapsed`];
    if (fraction !== undefined && fraction > 0 && fraction < 1) parts.push(`${clock((elapsed * (1 - fraction)) / fraction)} left`);
    const percent = fraction === undefined ? '' : `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}% `;
    return `${this.#options.label}: ${percent}${parts.join(', ')}`;
  }
}

function formatRate(rate: number): string {
  return rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(1);
}

/** Seconds as m:ss, or h:mm:ss from an hour. */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** A total that cannot be had (its store already closed) is simply not known: never an error from a timer. */
function safely(total: () => number | undefined): number | undefined {
  try {
    return total();
  } catch {
    return undefined;
  }
}

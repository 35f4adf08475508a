/**
 * The error, warning, verbose and debug streams. Everything goes to stderr, one line each, prefixed
 * with the cmdlet name as PowerShell's console shows it; `CSPIN_ERROR_FORMAT=json` writes error
 * records as JSON lines instead, for scripts and tests that match on errorId.
 *
 * Message builders echo() the values they show; here, as the last line of defence, every message is
 * made one line (control characters escaped) and bounded, so that no input can split an error into
 * several lines, move the cursor, or make an error line of a megabyte.
 */
import type { ActionPreference, CommonSettings } from './commonParameters.js';
import { echo, oneLine } from './echo.js';
import { PLAIN_STYLES, type Styles } from './colour.js';
import { ErrorRecord, TerminatingError } from './errors.js';
import { coreMessages } from './messages.js';
import { promptForChoice, type Terminal } from './terminal.js';

/** Options of an {@link ErrorReporter}. */
export interface ErrorReporterOptions {
  name: string;
  common: CommonSettings;
  stderr: NodeJS.WritableStream;
  /** @default false */
  json?: boolean;
  /** Opens the terminal for -ErrorAction Inquire. */
  terminal?: () => Terminal | undefined;
  /** Colours for the text lines (stylesFor(stderr)); @default plain */
  styles?: Styles;
  /** Called before anything is written: earlier output goes out first, a progress line is cleared. */
  beforeWrite?: () => void;
}

/** Writes the non-output streams and counts errors for the exit status. */
export class ErrorReporter {
  readonly #options: ErrorReporterOptions;
  #errors = 0;
  #inquireAll = false;

  /** @param options where and how to report */
  constructor(options: ErrorReporterOptions) {
    this.#options = options;
  }

  /** How many error records were written (shown or not: they all make the exit status 1). */
  get errorCount(): number {
    return this.#errors;
  }

  /**
   * Writes a non-terminating error, as -ErrorAction says.
   * @param error the record
   * @throws TerminatingError under -ErrorAction Stop, or when Inquire is answered with Halt
   */
  error(error: ErrorRecord): void {
    this.#errors++;
    const action = this.#options.common.errorAction;
    if (action === 'SilentlyContinue' || action === 'Ignore') return;
    if (action === 'Stop') {
      // The record number stays a field of the record, shown once when it is written.
      throw new TerminatingError({ ...error, message: coreMessages.ActionPreferenceStop.stopped(error.message) });
    }
    this.#write(error);
    if (action === 'Inquire') this.#inquire(error);
  }

  /**
   * Writes a terminating error (the command stops).
   * @param error the terminating error
   */
  terminating(error: TerminatingError): void {
    this.#errors++;
    this.#write(error.record);
  }

  /** Writes a warning, as -WarningAction says. */
  warning(message: string): void {
    this.#stream('WARNING', 'WarningPreference', message, this.#options.common.warningAction);
  }

  /** Writes a verbose message under -Verbose. */
  verbose(message: string): void {
    if (this.#options.common.verbose) this.#line(`VERBOSE: ${safeMessage(message)}`);
  }

  /** Writes a debug message under -Debug. */
  debug(message: string): void {
    if (this.#options.common.debug) this.#line(`DEBUG: ${safeMessage(message)}`);
  }

  #stream(label: string, preference: string, message: string, action: ActionPreference): void {
    if (action === 'SilentlyContinue' || action === 'Ignore') return;
    if (action === 'Stop') {
      throw new TerminatingError({ errorId: 'ActionPreferenceStop', category: 'OperationStopped', message: coreMessages.ActionPreferenceStop.stopped(message, preference) });
    }
    const line = `${label}: ${safeMessage(message)}`;
    this.#line(label === 'WARNING' ? (this.#options.styles ?? PLAIN_STYLES).warning(line) : line);
  }

  #line(text: string): void {
    this.#options.beforeWrite?.();
    this.#options.stderr.write(`${text}\n`);
  }

  #write(error: ErrorRecord): void {
    const { name, json } = this.#options;
    if (json) {
      const { errorId, category, record } = error;
      const target = typeof error.target === 'string' ? clip(echo(error.target), TARGET_MAX) : undefined;
      this.#line(JSON.stringify({ command: name, errorId, category, message: safeMessage(error.message), record, target }));
    } else {
      this.#line((this.#options.styles ?? PLAIN_STYLES).error(`${name} : ${describe(error)}`));
    }
  }

  #inquire(error: ErrorRecord): void {
    if (this.#inquireAll) return;
    const terminal = this.#options.terminal?.();
    if (!terminal) throw new TerminatingError({ errorId: 'NoTerminal', category: 'ResourceUnavailable', message: coreMessages.NoTerminal(this.#options.name) });
    try {
      const answer = promptForChoice(terminal, `\nConfirm\nContinue with this operation?`, [
        { key: 'Y', label: 'Yes', help: 'Continue with only the next step of the operation.', value: 'yes' },
        { key: 'A', label: 'Yes to All', help: 'Continue with all the steps of the operation.', value: 'all' },
        { key: 'H', label: 'Halt Command', help: 'Stop this command.', value: 'halt' },
      ]);
      if (answer === 'all') this.#inquireAll = true;
      if (answer === 'halt' || answer === undefined) {
        throw new TerminatingError({ errorId: 'ActionPreferenceStop', category: 'OperationStopped', message: coreMessages.ActionPreferenceStop.halted, cause: error });
      }
    } finally {
      terminal.close();
    }
  }
}

/**
 * The most characters of a message line's message, and of a JSON error's target, after escaping.
 * With them a JSON error line stays under 1,000 characters whatever the input: values are already
 * cut at 120 characters by echo(), but an escaped control character shows as up to 6.
 */
const MESSAGE_MAX = 400;
const TARGET_MAX = 120;

/** A message as one bounded line. */
function safeMessage(message: string): string {
  return clip(oneLine(message), MESSAGE_MAX);
}

/** Text cut at max characters with an ellipsis, never inside a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\ud800-\udbff]$/.test(text.slice(0, max)) ? max - 1 : max;
  return `${text.slice(0, cut)}…`;
}

/** The message with the input record it belongs to. */
function describe(error: ErrorRecord): string {
  const message = safeMessage(error.message);
  return error.record === undefined ? message : `${message} (record ${error.record})`;
}

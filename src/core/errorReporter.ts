/**
 * The error, warning, verbose and debug streams. Everything goes to stderr, one line each, prefixed
 * with the cmdlet name as PowerShell's console shows it; `CSPIN_ERROR_FORMAT=json` writes error
 * records as JSON lines instead, for scripts and tests that match on errorId.
 */
import type { ActionPreference, CommonSettings } from './commonParameters.js';
import { ErrorRecord, TerminatingError } from './errors.js';
import { messages } from './messages.js';
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
      throw new TerminatingError({ ...error, message: messages.actionPreferenceStop(describe(error)) });
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
    this.#stream('WARNING', message, this.#options.common.warningAction);
  }

  /** Writes a verbose message under -Verbose. */
  verbose(message: string): void {
    if (this.#options.common.verbose) this.#options.stderr.write(`VERBOSE: ${message}\n`);
  }

  /** Writes a debug message under -Debug. */
  debug(message: string): void {
    if (this.#options.common.debug) this.#options.stderr.write(`DEBUG: ${message}\n`);
  }

  #stream(label: string, message: string, action: ActionPreference): void {
    if (action === 'SilentlyContinue' || action === 'Ignore') return;
    if (action === 'Stop') {
      throw new TerminatingError({ errorId: 'ActionPreferenceStop', category: 'OperationStopped', message: messages.actionPreferenceStop(message) });
    }
    this.#options.stderr.write(`${label}: ${message}\n`);
  }

  #write(error: ErrorRecord): void {
    const { name, stderr, json } = this.#options;
    if (json) {
      const { errorId, category, message, record } = error;
      const target = typeof error.target === 'string' ? error.target : undefined;
      stderr.write(`${JSON.stringify({ command: name, errorId, category, message, record, target })}\n`);
    } else {
      stderr.write(`${name} : ${describe(error)}\n`);
    }
  }

  #inquire(error: ErrorRecord): void {
    if (this.#inquireAll) return;
    const terminal = this.#options.terminal?.();
    if (!terminal) throw new TerminatingError({ errorId: 'NoTerminal', category: 'ResourceUnavailable', message: messages.noTerminal(this.#options.name) });
    try {
      const answer = promptForChoice(terminal, `\nConfirm\nContinue with this operation?`, [
        { key: 'Y', label: 'Yes', help: 'Continue with only the next step of the operation.', value: 'yes' },
        { key: 'A', label: 'Yes to All', help: 'Continue with all the steps of the operation.', value: 'all' },
        { key: 'H', label: 'Halt Command', help: 'Stop this command.', value: 'halt' },
      ]);
      if (answer === 'all') this.#inquireAll = true;
      if (answer === 'halt' || answer === undefined) {
        throw new TerminatingError({ errorId: 'ActionPreferenceStop', category: 'OperationStopped', message: messages.halted, cause: error });
      }
    } finally {
      terminal.close();
    }
  }
}

/** The message with the input record it belongs to. */
function describe(error: ErrorRecord): string {
  return error.record === undefined ? error.message : `${error.message} (record ${error.record})`;
}

/**
 * What a command says when its output fails: stdout refused a write (a full disk, /dev/full), its
 * reader went away while changes were being delivered, or a change could not be saved after its
 * line was written. Each is one line naming what happened to the changes.
 */
import { echo } from './echo.js';
import { TerminatingError } from './errors.js';
import { coreMessages } from './messages.js';
import type { DeliveryError } from './stream/outputWriter.js';
import { errorCode, systemReason } from './systemError.js';

/** The signals that stop a command cleanly. */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

const SIGNAL_NUMBERS: Readonly<Record<StopSignal, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The signal's number, for the exit status 128 + n. */
export function signalNumber(signal: StopSignal): number {
  return SIGNAL_NUMBERS[signal];
}

/** Why a write failed, in words (the code alone for the unknown ones). */
export function writeFailureReason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ERR_STREAM_DESTROYED') return 'the reader went away (broken pipe)';
  return systemReason(error) ?? (code ? `error ${echo(code, 40)}` : 'an unknown error');
}

/**
 * stdout refused a write.
 * @param error the stream's error
 * @returns a terminating error (exit status 1)
 */
export function outputFailure(error: NodeJS.ErrnoException): TerminatingError {
  return new TerminatingError({
    errorId: 'OutputFailed',
    category: 'WriteError',
    message: coreMessages.OutputFailed.write(writeFailureReason(error), error.code ?? 'unknown'),
    target: 'stdout',
    cause: error,
  });
}

/**
 * A delivery (a change that stands or falls with its output line) failed.
 * @param error what went wrong, and for which change
 * @param delivered how many changes were delivered before
 * @returns a terminating error (exit status 1)
 */
export function deliveryFailure(error: DeliveryError, delivered: number): TerminatingError {
  const label = error.label === '' ? '' : ` for ${echo(error.label)}`;
  const before = `${delivered} ${delivered === 1 ? 'change was' : 'changes were'} made and written out before`;
  if (error.reason === 'commit') {
    return new TerminatingError({
      errorId: 'ChangeNotSaved',
      category: 'WriteError',
      message: coreMessages.ChangeNotSaved(label, writeFailureReason(error.cause), before),
      target: error.label,
      cause: error.cause,
    });
  }
  const closed = ['EPIPE', 'ERR_STREAM_DESTROYED'].includes((error.cause as NodeJS.ErrnoException | undefined)?.code ?? '');
  const undone = error.label === '' ? '' : `The change${label} was undone. `;
  return new TerminatingError({
    errorId: closed ? 'OutputClosed' : 'OutputFailed',
    category: 'WriteError',
    message: (closed ? coreMessages.OutputClosed : coreMessages.OutputFailed.delivery)(writeFailureReason(error.cause), undone, before),
    target: error.label === '' ? 'stdout' : error.label,
    cause: error.cause,
  });
}

/**
 * The changes whose lines a pipe took but whose reader may have gone away before reading them.
 * @param labels what changed (SIP addresses)
 * @returns one error line each
 */
export function unreadLines(labels: readonly string[]): TerminatingError[] {
  return labels.map(
    (label) =>
      new TerminatingError({
        errorId: 'OutputMayBeUnread',
        category: 'WriteError',
        message: coreMessages.OutputMayBeUnread(label),
        target: label,
      }),
  );
}

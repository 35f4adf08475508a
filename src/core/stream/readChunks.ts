import { fstatSync } from 'node:fs';
import { Observable } from 'rxjs';
import { TerminatingError } from '../errors.js';
import { inputMessages } from '../messages/input.js';
import type { Valve } from './valve.js';

/**
 * The chunks of a readable byte stream, paused while the valve is held. Standard input that cannot
 * be read ends the stream with one terminating error that names it and says why: Node reads a
 * directory as an empty stream (`Get-CsClientPinInfo < /tmp` would exit 0 having done nothing), and
 * a read error (EIO, EBADF for a write-only descriptor) would otherwise surface as a bare errno text.
 * @param input the stream (stdin)
 * @param valve the backpressure valve
 * @returns an observable of the chunks; it completes at end of input
 */
export function readChunks(input: NodeJS.ReadableStream, valve: Valve): Observable<Buffer> {
  return new Observable<Buffer>((subscriber) => {
    const unreadable = unreadableInput(input);
    if (unreadable) {
      subscriber.error(unreadable);
      return undefined;
    }
    const onData = (chunk: Buffer | string) => subscriber.next(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const onEnd = () => subscriber.complete();
    const onError = (error: Error) => subscriber.error(stdinReadError(error));
    const stopWatching = valve.onChange((open) => (open ? input.resume() : input.pause()));
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    if (!valve.open) input.pause();
    return () => {
      stopWatching();
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      input.pause();
    };
  });
}

/**
 * Whether a stream cannot be read at all: its file descriptor (stdin's) is a directory.
 * @param input the stream
 * @returns the usage error (exit status 2: nothing was read) to throw, or undefined
 */
export function unreadableInput(input: NodeJS.ReadableStream): TerminatingError | undefined {
  const fd = (input as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return undefined;
  try {
    if (!fstatSync(fd).isDirectory()) return undefined;
  } catch {
    return undefined; // fstat failing is the read's to report
  }
  return new TerminatingError(
    { errorId: 'StdinReadError', category: 'InvalidArgument', message: inputMessages.StdinReadError.directory, target: 'stdin' },
    2,
  );
}

/**
 * The terminating error for a failed read of standard input: the errno code and its meaning, no stack.
 * @param error what the stream emitted
 * @returns the error to end the command with
 */
export function stdinReadError(error: Error): TerminatingError {
  const code = (error as NodeJS.ErrnoException).code;
  // Node's message is "<CODE>: <meaning>, read": keep the meaning, which names no input.
  const meaning = /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? inputMessages.StdinReadError.unknown;
  return new TerminatingError({ errorId: 'StdinReadError', category: 'ResourceUnavailable', message: inputMessages.StdinReadError.read(meaning, code), target: 'stdin', cause: error });
}

/**
 * Reads a stream to the end with `for await`; a read error on standard input becomes
 * {@link stdinReadError} (other streams' errors are their owners' to report).
 * @param input the stream
 * @returns its chunks
 */
export async function* chunksOf(input: NodeJS.ReadableStream): AsyncIterable<Buffer> {
  try {
    for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  } catch (error) {
    const fd = (input as { fd?: unknown }).fd;
    if (fd === 0 && error instanceof Error && 'code' in error) throw stdinReadError(error);
    throw error;
  }
}

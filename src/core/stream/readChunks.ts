import { Observable } from 'rxjs';
import type { Valve } from './valve.js';

/**
 * The chunks of a readable byte stream, paused while the valve is held.
 * @param input the stream (stdin)
 * @param valve the backpressure valve
 * @returns an observable of the chunks; it completes at end of input
 */
export function readChunks(input: NodeJS.ReadableStream, valve: Valve): Observable<Buffer> {
  return new Observable<Buffer>((subscriber) => {
    const onData = (chunk: Buffer | string) => subscriber.next(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const onEnd = () => subscriber.complete();
    const onError = (error: Error) => subscriber.error(error);
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

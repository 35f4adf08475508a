/** The rxjs face of {@link LineFramer}: a stream of stdin chunks in, batches of lines out. */
import { Observable, type OperatorFunction } from 'rxjs';
import type { ErrorRecord } from '../errors.js';
import { LineFramer, type LineFramerOptions } from './lineFramer.js';
import type { Line } from './records.js';

/**
 * Frames a byte stream into lines. Each subscription gets its own {@link LineFramer}.
 * @param options - framer limits; see {@link LineFramerOptions}
 * @returns an operator emitting one batch (possibly empty) per input chunk, then, on complete,
 *   one more batch with the unterminated last line if there is one
 */
export function frameLines(options?: LineFramerOptions): OperatorFunction<Buffer, (Line | ErrorRecord)[]> {
  return (source) =>
    new Observable<(Line | ErrorRecord)[]>((subscriber) => {
      const framer = new LineFramer(options);
      return source.subscribe({
        next: (chunk) => {
          let batch: (Line | ErrorRecord)[];
          try {
            batch = framer.push(chunk);
          } catch (err) {
            subscriber.error(err);
            return;
          }
          subscriber.next(batch);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          const rest = framer.end();
          if (rest.length > 0) subscriber.next(rest);
          subscriber.complete();
        },
      });
    });
}

import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { errorRecord } from '../../src/core/errors.js';
import { frameLines } from '../../src/core/stream/frameLines.js';

describe('frameLines', () => {
  it('frameLines emits one batch per chunk, the last line on complete, and unsubscribes', () => {
    const testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const chunks = {
        a: Buffer.from('\uFEFF{"a":1}\r'),
        b: Buffer.from([0x0a, 0xe2, 0x82]), // LF, then half of "€"
        c: Buffer.from([0xac, 0x0a, 0xff, 0x0a, 0x6c, 0x61, 0x73, 0x74]), // rest of "€", a bad line, "last"
      };
      const source = cold('-a-b-c-|', chunks);
      const bad = errorRecord({ errorId: 'InvalidUtf8', category: 'InvalidData', message: 'line 3: invalid UTF-8 at byte 1', record: 3 });
      expectObservable(source.pipe(frameLines())).toBe('-x-y-z-(w|)', {
        x: [],
        y: [{ n: 1, text: '{"a":1}' }],
        z: [{ n: 2, text: '€' }, bad],
        w: [{ n: 4, text: 'last' }],
      });
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('frameLines gives each subscription its own framer', () => {
    const testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    testScheduler.run(({ cold, expectObservable }) => {
      const framed = cold('-a-|', { a: Buffer.from('one') }).pipe(frameLines());
      const values = { x: [], y: [{ n: 1, text: 'one' }] };
      expectObservable(framed).toBe('-x-(y|)', values);
      expectObservable(framed).toBe('-x-(y|)', values);
    });
  });
});

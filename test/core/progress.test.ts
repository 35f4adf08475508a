/**
 * The progress line's text and drawing, with a clock the test sets (the terminal side is tested on a
 * pty in console.e2e.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ProgressLine, progressWanted } from '../../src/core/progress.js';

/** A stderr that keeps what was written. */
function stream(columns = 80) {
  const writes: string[] = [];
  return { writes, isTTY: true, columns, write: (text: string) => writes.push(text) };
}

function line(options: { columns?: number; enabled?: boolean } = {}) {
  let now = 1_000_000;
  const out = stream(options.columns);
  const progress = new ProgressLine({ label: 'Get-CsUser', stream: out, enabled: options.enabled ?? true, now: () => now });
  progress.start();
  return { progress, out, at: (ms: number) => (now = 1_000_000 + ms) };
}

describe('ProgressLine', () => {
  it('shows the records, the rate and the elapsed time; one record is singular', () => {
    const { progress, at } = line();
    progress.count = 1;
    at(2000);
    expect(progress.text()).toBe('Get-CsUser: 1 record, 0.5/s, 0:02 elapsed');
    progress.count = 123_456;
    at(61_000);
    expect(progress.text()).toBe('Get-CsUser: 123,456 records, 2,024/s, 1:01 elapsed');
  });

  it('with a known total: the percent and the time left; the total is asked once', () => {
    const { progress, at } = line();
    let asked = 0;
    progress.knowsTotal(() => {
      asked++;
      return 1000;
    });
    progress.count = 250;
    at(5000);
    expect(progress.text()).toBe('Get-CsUser: 25% 250 records, 50.0/s, 0:05 elapsed, 0:15 left');
    progress.count = 1000;
    expect(progress.text()).toBe('Get-CsUser: 100% 1,000 records, 200/s, 0:05 elapsed');
    expect(asked).toBe(1);
  });

  it('a total that cannot be had is simply unknown', () => {
    const { progress, at } = line();
    progress.knowsTotal(() => {
      throw new Error('the database is closed');
    });
    progress.count = 3;
    at(1000);
    expect(progress.text()).toBe('Get-CsUser: 3 records, 3.0/s, 0:01 elapsed');
  });

  it('draws after a carriage return and an erase, cut to the width, only when the text changed; clear erases once', () => {
    const { progress, out, at } = line({ columns: 30 });
    progress.count = 5;
    at(1000);
    progress.draw();
    progress.draw();
    expect(out.writes).toEqual(['\r\x1b[KGet-CsUser: 5 records, 5.0/s,']);
    progress.clear();
    progress.clear();
    expect(out.writes.slice(1)).toEqual(['\r\x1b[K']);
  });

  it('stays away for a while after output on the same terminal', () => {
    const { progress, out, at } = line();
    at(1000);
    progress.clear(1000);
    at(1500);
    progress.draw();
    expect(out.writes).toEqual([]);
    at(2100);
    progress.draw();
    expect(out.writes).toHaveLength(1);
    progress.stop();
  });

  it('a disabled line never pauses a producer; an enabled one does at most every interval', () => {
    const off = line({ enabled: false });
    expect(off.progress.pause()).toBeUndefined();
    const on = line();
    on.at(500);
    expect(on.progress.pause()).toBeInstanceOf(Promise);
    expect(on.progress.pause()).toBeUndefined();
    on.at(600);
    expect(on.progress.pause()).toBeInstanceOf(Promise);
    on.progress.stop();
  });

  it.each([
    [true, {}, 'Continue', true],
    [false, {}, 'Continue', false],
    [true, { CSPIN_PROGRESS: '0' }, 'Continue', false],
    [true, { CSPIN_PROGRESS: '1' }, 'Continue', true],
    [true, {}, 'SilentlyContinue', false],
    [true, {}, 'Ignore', false],
  ])('progressWanted(tty %s, %j, %s) is %s', (isTTY, env, action, wanted) => {
    expect(progressWanted({ isTTY, write: () => true }, env, action)).toBe(wanted);
  });
});

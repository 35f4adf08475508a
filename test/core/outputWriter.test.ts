/** OutputWriter deliveries: commit after the stream took the line, rollback when it did not, and nothing left open. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DeliveryError, OutputWriter, ndjsonEncoder, type Deliverable } from '../../src/core/stream/outputWriter.js';
import { Valve } from '../../src/core/stream/valve.js';

/** A stream whose writes succeed, fail with a code, or never finish. */
function stream(behaviour: 'ok' | 'EPIPE' | 'ENOSPC' | 'stall') {
  const written: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (behaviour === 'stall') return;
      if (behaviour === 'ok') {
        written.push(chunk.toString());
        callback();
      } else callback(Object.assign(new Error(behaviour), { code: behaviour }));
    },
  });
  return { out, written };
}

function change(label: string, log: string[]): Deliverable {
  return { label, commit: () => log.push(`commit ${label}`), rollback: () => log.push(`rollback ${label}`) };
}

function writer(out: Writable, lossWindow = 0) {
  const failures: string[] = [];
  const w = new OutputWriter(out, ndjsonEncoder, new Valve(), (error) => failures.push(String(error.code)), lossWindow);
  return { w, failures };
}

describe('OutputWriter.deliver', () => {
  it('writes queued output and the item at once, then commits', async () => {
    const { out, written } = stream('ok');
    const { w } = writer(out);
    const log: string[] = [];
    w.write([{ a: 1 }]);
    await w.deliver({ pin: 1 }, change('u1', log));
    expect(written.join('')).toBe('{"a":1}\n{"pin":1}\n');
    expect(log).toEqual(['commit u1']);
    expect(w.delivered).toBe(1);
  });

  it.each(['EPIPE', 'ENOSPC'] as const)('a write that fails with %s rolls back, rejects, and every later delivery is rolled back at once', async (code) => {
    const { out } = stream(code);
    const { w, failures } = writer(out);
    const log: string[] = [];
    await expect(w.deliver({ pin: 1 }, change('u1', log))).rejects.toBeInstanceOf(DeliveryError);
    await expect(w.deliver({ pin: 2 }, change('u2', log))).rejects.toMatchObject({ reason: 'output', label: 'u2' });
    expect(log).toEqual(['rollback u1', 'rollback u2']);
    expect(failures).toEqual([code]);
    expect(w.delivered).toBe(0);
  });

  it('a commit that throws after the line was written rejects with reason commit', async () => {
    const { out } = stream('ok');
    const { w } = writer(out);
    const failing: Deliverable = { label: 'u1', commit: () => { throw Object.assign(new Error('full'), { code: 'SQLITE_FULL' }); }, rollback: () => undefined };
    await expect(w.deliver({ pin: 1 }, failing)).rejects.toMatchObject({ reason: 'commit', label: 'u1' });
  });

  it('after stop, deliveries roll back at once with reason stopped', async () => {
    const { out, written } = stream('ok');
    const { w } = writer(out);
    const log: string[] = [];
    w.stop();
    await expect(w.deliver({ pin: 1 }, change('u1', log))).rejects.toMatchObject({ reason: 'stopped' });
    expect(log).toEqual(['rollback u1']);
    expect(written).toEqual([]);
  });

  it('settle rolls back a delivery whose write never finishes, after the timeout', async () => {
    const { out } = stream('stall');
    const { w } = writer(out);
    const log: string[] = [];
    const delivery = w.deliver({ pin: 1 }, change('u1', log));
    delivery.catch(() => undefined);
    const started = Date.now();
    await w.settle(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(log).toEqual(['rollback u1']);
    await expect(delivery).rejects.toMatchObject({ reason: 'stopped' });
  });

  it('mayBeUnread names the deliveries within the loss window of a pipe, and none for a file', async () => {
    const { out } = stream('ok');
    const { w } = writer(out, 40);
    const log: string[] = [];
    for (const label of ['u1', 'u2', 'u3', 'u4']) await w.deliver({ label }, change(label, log));
    // Each line is 15 bytes: the last 40 bytes hold u2's end, u3 and u4.
    expect(w.mayBeUnread()).toEqual(['u2', 'u3', 'u4']);
    const file = writer(stream('ok').out, 0);
    await file.w.deliver({ label: 'u1' }, change('u1', log));
    expect(file.w.mayBeUnread()).toEqual([]);
  });
});

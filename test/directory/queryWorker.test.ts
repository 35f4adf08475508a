import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/directory/database.js';
import { QueryWorker } from '../../src/directory/queryWorker.js';

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-worker-'));
  file = join(dir, 'cspin.db');
  createDatabase(file).close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('QueryWorker', () => {
  it('QueryWorker answers queries in the order sent, on its own connection', () => {
    const worker = new QueryWorker(file);
    try {
      for (const n of ['1', '2', '3']) worker.send('SELECT json_array(?, ?)', [n, `x${n}`]);
      expect([worker.take(), worker.take(), worker.take()]).toEqual(['["1","x1"]', '["2","x2"]', '["3","x3"]']);
      worker.send("SELECT value FROM meta WHERE key = 'no such key'", []);
      expect(worker.take()).toBeNull();
    } finally {
      worker.close();
    }
  });

  it('QueryWorker reports a failed query as an error of that take, and goes on', () => {
    const worker = new QueryWorker(file);
    try {
      worker.send('SELECT nope FROM nowhere', []);
      worker.send("SELECT '42'", []);
      worker.send('SELECT nope FROM nowhere', []);
      expect(() => worker.take()).toThrow(/no such table: nowhere/);
      expect(worker.take()).toBe('42');
      expect(() => worker.take()).toThrow(/no such table: nowhere/);
    } finally {
      worker.close();
    }
  });

  it('QueryWorker refuses a take with nothing sent instead of waiting forever', () => {
    const worker = new QueryWorker(file);
    try {
      expect(() => worker.take()).toThrow(/without a query sent/);
    } finally {
      worker.close();
    }
  });

  it('QueryWorker reports a database it cannot open', () => {
    const worker = new QueryWorker(join(dir, 'missing.db'));
    try {
      worker.send('SELECT 1', []);
      expect(() => worker.take()).toThrow(/unable to open|does not exist/i);
    } finally {
      worker.close();
    }
  });
});

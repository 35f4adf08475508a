/** SqlitePinWrites: one transaction per change, the PIN key checked inside it, locks and counters. */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/index.js';
import { UserWriter, createDatabase } from '../../src/directory/index.js';
import { SqlitePinWrites, createPepper, loadPepper } from '../../src/pins/index.js';

function store() {
  const path = join(mkdtempSync(join(tmpdir(), 'cspin-pinstore-')), 'cspin.db');
  const db = createDatabase(path);
  createPepper(db, path, {});
  const user = new UserWriter(db).upsert({
    dn: 'CN=Ken Myer,OU=Test,DC=litwareinc,DC=com',
    domain: 'litwareinc',
    sam: 'kenmyer',
    upn: 'kenmyer@litwareinc.com',
    displayName: 'Ken Myer',
    sip: 'sip:kenmyer@litwareinc.com',
    enabled: true,
    registrarPool: null,
    lineUri: null,
    evEnabled: false,
    pinPolicy: null,
    attributes: [],
  }).key;
  const row = () => db.prepare('SELECT hash, changed_at, pin_length, locked, local_failures, global_failures, window_start, locked_until FROM pins').get();
  return { db, pins: new SqlitePinWrites(db), pepper: loadPepper(db, path, {}), user, row };
}

describe('SqlitePinWrites', () => {
  it('SqlitePinWrites.stagePin then commit stores hash, time and length, clears the local counters, keeps the lock, and reports it', () => {
    const { db, pins, pepper, user, row } = store();
    pins.setLocked(user, true);
    db.exec('UPDATE pins SET local_failures = 4, global_failures = 9, window_start = 1, locked_until = 2');
    const staged = pins.stagePin({ userKey: user, hash: 'scrypt$x', pinLength: 8, changedAt: 1000, pepper });
    expect(db.inTransaction).toBe(true);
    expect(staged.state).toEqual({ pin_set: 1, locked: 1, changed_at: 1000 });
    staged.commit();
    staged.rollback();
    expect(db.inTransaction).toBe(false);
    expect(row()).toEqual({ hash: 'scrypt$x', changed_at: 1000, pin_length: 8, locked: 1, local_failures: 0, global_failures: 9, window_start: null, locked_until: null });
  });

  it('SqlitePinWrites.stagePin then rollback leaves the old state, and holds the write lock until then', () => {
    const { db, pins, pepper, user, row } = store();
    pins.setLocked(user, true);
    const before = row();
    const staged = pins.stagePin({ userKey: user, hash: 'scrypt$x', pinLength: 8, changedAt: 1000, pepper });
    const other = new Database(db.name, { fileMustExist: true });
    try {
      other.pragma('busy_timeout = 0');
      expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
      staged.rollback();
      staged.commit();
      expect(row()).toEqual(before);
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('SqlitePinWrites.stagePin with a key that is no longer the database\'s refuses with PinKeyMismatch and changes nothing', () => {
    const { db, pins, user, row } = store();
    const stale = randomBytes(32);
    let error: unknown;
    try {
      pins.stagePin({ userKey: user, hash: 'scrypt$x', pinLength: 8, changedAt: 1000, pepper: stale });
    } catch (caught) {
      error = caught;
    }
    expect(db.inTransaction).toBe(false);
    expect(error).toBeInstanceOf(TerminatingError);
    expect((error as TerminatingError).record.errorId).toBe('PinKeyMismatch');
    expect(row()).toBeUndefined();
  });

  it('SqlitePinWrites.setLocked locks a user without a PIN, and unlocking resets every failure counter', () => {
    const { db, pins, user, row } = store();
    expect(pins.setLocked(user, true)).toEqual({ pin_set: 0, locked: 1, changed_at: null });
    db.exec('UPDATE pins SET local_failures = 4, global_failures = 9, window_start = 1, locked_until = 2');
    expect(pins.setLocked(user, false)).toEqual({ pin_set: 0, locked: 0, changed_at: null });
    expect(row()).toMatchObject({ locked: 0, local_failures: 0, global_failures: 0, window_start: null, locked_until: null });
  });
});

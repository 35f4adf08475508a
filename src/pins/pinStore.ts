/** The PIN state of each user: hash, last change, lock and failure counters. */
import type { Statement } from 'better-sqlite3';
import type { DirectoryDatabase } from '../directory/index.js';

/** Writes PIN states. Each change for one user is one statement (one transaction), prepared once. */
export class PinStore {
  readonly #setHash: Statement<[number, string, number]>;
  readonly #setLocked: Statement<[number, number]>;

  /** @param db the database */
  constructor(db: DirectoryDatabase) {
    this.#setHash = db.prepare(
      `INSERT INTO pins (user_id, hash, changed_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, changed_at = excluded.changed_at,
         local_failures = 0, window_start = NULL, locked_until = NULL`,
    );
    this.#setLocked = db.prepare(
      `INSERT INTO pins (user_id, locked) VALUES (?, ?)
       ON CONFLICT (user_id) DO UPDATE SET locked = excluded.locked,
         global_failures = CASE WHEN excluded.locked = 0 THEN 0 ELSE global_failures END`,
    );
  }

  /**
   * Stores a new PIN hash; a new PIN starts with clean failure counters.
   * @param userId the user
   * @param hash the PIN hash (see hashPin)
   * @param changedAt when, in ms since the epoch
   */
  setHash(userId: number, hash: string, changedAt: number): void {
    this.#setHash.run(userId, hash, changedAt);
  }

  /**
   * Locks or unlocks a user's PIN. Unlocking also resets the global failure counter.
   * @param userId the user
   * @param locked true to lock
   */
  setLocked(userId: number, locked: boolean): void {
    this.#setLocked.run(userId, Number(locked));
  }
}

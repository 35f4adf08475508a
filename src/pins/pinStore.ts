/** The PIN state of each user: hash, last change, lock and failure counters. */
import type { Statement } from 'better-sqlite3';
import type { DirectoryDatabase } from '../directory/index.js';

/** A pins row. */
export interface PinState {
  user_id: number;
  hash: string | null;
  changed_at: number | null;
  locked: number;
  local_failures: number;
  global_failures: number;
  window_start: number | null;
  locked_until: number | null;
}

/** Reads and writes PIN states. Each change for one user is one statement (one transaction). */
export class PinStore {
  readonly #db: DirectoryDatabase;
  #states: Statement<[string], PinState> | undefined;

  /** @param db the database */
  constructor(db: DirectoryDatabase) {
    this.#db = db;
  }

  /**
   * The PIN states of a chunk of users, in one query.
   * @param userIds user ids
   * @returns the states of those that have one
   */
  states(userIds: readonly number[]): Map<number, PinState> {
    this.#states ??= this.#db.prepare<[string], PinState>('SELECT p.* FROM json_each(?) j JOIN pins p ON p.user_id = j.value');
    const rows = this.#states.all(JSON.stringify(userIds));
    return new Map(rows.map((row) => [row.user_id, row]));
  }

  /**
   * Stores a new PIN hash; a new PIN starts with clean failure counters.
   * @param userId the user
   * @param hash the PIN hash (see hashPin)
   * @param changedAt when, in ms since the epoch
   */
  setHash(userId: number, hash: string, changedAt: number): void {
    this.#db
      .prepare(
        `INSERT INTO pins (user_id, hash, changed_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, changed_at = excluded.changed_at,
           local_failures = 0, window_start = NULL, locked_until = NULL`,
      )
      .run(userId, hash, changedAt);
  }

  /**
   * Locks or unlocks a user's PIN. Unlocking also resets the global failure counter.
   * @param userId the user
   * @param locked true to lock
   */
  setLocked(userId: number, locked: boolean): void {
    this.#db
      .prepare(
        `INSERT INTO pins (user_id, locked) VALUES (?, ?)
         ON CONFLICT (user_id) DO UPDATE SET locked = excluded.locked,
           global_failures = CASE WHEN excluded.locked = 0 THEN 0 ELSE global_failures END`,
      )
      .run(userId, Number(locked));
  }
}

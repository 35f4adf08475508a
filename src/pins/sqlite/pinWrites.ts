/** The SQLite pins table by user key: hash, last change, lock and failure counters. */
import type { Statement } from 'better-sqlite3';
import { KEY_ID_OF_SQL, UserKeys, type DirectoryDatabase } from '../../directory/index.js';
import { assertPepperCurrent } from '../pepper.js';
import type { PinChange, PinState, StagedPinChange } from '../pinStore.js';

/**
 * Writes PIN states. Each change for one user is one immediate transaction (the write lock is taken
 * before anything is read, so concurrent writers wait on the busy timeout and never lose an update).
 * Statements are prepared once.
 */
export class SqlitePinWrites {
  readonly #db: DirectoryDatabase;
  readonly #keys: UserKeys;
  readonly #setHash: Statement<[number, string, number, number | null]>;
  readonly #lock: Statement<[number]>;
  readonly #unlock: Statement<[string]>;
  readonly #state: Statement<[string], PinState>;

  /** @param db the database */
  constructor(db: DirectoryDatabase) {
    this.#db = db;
    this.#keys = new UserKeys(db);
    this.#setHash = db.prepare(
      `INSERT INTO pins (key_id, hash, changed_at, pin_length) VALUES (?, ?, ?, ?)
       ON CONFLICT (key_id) DO UPDATE SET hash = excluded.hash, changed_at = excluded.changed_at, pin_length = excluded.pin_length,
         local_failures = 0, window_start = NULL, locked_until = NULL`,
    );
    this.#lock = db.prepare('INSERT INTO pins (key_id, locked) VALUES (?, 1) ON CONFLICT (key_id) DO UPDATE SET locked = 1');
    this.#unlock = db.prepare(
      `UPDATE pins SET locked = 0, global_failures = 0, local_failures = 0, window_start = NULL, locked_until = NULL
       WHERE key_id = ${KEY_ID_OF_SQL}`,
    );
    this.#state = db.prepare(`SELECT hash IS NOT NULL AS pin_set, locked, changed_at FROM pins WHERE key_id = ${KEY_ID_OF_SQL}`);
  }

  /**
   * Stores a new PIN hash; a new PIN starts with clean local failure counters and no temporary
   * lockout. The lock (IsLockedOut) stays: only an unlock ends it.
   * @param userKey the user's key
   * @param hash the PIN hash (see hashPin)
   * @param changedAt when, in ms since the epoch
   * @param pinLength the PIN's number of digits (the lockout limits depend on it); null: unknown
   */
  setHash(userKey: string, hash: string, changedAt: number, pinLength: number | null = null): void {
    this.#db.transaction(() => this.#setHash.run(this.#keys.ensure(userKey), hash, changedAt, pinLength)).immediate();
  }

  /**
   * Replaces a user's PIN in a transaction that stays open until the caller commits or rolls it
   * back: a new PIN stands only once its output line has been written (the line is its only copy).
   * The transaction holds the write lock meanwhile, so the next change waits for this one.
   * @param change the user, the new PIN's hash and length, when, and the key the hash was made with
   * @returns the new state (locked tells whether the PIN is still locked), and commit and rollback (each runs once; the other is then a no-op)
   * @throws TerminatingError (PinKeyMismatch) when the key was rotated since it was loaded; nothing is left open
   */
  stagePin(change: PinChange): StagedPinChange {
    this.#db.exec('BEGIN IMMEDIATE');
    let state: PinState;
    try {
      // A hash made with a key that was rotated away meanwhile could never be verified.
      assertPepperCurrent(this.#db, change.pepper);
      this.#setHash.run(this.#keys.ensure(change.userKey), change.hash, change.changedAt, change.pinLength);
      state = this.#read(change.userKey);
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    let open = true;
    const end = (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!open) return;
      open = false;
      try {
        this.#db.exec(sql);
      } finally {
        // A failed COMMIT (a full disk) may leave the transaction open: never leave it so.
        if (this.#db.open && this.#db.inTransaction) this.#db.exec('ROLLBACK');
      }
    };
    return { state, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
  }

  /**
   * Locks or unlocks a user's PIN in one transaction. Locking applies also to a user without a PIN
   * (a PIN set later stays locked). Unlocking also resets the global and local failure counters and
   * ends a temporary lockout.
   * @param userKey the user's key
   * @param locked true to lock
   * @returns the new state
   */
  setLocked(userKey: string, locked: boolean): PinState {
    return this.#db.transaction(() => {
      if (locked) this.#lock.run(this.#keys.ensure(userKey));
      else this.#unlock.run(userKey);
      return this.#read(userKey);
    }).immediate();
  }

  #read(userKey: string): PinState {
    return this.#state.get(userKey) ?? { pin_set: 0, locked: 0, changed_at: null };
  }
}

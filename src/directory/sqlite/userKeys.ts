/**
 * The compact stand-ins for stable user keys in the SQLite file. PIN state and grants are keyed by
 * user_keys.id, an integer, because a join on the 36-character key text takes a tenth longer
 * (measured with sqlite3's own join). An embedded user's key id is its users.id, so the hot joins read
 * `p.key_id = u.id`; keys of users in another directory (LDAP) get ids past every user's.
 */
import type { Statement } from 'better-sqlite3';
import type { DirectoryDatabase } from '../database.js';

/** SQL for the key id of the text key bound at `?`: null when the key has none yet. */
export const KEY_ID_OF_SQL = '(SELECT id FROM user_keys WHERE key = ?)';

/** Key ids for stable keys, given on writes. */
export class UserKeys {
  readonly #ensure: Statement<[string], number>;
  readonly #find: Statement<[string], number>;

  /** @param db the database */
  constructor(db: DirectoryDatabase) {
    // DO UPDATE, not DO NOTHING: RETURNING then answers for an existing key too.
    this.#ensure = db.prepare<[string], number>('INSERT INTO user_keys (key) VALUES (?) ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id').pluck();
    this.#find = db.prepare<[string], number>('SELECT id FROM user_keys WHERE key = ?').pluck();
  }

  /**
   * The key's id, given one when it has none (call inside the write's transaction).
   * @param key a stable user key
   * @returns its id
   */
  ensure(key: string): number {
    // An upsert with RETURNING always answers one row.
    return this.#ensure.get(key) as number;
  }

  /**
   * The key's id, if it has one.
   * @param key a stable user key
   * @returns its id, or undefined
   */
  find(key: string): number | undefined {
    return this.#find.get(key);
  }
}

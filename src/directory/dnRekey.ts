/**
 * Recomputes the stored keys of a database written before DN keys followed RFC 4514 and attribute
 * values were typed: users.dn_key, containers.dn_key, and user_attrs (name, value_key, value_int).
 * Meant to run as a migration step, inside the migration's transaction; running it twice changes
 * nothing the second time. It needs no new columns.
 */
import type { DirectoryDatabase } from './database.js';
import { dnKey } from './dn.js';
import { orderedAttributeNames, storedName, storedValue } from './ldap/attributes.js';

/** What a rekey changed, and the users it could not rekey. */
export interface RekeyResult {
  /** Users whose dn_key changed. */
  readonly users: number;
  /** Attribute values whose name, key or number changed. */
  readonly values: number;
  /**
   * DNs of users whose new key another user already holds (two spellings of one DN imported as two
   * users): they keep their old key, so nothing is lost; the import of either row updates the other.
   */
  readonly collisions: readonly string[];
}

/**
 * Recomputes every stored DN key and typed attribute value from the stored text.
 * @param db the directory database, inside a transaction
 * @returns what changed
 */
export function rekeyDistinguishedNames(db: DirectoryDatabase): RekeyResult {
  return { ...rekeyUsers(db), values: retypeValues(db) };
}

/** Rows read per batch: memory stays flat however many users and values the database holds. */
const BATCH = 2000;

/**
 * Each batch in id (rowid) order, read whole before it is updated (a connection cannot write while a
 * statement of it is still reading).
 */
function* batches<Row extends { id: number }>(db: DirectoryDatabase, sql: string): Generator<Row> {
  const read = db.prepare<[number, number], Row>(sql);
  for (let after = -1; ; ) {
    const rows = read.all(after, BATCH);
    yield* rows;
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < BATCH) return;
    after = last.id;
  }
}

function rekeyUsers(db: DirectoryDatabase): { users: number; collisions: string[] } {
  // Who holds a key is asked of the table itself, as it is updated (the first spelling keeps a shared key).
  const holder = db.prepare<[string], number>('SELECT id FROM users WHERE dn_key = ?').pluck();
  const update = db.prepare('UPDATE users SET dn_key = ? WHERE id = ?');
  const collisions: string[] = [];
  let users = 0;
  for (const row of batches<{ id: number; dn: string; dn_key: string }>(db, 'SELECT id, dn, dn_key FROM users WHERE id > ? ORDER BY id LIMIT ?')) {
    const key = dnKey(row.dn);
    if (key === row.dn_key) continue;
    const owner = holder.get(key);
    if (owner !== undefined && owner !== row.id) {
      collisions.push(row.dn);
      continue;
    }
    update.run(key, row.id);
    users++;
  }
  // Containers are a set of keys: rebuild it, one row per key (the first spelling stays).
  db.exec('CREATE TEMP TABLE old_containers AS SELECT dn FROM containers; DELETE FROM containers');
  const insert = db.prepare('INSERT OR IGNORE INTO containers (dn_key, dn) VALUES (?, ?)');
  for (const { dn } of batches<{ id: number; dn: string }>(db, 'SELECT rowid AS id, dn FROM temp.old_containers WHERE rowid > ? ORDER BY rowid LIMIT ?')) insert.run(dnKey(dn), dn);
  db.exec('DROP TABLE temp.old_containers');
  return { users, collisions };
}

/**
 * Recomputes the keys and numbers of integer and time values (migration 5: times keep epoch
 * milliseconds for ordering, integers past 2^53 their 64-bit value, Export-Csv dates become times).
 * @param db the directory database, inside a transaction
 * @returns how many values changed
 */
export function retypeOrderedValues(db: DirectoryDatabase): number {
  return retypeValues(db, `AND name IN (SELECT value FROM json_each('${JSON.stringify(orderedAttributeNames())}'))`);
}

function retypeValues(db: DirectoryDatabase, only = ''): number {
  const update = db.prepare('UPDATE user_attrs SET name = ?, value_key = ?, value_int = ? WHERE rowid = ?');
  let changed = 0;
  type ValueRow = { id: number; name: string; value: string; value_key: string; value_int: number | null };
  for (const row of batches<ValueRow>(db, `SELECT rowid AS id, name, value, value_key, value_int FROM user_attrs WHERE rowid > ? ${only} ORDER BY rowid LIMIT ?`)) {
    const name = storedName(row.name);
    const { key, int } = storedValue(name, row.value);
    if (name === row.name && key === row.value_key && int === row.value_int) continue;
    update.run(name, key, int, row.id);
    changed++;
  }
  return changed;
}

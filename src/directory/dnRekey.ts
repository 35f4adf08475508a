/**
 * Recomputes the stored keys of a database written before DN keys followed RFC 4514 and attribute
 * values were typed: users.dn_key, containers.dn_key, and user_attrs (name, value_key, value_int).
 * Meant to run as a migration step, inside the migration's transaction; running it twice changes
 * nothing the second time. It needs no new columns.
 */
import type { DirectoryDatabase } from './database.js';
import { dnKey } from './dn.js';
import { storedName, storedValue } from './ldap/attributes.js';

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

function rekeyUsers(db: DirectoryDatabase): { users: number; collisions: string[] } {
  const rows = db.prepare<[], { id: number; dn: string; dn_key: string }>('SELECT id, dn, dn_key FROM users ORDER BY id').all();
  const holder = new Map(rows.map((row) => [row.dn_key, row.id]));
  const update = db.prepare('UPDATE users SET dn_key = ? WHERE id = ?');
  const collisions: string[] = [];
  let users = 0;
  for (const row of rows) {
    const key = dnKey(row.dn);
    if (key === row.dn_key) continue;
    const owner = holder.get(key);
    if (owner !== undefined && owner !== row.id) {
      collisions.push(row.dn);
      continue;
    }
    holder.delete(row.dn_key);
    holder.set(key, row.id);
    update.run(key, row.id);
    users++;
  }
  // Containers are a set of keys: rebuild it, one row per key (the first spelling stays).
  const containers = db.prepare<[], { dn: string }>('SELECT dn FROM containers').all();
  db.exec('DELETE FROM containers');
  const insert = db.prepare('INSERT OR IGNORE INTO containers (dn_key, dn) VALUES (?, ?)');
  for (const { dn } of containers) insert.run(dnKey(dn), dn);
  return { users, collisions };
}

function retypeValues(db: DirectoryDatabase): number {
  const rows = db
    .prepare<[], { rowid: number; name: string; value: string; value_key: string; value_int: number | null }>(
      'SELECT rowid, name, value, value_key, value_int FROM user_attrs',
    )
    .all();
  const update = db.prepare('UPDATE user_attrs SET name = ?, value_key = ?, value_int = ? WHERE rowid = ?');
  let changed = 0;
  for (const row of rows) {
    const name = storedName(row.name);
    const { key, int } = storedValue(name, row.value);
    if (name === row.name && key === row.value_key && int === row.value_int) continue;
    update.run(name, key, int, row.rowid);
    changed++;
  }
  return changed;
}

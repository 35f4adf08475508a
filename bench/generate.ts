/**
 * Generates a benchmark directory of N users straight into SQLite (bulk inserts, indexes built
 * afterwards): titles, departments, OUs, PIN states. The PIN hashes are placeholders: reading PIN
 * state never hashes, so the benchmark measures the pipeline, not scrypt.
 */
import type { Database } from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { createDatabase, dnKey } from '../src/directory/index.js';
import { createPepper } from '../src/pins/index.js';

const OUS = ['Finance', 'Sales', 'IT', 'HR', 'Marketing', 'Research', 'Legal', 'Support'];
const TITLES = ['Engineer', 'Accountant', 'Director', 'Supervisor', 'Analyst', 'Designer', 'Consultant', 'Manager', 'Specialist', 'Associate'];
const BATCH = 20_000;

/**
 * Creates the database.
 * @param path the database file (replaced)
 * @param users how many users
 * @param log progress messages
 */
export function generateDirectory(path: string, users: number, log: (line: string) => void): void {
  for (const suffix of ['', '-wal', '-shm', '.key']) rmSync(`${path}${suffix}`, { force: true });
  const db = createDatabase(path);
  createPepper(db, path, {});
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const indexes = dropIndexes(db);
  const insertUser = db.prepare(
    `INSERT INTO users (id, dn, dn_key, domain, sam, upn, display_name, sip, enabled, registrar_pool, line_uri, ev_enabled,
       sam_key, logon_key, upn_key, sip_key, display_key, guid) VALUES (?, ?, ?, 'litwareinc', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttr = db.prepare('INSERT INTO user_attrs (user_id, name, value, value_key) VALUES (?, ?, ?, ?)');
  const insertKey = db.prepare('INSERT INTO user_keys (id, key) VALUES (?, ?)');
  const insertPin = db.prepare('INSERT INTO pins (key_id, hash, changed_at, locked) VALUES (?, ?, ?, ?)');
  const insertContainer = db.prepare('INSERT OR IGNORE INTO containers (dn_key, dn) VALUES (?, ?)');
  for (const ou of OUS) {
    for (const dn of [`OU=${ou},DC=litwareinc,DC=com`, 'DC=litwareinc,DC=com', 'DC=com']) insertContainer.run(dnKey(dn), dn);
  }
  const batch = db.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const sam = `user${id}`;
      const display = `User ${id}`;
      const ou = OUS[id % OUS.length] ?? 'IT';
      const dn = `CN=${display},OU=${ou},DC=litwareinc,DC=com`;
      const upn = `${sam}@litwareinc.com`;
      // One user in 50 has no SIP address, as in real directories.
      const sip = id % 50 === 0 ? null : `sip:${upn}`;
      const pool = id % 2 === 0 ? 'atl-cs-001.litwareinc.com' : 'red-cs-001.litwareinc.com';
      const ev = id % 3 === 0 ? 1 : 0;
      const line = ev ? `tel:+1425${String(id).padStart(7, '0')}` : null;
      // A UUID v7 shape, ordered by id (as keys made one after another are).
      const key = `01900000-0000-7000-8000-${id.toString(16).padStart(12, '0')}`;
      insertUser.run(id, dn, dnKey(dn), sam, upn, display, sip, sip ? 1 : null, pool, line, ev, sam, `litwareinc\\${sam}`, upn, sip, display.toLowerCase(), key);
      const title = TITLES[id % TITLES.length] ?? 'Engineer';
      insertAttr.run(id, 'title', title, title.toLowerCase());
      insertAttr.run(id, 'department', ou, ou.toLowerCase());
      insertKey.run(id, key);
      if (id % 5 !== 0) insertPin.run(id, 'scrypt$16384$8$1$placeholder$placeholder', 1_600_000_000_000 + id * 1000, id % 97 === 0 ? 1 : 0);
    }
  });
  for (let from = 1; from <= users; from += BATCH) {
    batch(from, Math.min(users + 1, from + BATCH));
    if ((from - 1) % 200_000 === 0) log(`  ${from - 1} users written`);
  }
  log('  building indexes');
  for (const sql of indexes) db.exec(sql);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();
}

/** Drops the secondary indexes (bulk inserts are faster without them) and returns their SQL. */
function dropIndexes(db: Database): string[] {
  const rows = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const row of rows) db.exec(`DROP INDEX ${row.name}`);
  return rows.map((row) => row.sql);
}

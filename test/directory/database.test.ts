/**
 * The database file: marked as cspin's (application_id), opened read-only by readers, a database
 * made before the mark adopted (and migrated) on its first write, any other SQLite file refused
 * without a byte or a file changed, and a database readied for replacement by a rename.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/index.js';
import { CSPIN_APPLICATION_ID, createDatabase, openDatabase, retireDatabase } from '../../src/directory/index.js';
import { MIGRATIONS } from '../../src/directory/schema.js';
import { createPepper } from '../../src/pins/index.js';
import { folderDigest, foreignDatabase, leaveInWal, runSql } from '../hostile/faults.js';

const dirs: string[] = [];
let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-dbfile-'));
  dirs.push(dir);
  path = join(dir, 'cspin.db');
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A new cspin database with its key, closed. */
function cspinDatabase(): void {
  const db = createDatabase(path);
  createPepper(db, path, {});
  db.close();
}

/** PRAGMA values of a file, read without changing it. */
function pragmas(file: string): { applicationId: number; version: number; journal: string } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      applicationId: db.pragma('application_id', { simple: true }) as number,
      version: db.pragma('user_version', { simple: true }) as number,
      journal: db.pragma('journal_mode', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

/** The errorId and exit status of what a function throws. */
function refusal(action: () => unknown): [string, number] {
  try {
    action();
  } catch (error) {
    if (error instanceof TerminatingError) return [error.record.errorId, error.exitCode];
    throw error;
  }
  throw new Error('it did not throw');
}

/** Turns the database into one made before cspin marked its files, at a schema version. */
function unmark(version: number): void {
  // Back to schema 1 or 2: what later migrations add is taken away (pins and pin_grants as before 3).
  const before3 = `DROP TABLE user_keys; DROP INDEX users_guid; DROP INDEX users_sip; ALTER TABLE users DROP COLUMN guid; ALTER TABLE users ADD COLUMN pin_policy TEXT;
    DROP TABLE pin_grants; DROP TABLE pins;
    CREATE TABLE pins (user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, hash TEXT, changed_at INTEGER,
      locked INTEGER NOT NULL DEFAULT 0, local_failures INTEGER NOT NULL DEFAULT 0, global_failures INTEGER NOT NULL DEFAULT 0,
      window_start INTEGER, locked_until INTEGER${version < 2 ? '' : ', pin_length INTEGER'});
    CREATE INDEX users_sip ON users(sip_key, sip, pin_policy, registrar_pool) WHERE sip_key IS NOT NULL;`;
  const sql = version < 3 ? before3 : '';
  runSql(path, `${sql} PRAGMA application_id = 0; PRAGMA user_version = ${version};`);
}

describe('the mark', () => {
  it('createDatabase marks the file as cspin\'s (application_id "CSPN"), at the current schema, in WAL mode', () => {
    cspinDatabase();
    expect(CSPIN_APPLICATION_ID).toBe(0x4353504e);
    expect(readFileSync(path).subarray(68, 72).toString('latin1')).toBe('CSPN');
    expect(pragmas(path)).toEqual({ applicationId: CSPIN_APPLICATION_ID, version: MIGRATIONS.length, journal: 'wal' });
  });

  it('openDatabase for reading gives a read-only connection; for writing, a writable one', () => {
    cspinDatabase();
    const reader = openDatabase(path, 'read');
    const writer = openDatabase(path, 'write');
    expect([reader.readonly, writer.readonly]).toEqual([true, false]);
    expect(() => reader.exec("INSERT INTO meta VALUES ('x', 'y')")).toThrow(/readonly/);
    reader.close();
    writer.close();
  });
});

describe('a database made before the mark', () => {
  it('at the current schema: a reader opens it as it is; the first writer marks it', () => {
    cspinDatabase();
    unmark(MIGRATIONS.length);
    const bytes = readFileSync(path);
    openDatabase(path, 'read').close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
    openDatabase(path, 'write').close();
    expect(pragmas(path).applicationId).toBe(CSPIN_APPLICATION_ID);
  });

  it('at schema 1: a reader that may write it migrates and marks it first, then reads it read-only', () => {
    cspinDatabase();
    unmark(1);
    const reader = openDatabase(path, 'read');
    expect(reader.readonly).toBe(true);
    expect(reader.prepare("SELECT count(*) FROM pragma_table_info('pins') WHERE name = 'pin_length'").pluck().get()).toBe(1);
    reader.close();
    expect(pragmas(path)).toMatchObject({ applicationId: CSPIN_APPLICATION_ID, version: MIGRATIONS.length });
  });

  it('an SQLite file with cspin\'s tables but no PIN key fingerprint is not cspin\'s: refused, no byte or file changed', () => {
    cspinDatabase();
    unmark(MIGRATIONS.length);
    runSql(path, "DELETE FROM meta WHERE key = 'pin_key_fingerprint'");
    const before = folderDigest(dir);
    expect(refusal(() => openDatabase(path, 'write'))).toEqual(['NotACspinDatabase', 2]);
    expect(refusal(() => openDatabase(path, 'read'))).toEqual(['NotACspinDatabase', 2]);
    expect(folderDigest(dir)).toEqual(before);
  });
});

describe('another application\'s file', () => {
  it.each([
    ['a database in WAL mode with changes in its -wal', () => (foreignDatabase(path), runSql(path, 'PRAGMA journal_mode = WAL'), leaveInWal(path, "INSERT INTO notes (body) VALUES ('wal')"))],
    ['a database with an application_id', () => foreignDatabase(path, 0x0f0f0f0f)],
    ['a cspin database of a newer schema', () => (cspinDatabase(), runSql(path, 'PRAGMA user_version = 99'))],
  ])('%s: refused for reading and writing, its files untouched (not even a -shm made)', (_what, make) => {
    make();
    const before = folderDigest(dir);
    const [readId] = refusal(() => openDatabase(path, 'read'));
    const [writeId, code] = refusal(() => openDatabase(path, 'write'));
    expect(readId).toBe(writeId);
    expect(['NotACspinDatabase', 'DatabaseTooNew']).toContain(writeId);
    expect(code).toBe(2);
    expect(folderDigest(dir)).toEqual(before);
  });
});

describe('retireDatabase: readied to be replaced by a rename', () => {
  it('its changes in the -wal go into the file, and no -wal, -shm or -journal is left that could be applied to another file', () => {
    cspinDatabase();
    leaveInWal(path, "INSERT INTO meta VALUES ('retired', 'yes')");
    retireDatabase(path);
    expect(readdirSync(dir).sort()).toEqual(['cspin.db', 'cspin.db.key']);
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'retired'").pluck().get()).toBe('yes');
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
  });

  it('a damaged file is retired too: its -wal is removed, not applied', () => {
    cspinDatabase();
    leaveInWal(path, "INSERT INTO meta VALUES ('retired', 'yes')");
    const size = statSync(path).size;
    // The file is garbage from byte 100 on; its -wal stays as it was.
    const bytes = readFileSync(path);
    bytes.fill(0x55, 100);
    writeFileSync(path, bytes);
    retireDatabase(path);
    expect(readdirSync(dir).filter((f) => /-(wal|shm|journal)$/.test(f))).toEqual([]);
    expect(statSync(path).size).toBe(size);
  });
});

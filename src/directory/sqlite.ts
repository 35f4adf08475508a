/**
 * better-sqlite3, with SQLite's URI filenames turned on: a read-only database on read-only media is
 * opened as `file:...?immutable=1`. The switch is process-wide, and better-sqlite3 reads it from
 * SQLITE_USE_URI when it loads SQLite (at the first connection), so it is set when this module loads,
 * before any connection. Every other name is an ordinary path: cspin passes only absolute paths,
 * which never start with "file:".
 */
import Database from 'better-sqlite3';

process.env.SQLITE_USE_URI = '1';

export { Database };

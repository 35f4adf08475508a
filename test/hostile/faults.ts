/**
 * Faults of the environment for the hostile corpus, as setup/teardown pairs: files that are not
 * cspin's database put where CSPIN_DB points, the case's folder mounted as a small tmpfs (read-only,
 * or full), immutable folders and files, a database with changes still in its -wal. Teardowns put
 * what the case left back in the case's folder, so that the corpus checks the real database.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sh } from '../support/shell.js';
import type { CaseContext, HostileCase } from './corpus.js';

type Fault = Pick<HostileCase, 'setup' | 'teardown'>;
type Step = (context: CaseContext) => void | Promise<void>;

/** The name of every file in a folder with the SHA-256 of its bytes. */
export function folderDigest(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const path = join(dir, entry.name);
    return [entry.name, entry.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : entry.isDirectory() ? 'dir' : 'other'] as const;
  });
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Makes something other than a usable cspin database what CSPIN_DB names, and checks afterwards
 * that the folder is exactly as setup left it: nothing changed, nothing added.
 * @param make makes the fault; returns the path CSPIN_DB must name (default: the case's database)
 * @param sidecars whether SQLite may have left the -wal and -shm it reads with (a damaged cspin database)
 * @returns setup and check
 */
export function replaced(make: (context: CaseContext) => string | void, sidecars = false): Fault & { check: (result: unknown, context: CaseContext) => void } {
  let before: Record<string, string> = {};
  const digest = (dir: string) => Object.fromEntries(Object.entries(folderDigest(dir)).filter(([name]) => !sidecars || !/-(wal|shm)$/.test(name)));
  return {
    setup: (context) => {
      const path = make(context);
      if (path !== undefined) context.env.CSPIN_DB = path;
      before = digest(context.dir);
    },
    check: (_result, context) => expect(digest(context.dir), 'the folder changed').toEqual(before),
  };
}

/**
 * A step that replaces the case's database with another file.
 * @param write writes the file at the database's path
 * @returns the step
 */
export const instead = (write: (path: string) => void) => (context: CaseContext): void => {
  rmSync(context.db);
  write(context.db);
};

/**
 * Runs SQL on a database file.
 * @param path the file
 * @param sql the statements
 */
export function runSql(path: string, sql: string): void {
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Every page of a database but the first (the schema) overwritten with 0xFF: no table can be read. */
export function overwritePages(path: string): void {
  const bytes = readFileSync(path);
  bytes.fill(0xff, 4096);
  writeFileSync(path, bytes);
}

/**
 * Writes an SQLite database of another application.
 * @param path where
 * @param applicationId its PRAGMA application_id
 */
export function foreignDatabase(path: string, applicationId = 0): void {
  const db = new Database(path);
  try {
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('not cspin''s');");
    db.pragma(`application_id = ${applicationId}`);
  } finally {
    db.close();
  }
}

/**
 * Runs SQL on a database and leaves the change in its -wal, not checkpointed (as a writer killed
 * before its last connection closed would).
 * @param path the database
 * @param sql the change
 * @param keepShm keep the -shm file too
 */
export function leaveInWal(path: string, sql: string, keepShm = true): void {
  const writer = new Database(path);
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec(sql);
  // Copied while the writer holds them: closing it checkpoints the -wal into the file.
  const copies = ['', '-wal', '-shm'].map((suffix) => [suffix, readFileSync(`${path}${suffix}`)] as const);
  writer.close();
  for (const [suffix, bytes] of copies) if (suffix !== '-shm' || keepShm) writeFileSync(`${path}${suffix}`, bytes, { mode: 0o600 });
  expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
}

const run = (command: string, ...args: string[]): void => {
  execFileSync(command, args, { stdio: 'ignore' });
};

/** The files of a folder, with their bytes and modes. */
function saveFiles(dir: string): { name: string; bytes: Buffer; mode: number }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== FILL)
    .map((entry) => ({ name: entry.name, bytes: readFileSync(join(dir, entry.name)), mode: statSync(join(dir, entry.name)).mode & 0o777 }));
}

function restoreFiles(dir: string, files: { name: string; bytes: Buffer; mode: number }[]): void {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  for (const { name, bytes, mode } of files) writeFileSync(join(dir, name), bytes, { mode });
}

const FILL = 'fill';

/** Fills a file system: writes until no page is left. */
function fill(dir: string): void {
  const fd = openSync(join(dir, FILL), 'w');
  try {
    for (const size of [65536, 4096, 512]) {
      const block = Buffer.alloc(size);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Mounts a small tmpfs over the case's folder, with the folder's files copied in; then runs the
 * prime step, fills it, or remounts it read-only. The teardown copies what is there back under it.
 * @param options size in KiB, prime (a step on the mounted folder), full, readOnly
 * @returns setup and teardown
 */
export function onTmpfs(options: { kib: number; prime?: Step; full?: boolean; readOnly?: boolean }): Fault {
  return {
    setup: async (context) => {
      const files = saveFiles(context.dir);
      run('mount', '-t', 'tmpfs', '-o', `size=${options.kib}k,mode=0755`, 'tmpfs', context.dir);
      restoreFiles(context.dir, files);
      await options.prime?.(context);
      if (options.full) fill(context.dir);
      if (options.readOnly) run('mount', '-o', 'remount,ro', context.dir);
    },
    teardown: (context) => {
      const files = saveFiles(context.dir);
      run('umount', context.dir);
      restoreFiles(context.dir, files);
    },
  };
}

/** Runs a reader once, so that the -wal and -shm exist (a reader on a full disk needs them). */
export const primeWal: Step = async (context) => {
  const result = await sh('Get-CsPinPolicy -Identity Global >/dev/null', { env: context.env, cwd: context.dir });
  expect(result.code, result.stderr).toBe(0);
};

/**
 * Makes the case's folder or database file immutable (chattr +i) for the run.
 * @param which folder or database
 * @returns setup and teardown
 */
export function immutable(which: 'folder' | 'database'): Fault {
  const target = (context: CaseContext) => (which === 'folder' ? context.dir : context.db);
  return { setup: (context) => run('chattr', '+i', target(context)), teardown: (context) => run('chattr', '-i', target(context)) };
}

/**
 * Runs setup steps in order, and teardowns in the reverse order.
 * @param faults the faults
 * @returns one fault
 */
export function both(...faults: Fault[]): Fault {
  return {
    setup: async (context) => {
      for (const fault of faults) await fault.setup?.(context);
    },
    teardown: async (context) => {
      for (const fault of [...faults].reverse()) await fault.teardown?.(context);
    },
  };
}

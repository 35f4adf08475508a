/**
 * The hostile corpus: bad input and injected faults run through the real bins, each case asserting
 * its exit status, its exact output, its error ids in order, and the invariants that hold for every
 * case: no stack trace, no secret (PIN) in any message, one line per message with no raw control
 * character, and a database that is intact and, unless the case changes it, unchanged.
 *
 * A test file declares its cases as data and calls {@link runCorpus}.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory, sh, type ShellResult } from '../support/shell.js';

/** Where a case runs: its own folder (the working directory) and its own copy of the sample database. */
export interface CaseContext {
  dir: string;
  db: string;
  env: NodeJS.ProcessEnv;
}

/** One hostile case. */
export interface HostileCase {
  name: string;
  /** A bash command line, run in the case's folder with the bins on PATH and CSPIN_DB set. */
  run: string;
  /** stdin of the command line (else /dev/null). */
  input?: string;
  /** More environment (CSPIN_ERROR_FORMAT is json unless textErrors). */
  env?: Record<string, string>;
  /** Strings (PINs) that must not appear on stderr or in the database files. */
  secrets?: readonly string[];
  /** Errors as text lines instead of JSON (to check the text form: one line each, escaped). */
  textErrors?: boolean;
  /** The case changes the database: skip the unchanged check (integrity is still checked). */
  changes?: boolean;
  /** Skip the database checks entirely (the case removes or replaces it). */
  noDatabase?: boolean;
  /** Prepares the fault (files, mounts) before the command runs. */
  setup?: (context: CaseContext) => void | Promise<void>;
  /** Undoes what setup did that removing the folder cannot (mounts, immutable flags). */
  teardown?: (context: CaseContext) => void | Promise<void>;
  /** Skip the case with this reason (a capability this machine lacks). */
  skip?: string | false;
  expect: {
    code: number;
    /** The exact NDJSON objects on stdout, in order (default: none). */
    objects?: readonly unknown[];
    /** The exact stdout text instead of objects. */
    stdout?: string;
    /** The output is random (generated PINs): check verifies it instead of an exact comparison. */
    outputChecked?: boolean;
    /** The error ids on stderr, in order (default: none). With textErrors, the number of error lines instead. */
    errors?: readonly string[];
    /** The input record of each error, in order. */
    records?: readonly (number | undefined)[];
    /** A pattern every error message must match, or one that stderr must match in text mode. */
    stderr?: RegExp;
    /** Any further check of the result. */
    check?: (result: ShellResult, context: CaseContext) => void | Promise<void>;
  };
}

const STACK = /^\s+at\s.+(:\d+:\d+\)?|\(native\)|\(node:.+\))$|\.(m?js|ts):\d+:\d+/m;
// C0 controls other than tab, DEL and C1 controls: never raw in a message.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
/** The longest message line a case may print: values are cut at ~120 characters. */
const MAX_LINE = 1000;

/**
 * A digest of every table's rows, to tell whether a case changed the database.
 * @param path the database file
 * @returns the digest, and the integrity_check result
 */
export function databaseDigest(path: string): { digest: string; integrity: string } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const table of tables) {
      hash.update(`\0${table}\0`);
      for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    }
    hash.update(String(db.pragma('user_version', { simple: true })));
    return { digest: hash.digest('hex'), integrity: String(db.pragma('integrity_check', { simple: true })) };
  } finally {
    db.close();
  }
}

/** The error ids of JSON error lines on stderr, with their records and messages. */
function jsonErrors(stderr: string): { errorId: string; record?: number; message: string }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { errorId: string; record?: number; message: string });
}

/**
 * Checks what every case must hold, whatever it expects.
 * @param hostile the case
 * @param result what the command line did
 * @param context where it ran
 */
async function checkInvariants(hostile: HostileCase, result: ShellResult, context: CaseContext): Promise<void> {
  expect(result.stderr, 'a stack trace on stderr').not.toMatch(STACK);
  for (const line of result.stderr.split('\n').slice(0, -1)) {
    expect(line.length, `a message line of ${line.length} characters`).toBeLessThanOrEqual(MAX_LINE);
    expect(line, 'a raw control character on stderr').not.toMatch(CONTROL);
    if (!hostile.textErrors && line.startsWith('{')) {
      const { message } = JSON.parse(line) as { message: string };
      expect(message, 'a control character in a message').not.toMatch(CONTROL);
    }
  }
  if (!result.stderr.endsWith('\n') && result.stderr !== '') throw new Error(`stderr does not end with a newline: ${JSON.stringify(result.stderr.slice(-80))}`);
  for (const secret of hostile.secrets ?? []) {
    expect(result.stderr.includes(secret), `secret ${secret} on stderr`).toBe(false);
    for (const suffix of ['', '-wal', '-shm', '.key']) {
      const file = context.db + suffix;
      if (existsSync(file)) expect(readFileSync(file).includes(secret), `secret in ${file}`).toBe(false);
    }
  }
}

/**
 * Runs a corpus: one test per case, each on its own copy of one sample directory.
 * @param title the describe block's title
 * @param cases the cases
 */
export function runCorpus(title: string, cases: readonly HostileCase[]): void {
  let template = '';
  let before = '';
  const folders: string[] = [];
  beforeAll(async () => {
    template = String((await sampleDirectory()).CSPIN_DB);
    folders.push(join(template, '..'));
    before = databaseDigest(template).digest;
  });
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  describe(title, () => {
    const names = new Set<string>();
    for (const hostile of cases) {
      if (names.has(hostile.name)) throw new Error(`two cases are named ${hostile.name}`);
      names.add(hostile.name);
      it.skipIf(Boolean(hostile.skip))(hostile.name, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'cspin-hostile-'));
        folders.push(dir);
        const db = join(dir, 'cspin.db');
        copyFileSync(template, db);
        copyFileSync(`${template}.key`, `${db}.key`);
        const env: NodeJS.ProcessEnv = { CSPIN_DB: db, CSPIN_ERROR_FORMAT: hostile.textErrors ? '' : 'json', ...hostile.env };
        const context: CaseContext = { dir, db, env };
        try {
          await hostile.setup?.(context);
          const result = await sh(hostile.run, { env, input: hostile.input, cwd: dir });
          const why = `stdout: ${result.stdout.slice(0, 400)}\nstderr: ${result.stderr.slice(0, 800)}`;
          expect(result.code, why).toBe(hostile.expect.code);
          if (hostile.expect.stdout !== undefined) expect(result.stdout, why).toBe(hostile.expect.stdout);
          else if (!hostile.expect.outputChecked) expect(result.objects, why).toEqual(hostile.expect.objects ?? []);
          else if (!hostile.expect.check) throw new Error('outputChecked needs a check');
          const wanted = hostile.expect.errors ?? [];
          if (hostile.textErrors) {
            if (hostile.expect.stderr) expect(result.stderr, why).toMatch(hostile.expect.stderr);
          } else {
            const errors = jsonErrors(result.stderr);
            expect(errors.map((e) => e.errorId), why).toEqual(wanted);
            if (hostile.expect.records) expect(errors.map((e) => e.record), why).toEqual(hostile.expect.records);
            for (const error of hostile.expect.stderr ? errors : []) expect(error.message).toMatch(hostile.expect.stderr as RegExp);
          }
          await checkInvariants(hostile, result, context);
          await hostile.expect.check?.(result, context);
        } finally {
          await hostile.teardown?.(context);
        }
        if (hostile.noDatabase) return;
        const after = databaseDigest(db);
        expect(after.integrity).toBe('ok');
        if (!hostile.changes) expect(after.digest, 'the case changed the database').toBe(before);
      });
    }
  });
}

/** Whether this process may mount file systems (a small tmpfs, remounted read-only) and set immutable flags: CI runs as root. */
export const CAN_MOUNT = ((): boolean => {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'cspin-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

/** Why a case that needs mounts is skipped here. */
export const NO_MOUNT = CAN_MOUNT ? false : 'needs root with mount and chattr (CI runs as root)';

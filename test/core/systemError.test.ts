/**
 * The translator of system failures: real errors of Node and SQLite (provoked, never built by hand)
 * become one terminating error each, with its own errorId and the path in the message; anything else
 * is an InternalError that shows no text of the error, only how to see it (CSPIN_DEBUG=1). The
 * engine's fatal path uses it: a cmdlet that throws a TypeError ends with one line, no stack.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminatingError, defineCmdlet, runCmdlet, usageError } from '../../src/core/index.js';
import { debugTrace, internalError, noteSqliteFile, systemError, terminatingErrorOf } from '../../src/core/systemError.js';

let dir: string;
let text: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-syserr-'));
  text = join(dir, 'notes.txt');
  writeFileSync(text, 'a shopping list, not a database\n'.repeat(10));
  db = join(dir, 'real.db');
  const created = new Database(db);
  created.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
  created.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a function throws. */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('it did not throw');
}

/** Runs SQL on a fresh connection and returns what it throws. */
function sqliteThrown(path: string, sql: string, options: Database.Options = {}, before?: (db: Database.Database) => void): unknown {
  const connection = new Database(path, options);
  try {
    before?.(connection);
    return thrown(() => connection.exec(sql));
  } finally {
    connection.close();
  }
}

describe('systemError: a known failure is one error naming the path', () => {
  // open() errors carry their path; read() and write() errors on a descriptor do not, so callers give it.
  it.each([
    ['ENOENT', () => readFileSync(join(dir, 'missing.csv')), 'PathNotFound', 'missing.csv', false],
    ['ENOTDIR', () => readFileSync(join(text, 'below')), 'NotADirectory', 'notes.txt/below', false],
    ['EACCES', () => writeFileSync('/sys/kernel/notes', 'x'), 'PermissionDenied', '/sys/kernel/notes', false],
    ['EISDIR', () => readFileSync(dir), 'IsADirectory', 'the-folder', true],
    ['ENOSPC', () => writeFileSync('/dev/full', 'x'), 'DiskFull', '/dev/full', true],
    ['EIO', () => writeFileSync('/proc/version', 'x'), 'IOError', '/proc/version', true],
  ])('%s from Node is %s, naming %s', (code, provoke, errorId, path, given) => {
    const error = thrown(provoke);
    expect((error as NodeJS.ErrnoException).code).toBe(code);
    const translated = systemError(error, given ? { path } : {});
    expect(translated?.record.errorId).toBe(errorId);
    expect(translated?.exitCode).toBe(1);
    expect(translated?.message).toContain(path);
    expect(translated?.message).toContain(`(${code})`);
  });

  it.each([
    ['SQLITE_NOTADB', () => sqliteThrown(text, 'SELECT * FROM sqlite_master'), 'NotACspinDatabase'],
    ['SQLITE_READONLY', () => sqliteThrown(db, 'CREATE TABLE u (y)', { readonly: true }), 'DatabaseReadOnly'],
    ['SQLITE_FULL', () => sqliteThrown(db, "INSERT INTO t SELECT randomblob(9000) FROM t", {}, (c) => c.pragma('max_page_count = 3')), 'DiskFull'],
    ['SQLITE_CANTOPEN', () => thrown(() => new Database(join(dir, 'none.db'), { readonly: true, fileMustExist: true })), 'CannotOpenDatabase'],
    [
      'SQLITE_BUSY',
      () => {
        const holder = new Database(db);
        holder.exec('BEGIN IMMEDIATE');
        try {
          return sqliteThrown(db, 'BEGIN IMMEDIATE', {}, (c) => c.pragma('busy_timeout = 0'));
        } finally {
          holder.close();
        }
      },
      'DatabaseBusy',
    ],
  ])('%s from SQLite: %s, the path of the database the process noted', (code, provoke, errorId) => {
    const error = provoke();
    expect((error as NodeJS.ErrnoException).code).toMatch(new RegExp(`^${code}`));
    noteSqliteFile(join(dir, 'noted\n.db'));
    const translated = systemError(error, { doing: 'write the database' });
    expect(translated?.record.errorId).toBe(errorId);
    // The path is echoed: its newline escaped, one line.
    expect(translated?.message).toMatch(/^Cannot write the database \/.*noted\\n\.db: /);
    expect(translated?.message).not.toContain('\n');
  });

  it('systemError takes the path and the exit status it is given over the error\'s own', () => {
    const error = thrown(() => readFileSync(join(dir, 'missing.csv')));
    const translated = systemError(error, { doing: 'import', path: 'users.csv', exitCode: 2 });
    expect(translated?.message).toMatch(/^Cannot import users\.csv: no such file or directory \(ENOENT\)\.$/);
    expect(translated?.exitCode).toBe(2);
  });

  it('systemError leaves anything without a known code alone', () => {
    expect(systemError(new TypeError('x is not a function'))).toBeUndefined();
    expect(systemError(thrown(() => mkdirSync(dir)))).toBeUndefined(); // EEXIST: no condition of its own
    expect(systemError('a string')).toBeUndefined();
  });
});

describe('terminatingErrorOf and InternalError', () => {
  it('a terminating error stays as it is; a known failure is translated; anything else is an InternalError', () => {
    const usage = usageError('InvalidCommandLine', 'no');
    expect(terminatingErrorOf(usage)).toBe(usage);
    expect(terminatingErrorOf(thrown(() => readFileSync(dir))).record.errorId).toBe('IsADirectory');
    expect(terminatingErrorOf(new RangeError('boom')).record.errorId).toBe('InternalError');
    expect(terminatingErrorOf(undefined).record.errorId).toBe('InternalError');
  });

  it('an InternalError shows the kind of error and the CSPIN_DEBUG hint, never the error\'s text (it could hold input)', () => {
    const error = internalError(new TypeError('the PIN 18723834 is not a function'));
    expect(error.message).toContain('TypeError');
    expect(error.message).toContain('CSPIN_DEBUG=1');
    expect(error.message).not.toContain('18723834');
    expect(error.exitCode).toBe(1);
  });

  it('debugTrace gives the stack under CSPIN_DEBUG (not 0), and nothing for a plain terminating error', () => {
    const error = new TypeError('boom');
    expect(debugTrace(error, {})).toBeUndefined();
    expect(debugTrace(error, { CSPIN_DEBUG: '0' })).toBeUndefined();
    expect(debugTrace(error, { CSPIN_DEBUG: '1' })).toMatch(/^TypeError: boom\n\s+at /);
    expect(debugTrace(internalError(error), { CSPIN_DEBUG: '1' })).toMatch(/^TypeError: boom\n/);
    expect(debugTrace(new TerminatingError({ errorId: 'InternalError', category: 'NotSpecified', message: 'x' }), { CSPIN_DEBUG: '1' })).toBeUndefined();
  });
});

describe('the engine reports what a cmdlet throws as one line', () => {
  const broken = defineCmdlet({
    name: 'Test-Broken',
    synopsis: 'Throws a TypeError.',
    parameters: {},
    examples: [],
    process() {
      throw new TypeError('cannot read properties of undefined (reading "x")');
    },
  });

  async function run(env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
    const stdin = new PassThrough();
    stdin.end();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let text = '';
    stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    stdout.resume();
    const code = await runCmdlet(broken, [], { stdin, stdout, stderr, env, stdinKind: 'device' });
    return { code, stderr: text };
  }

  it('a TypeError in process is InternalError (exit 1): one line, no stack trace', async () => {
    const { code, stderr } = await run({ CSPIN_ERROR_FORMAT: 'json' });
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ command: 'Test-Broken', errorId: 'InternalError' });
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('under CSPIN_DEBUG=1 the stack trace follows the line', async () => {
    const { code, stderr } = await run({ CSPIN_DEBUG: '1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Test-Broken : The command stopped on an internal error \(TypeError\).*\nTypeError: cannot read properties.*\n\s+at /);
  });
});

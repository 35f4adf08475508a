/**
 * The bind password file and the CA file, on real files with real modes: what is refused (by id),
 * that a refusal names the file and never its content, and what is read.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/index.js';
import { readBindPassword, readCaFile } from '../../src/directory/config/index.js';

const SECRET = 'Pa55w0rd-Secret';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-secret-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file in the test folder with that content and mode. */
function file(name: string, content: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

/** The refusal a read throws: id, exit status, message. */
function refusal(read: () => unknown): { id: string; exit: number; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof TerminatingError) return { id: error.record.errorId, exit: error.exitCode, message: error.record.message };
    throw error;
  }
  throw new Error('no error');
}

const asRoot = process.getuid?.() === 0;

describe('readBindPassword', () => {
  it.each([
    ['no newline', SECRET],
    ['one LF', `${SECRET}\n`],
    ['one CRLF', `${SECRET}\r\n`],
  ])('reads a private file (%s) without its one trailing newline', (_case, content) => {
    expect(readBindPassword(file(`pw-${content.length}`, content))).toBe(SECRET);
  });

  it('strips only one newline, and keeps spaces', () => {
    expect(readBindPassword(file('pw-two', ` ${SECRET} \n\n`))).toBe(` ${SECRET} \n`);
  });

  it('reads through a symbolic link to a private file', () => {
    const link = join(dir, 'pw-link');
    symlinkSync(file('pw-target', SECRET), link);
    expect(readBindPassword(link)).toBe(SECRET);
  });

  it.each([0o640, 0o604, 0o620, 0o602, 0o644, 0o666, 0o700 | 0o010])('refuses mode 0%s (group or others may read or write it)', (mode) => {
    const path = file(`pw-mode-${mode.toString(8)}`, SECRET, mode);
    const { id, exit, message } = refusal(() => readBindPassword(path));
    expect({ id, exit }).toEqual({ id: 'PasswordFileNotPrivate', exit: 2 });
    expect(message).toContain(path);
    expect(message).toContain(`0${(mode & 0o777).toString(8)}`);
    expect(message).not.toContain(SECRET);
  });

  it('refuses a missing file, a directory, a FIFO and an empty file, by id, naming the file only', () => {
    const fifo = join(dir, 'pw-fifo');
    execFileSync('mkfifo', ['-m', '600', fifo]);
    const folder = join(dir, 'pw-dir');
    mkdirSync(folder, { mode: 0o700 });
    const cases = [
      [join(dir, 'nothing-here'), 'PasswordFileNotFound'],
      [join(dir, 'nothing-here', 'below'), 'PasswordFileNotFound'],
      [folder, 'PasswordFileNotAFile'],
      [fifo, 'PasswordFileNotAFile'],
      [file('pw-empty', ''), 'PasswordFileEmpty'],
      [file('pw-newline', '\n'), 'PasswordFileEmpty'],
    ];
    for (const [path = '', expected] of cases) {
      const { id, exit, message } = refusal(() => readBindPassword(path));
      expect({ path, id, exit }).toEqual({ path, id: expected, exit: 2 });
      expect(message).toContain(path);
    }
  });

  it('names a file with control characters in its name escaped, on one line', () => {
    const path = join(dir, 'pw\nnew');
    const { message } = refusal(() => readBindPassword(path));
    expect(message).not.toContain('\n');
    expect(message).toContain('pw\\nnew');
  });

  it.skipIf(asRoot)('refuses a file it may not read (PasswordFileNotReadable)', () => {
    const path = file('pw-unreadable', SECRET, 0o000);
    expect(refusal(() => readBindPassword(path)).id).toBe('PasswordFileNotReadable');
  });
});

describe('readCaFile', () => {
  it('reads a PEM file, whatever its mode (a CA certificate is public)', () => {
    expect(readCaFile(file('ca.pem', PEM, 0o644)).toString('utf8')).toBe(PEM);
  });

  it('refuses a missing file, a directory and a file without a PEM certificate, naming the file', () => {
    const folder = join(dir, 'ca-dir');
    mkdirSync(folder);
    for (const path of [join(dir, 'no-ca.pem'), folder, file('ca.der', '0\u0082\u0001\n', 0o644)]) {
      const { id, exit, message } = refusal(() => readCaFile(path));
      expect({ path, id, exit }).toEqual({ path, id: 'CaFileNotUsable', exit: 2 });
      expect(message).toContain(path);
    }
  });
});

/**
 * The files an LDAP configuration names: the bind password file and the CA file. Messages name the
 * file (escaped, cut), never what it holds. Each refusal is a terminating error with exit status 2.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { TerminatingError, errorCode, type ErrorCategory, type ErrorId } from '../../core/index.js';
import { directoryMessages } from '../messages.js';

const refuse = (errorId: ErrorId, category: ErrorCategory, message: string, path: string) =>
  new TerminatingError({ errorId, category, message, target: path }, 2);

/**
 * Opens a file for reading without blocking on a FIFO and without taking it as a terminal, and gives
 * its content with the status of what was opened (no race between a check and the read).
 * @returns the status and the bytes, or the errno code that stopped the opening
 */
function readOpened(path: string, accept: (stats: Stats) => boolean): { stats: Stats; bytes?: Buffer } | { code: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = errorCode(error);
    if (code === undefined) throw error;
    return { code };
  }
  try {
    const stats = fstatSync(fd);
    return accept(stats) ? { stats, bytes: readFileSync(fd) } : { stats };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the bind password: the file must be a regular file that group and others may neither read
 * nor write (mode & 077 = 0), and not empty. One trailing newline (LF or CRLF) is not part of it.
 * @param path the password file
 * @returns the password
 */
export function readBindPassword(path: string): string {
  const texts = directoryMessages;
  const opened = readOpened(path, (stats) => stats.isFile() && (stats.mode & 0o077) === 0);
  if ('code' in opened) {
    if (opened.code === 'EACCES' || opened.code === 'EPERM') throw refuse('PasswordFileNotReadable', 'PermissionDenied', texts.PasswordFileNotReadable(path), path);
    throw refuse('PasswordFileNotFound', 'ObjectNotFound', texts.PasswordFileNotFound(path), path);
  }
  const { stats, bytes } = opened;
  if (!stats.isFile()) throw refuse('PasswordFileNotAFile', 'InvalidArgument', texts.PasswordFileNotAFile(path), path);
  if (bytes === undefined) {
    const mode = `0${(stats.mode & 0o777).toString(8).padStart(3, '0')}`;
    throw refuse('PasswordFileNotPrivate', 'SecurityError', texts.PasswordFileNotPrivate(path, mode), path);
  }
  const password = bytes.toString('utf8').replace(/\r?\n$/, '');
  if (password === '') throw refuse('PasswordFileEmpty', 'InvalidData', texts.PasswordFileEmpty(path), path);
  return password;
}

/**
 * Reads the CA file: PEM certificates, as Node's TLS `ca` option takes them.
 * @param path the CA file
 * @returns its bytes
 */
export function readCaFile(path: string): Buffer {
  const texts = directoryMessages.CaFileNotUsable;
  const opened = readOpened(path, (stats) => stats.isFile());
  const fail = (why: string) => refuse('CaFileNotUsable', 'InvalidArgument', texts.message(path, why), path);
  if ('code' in opened) throw fail(opened.code === 'EACCES' || opened.code === 'EPERM' ? texts.unreadable : texts.missing);
  if (opened.bytes === undefined) throw fail(texts.notFile);
  if (!opened.bytes.includes('-----BEGIN CERTIFICATE-----')) throw fail(texts.notPem);
  return opened.bytes;
}

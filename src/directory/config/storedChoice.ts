/**
 * The choice `cspin directory set` stores, so that a shell needs no variables:
 * `$XDG_CONFIG_HOME/cspin/directory.json` (default ~/.config), mode 0600, replaced atomically.
 * It holds where the password file is, never a password.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { errorCode, usageError } from '../../core/index.js';
import { directoryMessages } from '../messages.js';

/** What is stored: the options of `cspin directory set`, the URL as scheme://host[:port]. */
export interface StoredDirectory {
  readonly url: string;
  readonly base?: string;
  readonly bindDn?: string;
  readonly passwordFile?: string;
  readonly caFile?: string;
  readonly startTls: boolean;
  readonly allowUntrustedCertificate: boolean;
  readonly netbiosName?: string;
}

const STRING_FIELDS = ['url', 'base', 'bindDn', 'passwordFile', 'caFile', 'netbiosName'] as const;
const FLAG_FIELDS = ['startTls', 'allowUntrustedCertificate'] as const;

/**
 * Where the choice is stored. A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
 * @param env the environment
 * @returns the file's path
 */
export function storedDirectoryPath(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(configHome, 'cspin', 'directory.json');
}

/**
 * Reads the stored choice.
 * @param path the file
 * @returns the choice, or undefined when none is stored
 */
export function readStoredDirectory(path: string): StoredDirectory | undefined {
  let text: string;
  let mode: number;
  try {
    mode = statSync(path).mode;
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const reasons = directoryMessages.InvalidStoredDirectory;
  const bad = (why: string) => usageError('InvalidStoredDirectory', reasons.message(path, why), path);
  // Whoever may write it may send the bind password to a server of their own.
  if ((mode & 0o022) !== 0) throw bad(reasons.writable);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad(reasons.notJson);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(reasons.notObject);
  const record = value as Record<string, unknown>;
  for (const field of STRING_FIELDS) if (record[field] !== undefined && typeof record[field] !== 'string') throw bad(reasons.field(field));
  for (const field of FLAG_FIELDS) if (record[field] !== undefined && typeof record[field] !== 'boolean') throw bad(reasons.field(field));
  if (typeof record.url !== 'string') throw bad(reasons.noUrl);
  return {
    url: record.url,
    startTls: record.startTls === true,
    allowUntrustedCertificate: record.allowUntrustedCertificate === true,
    ...Object.fromEntries(STRING_FIELDS.slice(1).flatMap((field) => (typeof record[field] === 'string' ? [[field, record[field]]] : []))),
  };
}

/**
 * Stores the choice: a private temporary file beside it, synced, then renamed over it, so a reader
 * sees the old choice or the new one, never half of one.
 * @param path the file
 * @param choice what to store
 */
export function writeStoredDirectory(path: string, choice: StoredDirectory): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(choice, null, 2)}\n`);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  // The rename itself survives a crash once the folder is synced.
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/**
 * Forgets the stored choice (the embedded directory is the default).
 * @param path the file
 * @returns whether there was one
 */
export function removeStoredDirectory(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

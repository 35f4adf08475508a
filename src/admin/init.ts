/**
 * `cspin init`: the only command that creates a database, and it does so atomically. The whole
 * database (schema, key fingerprint, sample directory) is built under a temporary name in the same
 * folder, flushed, and renamed into place: a crash leaves no database, or the old one, never a
 * partial one. The new key file is written first as a pending key named after the new database's
 * fingerprint, and renamed after the database; loading the key finishes that rename if a crash
 * came in between (see src/pins/pepper.ts).
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { TerminatingError, echo, errorCode, systemError, type CmdletIO } from '../core/index.js';
import { NotCspinDatabaseError, checkCspinDatabase, directoryMessages, createDatabase, databasePath, databaseRefusal, readDatabaseHeader, retireDatabase, syncToDisk } from '../directory/index.js';
import { installPendingKey, keyFingerprint, newPepper, recordPepper, removeStalePendingKeys, stagePendingKey } from '../pins/index.js';
import { adminMessages } from './messages.js';
import { loadSample } from './sample.js';

interface InitArgs {
  sample: boolean;
  force: boolean;
}

/**
 * The init command for yargs.
 * @param io the process streams and environment
 * @param say writes one `cspin: ` line on stderr
 * @returns the command module
 */
export function initCommand(io: CmdletIO, say: (line: string) => void): CommandModule<object, InitArgs> {
  return {
    command: 'init',
    describe: 'Create the database (CSPIN_DB, default $XDG_DATA_HOME/cspin/cspin.db) and its PIN key file',
    builder: (y) =>
      y
        .option('sample', { type: 'boolean', default: false, describe: 'Load the litwareinc sample directory' })
        .option('force', { type: 'boolean', default: false, describe: 'Replace an existing cspin database (its users and PINs are lost)' }),
    handler: async (args) => {
      const path = databasePath(io.env);
      const sample = await initDatabase(path, { ...args, env: io.env });
      say(sample ? `created ${echo(path)} with the litwareinc sample directory (${sample.users} users, ${sample.pins} PINs)` : `created ${echo(path)}`);
    },
  };
}

/**
 * Creates the database at a path, replacing a cspin database there under `force`.
 * @param path the database path
 * @param options force, sample, and the environment (CSPIN_PIN_KEY)
 * @returns the sample's counts, when it was loaded
 */
export async function initDatabase(path: string, options: InitArgs & { env: NodeJS.ProcessEnv }): Promise<{ users: number; pins: number } | undefined> {
  const replacing = checkTarget(path, options.force);
  const key = newPepper(options.env);
  const folder = prepareFolder(path);
  removeAbandonedBuilds(path);
  const temp = `${path}.init-${process.pid}-${randomBytes(4).toString('hex')}`;
  let pending: string | undefined;
  let renamed = false;
  try {
    const sample = await build(temp, key, options.sample);
    if (!options.env.CSPIN_PIN_KEY) pending = stagePendingKey(path, key);
    if (replacing) retireDatabase(path);
    renameSync(temp, path);
    renamed = true;
    syncToDisk(folder);
    if (pending) {
      installPendingKey(pending, path);
      // Keys an init or a rotation killed before its commit left: they belong to no database.
      removeStalePendingKeys(path, keyFingerprint(key));
    }
    return sample;
  } catch (error) {
    if (!renamed) {
      removeBuild(temp);
      if (pending) rmSync(pending, { force: true });
    }
    throw systemError(error, { doing: 'create the database', path }) ?? error;
  }
}

/** Whether a database is there to replace; refuses a path where init must not write. */
function checkTarget(path: string, force: boolean): boolean {
  try {
    if (statSync(path).isDirectory()) {
      throw databaseRefusal('IsADirectory', 'InvalidArgument', adminMessages.IsADirectory.database(path), path);
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR') throw notADirectory(path);
    throw systemError(error, { doing: 'create the database', path }) ?? error;
  }
  if (!force) {
    throw databaseRefusal('DatabaseExists', 'InvalidOperation', directoryMessages.DatabaseExists(path), path);
  }
  try {
    checkCspinDatabase(path, readDatabaseHeader(path));
  } catch (error) {
    if (error instanceof NotCspinDatabaseError) {
      throw new NotCspinDatabaseError(path, error.why, adminMessages.NotACspinDatabase.initForce);
    }
    // A damaged cspin database is still cspin's to replace.
    if (!(error instanceof TerminatingError && error.record.errorId === 'DatabaseCorrupt')) throw error;
  }
  return true;
}

function notADirectory(path: string): TerminatingError {
  return databaseRefusal('NotADirectory', 'InvalidArgument', directoryMessages.NotADirectory(path), path);
}

/** Creates the database's folder (0700) if need be, and checks that it can be written. */
function prepareFolder(path: string): string {
  const folder = dirname(resolve(path));
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    if (['ENOTDIR', 'EEXIST'].includes(errorCode(error) ?? '')) throw notADirectory(path);
    throw systemError(error, { doing: 'create the directory', path: dirname(path) }) ?? error;
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw systemError(error, { doing: 'create the database in', path: dirname(path) }) ?? error;
  }
  return folder;
}

/**
 * Builds the whole database under the temporary name, with a rollback journal so that every change
 * is in the file itself once it is closed, then switches it to WAL and flushes it to disk.
 */
async function build(temp: string, key: Buffer, sample: boolean): Promise<{ users: number; pins: number } | undefined> {
  const db = createDatabase(temp, 'delete');
  let loaded;
  try {
    recordPepper(db, key);
    if (sample) loaded = await loadSample(db, key);
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('the new database did not switch to WAL mode');
  } finally {
    db.close();
  }
  syncToDisk(temp);
  return loaded;
}

function removeBuild(temp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
}

/** Removes what an init killed mid-way left beside the database (its process is gone). */
function removeAbandonedBuilds(path: string): void {
  const folder = dirname(resolve(path));
  const prefix = `${basename(path)}.init-`;
  for (const name of readdirSync(folder)) {
    const pid = name.startsWith(prefix) ? Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) rmSync(join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

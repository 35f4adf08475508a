/**
 * `cspin import <files..> [--format] [--prune [--scope <dn>]] [--what-if]`: loads directory exports,
 * upserting by DN; --prune then removes the users the exports did not contain, within a scope;
 * --what-if says what would be added, updated and removed, in a transaction it rolls back.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { ProgressLine, TerminatingError, echo, errorCode, progressWanted, shouldProcessTexts, usageError, type CmdletIO, type ErrorId } from '../core/index.js';
import { containerExists, databasePath, looksLikeDn, openDatabase, type DirectoryDatabase } from '../directory/index.js';
import { importUsers, type ImportSummary } from '../directory/import/importUsers.js';
import { ImportSeen, pruneUnseen } from '../directory/import/pruneUsers.js';
import { formatOf, readUsers } from '../directory/import/sources.js';
import { deferIndexes, restoreIndexes } from '../directory/sqlite/deferredIndexes.js';
import { adminMessages, importRowLine, importTexts } from './messages.js';

interface ImportArgs {
  files: string[];
  format?: string;
  prune: boolean;
  scope?: string;
  whatIf: boolean;
}

/** Stands for `-` (standard input) while yargs parses: yargs drops a bare `-` from a variadic argument. */
export const STDIN = '\u0000stdin';

/**
 * The `cspin import` command.
 * @param io the streams and environment
 * @param say writes a `cspin: ` line to stderr
 * @param done receives the exit status
 * @returns the yargs command
 */
export function importCommand(io: CmdletIO, say: (line: string) => void, done: (status: number) => void): CommandModule<object, ImportArgs> {
  return {
    command: 'import <files..>',
    describe: 'Load users from CSV, NDJSON or LDIF exports (by extension, or --format; - is stdin), upserting by distinguished name',
    builder: (y: Argv) =>
      y
        .positional('files', { type: 'string', array: true, demandOption: true })
        .option('format', { type: 'string', choices: ['csv', 'ndjson', 'ldif'], describe: 'The format of every file' })
        .option('prune', { type: 'boolean', default: false, describe: 'Remove the users the exports do not contain (in the containers their users sit in, or --scope), with their PIN state' })
        .option('scope', { type: 'string', describe: 'With --prune: the container whose whole subtree is pruned' })
        .option('what-if', { type: 'boolean', default: false, describe: 'Say what would be added, updated and removed; change nothing' }) as unknown as Argv<ImportArgs>,
    handler: async (args) => {
      done(await importFiles({ ...args, files: args.files.map((f) => (f === STDIN ? '-' : f)) }, io, say));
    },
  };
}

/** Imports files in order, then prunes; the exit status is 1 when a row was rejected. */
async function importFiles(args: ImportArgs, io: CmdletIO, say: (line: string) => void): Promise<number> {
  // Every file is there and of a known format before any is read: a usage error exits 2 with nothing imported.
  const formats = args.files.map((file) => formatOf(file, args.format));
  args.files.forEach(checkInputFile);
  checkScope(args);
  const db = openDatabase(databasePath(io.env));
  const total: ImportSummary = { added: 0, updated: 0, rejected: 0 };
  const progress = importProgress(args.files, io, total);
  const sayLine = (line: string) => {
    progress.line.clear();
    say(line);
  };
  const whatIf = (action: 'add' | 'update' | 'remove', dn: string) => {
    progress.line.clear();
    io.stderr.write(`${shouldProcessTexts.whatIf(importTexts.action[action], dn)}\n`);
  };
  const seen = args.prune ? new ImportSeen(db) : undefined;
  const stored = args.whatIf ? (outcome: 'added' | 'updated', dn: string) => whatIf(outcome === 'added' ? 'add' : 'update', dn) : undefined;
  // -WhatIf does the work and rolls it back: the counts and conflicts are the real ones.
  if (args.whatIf) db.exec('BEGIN IMMEDIATE');
  const deferred = !args.whatIf && deferIndexes(db, exportBytes(args.files));
  let removed: number | undefined;
  let skipped: 'PruneSkipped' | 'OrganizationalUnitNotFound' | undefined;
  try {
    for (const [i, file] of args.files.entries()) {
      const input = file === '-' ? io.stdin : progress.reading(createReadStream(file));
      const rejected = (row: number, reason: string, errorId: ErrorId) =>
        io.env.CSPIN_ERROR_FORMAT === 'json'
          ? io.stderr.write(`${JSON.stringify({ command: 'cspin import', errorId, category: 'InvalidData', message: importRowLine(file, row, reason), record: row, target: echo(file) })}\n`)
          : sayLine(importRowLine(file, row, reason));
      const lost = (columns: readonly string[]) => sayLine(importTexts.typeNames(file, columns));
      await importUsers(db, readUsers(input, formats[i] ?? formatOf(file, args.format), lost), rejected, total, { seen, stored });
    }
    progress.line.stop();
    if (deferred) restoreIndexes(db);
    // A user whose row was rejected is not in `seen`: pruning then would remove it.
    if (seen && total.rejected === 0) removed = prune(db, seen, args.scope, args.whatIf ? (dn) => whatIf('remove', dn) : undefined);
    if (removed === undefined && seen) skipped = total.rejected > 0 ? 'PruneSkipped' : 'OrganizationalUnitNotFound';
  } catch (error) {
    // What was committed before a failure (a full disk) stays, in whole batches of whole rows.
    if (!args.whatIf && total.added + total.updated + total.rejected > 0) say(importTexts.stopped(total));
    throw error;
  } finally {
    progress.line.stop();
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
  say(importTexts.summary(total, removed, args.whatIf));
  if (skipped === 'PruneSkipped') throw new TerminatingError({ errorId: skipped, category: 'InvalidData', message: adminMessages.PruneSkipped(total.rejected) }, 1);
  if (skipped === 'OrganizationalUnitNotFound') {
    const scope = args.scope ?? '';
    throw new TerminatingError({ errorId: skipped, category: 'ObjectNotFound', message: adminMessages.OrganizationalUnitNotFound(scope), target: scope }, 1);
  }
  return total.rejected > 0 ? 1 : 0;
}

/** The exports' total size; 0 when one is stdin (its size is unknown). */
function exportBytes(files: readonly string[]): number {
  return files.includes('-') ? 0 : files.reduce((sum, file) => sum + statSync(file).size, 0);
}

/** Prunes, unless the scope is not in the directory (undefined then: a typo must not pass silently). */
function prune(db: DirectoryDatabase, seen: ImportSeen, scope: string | undefined, whatIf: ((dn: string) => void) | undefined): number | undefined {
  if (scope !== undefined && !containerExists(db, scope)) return undefined;
  return pruneUnseen(db, seen, scope, whatIf);
}

function checkScope(args: ImportArgs): void {
  if (args.scope === undefined) return;
  if (!args.prune) throw usageError('InvalidCommandLine', adminMessages.InvalidCommandLine(importTexts.scopeWithoutPrune));
  if (!looksLikeDn(args.scope)) throw usageError('InvalidCommandLine', adminMessages.InvalidCommandLine(importTexts.scopeNotDn(args.scope)), args.scope);
}

/**
 * The progress line of an import: rows stored or rejected so far, and the share of the files' bytes
 * read (unknown when one of them is stdin).
 */
function importProgress(files: readonly string[], io: CmdletIO, total: ImportSummary) {
  const line = new ProgressLine({ label: 'cspin import', stream: io.stderr, enabled: progressWanted(io.stderr, io.env, 'Continue'), unit: 'row' });
  line.countFrom(() => total.added + total.updated + total.rejected);
  const size = files.includes('-') ? undefined : files.reduce((sum, file) => sum + statSync(file).size, 0);
  let done = 0;
  let current: { bytesRead: number } | undefined;
  if (size) line.knowsFraction(() => Math.min(1, (done + (current?.bytesRead ?? 0)) / size));
  line.start();
  return {
    line,
    /** Counts a file's bytes as they are read. */
    reading<T extends NodeJS.ReadableStream & { bytesRead: number }>(stream: T): T {
      if (current) done += current.bytesRead;
      current = stream;
      return stream;
    },
  };
}

function checkInputFile(file: string): void {
  if (file === '-') return;
  try {
    if (statSync(file).isDirectory()) throw usageError('IsADirectory', adminMessages.IsADirectory.import(file), file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw usageError('PathNotFound', adminMessages.PathNotFound(file), file);
    throw error;
  }
}

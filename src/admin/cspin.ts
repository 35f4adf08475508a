/**
 * `cspin`: the administration command (GNU-style options, unlike the cmdlets): creating the
 * database, importing directory exports, and running any cmdlet as `cspin Get-CsUser ...`.
 */
import { createReadStream, statSync } from 'node:fs';
import yargs from 'yargs';
import { ProgressLine, checkEnvironment, debugTrace, didYouMean, echo, nearestNames, packageVersion, progressWanted, errorCode, oneLine, runCmdlet, terminatingErrorOf, usageError, type CmdletIO, type ErrorId } from '../core/index.js';
import { CMDLETS, findCmdlet } from '../cmdlets/index.js';
import { databasePath, openDatabase } from '../directory/index.js';
import { importUsers } from '../directory/import/importUsers.js';
import { formatOf, readUsers } from '../directory/import/sources.js';
import { bashCompletion } from './completion.js';
import { directoryCommand } from './directory.js';
import { initCommand } from './init.js';
import { adminMessages, importRowLine } from './messages.js';
import { rotateKeyCommand } from './rotateKey.js';
import { siteCommand } from './sites.js';

/**
 * Runs `cspin` with its arguments.
 * @param argv the arguments after `cspin`
 * @param io the process streams and environment
 * @returns the exit status
 */
export async function runAdmin(argv: readonly string[], io: CmdletIO): Promise<number> {
  const cmdlet = argv[0] === undefined ? undefined : findCmdlet(argv[0]);
  if (cmdlet) return runCmdlet(await cmdlet.load(), argv.slice(1), io);
  const say = (line: string) => io.stderr.write(`cspin: ${line}\n`);
  let status = 0;
  try {
    // Help is always given; anything else first checks the environment.
    if (!argv.some((arg) => arg === '--help' || arg === '-h')) checkEnvironment(io.env);
    checkCommandName(argv[0]);
    // yargs drops a bare `-` from a variadic positional (it looks like an option), so it travels as a sentinel.
    await yargs(argv[0] === 'import' ? argv.map((a) => (a === '-' ? STDIN : a)) : [...argv])
      .scriptName('cspin')
      .version(packageVersion('cspin'))
      .usage('Usage: cspin <command> [options]\n       cspin <Cmdlet> [parameters]   (the same as running the cmdlet itself)')
      .command(initCommand(io, say))
      .command(
        'import <files..>',
        'Load users from CSV, NDJSON or LDIF exports (by extension, or --format; - is stdin), upserting by distinguished name',
        (y) =>
          y
            .positional('files', { type: 'string', array: true, demandOption: true })
            .option('format', { type: 'string', choices: ['csv', 'ndjson', 'ldif'], describe: 'The format of every file' }),
        async (args) => {
          status = await importFiles(args.files.map((f) => (f === STDIN ? '-' : f)), args.format, io, say);
        },
      )
      .command(rotateKeyCommand(io, say))
      .command('commands', 'List the cmdlets', {}, () => {
        io.stdout.write(`${Object.keys(CMDLETS).join('\n')}\n`);
      })
      .command(siteCommand(io, say))
      .command(directoryCommand(io, say))
      .command(
        'completion <shell>',
        'Print a completion script for the shell (bash): source <(cspin completion bash)',
        (y) => y.positional('shell', { type: 'string', choices: ['bash'], demandOption: true }),
        async () => {
          io.stdout.write(await bashCompletion(ADMIN_COMMANDS));
        },
      )
      .demandCommand(1, 'Name a command, or a cmdlet such as Get-CsUser.')
      .strict()
      .exitProcess(false)
      .fail((message, error) => {
        throw error ?? new UsageMessage(message);
      })
      .parseAsync();
  } catch (error) {
    return reportError(error instanceof UsageMessage ? usageError('InvalidCommandLine', adminMessages.InvalidCommandLine(error.message)) : error, io);
  }
  return status;
}

class UsageMessage extends Error {}

/** The first words yargs knows (the cmdlets are run before yargs sees them). */
const ADMIN_COMMANDS = ['init', 'import', 'rotate-key', 'commands', 'site', 'completion', 'directory'];

/** A mistyped command is a usage error that names the nearest commands and cmdlets. */
function checkCommandName(first: string | undefined): void {
  if (first === undefined || first.startsWith('-') || ADMIN_COMMANDS.includes(first)) return;
  const suggestions = nearestNames(first, [...ADMIN_COMMANDS, ...Object.keys(CMDLETS)]);
  throw usageError('CommandNotFoundException', adminMessages.CommandNotFoundException(first, didYouMean(suggestions)), echo(first));
}

/** Stands for `-` (standard input) while yargs parses `cspin import`: yargs drops a bare `-` from a variadic argument. */
const STDIN = '\u0000stdin';

/** Imports files in order; the exit status is 1 when a row was rejected. */
async function importFiles(files: string[], format: string | undefined, io: CmdletIO, say: (line: string) => void): Promise<number> {
  // Every file is there and of a known format before any is read: a usage error exits 2 with nothing imported.
  const formats = files.map((file) => formatOf(file, format));
  files.forEach(checkInputFile);
  const db = openDatabase(databasePath(io.env));
  const total = { added: 0, updated: 0, rejected: 0 };
  const progress = importProgress(files, io, total);
  const sayLine = (line: string) => {
    progress.line.clear();
    say(line);
  };
  try {
    for (const [i, file] of files.entries()) {
      const input = file === '-' ? io.stdin : progress.reading(createReadStream(file));
      const rejected = (row: number, reason: string, errorId: ErrorId) =>
        io.env.CSPIN_ERROR_FORMAT === 'json'
          ? io.stderr.write(`${JSON.stringify({ command: 'cspin import', errorId, category: 'InvalidData', message: importRowLine(file, row, reason), record: row, target: echo(file) })}\n`)
          : sayLine(importRowLine(file, row, reason));
      await importUsers(db, readUsers(input, formats[i] ?? formatOf(file, format)), rejected, total);
    }
  } catch (error) {
    // What was committed before a failure (a full disk) stays, in whole batches of whole rows.
    if (total.added + total.updated + total.rejected > 0) {
      say(`the import stopped; kept before it: ${total.added} added, ${total.updated} updated, ${total.rejected} rejected`);
    }
    throw error;
  } finally {
    progress.line.stop();
    db.close();
  }
  say(`${total.added} added, ${total.updated} updated, ${total.rejected} rejected`);
  return total.rejected > 0 ? 1 : 0;
}

/**
 * The progress line of an import: rows stored or rejected so far, and the share of the files' bytes
 * read (unknown when one of them is stdin).
 */
function importProgress(files: readonly string[], io: CmdletIO, total: { added: number; updated: number; rejected: number }) {
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

/** Writes an error as one line (`cspin: ...`, or a JSON line under CSPIN_ERROR_FORMAT=json) and gives its exit status. */
function reportError(error: unknown, io: CmdletIO): number {
  const terminating = terminatingErrorOf(error);
  const { errorId, category, message, target } = terminating.record;
  if (io.env.CSPIN_ERROR_FORMAT?.toLowerCase() === 'json') {
    io.stderr.write(`${JSON.stringify({ command: 'cspin', errorId, category, message, target: typeof target === 'string' ? target : undefined })}\n`);
  } else {
    io.stderr.write(`cspin: ${oneLine(message)}\n`);
  }
  const trace = debugTrace(error, io.env);
  if (trace !== undefined) io.stderr.write(`${trace}\n`);
  return terminating.exitCode;
}

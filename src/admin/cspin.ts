/**
 * `cspin`: the administration command (GNU-style options, unlike the cmdlets): creating the
 * database, importing directory exports, and running any cmdlet as `cspin Get-CsUser ...`.
 */
import { createReadStream } from 'node:fs';
import yargs from 'yargs';
import { echo, runCmdlet, TerminatingError, type CmdletIO } from '../core/index.js';
import { CMDLETS, findCmdlet } from '../cmdlets/index.js';
import { createDatabase, databasePath, openDatabase } from '../directory/index.js';
import { importUsers } from '../directory/import/importUsers.js';
import { formatOf, readUsers } from '../directory/import/sources.js';
import { createPepper, loadPepper } from '../pins/index.js';
import { rotateKeyCommand } from './rotateKey.js';
import { loadSample } from './sample.js';
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
    // yargs drops a bare `-` from a variadic positional (it looks like an option), so it travels as a sentinel.
    await yargs(argv[0] === 'import' ? argv.map((a) => (a === '-' ? STDIN : a)) : [...argv])
      .scriptName('cspin')
      .usage('Usage: cspin <command> [options]\n       cspin <Cmdlet> [parameters]   (the same as running the cmdlet itself)')
      .command(
        'init',
        'Create the database (CSPIN_DB, default $XDG_DATA_HOME/cspin/cspin.db) and its PIN key file',
        (y) =>
          y
            .option('sample', { type: 'boolean', default: false, describe: 'Load the litwareinc sample directory' })
            .option('force', { type: 'boolean', default: false, describe: 'Replace an existing database (its users and PINs are lost)' }),
        async (args) => {
          const path = databasePath(io.env);
          const db = createDatabase(path, args.force);
          try {
            createPepper(db, path, io.env);
            if (args.sample) {
              const { users, pins } = await loadSample(db, loadPepper(db, path, io.env));
              say(`created ${echo(path)} with the litwareinc sample directory (${users} users, ${pins} PINs)`);
            } else {
              say(`created ${echo(path)}`);
            }
          } finally {
            db.close();
          }
        },
      )
      .command(
        'import <files..>',
        'Load users from CSV, NDJSON or LDIF exports (by extension, or --format; - is stdin), upserting by distinguished name',
        (y) =>
          y
            .positional('files', { type: 'string', array: true, demandOption: true })
            .option('format', { type: 'string', choices: ['csv', 'ndjson', 'ldif'], describe: 'The format of every file' }),
        async (args) => {
          const db = openDatabase(databasePath(io.env));
          try {
            const files = args.files.map((f) => (f === STDIN ? '-' : f));
            // Every format is known before any file is read: a usage error exits 2 with nothing imported.
            const formats = files.map((file) => formatOf(file, args.format));
            const total = { added: 0, updated: 0, rejected: 0 };
            for (const [i, file] of files.entries()) {
              const format = formats[i] ?? formatOf(file, args.format);
              const input = file === '-' ? io.stdin : createReadStream(file);
              const summary = await importUsers(db, readUsers(input, format), (row, reason, errorId) =>
                io.env.CSPIN_ERROR_FORMAT === 'json'
                  ? io.stderr.write(`${JSON.stringify({ command: 'cspin import', errorId, category: 'InvalidData', message: `${echo(file)} line ${row}: ${reason}`, record: row, target: echo(file) })}\n`)
                  : say(`${echo(file)} line ${row}: ${reason}`),
              );
              for (const key of ['added', 'updated', 'rejected'] as const) total[key] += summary[key];
            }
            say(`${total.added} added, ${total.updated} updated, ${total.rejected} rejected`);
            if (total.rejected > 0) status = 1;
          } finally {
            db.close();
          }
        },
      )
      .command(rotateKeyCommand(io, say))
      .command('commands', 'List the cmdlets', {}, () => {
        io.stdout.write(`${Object.keys(CMDLETS).join('\n')}\n`);
      })
      .command(siteCommand(io, say))
      .demandCommand(1, 'Name a command, or a cmdlet such as Get-CsUser.')
      .strict()
      .exitProcess(false)
      .fail((message, error) => {
        throw error ?? new UsageMessage(message);
      })
      .parseAsync();
  } catch (error) {
    if (error instanceof UsageMessage) {
      say(`${error.message} (see cspin --help)`);
      return 2;
    }
    if (error instanceof TerminatingError) {
      say(error.message);
      return error.exitCode;
    }
    if (isFileError(error)) {
      say(error.message);
      return 1;
    }
    throw error;
  }
  return status;
}

class UsageMessage extends Error {}

/** Stands for `-` (standard input) while yargs parses `cspin import`: yargs drops a bare `-` from a variadic argument. */
const STDIN = '\u0000stdin';

function isFileError(error: unknown): error is Error {
  return error instanceof Error && ['ENOENT', 'EACCES', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '');
}

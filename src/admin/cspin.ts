/**
 * `cspin`: the administration command (GNU-style options, unlike the cmdlets): creating the
 * database, importing directory exports, and running any cmdlet as `cspin Get-CsUser ...`.
 */
import yargs from 'yargs';
import { checkEnvironment, debugTrace, didYouMean, echo, nearestNames, packageVersion, oneLine, runCmdlet, terminatingErrorOf, usageError, type CmdletIO } from '../core/index.js';
import { CMDLETS, findCmdlet } from '../cmdlets/index.js';
import { bashCompletion } from './completion.js';
import { directoryCommand } from './directory.js';
import { STDIN, importCommand } from './import.js';
import { initCommand } from './init.js';
import { adminMessages } from './messages.js';
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
      .command(importCommand(io, say, (code) => (status = code)))
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

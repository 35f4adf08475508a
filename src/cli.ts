/**
 * The one entry point behind every bin: the name it was invoked by (Get-CsUser, get-csuser, cspin...)
 * picks what runs.
 */
import { basename } from 'node:path';
import { findCmdlet } from './cmdlets/index.js';
import { classifyOutput, runCmdlet, type CmdletIO } from './core/index.js';

/**
 * Runs the command named by argv[1] and sets the exit status.
 * @param argv process.argv
 */
export async function main(argv: readonly string[]): Promise<void> {
  const io: CmdletIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, outputTarget: classifyOutput(), signals: process };
  const invoked = basename(argv[1] ?? 'cspin').replace(/\.[cm]?js$/, '');
  const cmdlet = findCmdlet(invoked);
  if (cmdlet) {
    exit(await runCmdlet(await cmdlet.load(), argv.slice(2), io));
    return;
  }
  // Loaded only for cspin itself: the cmdlets start faster without the importers and yargs commands.
  const { runAdmin } = await import('./admin/cspin.js');
  exit(await runAdmin(argv.slice(2), io));
}

const STOP_SIGNALS: Readonly<Record<number, NodeJS.Signals>> = { 129: 'SIGHUP', 130: 'SIGINT', 143: 'SIGTERM' };

/**
 * Sets the exit status. A command stopped by a signal (status 128 + n) has finished cleanly by now;
 * it dies of the same signal, as Unix tools do, so a shell loop around it stops too.
 */
function exit(status: number): void {
  process.exitCode = status;
  const signal = STOP_SIGNALS[status];
  if (signal && process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

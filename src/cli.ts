/**
 * The one entry point behind every bin: the name it was invoked by (Get-CsUser, get-csuser, cspin...)
 * picks what runs.
 */
import { basename } from 'node:path';
import { findCmdlet } from './cmdlets/index.js';
import { classifyOutput, debugTrace, oneLine, runCmdlet, terminatingErrorOf, type CmdletIO } from './core/index.js';

/**
 * Runs the command named by argv[1] and sets the exit status.
 * @param argv process.argv
 */
export async function main(argv: readonly string[]): Promise<void> {
  const io: CmdletIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, outputTarget: classifyOutput(), signals: process };
  const invoked = basename(argv[1] ?? 'cspin').replace(/\.[cm]?js$/, '');
  catchEverything(invoked, io);
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

/**
 * The last resort: an error that escapes the command (an 'error' event nobody listens to, a
 * rejected promise) ends the process with one line and exit status 1, never a stack trace (unless
 * CSPIN_DEBUG). A reader that went away (EPIPE) ends it quietly, as `| head` expects.
 */
function catchEverything(name: string, io: CmdletIO): void {
  let reported = false;
  const last = (error: unknown) => {
    const terminating = terminatingErrorOf(error);
    if (reported || terminating.record.errorId === 'BrokenPipe') process.exit(reported ? 1 : (process.exitCode ?? 0));
    reported = true;
    const { errorId, category, message } = terminating.record;
    try {
      io.stderr.write(
        io.env.CSPIN_ERROR_FORMAT?.toLowerCase() === 'json' ? `${JSON.stringify({ command: name, errorId, category, message })}\n` : `${name}${name === 'cspin' ? ':' : ' :'} ${oneLine(message)}\n`,
      );
      const trace = debugTrace(error, io.env);
      if (trace !== undefined) io.stderr.write(`${trace}\n`);
    } finally {
      process.exit(1);
    }
  };
  process.on('uncaughtException', last);
  process.on('unhandledRejection', last);
}

/**
 * The one entry point behind every bin: the name it was invoked by (Get-CsUser, get-csuser, cspin...)
 * picks what runs.
 */
import { basename } from 'node:path';
import { findCmdlet } from './cmdlets/index.js';
import { runCmdlet, type CmdletIO } from './core/index.js';

/**
 * Runs the command named by argv[1] and sets the exit status.
 * @param argv process.argv
 */
export async function main(argv: readonly string[]): Promise<void> {
  const io: CmdletIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
  const invoked = basename(argv[1] ?? 'cspin').replace(/\.[cm]?js$/, '');
  const cmdlet = findCmdlet(invoked);
  if (cmdlet) {
    process.exitCode = await runCmdlet(await cmdlet.load(), argv.slice(2), io);
    return;
  }
  // Loaded only for cspin itself: the cmdlets start faster without the importers and yargs commands.
  const { runAdmin } = await import('./admin/cspin.js');
  process.exitCode = await runAdmin(argv.slice(2), io);
}

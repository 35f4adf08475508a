/**
 * Whether stdin carries pipeline input. PowerShell knows which command is first in a pipeline; bash
 * does not tell. A command reads stdin when a parameter that is still open needs pipeline input
 * (a mandatory one), or — for optional pipeline parameters, as Get-CsUser's -Identity — only when
 * stdin was made for this command: a pipe or file that its parent shell does not share. So
 * `Get-CsUser` alone in a script or a `while read` loop never swallows the script's stdin.
 */
import { fstatSync, statSync } from 'node:fs';
import { isatty } from 'node:tty';

/** What stdin is. */
export type StdinKind = 'terminal' | 'device' | 'inherited' | 'upstream';

/**
 * Classifies a file descriptor (stdin by default).
 * @param fd @default 0
 * @param parentPid @default process.ppid
 * @returns terminal, device (/dev/null), inherited (the parent's own stdin) or upstream
 */
export function classifyStdin(fd = 0, parentPid = process.ppid): StdinKind {
  if (isatty(fd)) return 'terminal';
  let own;
  try {
    own = fstatSync(fd);
  } catch {
    return 'device';
  }
  if (own.isCharacterDevice()) return 'device';
  try {
    const parent = statSync(`/proc/${parentPid}/fd/0`);
    if (parent.dev === own.dev && parent.ino === own.ino) return 'inherited';
  } catch {
    // No /proc (or not ours to read): assume the input was meant for us.
  }
  return 'upstream';
}

/**
 * Decides whether to read pipeline records from stdin. Stdin made for this command (upstream) is a
 * pipeline, as in PowerShell, even when the command line left no parameter for it to bind
 * (`... | Get-CsClientPinInfo -Identity x`): each record then fails with InputObjectNotBound. A
 * terminal is never read, and a script's own stdin (inherited) or /dev/null only when a mandatory
 * parameter waits for pipeline input. A cmdlet that declares no pipeline parameter never has records
 * read for it (ConvertFrom-Json reads stdin as text itself).
 * @param kind what stdin is
 * @param needsInput a mandatory parameter is open and only the pipeline can supply it
 * @param declaresInput the cmdlet declares a parameter that takes pipeline input
 * @returns true to read stdin
 */
export function readsPipelineInput(kind: StdinKind, needsInput: boolean, declaresInput: boolean): boolean {
  if (!declaresInput || kind === 'terminal') return false;
  return needsInput || kind === 'upstream';
}

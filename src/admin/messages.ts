/**
 * The message table of the `cspin` admin command, keyed by its error ids and by the ids of the areas
 * below it that it words its own way (a file given to cspin import, cspin init over a directory).
 */
import { echo, oneLine, type CoreErrorId, type MessageTable } from '../core/index.js';
import type { CmdletErrorId } from '../cmdlets/errorIds.js';
import type { DirectoryErrorId } from '../directory/index.js';
import type { PinErrorId } from '../pins/index.js';
import type { AdminErrorId } from './errorIds.js';

/** What is said after a PIN key error that cspin rotate-key --lost-key can mend. */
const lostKey = (message: string) => `${message} If the key is lost, cspin rotate-key --lost-key --yes replaces it (every PIN is cleared either way).`;

export const adminMessages = {
  InvalidCommandLine: (message: string) => `${oneLine(message)} (see cspin --help)`,
  CommandNotFoundException: (name: string, suggestions: string) => `'${echo(name)}' is not a cspin command or cmdlet.${suggestions} (see cspin --help)`,
  IsADirectory: {
    database: (path: string) => `${echo(path)} is a directory: CSPIN_DB names the database file itself, which cspin init creates.`,
    import: (file: string) => `Cannot import ${echo(file)}: it is a directory.`,
  },
  PathNotFound: (file: string) => `Cannot import ${echo(file)}: there is no such file.`,
  NotACspinDatabase: { initForce: 'cspin init --force replaces only a cspin database: remove the file yourself if it is not needed.' },
  PinKeyMissing: { lostKey },
  PinKeyMismatch: { lostKey },
  PinKeyInvalid: { lostKey },
  ConfirmationRequired: {
    question: (pins: number) => `cspin rotate-key clears every PIN (${pins} set): each user then needs a new PIN.`,
    message: (question: string) => `${question} Confirm with --yes.`,
  },
  RotationDeclined: 'Nothing was changed.',
  PoolNotMapped: (pool: string) => `The pool ${echo(pool)} is in no site.`,
  PruneSkipped: (rejected: number) =>
    `Nothing was pruned: ${rejected} row(s) were rejected, and a user whose row was rejected would have been removed. Mend them and import again.`,
  OrganizationalUnitNotFound: (scope: string) => `Nothing was pruned: the scope ${echo(scope)} is not in the directory.`,
  InvalidPoolName: 'The pool name is empty.',
  InvalidDirectorySetting: {
    password: 'cspin never takes a password on the command line: put it in a file only you can read (chmod 600) and give --password-file.',
  },
} satisfies MessageTable<AdminErrorId, CoreErrorId | DirectoryErrorId | PinErrorId | CmdletErrorId>;

/** What cspin import says besides errors. */
export const importTexts = {
  action: { add: 'Add user', update: 'Update user', remove: 'Remove user' },
  summary: (total: { added: number; updated: number; rejected: number }, removed: number | undefined, whatIf: boolean) =>
    `${whatIf ? 'What if: ' : ''}${total.added} added, ${total.updated} updated, ${removed === undefined ? '' : `${removed} removed, `}${total.rejected} rejected${whatIf ? ' (nothing was changed)' : ''}`,
  stopped: (total: { added: number; updated: number; rejected: number }) =>
    `the import stopped; kept before it: ${total.added} added, ${total.updated} updated, ${total.rejected} rejected`,
  scopeWithoutPrune: '--scope names what --prune may remove: give --prune with it.',
  // Quiet but honest: once per file, so that a filter on these attributes finding nobody is explained.
  typeNames: (file: string, columns: readonly string[]) =>
    `warning: ${echo(file)}: not imported: ${columns.length} column(s) where Export-Csv wrote .NET type names instead of the values (lists, bytes): ${columns.map((c) => echo(c)).join(', ')}. An ldifde export carries them.`,
  scopeNotDn: (scope: string) => `--scope ${echo(scope)} is not a distinguished name (such as OU=Finance,DC=litwareinc,DC=com).`,
} as const;

/** A rejected row of cspin import: the file and line, then the reason from the directory's table. */
export const importRowLine = (file: string, row: number, reason: string) => `${echo(file)} line ${row}: ${reason}`;

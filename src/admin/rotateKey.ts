/**
 * `cspin rotate-key`: replaces the PIN key (pepper). PIN hashes made with the old key can never be
 * verified again, so the same transaction clears them, and the command says how many users need a
 * new PIN and how to give it. It asks first (--yes, or a prompt on the terminal): every PIN goes.
 */
import type { CommandModule } from 'yargs';
import { TerminatingError, echo, usageError, type CmdletIO, type ErrorId } from '../core/index.js';
import { openTerminal, promptForChoice } from '../core/terminal.js';
import { databasePath, openDatabase, type DirectoryDatabase } from '../directory/index.js';
import { loadPepper, rotatePepper } from '../pins/pepper.js';
import { adminMessages } from './messages.js';

/** The documented pipeline that gives a PIN to every user without one. */
export const RESET_COMMAND = 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet -eq False | Set-CsClientPin';

interface RotateKeyArgs {
  yes: boolean;
  'lost-key': boolean;
}

/**
 * The rotate-key command for yargs.
 * @param io the process streams and environment
 * @param say writes one `cspin: ` line on stderr
 * @returns the command module
 */
export function rotateKeyCommand(io: CmdletIO, say: (line: string) => void): CommandModule<object, RotateKeyArgs> {
  return {
    command: 'rotate-key',
    describe:
      'Replace the PIN key (the key file, or with CSPIN_PIN_KEY a new key printed on stdout). Every PIN is cleared: PINs made with the old key cannot be checked with the new one',
    builder: (y) =>
      y
        .option('yes', { type: 'boolean', default: false, describe: 'Do not ask: every PIN is cleared' })
        .option('lost-key', { type: 'boolean', default: false, describe: 'Replace a key that is lost or wrong (the current key is not checked)' }),
    handler: (args) => {
      const path = databasePath(io.env);
      const db = openDatabase(path);
      try {
        rotate(db, path, args, io, say);
      } finally {
        db.close();
      }
    },
  };
}

function rotate(db: DirectoryDatabase, path: string, args: RotateKeyArgs, io: CmdletIO, say: (line: string) => void): void {
  const oldKey = args['lost-key'] ? undefined : currentKey(db, path, io.env);
  const set = (db.prepare('SELECT count(*) AS n FROM pins WHERE hash IS NOT NULL').get() as { n: number }).n;
  if (!args.yes) confirm(set);
  const inEnvironment = Boolean(io.env.CSPIN_PIN_KEY);
  const { cleared, keyFile } = rotatePepper(db, path, {
    oldKey,
    // Handed over before the commit: a crash in between leaves the old key valid, never no key at all.
    publish: inEnvironment ? (hex) => io.stdout.write(`${hex}\n`) : undefined,
  });
  if (keyFile) say(`new PIN key written to ${echo(keyFile)}`);
  else say('new PIN key printed on stdout: set CSPIN_PIN_KEY to it and keep it secret; the old key no longer opens this database');
  if (cleared === 0) {
    say('no PIN was set, so none had to be cleared');
    return;
  }
  say(`${cleared} PINs were made with the old key and were cleared (IsPinSet is now False): ${cleared} users must get a new PIN.`);
  say(`Give them one with (this also gives a PIN to users who had none):\n  ${RESET_COMMAND}`);
}

/** The current key; a missing, wrong or unreadable one says how to replace it. */
function currentKey(db: DirectoryDatabase, path: string, env: NodeJS.ProcessEnv): Buffer {
  try {
    return loadPepper(db, path, env);
  } catch (error) {
    // A key file others can read, or a bad CSPIN_PIN_KEY, is fixed where it is: no --lost-key hint.
    if (!(error instanceof TerminatingError) || !isLostKeyError(error.record.errorId) || error.exitCode === 2) throw error;
    throw new TerminatingError({ ...error.record, message: adminMessages[error.record.errorId].lostKey(error.message) }, error.exitCode);
  }
}

const LOST_KEY_ERRORS = ['PinKeyMissing', 'PinKeyMismatch', 'PinKeyInvalid'] as const;
const isLostKeyError = (id: ErrorId): id is (typeof LOST_KEY_ERRORS)[number] => (LOST_KEY_ERRORS as readonly ErrorId[]).includes(id);

function confirm(pins: number): void {
  const question = adminMessages.ConfirmationRequired.question(pins);
  const terminal = openTerminal();
  if (!terminal) throw usageError('ConfirmationRequired', adminMessages.ConfirmationRequired.message(question));
  try {
    const answer = promptForChoice(terminal, `\nConfirm\n${question} Replace the PIN key?`, [
      { key: 'N', label: 'No', help: 'Keep the key and the PINs.', value: 'no' },
      { key: 'Y', label: 'Yes', help: 'Replace the key and clear every PIN.', value: 'yes' },
    ]);
    if (answer !== 'yes') throw new TerminatingError({ errorId: 'RotationDeclined', category: 'OperationStopped', message: adminMessages.RotationDeclined });
  } finally {
    terminal.close();
  }
}

/**
 * `npm start`: creates the sample directory if there is no database yet, then shows
 * `Get-CsUser | Get-CsClientPinInfo` for it, run through bash exactly as a user would.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { databasePath } from '../directory/index.js';

const entry = fileURLToPath(new URL('../../bin/cspin.js', import.meta.url));
const path = databasePath(process.env);
const run = (command: string) => spawnSync('bash', ['-c', command], { stdio: 'inherit', env: { ...process.env, CSPIN: entry } }).status ?? 1;

if (!existsSync(path)) {
  const status = run('node "$CSPIN" init --sample');
  if (status !== 0) process.exit(status);
} else {
  process.stderr.write(`cspin: using the existing database ${path}\n`);
}
process.stderr.write('$ Get-CsUser | Get-CsClientPinInfo\n');
process.exitCode = run('node "$CSPIN" Get-CsUser | node "$CSPIN" Get-CsClientPinInfo');

/** Private copies of a sample directory, for tests that change it (one `cspin init --sample` per file). */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sh } from './shell.js';

/**
 * Copies a database and its key file into a new temporary folder.
 * @param template the database file to copy
 * @param env more environment for the copy (CSPIN_ERROR_FORMAT, TZ...)
 * @returns the environment that points the bins at the copy
 */
export function copyOf(template: string, env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const db = join(mkdtempSync(join(tmpdir(), 'cspin-copy-')), 'cspin.db');
  copyFileSync(template, db);
  copyFileSync(`${template}.key`, `${db}.key`);
  return { ...env, CSPIN_DB: db };
}

/**
 * The PIN policies as Get-CsPinPolicy writes them.
 * @param env the environment of the database
 * @returns the policy objects by Identity, in output order
 */
export async function policiesOf(env: NodeJS.ProcessEnv): Promise<Record<string, Record<string, unknown>>> {
  const result = await sh('Get-CsPinPolicy', { env });
  if (result.code !== 0) throw new Error(`Get-CsPinPolicy failed: ${result.stderr}`);
  return Object.fromEntries(result.objects.map((o) => [String(o.Identity), o]));
}

/** Shared by the LDAP end-to-end tests: a PIN store and an environment that points the bins at a server. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sh } from '../support/shell.js';

const SETTINGS = ['URL', 'BASE', 'BIND_DN', 'PASSWORD_FILE', 'CA_FILE', 'STARTTLS', 'ALLOW_UNTRUSTED', 'NETBIOS', 'ATTRIBUTES', 'TIMEOUT', 'PAGE_SIZE'];

/** A temporary folder with an empty PIN store (`cspin init`). */
export interface LdapPlace {
  readonly folder: string;
  /** CSPIN_DB, a private config home, JSON error lines, and every CSPIN_LDAP_* cleared. */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Makes the folder and the PIN store.
 * @returns the folder and the base environment (no directory chosen yet)
 */
export async function ldapPlace(): Promise<LdapPlace> {
  const folder = mkdtempSync(join(tmpdir(), 'cspin-e2e-ldap-'));
  const env: NodeJS.ProcessEnv = { CSPIN_DB: join(folder, 'cspin.db'), XDG_CONFIG_HOME: join(folder, 'config'), CSPIN_ERROR_FORMAT: 'json' };
  for (const name of SETTINGS) env[`CSPIN_LDAP_${name}`] = '';
  const init = await sh('cspin init', { env });
  if (init.code !== 0) throw new Error(`cspin init failed: ${init.stderr}`);
  return { folder, env };
}

/** Opens the directory a command's configuration names: the embedded SQLite copy or an LDAP server. */
import type { DatabaseMode } from './database.js';
import type { DirectoryConfig } from './directoryConfig.js';
import { readBindPassword, readCaFile } from './config/index.js';
import { openLdapDirectory } from './ldapServer/index.js';
import { SqliteDirectory } from './sqlite/sqliteDirectory.js';
import type { UserDirectory } from './userDirectory.js';

/**
 * Opens the directory.
 * @param config which directory (see directoryConfigFor in src/cmdlets)
 * @param options the environment (CSPIN_DB), for the embedded directory how to open the file, and where
 *   an LDAP server's warnings (skipped referrals) go
 * @returns the open directory; the caller closes it
 * @throws TerminatingError when it cannot be opened (no database, server unreachable, bind refused...)
 */
export async function openUserDirectory(
  config: DirectoryConfig,
  options: { env: NodeJS.ProcessEnv; database?: DatabaseMode; warn?: (text: string) => void },
): Promise<UserDirectory> {
  switch (config.kind) {
    case 'embedded':
      return SqliteDirectory.open(options.env, options.database ?? 'read');
    case 'ldap':
      return openLdapDirectory(config, { readPassword: readBindPassword, readCaFile }, { warn: options.warn });
  }
}

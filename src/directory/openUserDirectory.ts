/** Opens the directory a command's configuration names: the embedded SQLite copy or an LDAP server. */
import { TerminatingError } from '../core/index.js';
import type { DatabaseMode } from './database.js';
import type { DirectoryConfig } from './directoryConfig.js';
import { directoryMessages } from './messages.js';
import { SqliteDirectory } from './sqlite/sqliteDirectory.js';
import type { UserDirectory } from './userDirectory.js';

/**
 * Opens the directory.
 * @param config which directory (see directoryConfigFor in src/cmdlets)
 * @param options the environment (CSPIN_DB) and, for the embedded directory, how to open the file
 * @returns the open directory; the caller closes it
 * @throws TerminatingError when it cannot be opened (no database, LDAP not available...)
 */
export function openUserDirectory(config: DirectoryConfig, options: { env: NodeJS.ProcessEnv; database?: DatabaseMode }): UserDirectory {
  switch (config.kind) {
    case 'embedded':
      return SqliteDirectory.open(options.env, options.database ?? 'read');
    case 'ldap':
      throw new TerminatingError({ errorId: 'LdapDirectoryNotAvailable', category: 'ResourceUnavailable', message: directoryMessages.LdapDirectoryNotAvailable(config.url) }); // LDAP WIRING
  }
}

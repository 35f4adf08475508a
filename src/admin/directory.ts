/**
 * `cspin directory`: stores which directory the cmdlets read (an LDAP server, or the embedded one) so
 * that a shell needs no CSPIN_LDAP_* variables; the variables still win over it, and -DomainController
 * over both for the host. The password itself is never stored nor taken on the command line.
 */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { echo, usageError, type CmdletIO } from '../core/index.js';
import {
  explainDirectoryConfig,
  parseDirectoryUrl,
  readBindPassword,
  readCaFile,
  removeStoredDirectory,
  resolveDirectoryConfig,
  storedConnection,
  storedDirectoryPath,
  urlText,
  writeStoredDirectory,
  type StoredDirectory,
} from '../directory/config/index.js';
import { adminMessages } from './messages.js';

/** The options of `cspin directory set`, as yargs gives them. */
interface SetArguments {
  url: string;
  base?: string;
  bindDn?: string;
  passwordFile?: string;
  caFile?: string;
  starttls: boolean;
  allowUntrustedCertificate: boolean;
  netbiosName?: string;
  password?: string;
}

const setOptions = (y: Argv) =>
  y
    .positional('url', { type: 'string', demandOption: true, describe: 'ldap://host[:port] or ldaps://host[:port]' })
    .option('base', { type: 'string', describe: "The search base (default: the server's default naming context)" })
    .option('bind-dn', { type: 'string', describe: 'The DN to bind as (default: anonymous)' })
    .option('password-file', { type: 'string', describe: 'A file holding the bind password, readable only by you (chmod 600)' })
    .option('ca-file', { type: 'string', describe: "PEM file of the CA(s) that sign the server's certificate" })
    .option('starttls', { type: 'boolean', default: false, describe: 'Upgrade ldap:// with StartTLS' })
    .option('allow-untrusted-certificate', { type: 'boolean', default: false, describe: 'Accept a server certificate that does not verify' })
    .option('netbios-name', { type: 'string', describe: "The NetBIOS domain (default: AD's partitions, else the base's first DC label)" })
    // Declared only to refuse it without echoing what follows it.
    .option('password', { type: 'string', hidden: true });

/**
 * The `cspin directory` command and its subcommands (set, show, embedded).
 * @param io the process streams and environment
 * @param say writes a `cspin: ` line on stderr
 * @returns the yargs command module
 */
export function directoryCommand(io: CmdletIO, say: (line: string) => void): CommandModule {
  const path = storedDirectoryPath(io.env);
  const variableWins = () => {
    if (io.env.CSPIN_LDAP_URL) say(`warning: CSPIN_LDAP_URL is set, and wins over the stored choice ${echo(path)} where it is set`);
  };
  return {
    command: 'directory <command>',
    describe: 'Choose the directory the cmdlets read users from: an LDAP server (AD, OpenLDAP) or the embedded one',
    builder: (y: Argv) =>
      y
        .command(
          'set <url>',
          `Store an LDAP server as the directory (in ${path}, mode 0600); CSPIN_LDAP_URL wins over it`,
          setOptions,
          (args) => {
            writeStoredDirectory(path, storedChoiceOf(args as unknown as SetArguments));
            variableWins();
          },
        )
        .command('show', 'Print which directory the cmdlets read, and where that choice comes from', {}, () => {
          const resolved = resolveDirectoryConfig(io.env);
          const from = { variable: 'variable (CSPIN_LDAP_URL)', stored: `stored (${echo(path)})`, embedded: 'embedded (no CSPIN_LDAP_URL, nothing stored)' };
          io.stdout.write(`source: ${from[resolved.source]}\ndirectory: ${explainDirectoryConfig(resolved.config)}\n`);
        })
        .command('embedded', "Go back to the embedded directory (users imported into cspin's database): forget the stored choice", {}, () => {
          removeStoredDirectory(path);
          variableWins();
        })
        .demandCommand(1, 'Name a directory command: set, show or embedded.'),
    handler: () => undefined,
  };
}

/** Checks the options as a command would read them, and the files they name, before anything is stored. */
function storedChoiceOf(args: SetArguments): StoredDirectory {
  if (args.password !== undefined) throw usageError('InvalidDirectorySetting', adminMessages.InvalidDirectorySetting.password);
  const given = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const file = (value: string | undefined) => (given(value) === undefined ? undefined : resolve(value ?? ''));
  const choice: StoredDirectory = {
    url: urlText(parseDirectoryUrl(args.url, 'The URL')),
    base: given(args.base),
    bindDn: given(args.bindDn),
    passwordFile: file(args.passwordFile),
    caFile: file(args.caFile),
    startTls: args.starttls,
    allowUntrustedCertificate: args.allowUntrustedCertificate,
    netbiosName: given(args.netbiosName),
  };
  storedConnection(choice, 'cspin directory set', { base: '--base', bindDn: '--bind-dn', netbiosName: '--netbios-name' });
  if (choice.passwordFile !== undefined) readBindPassword(choice.passwordFile);
  if (choice.caFile !== undefined) readCaFile(choice.caFile);
  // JSON.stringify leaves out the options not given.
  return choice;
}

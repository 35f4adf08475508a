/**
 * Which directory a command uses. Precedence: -DomainController for the host, then the CSPIN_LDAP_*
 * variables (when CSPIN_LDAP_URL is set and not empty), then the choice `cspin directory set` stored,
 * then the embedded directory. The connection settings come from one source as a whole (a stored bind
 * DN never goes to a server a variable names); the tuning variables (attribute mapping, timeout, page
 * size) apply to either.
 */
import { echo } from '../../core/index.js';
import { AD_ATTRIBUTE_NAMES, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_PAGE_SIZE, type DirectoryConfig, type LdapAttributeNames, type LdapDirectoryConfig } from '../directoryConfig.js';
import { directoryMessages } from '../messages.js';
import { checkCombination, checkDn, checkNetbios, parseAttributeMapping, parseDirectoryUrl, parseDomainController, parseFlag, parseNumber, urlText, type DirectoryUrl } from './settings.js';
import { readStoredDirectory, storedDirectoryPath, type StoredDirectory } from './storedChoice.js';

/** Where the directory choice came from. */
export type DirectorySource = 'variable' | 'stored' | 'embedded';

/** The configuration, and where it came from (for `cspin directory show` and -Verbose). */
export interface ResolvedDirectoryConfig {
  readonly config: DirectoryConfig;
  readonly source: DirectorySource;
  /** The stored choice's file (whether or not it exists). */
  readonly storedPath: string;
  /** -DomainController replaced the host. */
  readonly domainController: boolean;
}

/** Options of {@link readDirectoryConfig}. */
export interface DirectoryConfigOptions {
  /** Get-CsUser's -DomainController: host[:port]. */
  readonly domainController?: string;
}

/** The connection settings of one source. */
type Connection = Omit<StoredDirectory, 'url'> & { readonly url: DirectoryUrl };

/** The most a connect timeout may be, in seconds, and the most entries a page may ask for. */
const MAX_TIMEOUT_S = 3600;
const MAX_PAGE_SIZE = 100_000;

/**
 * The directory a command uses.
 * @param env the environment (CSPIN_LDAP_*, XDG_CONFIG_HOME, HOME)
 * @param opts -DomainController, when given
 * @returns the configuration
 */
export function readDirectoryConfig(env: NodeJS.ProcessEnv, opts: DirectoryConfigOptions = {}): DirectoryConfig {
  return resolveDirectoryConfig(env, opts).config;
}

/**
 * The directory a command uses, and which source won.
 * @param env the environment
 * @param opts -DomainController, when given
 * @returns the configuration and its source
 */
export function resolveDirectoryConfig(env: NodeJS.ProcessEnv, opts: DirectoryConfigOptions = {}): ResolvedDirectoryConfig {
  const storedPath = storedDirectoryPath(env);
  const dc = opts.domainController === undefined ? undefined : parseDomainController(opts.domainController);
  let source: DirectorySource = 'embedded';
  let connection: Connection | undefined;
  if (env.CSPIN_LDAP_URL) {
    source = 'variable';
    connection = variableConnection(env, parseDirectoryUrl(env.CSPIN_LDAP_URL, 'CSPIN_LDAP_URL'));
  } else {
    const stored = readStoredDirectory(storedPath);
    if (stored) {
      source = 'stored';
      connection = storedConnection(stored, directoryMessages.InvalidDirectorySetting.stored(storedPath));
    }
  }
  // -DomainController alone names a server for the variables (CSPIN_LDAP_BASE...) to describe.
  if (dc) connection = connection ?? variableConnection(env, { scheme: 'ldap', host: dc.host });
  if (!connection) return { config: { kind: 'embedded' }, source, storedPath, domainController: false };
  const url: DirectoryUrl = dc ? { scheme: connection.url.scheme, host: dc.host, port: dc.port ?? connection.url.port } : connection.url;
  const config: LdapDirectoryConfig = { kind: 'ldap', ...connection, url: urlText(url), ...tuning(env) };
  return { config, source: source === 'embedded' ? 'variable' : source, storedPath, domainController: dc !== undefined };
}

/** A variable's value; empty is unset. */
const variable = (env: NodeJS.ProcessEnv, name: string) => (env[name] ? env[name] : undefined);

function variableConnection(env: NodeJS.ProcessEnv, url: DirectoryUrl): Connection {
  const base = variable(env, 'CSPIN_LDAP_BASE');
  const bindDn = variable(env, 'CSPIN_LDAP_BIND_DN');
  const netbios = variable(env, 'CSPIN_LDAP_NETBIOS');
  const connection: Connection = {
    url,
    base: base === undefined ? undefined : checkDn(base, 'CSPIN_LDAP_BASE'),
    bindDn: bindDn === undefined ? undefined : checkDn(bindDn, 'CSPIN_LDAP_BIND_DN'),
    passwordFile: variable(env, 'CSPIN_LDAP_PASSWORD_FILE'),
    caFile: variable(env, 'CSPIN_LDAP_CA_FILE'),
    startTls: parseFlag(env.CSPIN_LDAP_STARTTLS, 'CSPIN_LDAP_STARTTLS'),
    allowUntrustedCertificate: parseFlag(env.CSPIN_LDAP_ALLOW_UNTRUSTED, 'CSPIN_LDAP_ALLOW_UNTRUSTED'),
    netbiosName: netbios === undefined ? undefined : checkNetbios(netbios, 'CSPIN_LDAP_NETBIOS'),
  };
  checkCombination(url, connection, directoryMessages.InvalidDirectorySetting.variables);
  return connection;
}

/**
 * Checks a stored (or about to be stored) choice as the variables are checked (-DomainController keeps the
 * scheme, so what is checked here holds after it).
 * @param stored the choice
 * @param source where it came from, for messages
 * @param labels the names of single settings (options of cspin directory set), for messages
 * @returns its connection settings
 */
export function storedConnection(stored: StoredDirectory, source: string, labels: Partial<Record<'url' | 'base' | 'bindDn' | 'netbiosName', string>> = {}): Connection {
  const connection: Connection = {
    ...stored,
    url: parseDirectoryUrl(stored.url, labels.url ?? source),
    base: stored.base === undefined ? undefined : checkDn(stored.base, labels.base ?? source),
    bindDn: stored.bindDn === undefined ? undefined : checkDn(stored.bindDn, labels.bindDn ?? source),
    netbiosName: stored.netbiosName === undefined ? undefined : checkNetbios(stored.netbiosName, labels.netbiosName ?? source),
  };
  checkCombination(connection.url, connection, source);
  return connection;
}

function tuning(env: NodeJS.ProcessEnv): { attributes: LdapAttributeNames; connectTimeoutMs: number; pageSize: number } {
  const attributes = variable(env, 'CSPIN_LDAP_ATTRIBUTES');
  const timeout = variable(env, 'CSPIN_LDAP_TIMEOUT');
  const pageSize = variable(env, 'CSPIN_LDAP_PAGE_SIZE');
  return {
    attributes: attributes === undefined ? AD_ATTRIBUTE_NAMES : parseAttributeMapping(attributes),
    connectTimeoutMs:
      timeout === undefined ? DEFAULT_CONNECT_TIMEOUT_MS : Math.max(1, Math.round(parseNumber(timeout, 'CSPIN_LDAP_TIMEOUT', { min: 0.001, max: MAX_TIMEOUT_S, integer: false }) * 1000)),
    pageSize: pageSize === undefined ? DEFAULT_PAGE_SIZE : parseNumber(pageSize, 'CSPIN_LDAP_PAGE_SIZE', { min: 1, max: MAX_PAGE_SIZE, integer: true }),
  };
}

/**
 * The configuration in one line, for -Verbose and `cspin directory show`: never a password (only
 * where the password file is).
 * @param config the configuration
 * @returns the line
 */
export function explainDirectoryConfig(config: DirectoryConfig): string {
  if (config.kind === 'embedded') return "the embedded directory (users imported into cspin's database)";
  const tls = config.url.startsWith('ldaps:') ? 'TLS' : config.startTls ? 'StartTLS' : 'no TLS';
  const mapped = (Object.keys(AD_ATTRIBUTE_NAMES) as (keyof LdapAttributeNames)[]).filter((key) => config.attributes[key] !== AD_ATTRIBUTE_NAMES[key]);
  const parts = [
    config.url,
    `base ${config.base === undefined ? "the server's default naming context" : `"${echo(config.base)}"`}`,
    config.bindDn === undefined ? 'anonymous bind' : `bind as "${echo(config.bindDn)}" with the password in ${echo(config.passwordFile ?? '')}`,
    tls,
    ...(config.caFile === undefined ? [] : [`CA file ${echo(config.caFile)}`]),
    ...(config.allowUntrustedCertificate ? ['certificates that do not verify accepted'] : []),
    ...(config.netbiosName === undefined ? [] : [`NetBIOS domain ${echo(config.netbiosName)}`]),
    ...(mapped.length === 0 ? [] : [`attributes ${mapped.map((key) => `${key}=${config.attributes[key]}`).join(',')}`]),
    `timeout ${config.connectTimeoutMs / 1000} s`,
    `pages of ${config.pageSize}`,
  ];
  return parts.join(', ');
}

/**
 * Opening an LDAP server: connect (ldaps:// or StartTLS), bind, all within the connect timeout; then
 * what the root DSE says (the base, whether it is AD) and the NetBIOS domain name.
 */
import { Client, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { LdapDirectoryConfig } from '../directoryConfig.js';
import { escapeLdapValue } from '../ldap/print.js';
import { firstText, textValues } from './entries.js';
import { isCertificateError, noBase, openError, reasonOf, startTlsFailed } from './errors.js';

/** Reads the secrets the configuration only points at. */
export interface LdapSecrets {
  readPassword(path: string): string;
  readCaFile(path: string): Buffer;
}

/** An open, bound connection and what the server told about itself. */
export interface LdapSession {
  readonly client: Client;
  /** The server's URL, without credentials. */
  readonly url: string;
  readonly base: string;
  /** The configured or discovered NetBIOS name; undefined: each user's first DC label. */
  readonly netbiosName: string | undefined;
  /** Active Directory (DN lookups on distinguishedName, not entryDN). */
  readonly isAd: boolean;
  /** How long one operation (a page, a lookup) may wait for the server: the connect timeout. */
  readonly timeoutMs: number;
}

/** LDAP_CAP_ACTIVE_DIRECTORY_OID, in an AD root DSE's supportedCapabilities. */
const AD_CAPABILITY = '1.2.840.113556.1.4.800';
const ROOT_DSE = ['defaultNamingContext', 'namingContexts', 'configurationNamingContext', 'supportedCapabilities', 'isGlobalCatalogReady'];

/**
 * Connects, binds and reads the root DSE.
 * @throws TerminatingError (exit status 2) with an Ldap* id
 */
export async function openSession(config: LdapDirectoryConfig, secrets: LdapSecrets): Promise<LdapSession> {
  const url = config.url.replace(/\/+$/, '');
  const tlsOptions: ConnectionOptions = { rejectUnauthorized: !config.allowUntrustedCertificate };
  if (config.caFile !== undefined) tlsOptions.ca = secrets.readCaFile(config.caFile);
  // ldapts speaks TLS from the start whenever tlsOptions are given: only for ldaps://.
  const secure = /^ldaps:/i.test(url);
  // `timeout` bounds each operation too, so a server that hangs mid-search ends the command.
  const timeouts = { connectTimeout: config.connectTimeoutMs, timeout: config.connectTimeoutMs };
  const client = new Client({ url, ...timeouts, strictDN: false, ...(secure ? { tlsOptions } : {}) });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${config.connectTimeoutMs} ms`)), config.connectTimeoutMs);
  });
  try {
    await Promise.race([connectAndBind(client, config, secrets, tlsOptions, url), timeout]);
    return await Promise.race([describe(client, config, url), timeout]);
  } catch (error) {
    void client.unbind().catch(() => undefined);
    throw openError(error, url, config.connectTimeoutMs, config.bindDn ?? '');
  } finally {
    clearTimeout(timer);
  }
}

async function connectAndBind(client: Client, config: LdapDirectoryConfig, secrets: LdapSecrets, tls: ConnectionOptions, url: string): Promise<void> {
  if (config.startTls) {
    try {
      // The certificate is checked against the URL's host (tls.connect over a socket assumes localhost).
      const host = hostOf(url);
      await client.startTLS({ ...tls, host, ...(host === undefined || /^[\d.]+$|:/.test(host) ? {} : { servername: host }) });
    } catch (error) {
      if (isCertificateError(error)) throw error;
      // A refused extended operation, or a handshake the server broke off.
      if (error instanceof ResultCodeError || client.isConnected) throw startTlsFailed(url, reasonOf(error));
      throw error;
    }
  }
  if (config.bindDn !== undefined) {
    const password = config.passwordFile === undefined ? '' : secrets.readPassword(config.passwordFile);
    // An empty password is an unauthenticated bind (RFC 4513): servers take it as anonymous, silently.
    if (password === '') throw new InvalidCredentialsError();
    await client.bind(config.bindDn, password);
  }
  // Anonymous: the root DSE read that follows connects (still within the timeout).
}

/** The host of an ldap:// URL (SNI takes only names, not addresses: the caller checks). */
function hostOf(url: string): string | undefined {
  return /^ldaps?:\/\/(?:\[([^\]]+)\]|([^/:]+))/i.exec(url)?.slice(1).find((part) => part !== undefined);
}

async function describe(client: Client, config: LdapDirectoryConfig, url: string): Promise<LdapSession> {
  const { searchEntries } = await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ROOT_DSE });
  const dse = searchEntries[0] ?? { dn: '' };
  const values = (name: string) => textValues(dse, name);
  const base = config.base ?? values('defaultNamingContext')[0] ?? values('namingContexts')[0];
  if (base === undefined || base === '') throw noBase(url);
  const isAd = values('supportedCapabilities').includes(AD_CAPABILITY) || values('isGlobalCatalogReady').length > 0;
  const configuration = values('configurationNamingContext')[0];
  const netbiosName = config.netbiosName ?? (await partitionName(client, base, configuration));
  return { client, url, base, netbiosName, isAd, timeoutMs: config.connectTimeoutMs };
}

/** AD's nETBIOSName for the base's domain, from CN=Partitions of the configuration partition. */
async function partitionName(client: Client, base: string, configuration: string | undefined): Promise<string | undefined> {
  const domain = base.replace(/^.*?(?=(?:^|,)\s*dc\s*=)/i, '').replace(/^,/, '');
  if (domain === '') return undefined;
  const partitions = `CN=Partitions,${configuration ?? `CN=Configuration,${domain}`}`;
  try {
    const filter = `(&(objectClass=crossRef)(nCName=${escapeLdapValue(domain)})(nETBIOSName=*))`;
    const { searchEntries } = await client.search(partitions, { scope: 'one', filter, attributes: ['nETBIOSName'] });
    const entry = searchEntries[0];
    return entry === undefined ? undefined : (firstText(entry, 'nETBIOSName') ?? undefined);
  } catch (error) {
    // No configuration partition (not AD), or no right to read it: the DC label will do.
    if (error instanceof ResultCodeError) return undefined;
    throw error;
  }
}

/**
 * Opening an LDAP server: connect (ldaps:// or StartTLS), bind, all within the connect timeout; then
 * what the root DSE says (the base, whether it is AD) and the NetBIOS domain name.
 */
import { InvalidCredentialsError, ResultCodeError } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { LdapDirectoryConfig } from '../directoryConfig.js';
import { firstText, textValues } from './entries.js';
import { isCertificateError, noBase, openError, reasonOf, startTlsFailed } from './errors.js';
import { LdapConnection, searchAll } from './wire/connection.js';
import { filterObject } from './filterObject.js';

/** Reads the secrets the configuration only points at. */
export interface LdapSecrets {
  readPassword(path: string): string;
  readCaFile(path: string): Buffer;
}

/** An open, bound connection and what the server told about itself. */
export interface LdapSession {
  readonly client: LdapConnection;
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
  const tls: ConnectionOptions = { rejectUnauthorized: !config.allowUntrustedCertificate };
  if (config.caFile !== undefined) tls.ca = secrets.readCaFile(config.caFile);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${config.connectTimeoutMs} ms`)), config.connectTimeoutMs);
  });
  let client: LdapConnection | undefined;
  try {
    // The operation timeout bounds each later operation too, so a server that hangs mid-search ends the command.
    const options = { connectTimeoutMs: config.connectTimeoutMs, timeoutMs: config.connectTimeoutMs, tls };
    client = await Promise.race([LdapConnection.open(url, options), timeout]);
    await Promise.race([connectAndBind(client, config, secrets, tls, url), timeout]);
    return await Promise.race([describe(client, config, url), timeout]);
  } catch (error) {
    client?.close();
    throw openError(error, url, config.connectTimeoutMs, config.bindDn ?? '');
  } finally {
    clearTimeout(timer);
  }
}

async function connectAndBind(client: LdapConnection, config: LdapDirectoryConfig, secrets: LdapSecrets, tls: ConnectionOptions, url: string): Promise<void> {
  if (config.startTls) {
    try {
      // The certificate is checked against the URL's host (tls.connect over a socket assumes localhost).
      const host = hostOf(url);
      await client.startTls({ ...tls, host, ...(host === undefined || /^[\d.]+$|:/.test(host) ? {} : { servername: host }) });
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
}

/** The host of an ldap:// URL (SNI takes only names, not addresses: the caller checks). */
function hostOf(url: string): string | undefined {
  return /^ldaps?:\/\/(?:\[([^\]]+)\]|([^/:]+))/i.exec(url)?.slice(1).find((part) => part !== undefined);
}

/** (objectClass=*): any entry. */
export const ANY_ENTRY = filterObject({ type: 'present', attribute: 'objectClass' });

async function describe(client: LdapConnection, config: LdapDirectoryConfig, url: string): Promise<LdapSession> {
  const { entries } = await searchAll(client, { base: '', scope: 'base', filter: ANY_ENTRY, attributes: ROOT_DSE });
  const dse = entries[0] ?? { dn: '', types: [], values: [] };
  const values = (name: string) => textValues(dse, name);
  const base = config.base ?? values('defaultNamingContext')[0] ?? values('namingContexts')[0];
  if (base === undefined || base === '') throw noBase(url);
  const isAd = values('supportedCapabilities').includes(AD_CAPABILITY) || values('isGlobalCatalogReady').length > 0;
  const configuration = values('configurationNamingContext')[0];
  const netbiosName = config.netbiosName ?? (await partitionName(client, base, configuration));
  return { client, url, base, netbiosName, isAd, timeoutMs: config.connectTimeoutMs };
}

/** AD's nETBIOSName for the base's domain, from CN=Partitions of the configuration partition. */
async function partitionName(client: LdapConnection, base: string, configuration: string | undefined): Promise<string | undefined> {
  const domain = base.replace(/^.*?(?=(?:^|,)\s*dc\s*=)/i, '').replace(/^,/, '');
  if (domain === '') return undefined;
  const partitions = `CN=Partitions,${configuration ?? `CN=Configuration,${domain}`}`;
  try {
    const filter = filterObject({
      type: 'and',
      filters: [
        { type: 'equality', attribute: 'objectClass', value: 'crossRef' },
        { type: 'equality', attribute: 'nCName', value: domain },
        { type: 'present', attribute: 'nETBIOSName' },
      ],
    });
    const { entries } = await searchAll(client, { base: partitions, scope: 'one', filter, attributes: ['nETBIOSName'] });
    const entry = entries[0];
    return entry === undefined ? undefined : (firstText(entry, 'nETBIOSName') ?? undefined);
  } catch (error) {
    // No configuration partition (not AD), or no right to read it: the DC label will do.
    if (error instanceof ResultCodeError) return undefined;
    throw error;
  }
}

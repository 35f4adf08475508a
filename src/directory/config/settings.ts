/**
 * Checks of the values that choose an LDAP directory, wherever they come from (a variable, a
 * `cspin directory set` option, the stored choice, -DomainController). Each throws a usage error
 * (exit 2) naming where the value came from; a URL is never echoed, since it may hold a password.
 */
import { usageError } from '../../core/index.js';
import { looksLikeDn } from '../dn.js';
import { AD_ATTRIBUTE_NAMES, type LdapAttributeNames } from '../directoryConfig.js';
import { directoryMessages } from '../messages.js';

const URL_TEXT = directoryMessages.InvalidDirectoryUrl;
const SETTING = directoryMessages.InvalidDirectorySetting;
const MAPPING = directoryMessages.InvalidAttributeMapping;

const badUrl = (source: string, why: string) => usageError('InvalidDirectoryUrl', URL_TEXT.message(source, why));
const badSetting = (source: string, why: string) => usageError('InvalidDirectorySetting', SETTING.message(source, why), source);

/** A URL split into what cspin keeps of it. */
export interface DirectoryUrl {
  readonly scheme: 'ldap' | 'ldaps';
  /** The host as written in a URL (an IPv6 address in brackets). */
  readonly host: string;
  readonly port?: number;
}

/** The URL as cspin stores and shows it: scheme, host and port only. */
export const urlText = (url: DirectoryUrl) => `${url.scheme}://${url.host}${url.port === undefined ? '' : `:${url.port}`}`;

/**
 * Parses an ldap:// or ldaps:// URL that names a server only: no credentials, no path (RFC 4516's
 * base, scope and filter parts are refused rather than half-honoured).
 * @param text the URL
 * @param source where it came from, for the message
 * @returns its scheme, host and port
 */
export function parseDirectoryUrl(text: string, source: string): DirectoryUrl {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) throw badUrl(source, URL_TEXT.noUrl);
  if (scheme !== 'ldap' && scheme !== 'ldaps') throw badUrl(source, URL_TEXT.scheme(scheme));
  const rest = text.slice(scheme.length + 3);
  const authority = /^[^/?#]*/.exec(rest)?.[0] ?? '';
  if (authority.includes('@')) throw badUrl(source, URL_TEXT.credentials);
  if (!/^\/?$/.test(rest.slice(authority.length))) throw badUrl(source, URL_TEXT.path);
  const server = parseHostPort(authority);
  if (server === undefined) throw badUrl(source, URL_TEXT.noUrl);
  if (server === 'badPort') throw badUrl(source, URL_TEXT.port);
  return { scheme, ...server };
}

/**
 * Parses -DomainController: `host[:port]` (an IPv6 address in brackets).
 * @param text the parameter's value
 * @returns the host and port
 */
export function parseDomainController(text: string): { host: string; port?: number } {
  const server = parseHostPort(text);
  if (server === undefined || server === 'badPort') throw usageError('InvalidDomainController', directoryMessages.InvalidDomainController);
  return server;
}

const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?)$/;

function parseHostPort(text: string): { host: string; port?: number } | 'badPort' | undefined {
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::([^:]*))?$/.exec(text);
  const host = match?.[1];
  if (match === null || host === undefined || !HOST.test(host)) return undefined;
  const portText = match[2];
  if (portText === undefined) return { host };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : 0;
  return port >= 1 && port <= 65_535 ? { host, port } : 'badPort';
}

/**
 * A switch given as a value (CSPIN_LDAP_STARTTLS=1): 1/0, true/false, yes/no; empty is off.
 * @param text the value, if set
 * @param source where it came from
 * @returns whether it is on
 */
export function parseFlag(text: string | undefined, source: string): boolean {
  const value = text?.trim().toLowerCase() ?? '';
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['', '0', 'false', 'no'].includes(value)) return false;
  throw badSetting(source, SETTING.flag(text ?? ''));
}

/**
 * A decimal number in a range (seconds may have a fraction when `integer` is false).
 * @returns the number
 */
export function parseNumber(text: string, source: string, range: { min: number; max: number; integer: boolean }): number {
  const trimmed = text.trim();
  const shape = range.integer ? /^\d+$/ : /^\d+(?:\.\d+)?$/;
  const value = Number(trimmed);
  if (!shape.test(trimmed) || value < range.min || value > range.max) throw badSetting(source, SETTING.number(text, range.min, range.max));
  return value;
}

/** A DN setting (base, bind DN): its shape only; the server is the judge of the rest. */
export function checkDn(text: string, source: string): string {
  if (!looksLikeDn(text)) throw badSetting(source, SETTING.notDn);
  return text;
}

/** A NetBIOS domain name (the part before \ in litwareinc\kenmyer). */
export function checkNetbios(text: string, source: string): string {
  if (!/^[A-Za-z0-9_-]{1,15}$/.test(text)) throw badSetting(source, SETTING.netbios);
  return text;
}

/** The other checks of a whole LDAP choice: StartTLS only over ldap://, bind DN and password file together. */
export function checkCombination(url: DirectoryUrl, choice: { startTls: boolean; bindDn?: string; passwordFile?: string }, source: string): void {
  if (choice.startTls && url.scheme === 'ldaps') throw badSetting(source, SETTING.startTlsOverLdaps);
  if ((choice.bindDn === undefined) !== (choice.passwordFile === undefined)) throw badSetting(source, SETTING.bindPair);
}

/** The mapping keys, lowercased, with the ADUser property names as aliases. */
const MAPPING_KEYS: Readonly<Record<string, keyof LdapAttributeNames>> = {
  ...Object.fromEntries(Object.keys(AD_ATTRIBUTE_NAMES).map((key) => [key.toLowerCase(), key as keyof LdapAttributeNames])),
  sipaddress: 'sip',
  samaccountname: 'sam',
  userprincipalname: 'upn',
  lineuri: 'lineUri',
  registrarpool: 'homeServer',
};

/** An attribute description (RFC 4512): a name or an OID, no options. */
const ATTRIBUTE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/;

/**
 * Parses CSPIN_LDAP_ATTRIBUTES over AD's names: `sip=mail,enabled=x-enabled`.
 * @param text the mapping
 * @returns AD's names with the mapped ones replaced
 */
export function parseAttributeMapping(text: string): LdapAttributeNames {
  const names: Record<keyof LdapAttributeNames, string> = { ...AD_ATTRIBUTE_NAMES };
  const seen = new Set<string>();
  const fail = (why: string) => usageError('InvalidAttributeMapping', MAPPING.message(why, Object.keys(AD_ATTRIBUTE_NAMES).join(', ')));
  for (const entry of text.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const [name, attribute, extra] = entry.split('=').map((part) => part.trim());
    if (name === undefined || attribute === undefined || extra !== undefined || name === '') throw fail(MAPPING.pair(entry));
    const key = MAPPING_KEYS[name.toLowerCase()];
    if (key === undefined) throw fail(MAPPING.unknown(name));
    if (seen.has(key)) throw fail(MAPPING.twice(key));
    if (!ATTRIBUTE.test(attribute)) throw fail(MAPPING.attribute(attribute));
    seen.add(key);
    names[key] = attribute;
  }
  return names;
}

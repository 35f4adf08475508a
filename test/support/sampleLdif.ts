/**
 * samples/litwareinc.csv as LDIF for slapd (test/fixtures/ldap/litwareinc.ldif): the base, every OU or
 * container above a user, and one entry per row in AD's attribute names, with the key `cspin init
 * --sample` gives the user as entryUUID, so PIN states match on both directories. Regenerate with
 * `node scripts/sample-ldif.mjs`.
 */
import { parse } from 'csv-parse/sync';
import { sampleUserKey } from '../../src/admin/sampleKeys.js';
import { unescapeDnValue } from '../../src/directory/dn.js';

const BASE = 'DC=litwareinc,DC=com';
/** Enterprise Voice in msRTCSIP-OptionFlags. */
const EV_FLAG = 128;
const USER_CLASSES = ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'user'];

type Row = Readonly<Record<string, string>>;
type Attribute = readonly [string, string];

/**
 * The LDIF of the sample (no `version:` line: slapadd refuses it).
 * @param csv the text of samples/litwareinc.csv
 * @returns the LDIF text
 */
export function sampleLdif(csv: string): string {
  const rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true }) as Row[];
  const baseDepth = rdnsOf(BASE).length;
  const containers = new Map<string, string>();
  for (const row of rows) {
    const rdns = rdnsOf(row.DistinguishedName ?? '');
    for (let i = 1; i < rdns.length - baseDepth; i++) containers.set(rdns.slice(i).join(','), rdns[i] ?? '');
  }
  const base: Attribute[] = [['dn', BASE], ...classes('top', 'dcObject', 'organization'), ['dc', 'litwareinc'], ['o', 'Litware Inc']];
  const folders = [...containers].sort(([a], [b]) => rdnsOf(a).length - rdnsOf(b).length).map(([dn, rdn]) => container(dn, rdn));
  const entries = [base, ...folders, ...rows.map(user)];
  const header = '# The sample directory (samples/litwareinc.csv) as LDIF, made by scripts/sample-ldif.mjs: do not edit.\n';
  return header + entries.map((e) => `${e.map(([n, v]) => line(n, v)).join('\n')}\n`).join('\n');
}

/** The RDNs of a DN as written (split at unescaped commas). */
function rdnsOf(dn: string): string[] {
  return (dn.match(/(?:\\.|[^,\\])+/g) ?? []).map((rdn) => rdn.trim());
}

function classes(...names: string[]): Attribute[] {
  return names.map((c) => ['objectClass', c]);
}

function valueOf(rdn: string): string {
  return unescapeDnValue(rdn.slice(rdn.indexOf('=') + 1).trim());
}

function container(dn: string, rdn: string): Attribute[] {
  const isOu = /^\s*ou\s*=/i.test(rdn);
  return [['dn', dn], ...classes('top', isOu ? 'organizationalUnit' : 'container'), [isOu ? 'ou' : 'cn', valueOf(rdn)]];
}

/** One user: msRTCSIP-* only with a SIP address, as Lync leaves them on a user it never enabled. */
function user(row: Row): Attribute[] {
  const get = (column: string) => (row[column] ?? '').trim();
  const dn = get('DistinguishedName');
  const cn = valueOf(rdnsOf(dn)[0] ?? '');
  const display = get('DisplayName') || cn;
  const words = display.split(/\s+/);
  const entry: Attribute[] = [['dn', dn], ...classes(...USER_CLASSES), ['cn', cn], ['sn', words.at(-1) ?? cn]];
  if (words.length > 1) entry.push(['givenName', words[0] ?? '']);
  entry.push(['displayName', display], ['distinguishedName', dn], ['objectCategory', `CN=Person,CN=Schema,CN=Configuration,${BASE}`]);
  entry.push(['entryUUID', sampleUserKey(dn)]);
  optional(entry, 'sAMAccountName', get('SamAccountName'));
  optional(entry, 'userPrincipalName', get('UserPrincipalName'));
  const sip = get('SipAddress');
  if (sip) {
    entry.push(['msRTCSIP-PrimaryUserAddress', sip], ['msRTCSIP-UserEnabled', get('Enabled').toLowerCase() === 'false' ? 'FALSE' : 'TRUE']);
    entry.push(['msRTCSIP-OptionFlags', get('EnterpriseVoiceEnabled').toLowerCase() === 'true' ? String(EV_FLAG) : '0']);
    optional(entry, 'msRTCSIP-Line', get('LineUri'));
    const pool = get('RegistrarPool');
    // AD names the home server by the pool's Lc Services object under CN=Pools.
    if (pool) entry.push(['msRTCSIP-PrimaryHomeServer', `CN=Lc Services,CN=Microsoft,CN=${pool},CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,${BASE}`]);
  }
  for (const column of ['Title', 'Department', 'l', 'telephoneNumber']) optional(entry, column[0]?.toLowerCase() + column.slice(1), get(column));
  return entry;
}

function optional(entry: Attribute[], name: string, value: string): void {
  if (value) entry.push([name, value]);
}

/** name: value, or name:: base64 for a value LDIF cannot carry as it is (RFC 2849 SAFE-STRING). */
function line(name: string, value: string): string {
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value) && !value.endsWith(' ');
  return safe ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

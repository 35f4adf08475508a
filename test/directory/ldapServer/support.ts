/** Shared by the LDAP backend's tests: a config for a test slapd, plain secret readers, and the sample with pools. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AD_ATTRIBUTE_NAMES, type LdapDirectoryConfig } from '../../../src/directory/directoryConfig.js';
import type { LdapSecrets } from '../../../src/directory/ldapServer/index.js';
import type { DirectoryUser, UserDirectory } from '../../../src/directory/userDirectory.js';
import { SAMPLE_LDIF } from '../../support/slapd.js';
import { ROOT } from '../../support/shell.js';

/** A config for a server, anonymous, plain LDAP, the defaults otherwise. */
export function ldapConfig(url: string, more: Partial<LdapDirectoryConfig> = {}): LdapDirectoryConfig {
  return { kind: 'ldap', url, startTls: false, allowUntrustedCertificate: false, attributes: AD_ATTRIBUTE_NAMES, connectTimeoutMs: 10_000, pageSize: 500, ...more };
}

/** Reads the files as they are (the real readers check permissions; not under test here). */
export const plainSecrets: LdapSecrets = {
  readPassword: (path) => readFileSync(path, 'utf8').trim(),
  readCaFile: (path) => readFileSync(path),
};

/** Every user of every page of a search. */
export async function allUsers(pages: AsyncIterable<readonly DirectoryUser[]>): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  for await (const page of pages) users.push(...page);
  return users;
}

/** Every user of the whole directory. */
export function everyone(directory: UserDirectory): Promise<DirectoryUser[]> {
  return allUsers(directory.search({}));
}

/**
 * The sample LDIF with each user's msRTCSIP-PrimaryHomeServer set to its pool of samples/litwareinc.csv
 * (the LDIF has none), as AD spells it: a DN under CN=Pools.
 * @returns the path of the LDIF, in a new temporary folder
 */
export function sampleWithPools(): string {
  const pools = new Map<string, string>();
  for (const line of readFileSync(join(ROOT, 'samples', 'litwareinc.csv'), 'utf8').split('\n').slice(1)) {
    // Commas outside quotes separate fields (the DN, quoted, holds commas).
    const fields = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const [sip, pool] = [fields[4], fields[6]];
    if (sip && pool) pools.set(sip.toLowerCase(), pool);
  }
  const ldif = readFileSync(SAMPLE_LDIF, 'utf8').replace(/^msRTCSIP-PrimaryUserAddress: (.*)$/gm, (line, sip: string) => {
    const pool = pools.get(sip.toLowerCase());
    const dn = `CN=Lc Services,CN=Microsoft,CN=${pool},CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,DC=litwareinc,DC=com`;
    return pool === undefined ? line : `${line}\nmsRTCSIP-PrimaryHomeServer: ${dn}`;
  });
  const path = join(mkdtempSync(join(tmpdir(), 'cspin-ldif-')), 'sample.ldif');
  writeFileSync(path, ldif);
  return path;
}

/**
 * An LDIF of `count` users with SIP addresses under OU=Bulk of the sample domain (load after the sample).
 * @returns the path, in a new temporary folder
 */
export function bulkLdif(count: number): string {
  const records = ['dn: OU=Bulk,DC=litwareinc,DC=com\nobjectClass: top\nobjectClass: organizationalUnit\nou: Bulk'];
  for (let i = 0; i < count; i++) {
    const name = `bulk${String(i).padStart(4, '0')}`;
    records.push(
      [
        `dn: CN=${name},OU=Bulk,DC=litwareinc,DC=com`,
        ...['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'user'].map((c) => `objectClass: ${c}`),
        `cn: ${name}`,
        `sn: ${name}`,
        `sAMAccountName: ${name}`,
        `msRTCSIP-PrimaryUserAddress: sip:${name}@litwareinc.com`,
      ].join('\n'),
    );
  }
  const path = join(mkdtempSync(join(tmpdir(), 'cspin-ldif-')), 'bulk.ldif');
  writeFileSync(path, `${records.join('\n\n')}\n`);
  return path;
}

/** Shared by the LDAP backend's tests: a config for a test slapd, plain secret readers. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AD_ATTRIBUTE_NAMES, type LdapDirectoryConfig } from '../../../src/directory/directoryConfig.js';
import type { LdapSecrets } from '../../../src/directory/ldapServer/index.js';
import type { DirectoryUser, UserDirectory } from '../../../src/directory/userDirectory.js';

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

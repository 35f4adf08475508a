/** The LDAP backend over TLS (ldaps:// and StartTLS) with a self-signed certificate made by openssl. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminatingError } from '../../../src/core/index.js';
import { openLdapDirectory } from '../../../src/directory/ldapServer/index.js';
import type { LdapDirectoryConfig } from '../../../src/directory/directoryConfig.js';
import { SAMPLE_LDIF, slapdMissing, startSlapd, type Slapd } from '../../support/slapd.js';
import { everyone, ldapConfig, plainSecrets } from './support.js';

const opensslMissing = spawnSync('openssl', ['version'], { stdio: 'ignore' }).error !== undefined;

/** The error id an open fails with, or 'opened' (the directory is closed again). */
async function outcome(config: LdapDirectoryConfig): Promise<string> {
  try {
    const directory = await openLdapDirectory(config, plainSecrets);
    const count = (await everyone(directory)).length;
    directory.close();
    return count > 0 ? 'opened' : 'empty';
  } catch (error) {
    if (error instanceof TerminatingError) return `${error.record.errorId}/${error.exitCode}`;
    throw error;
  }
}

describe.skipIf(slapdMissing() !== undefined || opensslMissing)('LDAP backend: TLS', () => {
  let folder: string;
  let ca: string;
  let tls: Slapd;
  let plain: Slapd;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'cspin-ldap-tls-'));
    ca = join(folder, 'cert.pem');
    const key = join(folder, 'key.pem');
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', ca, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    [tls, plain] = await Promise.all([
      startSlapd({ ldif: [SAMPLE_LDIF], ldaps: true, globalConfig: [`TLSCertificateFile ${ca}`, `TLSCertificateKeyFile ${key}`] }),
      startSlapd({ ldif: [SAMPLE_LDIF] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([tls?.stop(), plain?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('ldaps://: a self-signed certificate is refused (exit 2), accepted with its CA file or when untrusted is allowed', async () => {
    const url = String(tls.ldapsUrl);
    expect(await outcome(ldapConfig(url))).toBe('LdapCertificateRefused/2');
    expect(await outcome(ldapConfig(url, { caFile: ca }))).toBe('opened');
    expect(await outcome(ldapConfig(url, { allowUntrustedCertificate: true }))).toBe('opened');
  });

  it('StartTLS: the same rules; a server without TLS is LdapStartTlsFailed', async () => {
    expect(await outcome(ldapConfig(tls.url, { startTls: true }))).toBe('LdapCertificateRefused/2');
    expect(await outcome(ldapConfig(tls.url, { startTls: true, caFile: ca }))).toBe('opened');
    expect(await outcome(ldapConfig(tls.url, { startTls: true, allowUntrustedCertificate: true }))).toBe('opened');
    expect(await outcome(ldapConfig(plain.url, { startTls: true, caFile: ca }))).toBe('LdapStartTlsFailed/2');
  });
});

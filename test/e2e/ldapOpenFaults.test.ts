/**
 * The LDAP directory failing to open, through the real bins: no server, a wrong password, a password
 * file others may read, a self-signed certificate. Each is exit 2, one error line, nothing on stdout.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LDIF, slapdMissing, startSlapd, type Slapd } from '../support/slapd.js';
import { errorsOf, sh, type ShellResult } from '../support/shell.js';
import { ldapPlace, type LdapPlace } from './ldapSupport.js';

const opensslMissing = spawnSync('openssl', ['version'], { stdio: 'ignore' }).error !== undefined;
const ROOT_DN = 'cn=admin,dc=litwareinc,dc=com';
const PASSWORD = 'Right-Passw0rd-7731';
const WRONG = 'Wrong-Passw0rd-4419';

/** Exit 2, one error line with this id, nothing on stdout. */
function expectOpenFailure(result: ShellResult, errorId: string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(errorsOf(result).map((e) => e.errorId)).toEqual([errorId]);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
}

/** A loopback port that was just free (a server opened and closed on it). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let place: LdapPlace;
beforeAll(async () => {
  place = await ldapPlace();
});
afterAll(() => rmSync(place.folder, { recursive: true, force: true }));

describe('LDAP e2e: no server', () => {
  it.each(['Get-CsUser', 'Get-CsClientPinInfo -Identity x'])('%s → exit 2 LdapServerUnavailable, well within the timeout', async (command) => {
    const env = { ...place.env, CSPIN_LDAP_URL: `ldap://127.0.0.1:${await closedPort()}`, CSPIN_LDAP_TIMEOUT: '2' };
    const started = Date.now();
    const result = await sh(command, { env });
    expect(Date.now() - started).toBeLessThan(5000);
    expectOpenFailure(result, 'LdapServerUnavailable');
  });
});

describe.skipIf(slapdMissing() !== undefined)('LDAP e2e: credentials', () => {
  let slapd: Slapd;
  const env = (file: string) => ({ ...place.env, CSPIN_LDAP_URL: slapd.url, CSPIN_LDAP_BIND_DN: ROOT_DN, CSPIN_LDAP_PASSWORD_FILE: join(place.folder, file) });

  beforeAll(async () => {
    writeFileSync(join(place.folder, 'right'), `${PASSWORD}\n`, { mode: 0o600 });
    writeFileSync(join(place.folder, 'wrong'), `${WRONG}\n`, { mode: 0o600 });
    writeFileSync(join(place.folder, 'shared'), `${PASSWORD}\n`, { mode: 0o644 });
    slapd = await startSlapd({ ldif: [SAMPLE_LDIF], databaseConfig: [`rootdn "${ROOT_DN}"`, `rootpw ${PASSWORD}`] });
  });
  afterAll(() => slapd?.stop());

  it('the right password reads the users', async () => {
    const result = await sh('Get-CsUser -ResultSize 2', { env: env('right') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toHaveLength(2);
  });

  it('a wrong password → exit 2 LdapInvalidCredentials, the password nowhere, not even with -Verbose -Debug', async () => {
    for (const command of ['Get-CsUser', 'Get-CsUser -Verbose -Debug', 'Get-CsClientPinInfo -Identity x -Verbose -Debug']) {
      const result = await sh(command, { env: env('wrong') });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(errorsOf(result).map((e) => e.errorId)).toEqual(['LdapInvalidCredentials']);
      expect(result.stderr).not.toContain(WRONG);
      expect(result.stderr).not.toContain(PASSWORD);
    }
  });

  it('a password file others may read → exit 2 PasswordFileNotPrivate, the password unsaid', async () => {
    const result = await sh('Get-CsUser', { env: env('shared') });
    expectOpenFailure(result, 'PasswordFileNotPrivate');
    expect(result.stderr).not.toContain(PASSWORD);
  });
});

describe.skipIf(slapdMissing() !== undefined || opensslMissing)('LDAP e2e: a self-signed certificate', () => {
  let slapd: Slapd;
  let ca: string;

  beforeAll(async () => {
    ca = join(place.folder, 'cert.pem');
    const key = join(place.folder, 'key.pem');
    const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', ca, '-days', '2', ...subject], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    slapd = await startSlapd({ ldif: [SAMPLE_LDIF], ldaps: true, globalConfig: [`TLSCertificateFile ${ca}`, `TLSCertificateKeyFile ${key}`] });
  });
  afterAll(() => slapd?.stop());

  it('is refused (exit 2 LdapCertificateRefused), accepted with its CA file or with untrusted allowed', async () => {
    const env = { ...place.env, CSPIN_LDAP_URL: String(slapd.ldapsUrl) };
    expectOpenFailure(await sh('Get-CsUser', { env }), 'LdapCertificateRefused');
    for (const more of [{ CSPIN_LDAP_CA_FILE: ca }, { CSPIN_LDAP_ALLOW_UNTRUSTED: '1' }]) {
      const result = await sh('Get-CsUser -ResultSize 3', { env: { ...env, ...more } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.objects).toHaveLength(3);
    }
  });
});

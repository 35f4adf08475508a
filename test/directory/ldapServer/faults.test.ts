/** The LDAP backend's faults: no server, a silent server, wrong password, limits, abandon, a server killed mid-search. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminatingError } from '../../../src/core/index.js';
import { openLdapDirectory } from '../../../src/directory/ldapServer/index.js';
import { LDAP_FIXTURES, SAMPLE_LDIF, slapdMissing, startSlapd, type Slapd } from '../../support/slapd.js';
import { allUsers, bulkLdif, ldapConfig, plainSecrets } from './support.js';

/** The id and exit status of what a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<{ id: string; exit: number; message: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TerminatingError)) throw new Error(`expected a TerminatingError, got ${String(error)}`);
  return { id: error.record.errorId, exit: error.exitCode, message: error.message };
}

/** A loopback server that accepts connections and never answers. */
function silentServer(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, sockets })));
}

describe('LDAP backend: no server', () => {
  it('a closed port fails at once with LdapServerUnavailable (exit 2)', async () => {
    const { server, port } = await silentServer();
    await new Promise((resolve) => server.close(resolve));
    const started = Date.now();
    expect(await failure(openLdapDirectory(ldapConfig(`ldap://127.0.0.1:${port}`), plainSecrets))).toMatchObject({ id: 'LdapServerUnavailable', exit: 2 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a server that never answers fails within the connect timeout', async () => {
    const { server, port, sockets } = await silentServer();
    try {
      const started = Date.now();
      const config = ldapConfig(`ldap://127.0.0.1:${port}`, { connectTimeoutMs: 500 });
      expect(await failure(openLdapDirectory(config, plainSecrets))).toMatchObject({ id: 'LdapServerUnavailable', exit: 2 });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe.skipIf(slapdMissing() !== undefined)('LDAP backend: faults against slapd', () => {
  const ROOT_DN = 'cn=admin,dc=litwareinc,dc=com';
  const PASSWORD = 'S3cret-Passw0rd';
  let slapd: Slapd;
  let folder: string;
  let passwordFile: string;
  let wrongFile: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'cspin-ldap-faults-'));
    passwordFile = join(folder, 'good');
    wrongFile = join(folder, 'wrong');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    writeFileSync(wrongFile, 'not-the-password\n', { mode: 0o600 });
    slapd = await startSlapd({ ldif: [SAMPLE_LDIF, bulkLdif(60)], databaseConfig: [`rootdn "${ROOT_DN}"`, `rootpw ${PASSWORD}`, 'sizelimit size.soft=10 size.hard=10 size.prtotal=unlimited'] });
  });
  afterAll(async () => {
    await slapd?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('binds with the password file, and refuses a wrong password with LdapInvalidCredentials (exit 2), the password unsaid', async () => {
    const good = await openLdapDirectory(ldapConfig(slapd.url, { bindDn: ROOT_DN, passwordFile, pageSize: 5 }), plainSecrets);
    expect((await allUsers(good.search({ base: 'OU=Bulk,DC=litwareinc,DC=com' }))).length).toBe(60);
    good.close();
    const wrong = await failure(openLdapDirectory(ldapConfig(slapd.url, { bindDn: ROOT_DN, passwordFile: wrongFile }), plainSecrets));
    expect(wrong).toMatchObject({ id: 'LdapInvalidCredentials', exit: 2 });
    expect(wrong.message).not.toContain('not-the-password');
    // No password: an unauthenticated bind would be anonymous on the quiet.
    const none = await failure(openLdapDirectory(ldapConfig(slapd.url, { bindDn: ROOT_DN }), plainSecrets));
    expect(none).toMatchObject({ id: 'LdapInvalidCredentials', exit: 2 });
  });

  it('pages past the server size limit when the server lets paged searches go further', async () => {
    for (const pageSize of [2, 500]) {
      const directory = await openLdapDirectory(ldapConfig(slapd.url, { pageSize }), plainSecrets);
      expect((await allUsers(directory.search({ base: 'OU=Bulk,DC=litwareinc,DC=com' }))).length).toBe(60);
      directory.close();
    }
  });

  it('a size limit that paging cannot pass is LdapLimitExceeded (exit 1)', async () => {
    const strict = await startSlapd({ ldif: [SAMPLE_LDIF, bulkLdif(60)], databaseConfig: ['sizelimit 10'] });
    try {
      const directory = await openLdapDirectory(ldapConfig(strict.url, { pageSize: 2 }), plainSecrets);
      expect(await failure(allUsers(directory.search({})))).toMatchObject({ id: 'LdapLimitExceeded', exit: 1 });
      directory.close();
    } finally {
      await strict.stop();
    }
  });

  it('abandons after the first page: return() ends at once, and the connection still answers', async () => {
    const directory = await openLdapDirectory(ldapConfig(slapd.url, { pageSize: 2 }), plainSecrets);
    try {
      const pages = directory.search({});
      const first = await pages.next();
      expect(first.done).toBe(false);
      const started = Date.now();
      await pages.return?.(undefined);
      expect(Date.now() - started).toBeLessThan(200);
      expect((await pages.next()).done).toBe(true);
      expect(await directory.containerExists('OU=Bulk,DC=litwareinc,DC=com')).toBe(true);
    } finally {
      directory.close();
    }
  });

  it('a server killed mid-search ends the search with LdapConnectionLost (exit 1)', async () => {
    const doomed = await startSlapd({ ldif: [SAMPLE_LDIF, bulkLdif(60)] });
    try {
      const directory = await openLdapDirectory(ldapConfig(doomed.url, { pageSize: 2 }), plainSecrets);
      const pages = directory.search({});
      expect((await pages.next()).done).toBe(false);
      doomed.kill();
      expect(await failure(allUsers(pages))).toMatchObject({ id: 'LdapConnectionLost', exit: 1 });
      expect(await failure(directory.resolve([]).then(() => directory.containerExists('DC=litwareinc,DC=com')))).toMatchObject({ id: 'LdapConnectionLost' });
      directory.close();
    } finally {
      await doomed.stop();
    }
  });

  it('never follows a referral: warned and skipped with warn, else LdapReferral (exit 1)', async () => {
    const referring = await startSlapd({ ldif: [SAMPLE_LDIF, join(LDAP_FIXTURES, 'litwareinc-referral.ldif')] });
    const warnings: string[] = [];
    try {
      const warned = await openLdapDirectory(ldapConfig(referring.url), plainSecrets, { warn: (text) => warnings.push(text) });
      expect((await allUsers(warned.search({}))).length).toBe(24);
      expect(warnings).toHaveLength(1);
      warned.close();
      const strict = await openLdapDirectory(ldapConfig(referring.url), plainSecrets);
      expect(await failure(allUsers(strict.search({})))).toMatchObject({ id: 'LdapReferral', exit: 1 });
      expect(await failure(allUsers(strict.search({ base: 'OU=Elsewhere,DC=litwareinc,DC=com' })))).toMatchObject({ id: 'LdapReferral', exit: 1 });
      strict.close();
    } finally {
      await referring.stop();
    }
  });
});

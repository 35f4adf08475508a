/**
 * `cspin directory set/show/embedded` through the real bin: the stored file (mode 0600, in
 * XDG_CONFIG_HOME), which source `show` names, exit statuses, and no secret in any output.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sh } from '../support/shell.js';

const SECRET = 'Pa55w0rd-Secret';
const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A folder to run in, with its own config home, and no CSPIN_LDAP_* variable from the outside. */
function place(): { cwd: string; env: NodeJS.ProcessEnv; stored: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'cspin-dir-'));
  roots.push(cwd);
  writeFileSync(join(cwd, 'not-a-cert.txt'), 'hello\n');
  const env: NodeJS.ProcessEnv = { XDG_CONFIG_HOME: join(cwd, 'config'), CSPIN_LDAP_URL: '' };
  for (const name of ['BASE', 'BIND_DN', 'PASSWORD_FILE', 'CA_FILE', 'STARTTLS', 'ALLOW_UNTRUSTED', 'NETBIOS', 'ATTRIBUTES', 'TIMEOUT', 'PAGE_SIZE']) env[`CSPIN_LDAP_${name}`] = '';
  return { cwd, env, stored: join(cwd, 'config', 'cspin', 'directory.json') };
}

describe.concurrent('cspin directory', () => {
  it('show: the embedded directory when nothing is set or stored', async () => {
    const { cwd, env } = place();
    const result = await sh('cspin directory show', { cwd, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("source: embedded (no CSPIN_LDAP_URL, nothing stored)\ndirectory: the embedded directory (users imported into cspin's database)\n");
  });

  it('set stores the choice (mode 0600, paths made absolute, the password not in it); show names the stored source', async () => {
    const { cwd, env, stored } = place();
    writeFileSync(join(cwd, 'pw'), `${SECRET}\n`, { mode: 0o600 });
    writeFileSync(join(cwd, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const set = await sh(
      'cspin directory set LDAP://dc1.litwareinc.com:3890 --base DC=litwareinc,DC=com --bind-dn cn=admin,dc=litwareinc,dc=com --password-file pw --ca-file ca.pem --starttls --netbios-name LITWARE',
      { cwd, env },
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout + set.stderr).toBe('');
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(cwd, 'config', 'cspin'))).toEqual(['directory.json']);
    const text = readFileSync(stored, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({
      url: 'ldap://dc1.litwareinc.com:3890',
      base: 'DC=litwareinc,DC=com',
      bindDn: 'cn=admin,dc=litwareinc,dc=com',
      passwordFile: join(cwd, 'pw'),
      caFile: join(cwd, 'ca.pem'),
      startTls: true,
      allowUntrustedCertificate: false,
      netbiosName: 'LITWARE',
    });
    const show = await sh('cspin directory show', { cwd, env });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toBe(
      `source: stored (${stored})\n` +
        `directory: ldap://dc1.litwareinc.com:3890, base "DC=litwareinc,DC=com", bind as "cn=admin,dc=litwareinc,dc=com" with the password in ${join(cwd, 'pw')}, StartTLS, CA file ${join(cwd, 'ca.pem')}, NetBIOS domain LITWARE, timeout 10 s, pages of 500\n`,
    );
    expect(show.stdout + show.stderr).not.toContain(SECRET);
  });

  it('set again replaces the choice; embedded forgets it', async () => {
    const { cwd, env, stored } = place();
    await sh('cspin directory set ldap://one', { cwd, env });
    expect((await sh('cspin directory set ldaps://two:636 --allow-untrusted-certificate', { cwd, env })).code).toBe(0);
    expect(JSON.parse(readFileSync(stored, 'utf8'))).toEqual({ url: 'ldaps://two:636', startTls: false, allowUntrustedCertificate: true });
    const embedded = await sh('cspin directory embedded && cspin directory show', { cwd, env });
    expect(embedded.code, embedded.stderr).toBe(0);
    expect(embedded.stdout).toMatch(/^source: embedded /);
    expect((await sh('cspin directory embedded', { cwd, env })).code).toBe(0);
  });

  it('CSPIN_LDAP_URL wins over the stored choice: show says so, and set and embedded warn', async () => {
    const { cwd, env } = place();
    const withVariable = { ...env, CSPIN_LDAP_URL: 'ldap://127.0.0.1:3890' };
    const set = await sh('cspin directory set ldap://stored-dc', { cwd, env: withVariable });
    expect(set.code).toBe(0);
    expect(set.stderr).toMatch(/^cspin: warning: CSPIN_LDAP_URL is set/);
    const show = await sh('cspin directory show', { cwd, env: withVariable });
    expect(show.stdout).toBe('source: variable (CSPIN_LDAP_URL)\ndirectory: ldap://127.0.0.1:3890, base the server\'s default naming context, anonymous bind, no TLS, timeout 10 s, pages of 500\n');
    expect((await sh('cspin directory embedded', { cwd, env: withVariable })).stderr).toMatch(/^cspin: warning: CSPIN_LDAP_URL is set/);
  });

  it('a password file group or others can read is refused (exit 2, nothing stored, the file named, not its content)', async () => {
    const { cwd, env, stored } = place();
    writeFileSync(join(cwd, 'pw'), SECRET, { mode: 0o644 });
    const result = await sh('cspin directory set ldap://dc1 --bind-dn cn=admin,dc=x --password-file pw', { cwd, env: { ...env, CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({ errorId: 'PasswordFileNotPrivate', target: join(cwd, 'pw') });
    expect(result.stderr).not.toContain(SECRET);
    expect(() => statSync(stored)).toThrow();
  });

  it.each([
    ['credentials in the URL', `cspin directory set ldap://admin:${SECRET}@dc1`, 'InvalidDirectoryUrl'],
    ['a path in the URL', 'cspin directory set ldap://dc1/DC=x', 'InvalidDirectoryUrl'],
    ['another scheme', 'cspin directory set https://dc1', 'InvalidDirectoryUrl'],
    ['a password option', `cspin directory set ldap://dc1 --password ${SECRET}`, 'InvalidDirectorySetting'],
    ['a bind DN without a password file', 'cspin directory set ldap://dc1 --bind-dn cn=admin,dc=x', 'InvalidDirectorySetting'],
    ['StartTLS over ldaps', 'cspin directory set ldaps://dc1 --starttls', 'InvalidDirectorySetting'],
    ['a base that is not a DN', 'cspin directory set ldap://dc1 --base litwareinc.com', 'InvalidDirectorySetting'],
    ['a missing password file', 'cspin directory set ldap://dc1 --bind-dn cn=a,dc=x --password-file nowhere', 'PasswordFileNotFound'],
    ['a CA file that is not PEM', 'cspin directory set ldaps://dc1 --ca-file not-a-cert.txt', 'CaFileNotUsable'],
    ['no URL', 'cspin directory set', 'InvalidCommandLine'],
    ['an unknown subcommand', 'cspin directory use ldap://dc1', 'InvalidCommandLine'],
  ])('set refuses %s: exit 2, its id, nothing stored, no secret said', async (_case, command, id) => {
    const { cwd, env, stored } = place();
    const result = await sh(command, { cwd, env: { ...env, CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr)).toMatchObject({ errorId: id });
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    expect(() => statSync(stored)).toThrow();
  });

  it('a damaged stored file: show exits 2 with InvalidStoredDirectory; embedded mends it', async () => {
    const { cwd, env } = place();
    await sh('cspin directory set ldap://dc1', { cwd, env });
    const stored = join(cwd, 'config', 'cspin', 'directory.json');
    writeFileSync(stored, '{"url": 5}');
    const show = await sh('cspin directory show', { cwd, env: { ...env, CSPIN_ERROR_FORMAT: 'json' } });
    expect(show.code).toBe(2);
    expect(JSON.parse(show.stderr)).toMatchObject({ errorId: 'InvalidStoredDirectory' });
    expect((await sh('cspin directory embedded && cspin directory show', { cwd, env })).code).toBe(0);
  });
});

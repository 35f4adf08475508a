/**
 * Reading the directory choice: -DomainController, then CSPIN_LDAP_*, then the stored file (a real
 * file under a temporary XDG_CONFIG_HOME), then the embedded directory; refusals are usage errors
 * with ids, and no explanation shows a secret.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/index.js';
import { explainDirectoryConfig, readDirectoryConfig, resolveDirectoryConfig } from '../../src/directory/config/index.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** An environment with its own (empty) config home, and optionally a stored choice in it. */
function envWith(variables: Record<string, string>, stored?: string): NodeJS.ProcessEnv {
  const root = mkdtempSync(join(tmpdir(), 'cspin-config-'));
  roots.push(root);
  if (stored !== undefined) {
    mkdirSync(join(root, 'cspin'));
    writeFileSync(join(root, 'cspin', 'directory.json'), stored, { mode: 0o600 });
  }
  return { XDG_CONFIG_HOME: root, HOME: root, ...variables };
}

const STORED = JSON.stringify({ url: 'ldaps://stored.litwareinc.com:6360', base: 'DC=stored,DC=com', bindDn: 'CN=svc,DC=stored,DC=com', passwordFile: '/etc/cspin/pw', startTls: false, allowUntrustedCertificate: false });

/** The error id a call throws, and its exit status. */
function refusal(read: () => unknown): { id: string; exit: number; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof TerminatingError) return { id: error.record.errorId, exit: error.exitCode, message: error.record.message };
    throw error;
  }
  throw new Error('no error');
}

describe('readDirectoryConfig: which source wins', () => {
  it('nothing set, nothing stored: the embedded directory (an empty CSPIN_LDAP_URL is unset)', () => {
    expect(readDirectoryConfig(envWith({}))).toEqual({ kind: 'embedded' });
    expect(resolveDirectoryConfig(envWith({ CSPIN_LDAP_URL: '', CSPIN_LDAP_BASE: 'DC=x' })).source).toBe('embedded');
  });

  it('the variables, with AD names, a 10 s timeout and pages of 500 by default', () => {
    const config = readDirectoryConfig(envWith({ CSPIN_LDAP_URL: 'LDAP://127.0.0.1:3890/', CSPIN_LDAP_BASE: 'DC=litwareinc,DC=com' }));
    expect(config).toEqual({
      kind: 'ldap',
      url: 'ldap://127.0.0.1:3890',
      base: 'DC=litwareinc,DC=com',
      bindDn: undefined,
      passwordFile: undefined,
      caFile: undefined,
      startTls: false,
      allowUntrustedCertificate: false,
      netbiosName: undefined,
      attributes: {
        sip: 'msRTCSIP-PrimaryUserAddress',
        sam: 'sAMAccountName',
        upn: 'userPrincipalName',
        displayName: 'displayName',
        enabled: 'msRTCSIP-UserEnabled',
        lineUri: 'msRTCSIP-Line',
        homeServer: 'msRTCSIP-PrimaryHomeServer',
        optionFlags: 'msRTCSIP-OptionFlags',
      },
      connectTimeoutMs: 10_000,
      pageSize: 500,
    });
  });

  it('every variable is read', () => {
    const config = readDirectoryConfig(
      envWith({
        CSPIN_LDAP_URL: 'ldap://[::1]:389',
        CSPIN_LDAP_BIND_DN: 'cn=admin,dc=litwareinc,dc=com',
        CSPIN_LDAP_PASSWORD_FILE: '/home/u/.cspin-ldap',
        CSPIN_LDAP_CA_FILE: '/etc/ssl/ca.pem',
        CSPIN_LDAP_STARTTLS: '1',
        CSPIN_LDAP_ALLOW_UNTRUSTED: '1',
        CSPIN_LDAP_NETBIOS: 'LITWARE',
        CSPIN_LDAP_ATTRIBUTES: 'sip=mail, Enabled=x-enabled,SamAccountName=uid',
        CSPIN_LDAP_TIMEOUT: '2.5',
        CSPIN_LDAP_PAGE_SIZE: '1000',
      }),
    );
    expect(config).toMatchObject({
      url: 'ldap://[::1]:389',
      bindDn: 'cn=admin,dc=litwareinc,dc=com',
      passwordFile: '/home/u/.cspin-ldap',
      caFile: '/etc/ssl/ca.pem',
      startTls: true,
      allowUntrustedCertificate: true,
      netbiosName: 'LITWARE',
      attributes: { sip: 'mail', enabled: 'x-enabled', sam: 'uid', upn: 'userPrincipalName' },
      connectTimeoutMs: 2500,
      pageSize: 1000,
    });
  });

  it('the stored choice when no variable names a server; the tuning variables still apply', () => {
    const resolved = resolveDirectoryConfig(envWith({ CSPIN_LDAP_PAGE_SIZE: '200', CSPIN_LDAP_BIND_DN: 'CN=other,DC=x' }, STORED));
    expect(resolved.source).toBe('stored');
    expect(resolved.config).toMatchObject({ url: 'ldaps://stored.litwareinc.com:6360', base: 'DC=stored,DC=com', bindDn: 'CN=svc,DC=stored,DC=com', pageSize: 200 });
  });

  it('CSPIN_LDAP_URL wins over the stored choice, whole: no stored setting goes to its server', () => {
    const resolved = resolveDirectoryConfig(envWith({ CSPIN_LDAP_URL: 'ldap://var.example:389' }, STORED));
    expect(resolved.source).toBe('variable');
    expect(resolved.config).toMatchObject({ url: 'ldap://var.example:389', base: undefined, bindDn: undefined, passwordFile: undefined });
  });

  it('-DomainController replaces the host, keeps the scheme, and the port unless it gives one', () => {
    const stored = envWith({}, STORED);
    expect(readDirectoryConfig(stored, { domainController: 'dc1.litwareinc.com' })).toMatchObject({ url: 'ldaps://dc1.litwareinc.com:6360', bindDn: 'CN=svc,DC=stored,DC=com' });
    expect(readDirectoryConfig(stored, { domainController: 'dc2:636' })).toMatchObject({ url: 'ldaps://dc2:636' });
    const variables = envWith({ CSPIN_LDAP_URL: 'ldap://127.0.0.1:1' });
    expect(readDirectoryConfig(variables, { domainController: '127.0.0.1:3890' })).toMatchObject({ url: 'ldap://127.0.0.1:3890' });
  });

  it('-DomainController without a configured server: ldap://, described by the variables', () => {
    const config = readDirectoryConfig(envWith({ CSPIN_LDAP_BASE: 'DC=litwareinc,DC=com' }), { domainController: 'dc1.litwareinc.com:3890' });
    expect(config).toMatchObject({ kind: 'ldap', url: 'ldap://dc1.litwareinc.com:3890', base: 'DC=litwareinc,DC=com' });
  });
});

describe('readDirectoryConfig: refusals are usage errors (exit 2) with ids', () => {
  it.each([
    ['http://dc1', 'InvalidDirectoryUrl'],
    ['dc1.litwareinc.com', 'InvalidDirectoryUrl'],
    ['ldap://admin:Secret123@dc1', 'InvalidDirectoryUrl'],
    ['ldap://dc1/DC=litwareinc,DC=com', 'InvalidDirectoryUrl'],
    ['ldap://dc1??sub', 'InvalidDirectoryUrl'],
    ['ldap://dc1:0', 'InvalidDirectoryUrl'],
    ['ldap://dc1:70000', 'InvalidDirectoryUrl'],
    ['ldap://', 'InvalidDirectoryUrl'],
  ])('CSPIN_LDAP_URL=%s', (url, id) => {
    const { id: errorId, exit, message } = refusal(() => readDirectoryConfig(envWith({ CSPIN_LDAP_URL: url })));
    expect({ errorId, exit }).toEqual({ errorId: id, exit: 2 });
    expect(message).not.toContain('Secret123');
  });

  it.each([
    [{ CSPIN_LDAP_TIMEOUT: 'ten' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_TIMEOUT: '0' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_TIMEOUT: '-1' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_PAGE_SIZE: '1.5' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_PAGE_SIZE: '0' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_STARTTLS: 'maybe' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_ALLOW_UNTRUSTED: '2' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_BASE: 'litwareinc.com' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_NETBIOS: 'far too long a netbios name' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_BIND_DN: 'cn=admin,dc=x' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_PASSWORD_FILE: '/pw' }, 'InvalidDirectorySetting'],
    [{ CSPIN_LDAP_ATTRIBUTES: 'pin=mail' }, 'InvalidAttributeMapping'],
    [{ CSPIN_LDAP_ATTRIBUTES: 'sip' }, 'InvalidAttributeMapping'],
    [{ CSPIN_LDAP_ATTRIBUTES: 'sip=mail,sip=uid' }, 'InvalidAttributeMapping'],
    [{ CSPIN_LDAP_ATTRIBUTES: 'sip=mail;binary' }, 'InvalidAttributeMapping'],
  ])('%j', (variables, id) => {
    const { id: errorId, exit } = refusal(() => readDirectoryConfig(envWith({ CSPIN_LDAP_URL: 'ldap://dc1', ...variables })));
    expect({ errorId, exit }).toEqual({ errorId: id, exit: 2 });
  });

  it('StartTLS over ldaps:// is refused', () => {
    expect(refusal(() => readDirectoryConfig(envWith({ CSPIN_LDAP_URL: 'ldaps://dc1', CSPIN_LDAP_STARTTLS: '1' }))).id).toBe('InvalidDirectorySetting');
  });

  it.each(['dc1:x', 'ldap://dc1', 'user@dc1', 'dc1:389:1', '', 'dc1/x'])('-DomainController %j', (dc) => {
    const { id, exit } = refusal(() => readDirectoryConfig(envWith({ CSPIN_LDAP_URL: 'ldap://dc1' }), { domainController: dc }));
    expect({ id, exit }).toEqual({ id: 'InvalidDomainController', exit: 2 });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['no url', '{"base":"DC=x"}'],
    ['a flag that is a string', '{"url":"ldap://dc1","startTls":"yes"}'],
  ])('a stored file that is %s: InvalidStoredDirectory', (_case, text) => {
    expect(refusal(() => readDirectoryConfig(envWith({}, text))).id).toBe('InvalidStoredDirectory');
  });

  it('a stored file that group or others may write is refused (it could send the password elsewhere)', () => {
    const env = envWith({}, STORED);
    chmodSync(join(env.XDG_CONFIG_HOME ?? '', 'cspin', 'directory.json'), 0o620);
    expect(refusal(() => readDirectoryConfig(env)).id).toBe('InvalidStoredDirectory');
    chmodSync(join(env.XDG_CONFIG_HOME ?? '', 'cspin', 'directory.json'), 0o644);
    expect(readDirectoryConfig(env)).toMatchObject({ url: 'ldaps://stored.litwareinc.com:6360' });
  });

  it('a stored URL is checked as a variable is', () => {
    expect(refusal(() => readDirectoryConfig(envWith({}, '{"url":"ldap://u:pw@dc1"}'))).id).toBe('InvalidDirectoryUrl');
  });

  it('invalid tuning variables do not stop the embedded directory', () => {
    expect(readDirectoryConfig(envWith({ CSPIN_LDAP_TIMEOUT: 'x', CSPIN_LDAP_ATTRIBUTES: '?' }))).toEqual({ kind: 'embedded' });
  });
});

describe('explainDirectoryConfig', () => {
  it('one line naming the server, base, bind DN, password file and TLS, never a password', () => {
    const config = readDirectoryConfig(
      envWith({ CSPIN_LDAP_URL: 'ldap://dc1:389', CSPIN_LDAP_BASE: 'DC=litwareinc,DC=com', CSPIN_LDAP_BIND_DN: 'CN=svc,DC=litwareinc,DC=com', CSPIN_LDAP_PASSWORD_FILE: '/home/u/pw', CSPIN_LDAP_STARTTLS: '1', CSPIN_LDAP_ATTRIBUTES: 'sip=mail' }),
    );
    expect(explainDirectoryConfig(config)).toBe(
      'ldap://dc1:389, base "DC=litwareinc,DC=com", bind as "CN=svc,DC=litwareinc,DC=com" with the password in /home/u/pw, StartTLS, attributes sip=mail, timeout 10 s, pages of 500',
    );
  });

  it('the embedded directory, and values with control characters escaped', () => {
    expect(explainDirectoryConfig({ kind: 'embedded' })).toBe("the embedded directory (users imported into cspin's database)");
    const config = readDirectoryConfig(envWith({ CSPIN_LDAP_URL: 'ldaps://dc1', CSPIN_LDAP_BASE: 'DC=a\nb' }));
    expect(explainDirectoryConfig(config)).toBe("ldaps://dc1, base \"DC=a\\nb\", anonymous bind, TLS, timeout 10 s, pages of 500");
  });
});

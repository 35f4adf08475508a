/**
 * Get-CsUser streaming 20,000 users from slapd through the real bins and pipes: `| head -n 1` ends at
 * once, `| Get-CsClientPinInfo` resolves every user once in order, a server killed or stopped
 * mid-stream ends the command with exit 1 and one error, every written user once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LDIF, slapdMissing, startSlapd, type Slapd } from '../support/slapd.js';
import { bins, errorsOf, sh } from '../support/shell.js';
import { bulkLdif } from '../directory/ldapServer/support.js';
import { ldapPlace, type LdapPlace } from './ldapSupport.js';

const BULK = 20_000;
/** The sample's users with a SIP address, besides the bulk ones. */
let total = 0;

/** A command run with pipes the test reads at its own pace. */
interface Running {
  readonly child: ChildProcess;
  lines(): string[];
  stderr(): string;
  /** Resolves once at least n complete lines arrived, with stdout paused (the command blocks on a full pipe). */
  waitLines(n: number): Promise<void>;
  readonly closed: Promise<{ code: number | null; at: number }>;
}

/** Get-CsUser with stdin /dev/null (every user), or a pipe the test writes identities to. */
function run(stdin: 'ignore' | 'pipe', env: NodeJS.ProcessEnv): Running {
  const child = spawn(join(bins(), 'Get-CsUser'), [], { env: { ...process.env, CSPIN_FORMAT: '', ...env }, stdio: [stdin, 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let waiter: { n: number; resolve: () => void } | undefined;
  const lines = () => out.split('\n').slice(0, -1);
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (waiter && lines().length >= waiter.n) {
      child.stdout?.pause();
      waiter.resolve();
      waiter = undefined;
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdin?.on('error', () => undefined);
  const closed = new Promise<{ code: number | null; at: number }>((resolve) => child.on('close', (code) => resolve({ code, at: Date.now() })));
  const waitLines = (n: number) => new Promise<void>((resolve) => (waiter = { n, resolve }));
  return { child, lines, stderr: () => err, waitLines, closed };
}

/** The DNs of NDJSON lines, each checked to parse. */
const dnsOf = (lines: readonly string[]) => lines.map((line) => String((JSON.parse(line) as { Identity: unknown }).Identity));

describe.skipIf(slapdMissing() !== undefined)('LDAP e2e: streaming 20,000 users', () => {
  let place: LdapPlace;
  let slapd: Slapd;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    place = await ldapPlace();
    // Indexed as in AD: unindexed, slapd scans all 20,000 entries for each chunk of identities (30+ s).
    const index = 'index msRTCSIP-PrimaryUserAddress,sAMAccountName,userPrincipalName,displayName eq';
    slapd = await startSlapd({ ldif: [SAMPLE_LDIF, bulkLdif(BULK)], databaseConfig: [index] });
    env = { ...place.env, CSPIN_LDAP_URL: slapd.url, CSPIN_LDAP_PAGE_SIZE: '100', CSPIN_LDAP_TIMEOUT: '2' };
    const sample = await sh('Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | cat', { env });
    expect(sample.code, sample.stderr).toBe(0);
  });
  afterAll(async () => {
    await slapd?.stop();
    rmSync(place.folder, { recursive: true, force: true });
  });

  it("| head -n 1 ends at once; Get-CsUser exits 0, the engine's rule for a reader that went away (as with the embedded directory)", async () => {
    const child = spawn('bash', ['-c', 'Get-CsUser | head -n 1; echo "status ${PIPESTATUS[0]}"'], { env: { ...process.env, CSPIN_FORMAT: '', ...env, PATH: `${bins()}:${process.env.PATH ?? ''}` } });
    let out = '';
    let first = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((out += chunk), (first ||= Date.now())));
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    await new Promise((resolve) => child.on('close', resolve));
    // A hang detector, not a timing test: a client that kept reading would take many seconds.
    expect(Date.now() - first).toBeLessThan(2000);
    const [line, status] = out.trim().split('\n');
    expect(JSON.parse(String(line))).toHaveProperty('SipAddress');
    expect(status).toBe('status 0');
    expect(err).toBe('');
  });

  it('| Get-CsClientPinInfo: every user once, in Get-CsUser\'s order', async () => {
    const [users, pins] = await Promise.all([sh('Get-CsUser | cat', { env }), sh('Get-CsUser | Get-CsClientPinInfo', { env })]);
    expect(users.code, users.stderr).toBe(0);
    expect(pins.code, pins.stderr).toBe(0);
    total = users.objects.length;
    expect(total).toBeGreaterThan(BULK);
    expect(new Set(users.objects.map((u) => u.Identity)).size).toBe(total);
    expect(pins.objects.map((p) => p.Identity)).toEqual(users.objects.map((u) => u.SipAddress));
  }, 60_000);

  it('a server that hangs mid-stream (SIGSTOP): exit 1 after the timeout, one DirectorySearchInterrupted, every line once', async () => {
    const get = run('ignore', env);
    await get.waitLines(1);
    process.kill(slapd.pid, 'SIGSTOP');
    try {
      const stoppedAt = Date.now();
      get.child.stdout?.resume();
      const { code, at } = await get.closed;
      expect(code, get.stderr()).toBe(1);
      // CSPIN_LDAP_TIMEOUT=2: the page in flight waits out the timeout, then the command ends.
      expect(at - stoppedAt).toBeGreaterThanOrEqual(1500);
      expect(at - stoppedAt).toBeLessThan(15_000);
      expectInterrupted(get);
    } finally {
      process.kill(slapd.pid, 'SIGCONT');
    }
  });

  it('a lookup the stopped server never answers: exit 1 LdapServerTimeout after the timeout', async () => {
    const get = run('pipe', env);
    get.child.stdin?.write('sip:bulk0001@litwareinc.com\n');
    await get.waitLines(1);
    process.kill(slapd.pid, 'SIGSTOP');
    try {
      get.child.stdout?.resume();
      const stoppedAt = Date.now();
      get.child.stdin?.end('sip:bulk0002@litwareinc.com\n');
      const { code, at } = await get.closed;
      expect(code, get.stderr()).toBe(1);
      expect(at - stoppedAt).toBeGreaterThanOrEqual(1500);
      expect(errorsOf({ stdout: '', stderr: get.stderr(), code: 1, objects: [] }).map((e) => e.errorId)).toEqual(['LdapServerTimeout']);
      expect(get.lines()).toHaveLength(1);
    } finally {
      process.kill(slapd.pid, 'SIGCONT');
    }
    // The server serves again.
    expect((await sh('Get-CsUser -ResultSize 1', { env })).objects).toHaveLength(1);
  });

  it('a server killed mid-stream (SIGKILL): exit 1, one DirectorySearchInterrupted naming the users written', async () => {
    const get = run('ignore', env);
    await get.waitLines(1);
    slapd.kill();
    get.child.stdout?.resume();
    const { code } = await get.closed;
    expect(code, get.stderr()).toBe(1);
    expectInterrupted(get);
  });
});

/** One DirectorySearchInterrupted error whose count is the lines written; no DN twice; not all users. */
function expectInterrupted(get: Running): void {
  const errors = errorsOf({ stdout: '', stderr: get.stderr(), code: 1, objects: [] });
  expect(errors.map((e) => e.errorId)).toEqual(['DirectorySearchInterrupted']);
  const dns = dnsOf(get.lines());
  expect(errors[0]?.message).toMatch(new RegExp(`after ${dns.length} users`));
  expect(new Set(dns).size).toBe(dns.length);
  expect(dns.length).toBeGreaterThan(0);
  expect(dns.length).toBeLessThan(total || BULK);
}

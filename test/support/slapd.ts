/**
 * A throwaway OpenLDAP slapd for tests: its own config in a temporary folder, the data loaded with
 * slapadd before it starts, listening on a free loopback port, stopped by PID on every exit path
 * (facts: ../shared/reference/openldap-ci.md). Tests that need it skip with a reason when Debian's
 * slapd is not installed (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
/** The fixtures folder, found upwards (this file also runs compiled, from the bench's build folder). */
export const LDAP_FIXTURES = fixturesFolder(import.meta.dirname);

function fixturesFolder(from: string): string {
  const candidate = join(from, 'test', 'fixtures', 'ldap');
  if (existsSync(join(candidate, 'ad-lite.schema'))) return candidate;
  if (dirname(from) === from) throw new Error('test/fixtures/ldap not found');
  return fixturesFolder(dirname(from));
}
/** The sample directory (samples/litwareinc.csv as LDIF, made by the pending check's converter). */
export const SAMPLE_LDIF = join(LDAP_FIXTURES, 'litwareinc.ldif');
export const SAMPLE_SUFFIX = 'dc=litwareinc,dc=com';

/** Why slapd tests cannot run here, or undefined when they can. */
export function slapdMissing(): string | undefined {
  if (!existsSync(SLAPD) || !existsSync(SLAPADD)) return 'slapd is not installed (apt-get install slapd ldap-utils)';
  if (spawnSync('ldapsearch', ['-VV'], { stdio: 'ignore' }).error) return 'ldapsearch is not installed (apt-get install ldap-utils)';
  return undefined;
}

/** What to start. */
export interface SlapdOptions {
  /** LDIF files to load (no `version:` line: slapadd refuses it). */
  ldif: readonly string[];
  /** @default the sample's suffix */
  suffix?: string;
  /** Extra slapd.conf lines for the global section (e.g. TLS settings), written before the database. */
  globalConfig?: readonly string[];
  /** Extra slapd.conf lines for the database section (e.g. rootdn/rootpw, limits). */
  databaseConfig?: readonly string[];
  /** Listen on ldaps:// too (needs TLS settings in globalConfig). */
  ldaps?: boolean;
  /** The mdb map size in bytes (sparse) @default 256 MiB */
  maxSize?: number;
}

/** A running slapd. */
export interface Slapd {
  readonly url: string;
  readonly port: number;
  /** ldaps:// URL when asked for. */
  readonly ldapsUrl: string | undefined;
  readonly pid: number;
  readonly folder: string;
  /** SIGTERM, then SIGKILL after 5 s; removes the folder. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL now (a server that dies mid-stream); the folder stays until stop(). */
  kill(): void;
}

/**
 * Starts slapd with the data loaded.
 * @param options the LDIF and config
 * @returns the running server
 * @throws when slapadd or slapd fails (the log's end is in the message)
 */
export async function startSlapd(options: SlapdOptions): Promise<Slapd> {
  const folder = mkdtempSync(join(tmpdir(), 'cspin-slapd-'));
  try {
    const conf = writeConfig(folder, options);
    for (const ldif of options.ldif) {
      const load = spawnSync(SLAPADD, ['-q', '-f', conf, '-l', ldif], { encoding: 'utf8' });
      if (load.status !== 0) throw new Error(`slapadd ${ldif} failed: ${load.stderr.slice(-500)}`);
    }
    for (let attempt = 0; attempt < 20; attempt++) {
      const [port, tlsPort] = [await freePort(), options.ldaps ? await freePort() : undefined];
      const urls = [`ldap://127.0.0.1:${port}/`, ...(tlsPort ? [`ldaps://127.0.0.1:${tlsPort}/`] : [])];
      const child = spawn(SLAPD, ['-d', '0', '-f', conf, '-h', urls.join(' ')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-2000)));
      if (await ready(child, port)) return running(child, folder, port, tlsPort);
      await stopChild(child);
      if (attempt === 19) throw new Error(`slapd did not start: ${log}`);
    }
    throw new Error('slapd did not start');
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

function writeConfig(folder: string, options: SlapdOptions): string {
  mkdirSync(join(folder, 'db'));
  const conf = join(folder, 'slapd.conf');
  const lines = [
    ...['core', 'cosine', 'inetorgperson'].map((name) => `include /etc/ldap/schema/${name}.schema`),
    `include ${join(LDAP_FIXTURES, 'ad-lite.schema')}`,
    `pidfile ${join(folder, 'slapd.pid')}`,
    `argsfile ${join(folder, 'slapd.args')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    ...(options.globalConfig ?? []),
    'sizelimit unlimited',
    'database mdb',
    `maxsize ${options.maxSize ?? 268435456}`,
    `suffix "${options.suffix ?? SAMPLE_SUFFIX}"`,
    `directory ${join(folder, 'db')}`,
    'index objectClass eq',
    ...(options.databaseConfig ?? []),
  ];
  writeFileSync(conf, `${lines.join('\n')}\n`);
  return conf;
}

function running(child: ChildProcess, folder: string, port: number, tlsPort: number | undefined): Slapd {
  let stopped = false;
  const stop = async () => {
    if (!stopped) await stopChild(child);
    stopped = true;
    rmSync(folder, { recursive: true, force: true });
  };
  // A test run that ends without stop() (a failed beforeAll) still leaves no slapd behind.
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  return {
    url: `ldap://127.0.0.1:${port}`,
    port,
    ldapsUrl: tlsPort ? `ldaps://127.0.0.1:${tlsPort}` : undefined,
    pid: child.pid ?? 0,
    folder,
    stop,
    kill: () => void child.kill('SIGKILL'),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Polls the root DSE until it answers, or slapd exits (the port was taken meanwhile). */
async function ready(child: ChildProcess, port: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) return false;
    const probe = spawnSync('ldapsearch', ['-x', '-LLL', '-H', `ldap://127.0.0.1:${port}`, '-b', '', '-s', 'base', '(objectClass=*)', '1.1'], { stdio: 'ignore' });
    if (probe.status === 0) return child.exitCode === null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** A loopback port nobody listens on now (from a random start, so parallel test files rarely collide). */
async function freePort(): Promise<number> {
  for (let i = 0; i < 500; i++) {
    const port = 40000 + Math.floor(Math.random() * 20000);
    if (!(await listening(port))) return port;
  }
  throw new Error('no free loopback port');
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Runs ldapsearch against a server (the oracle the embedded directory is compared with).
 * @returns the DNs found, as slapd spells them, or the exit status and stderr when it failed
 */
export function ldapsearchDns(url: string, base: string, filter: string, scope = 'sub'): { dns: string[]; status: number; stderr: string } {
  const result = spawnSync('ldapsearch', ['-x', '-LLL', '-o', 'ldif-wrap=no', '-H', url, '-b', base, '-s', scope, '-z', '0', filter, '1.1'], { encoding: 'utf8' });
  const dns = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('dn:'))
    .map((line) => (line.startsWith('dn:: ') ? Buffer.from(line.slice(5), 'base64').toString('utf8') : line.slice(4)));
  return { dns, status: result.status ?? -1, stderr: result.stderr };
}

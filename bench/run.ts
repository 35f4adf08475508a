/**
 * `npm run bench [-- --users N --runs R --set-users M --set-runs S]`: generates an N-user directory
 * (default 1,000,000), then times the documented pipelines and reads each process's peak RSS (GNU
 * time), next to the sqlite3 CLI running the equivalent join over the same file; then times the bulk
 * PIN reset `Get-CsUser | Set-CsClientPin` over an M-user directory (default 300) against the raw
 * hash rate (setPins.ts); then the report commands next to jq and Miller (reports.ts; --skip-reports,
 * --sort-records N for the big sort, 0 to skip it); then N users in slapd (bench/ldap.ts; --ldap-users N,
 * 0 to skip); then `cspin import` of an export of --import-users users × 20 columns (importBench.ts,
 * default 1,000,000, 0 to skip), next to the sqlite3 CLI's `.import` of the same file. `--only
 * pipelines,set-pins,reports,ldap,import` runs just those groups. Checks the targets and exits 1 if one fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDirectory } from './generate.js';
import { benchImport } from './importBench.js';
import { benchLdap } from './ldap.js';
import { benchReports } from './reports.js';
import { benchSetPins } from './setPins.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    dir: { type: 'string', default: join(ROOT, '.bench') },
    regenerate: { type: 'boolean', default: false },
    'set-users': { type: 'string', default: '300' },
    'set-runs': { type: 'string', default: '1' },
    'skip-reports': { type: 'boolean', default: false },
    'sort-records': { type: 'string', default: '10000000' },
    'ldap-users': { type: 'string', default: '100000' },
    'import-users': { type: 'string', default: '1000000' },
    'import-runs': { type: 'string', default: '1' },
    only: { type: 'string' },
  },
});
const GROUPS = ['pipelines', 'set-pins', 'reports', 'ldap', 'import'] as const;
const only = values.only?.split(',').map((group) => group.trim());
const unknown = only?.filter((group) => !(GROUPS as readonly string[]).includes(group));
if (unknown?.length) throw new Error(`--only: unknown group ${unknown.join(', ')} (groups: ${GROUPS.join(', ')})`);
const wanted = (group: (typeof GROUPS)[number]) => only === undefined || only.includes(group);
const users = Number(values.users);
const runs = Number(values.runs);
const db = join(values.dir, `users-${users}.db`);

const PIN_INFO_JSON = `json_object('PSTypeName', 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails', 'Identity', u.sip,
  'IsPinSet', json(CASE WHEN p.hash IS NOT NULL THEN 'true' ELSE 'false' END),
  'IsLockedOut', json(CASE WHEN p.locked = 1 THEN 'true' ELSE 'false' END),
  'LastPinChangeTime', strftime('%Y-%m-%dT%H:%M:%fZ', p.changed_at / 1000.0, 'unixepoch'), 'PinExpirationTime', NULL)`;
const JOIN = `SELECT ${PIN_INFO_JSON} FROM users u LEFT JOIN pins p ON p.key_id = u.id WHERE u.sip_key IS NOT NULL`;
const MANAGERS = `${JOIN} AND u.id IN (SELECT user_id FROM user_attrs WHERE name = 'title' AND value_key = 'manager')`;

interface Scenario {
  name: string;
  /** Processes of the pipeline, each measured for peak RSS. */
  stages: string[];
  /** The sqlite3 query to compare with, if any. */
  sqlite?: string;
  /** The wall-time target in seconds, or a ratio to the sqlite3 join (none: for scale only). */
  target: { seconds?: number; ratio?: number };
}

const scenarios: Scenario[] = [
  { name: 'Get-CsUser | Get-CsClientPinInfo', stages: ['get-csuser', 'get-csclientpininfo'], sqlite: JOIN, target: { ratio: 3 } },
  { name: 'Get-CsUser | head -n 1', stages: ['get-csuser', 'head -n 1'], target: { seconds: 0.5 } },
  {
    // A yardstick, not a target: the least work any Node consumer must do (bench/referenceConsumer.ts).
    name: 'Get-CsUser | reference consumer (plain Node, no engine)',
    stages: ['get-csuser', `node ${join(ROOT, '.bench/build/bench/referenceConsumer.js')}`],
    sqlite: JOIN,
    target: {},
  },
  {
    name: 'Get-CsUser -LdapFilter "Title=Manager" | Get-CsClientPinInfo',
    stages: ['get-csuser -LdapFilter "Title=Manager"', 'get-csclientpininfo'],
    sqlite: MANAGERS,
    target: { ratio: 3 },
  },
];

function bins(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cspin-bench-bin-'));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  for (const [name, target] of Object.entries(pkg.bin)) symlinkSync(join(ROOT, target), join(dir, name));
  return dir;
}

interface Measure {
  seconds: number;
  rssMiB: number[];
  lines: number;
}

function measure(stages: string[], env: NodeJS.ProcessEnv): Measure {
  const work = mkdtempSync(join(tmpdir(), 'cspin-bench-'));
  const timed = stages.map((stage, i) => `/usr/bin/time -o ${work}/rss${i} -f %M ${stage}`);
  const command = `set -o pipefail; ${timed.join(' | ')} | wc -l > ${work}/lines`;
  const start = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', command], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && !stages.some((s) => s.startsWith('head'))) throw new Error(`${stages.join(' | ')} failed (${result.status})`);
  const rssMiB = stages.map((_, i) => Number(readFileSync(`${work}/rss${i}`, 'utf8').trim().split('\n').pop()) / 1024);
  const lines = Number(readFileSync(`${work}/lines`, 'utf8').trim());
  rmSync(work, { recursive: true, force: true });
  return { seconds, rssMiB, lines };
}

/** The fastest run: the least disturbed by other work on the machine (timeit's rule). */
function best<T>(items: T[], key: (item: T) => number): T {
  return items.reduce((a, b) => (key(b) < key(a) ? b : a));
}

/**
 * Waits (at most three minutes) for the one-minute load average to fall under 0.5, so that a group
 * starts on a quiet machine and not in the wake of the build or the group before.
 */
async function settle(group: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while ((loadavg()[0] ?? 0) >= 0.5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5000));
  console.log(`[${group}: load average ${loadavg()[0]?.toFixed(2)} at ${new Date().toISOString().slice(11, 19)} UTC]`);
}

/** Prints a group's lines and checks; the number of checks that failed. */
function report(result: { lines: string[]; checks: [string, boolean][] }): number {
  for (const line of result.lines) console.log(line);
  for (const [label, ok] of result.checks) console.log(`  ${ok ? 'PASS' : 'FAIL'} ${label}`);
  console.log('');
  return result.checks.filter(([, ok]) => !ok).length;
}

function pipelines(env: NodeJS.ProcessEnv): number {
  let failures = 0;
  for (const scenario of scenarios) {
    // Runs alternate between cspin and sqlite3, so both meet the same load on a shared machine.
    const sql = scenario.sqlite?.replace(/\s+/g, ' ');
    const oursRuns: Measure[] = [];
    const referenceRuns: Measure[] = [];
    for (let run = 0; run < runs; run++) {
      oursRuns.push(measure(scenario.stages, env));
      if (sql) referenceRuns.push(measure([`sqlite3 -readonly ${db} "${sql}"`], env));
    }
    const ours = best(oursRuns, (m) => m.seconds);
    const reference = sql ? best(referenceRuns, (m) => m.seconds) : undefined;
    const peak = scenario.stages.map((_, i) => Math.max(...oursRuns.map((m) => m.rssMiB[i] ?? 0)));
    const rate = Math.round(ours.lines / ours.seconds);
    const rss = scenario.stages.map((stage, i) => `${stage.split(' ')[0]} ${peak[i]?.toFixed(0)} MiB`).join(', ');
    const lines = [scenario.name, `  cspin:   ${ours.seconds.toFixed(2)} s, ${ours.lines.toLocaleString('en-US')} records, ${rate.toLocaleString('en-US')} records/s; peak RSS ${rss}`];
    const checks: [string, boolean][] = [];
    if (reference) {
      const ratio = ours.seconds / reference.seconds;
      lines.push(`  sqlite3: ${reference.seconds.toFixed(2)} s, ${reference.lines.toLocaleString('en-US')} records (cspin/sqlite3 = ${ratio.toFixed(2)}x)`);
      if (scenario.target.ratio !== undefined) checks.push([`≤ ${scenario.target.ratio}x the sqlite3 join`, ratio <= scenario.target.ratio]);
      checks.push(['same record count as sqlite3', reference.lines === ours.lines]);
    }
    if (scenario.target.seconds !== undefined) checks.push([`≤ ${scenario.target.seconds} s`, ours.seconds <= scenario.target.seconds]);
    const cspinStages = scenario.stages.map((s, i) => [s, peak[i] ?? 0] as const).filter(([s]) => s.startsWith('get-'));
    checks.push(['peak RSS ≤ 100 MiB per process', cspinStages.every(([, mib]) => mib <= 100)]);
    failures += report({ lines, checks });
  }
  return failures;
}

async function main(): Promise<number> {
  mkdirSync(values.dir, { recursive: true });
  const needsDirectory = wanted('pipelines') || wanted('set-pins') || wanted('reports');
  if (needsDirectory && (values.regenerate || !existsSync(db))) {
    console.log(`generating ${users.toLocaleString('en-US')} users in ${db}`);
    const start = Date.now();
    generateDirectory(db, users, (line) => console.log(line));
    console.log(`  done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
  const env = { ...process.env, CSPIN_DB: db, CSPIN_FORMAT: 'ndjson', PATH: `${bins()}:${process.env.PATH ?? ''}` };
  const scale = needsDirectory ? `${users.toLocaleString('en-US')} users, best of ${runs} runs (peak RSS: the highest), ` : '';
  console.log(`\n${scale}node ${process.version}\n`);
  let failures = 0;
  if (wanted('pipelines')) {
    await settle('pipelines');
    failures += pipelines(env);
  }
  if (wanted('set-pins')) {
    await settle('set-pins');
    console.log('Get-CsUser | Set-CsClientPin');
    failures += report(benchSetPins({ root: ROOT, dir: values.dir, users: Number(values['set-users']), runs: Number(values['set-runs']), env, measure }));
  }
  if (wanted('reports') && !values['skip-reports']) {
    await settle('reports');
    failures += report(benchReports({ dir: values.dir, users, runs, sortRecords: Number(values['sort-records']), env, measure }));
  }
  if (wanted('ldap') && Number(values['ldap-users']) > 0) {
    await settle('ldap');
    failures += report(await benchLdap({ users: Number(values['ldap-users']), runs, env, measure }));
  }
  if (wanted('import') && Number(values['import-users']) > 0) {
    await settle('import');
    failures += report(benchImport({ dir: values.dir, users: Number(values['import-users']), runs: Number(values['import-runs']), env }));
  }
  console.log(`load average at the end ${loadavg()[0]?.toFixed(2)}`);
  console.log(failures === 0 ? 'all targets met' : `${failures} target(s) missed`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();

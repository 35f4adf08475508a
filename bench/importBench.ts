/**
 * The import scenario (issue 13): `cspin import` of a CSV export of N users with 20 columns (the
 * Lync attributes, AD's usual ones, a time and an OptionFlags), into an empty database, through the
 * bin. Target for 1,000,000 users: ≤ 60 s at ≤ 150 MiB peak RSS. The export is made once and kept.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** What the scenario measured, and its checks. */
export interface ImportResult {
  lines: string[];
  checks: [string, boolean][];
}

const COLUMNS = [
  'DistinguishedName', 'SamAccountName', 'UserPrincipalName', 'DisplayName', 'msRTCSIP-PrimaryUserAddress', 'msRTCSIP-UserEnabled',
  'msRTCSIP-PrimaryHomeServer', 'msRTCSIP-Line', 'msRTCSIP-OptionFlags', 'Title', 'Department', 'l', 'telephoneNumber', 'givenName', 'sn',
  'mail', 'company', 'physicalDeliveryOfficeName', 'whenCreated', 'employeeID',
];
const OUS = ['Finance', 'Sales', 'IT', 'HR'];
const HOME = '"CN=Lc Services,CN=Microsoft,CN=atl-cs-001.litwareinc.com,CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,DC=litwareinc,DC=com"';
const TARGET_SECONDS_PER_MILLION = 60;
const TARGET_RSS_MIB = 150;

function writeExport(path: string, users: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${COLUMNS.join(',')}\n`);
    let rows: string[] = [];
    for (let i = 1; i <= users; i++) {
      const ou = OUS[i % OUS.length] ?? 'IT';
      const upn = `user${i}@litwareinc.com`;
      rows.push([`"CN=User ${i},OU=${ou},DC=litwareinc,DC=com"`, `user${i}`, upn, `User ${i}`, `sip:${upn}`, 'TRUE', HOME, `tel:+1425${String(i).padStart(7, '0')}`, '385',
        ['Engineer', 'Manager', 'Analyst'][i % 3], ou, 'Redmond', `+1 425 555 ${String(i % 10000).padStart(4, '0')}`, `Given${i}`, `Sur${i}`, upn, 'Litware',
        `Building ${i % 40}`, '20200101000000.0Z', String(i)].join(','));
      if (rows.length === 10_000) {
        writeSync(fd, `${rows.join('\n')}\n`);
        rows = [];
      }
    }
    if (rows.length > 0) writeSync(fd, `${rows.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

/** One cspin import into an empty database: seconds, peak RSS and the summary line. */
function importOnce(csv: string, db: string, env: NodeJS.ProcessEnv): { seconds: number; rssMiB: number; ok: boolean; summary: string } {
  const files = () => ['', '-wal', '-shm', '.key', '-journal'].forEach((suffix) => rmSync(`${db}${suffix}`, { force: true }));
  files();
  spawnSync('cspin', ['init'], { env: { ...env, CSPIN_DB: db }, stdio: 'ignore' });
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', 'cspin', 'import', csv], { env: { ...env, CSPIN_DB: db }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  files();
  const rssMiB = Number(run.stderr.trim().split('\n').pop()) / 1024;
  const summary = run.stderr.split('\n').find((line) => line.startsWith('cspin: ')) ?? `exit ${run.status}`;
  return { seconds, rssMiB, ok: run.status === 0, summary };
}

/** The floor for reading the same file into SQLite: the sqlite3 CLI's `.import` into one plain table. */
function sqliteImportOnce(csv: string, db: string): number {
  rmSync(db, { force: true });
  const start = process.hrtime.bigint();
  const run = spawnSync('sqlite3', [db, '-cmd', '.mode csv', `.import ${csv} export`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(db, { force: true });
  if (run.status !== 0) throw new Error(`sqlite3 .import failed (${run.status})`);
  return seconds;
}

/**
 * Times the import, alternating with sqlite3's `.import` so both meet the same load (a million users
 * take a minute: one run by default). The best run counts.
 * @returns the lines to print and the checks
 */
export function benchImport(options: { dir: string; users: number; runs: number; env: NodeJS.ProcessEnv }): ImportResult {
  const csv = join(options.dir, `export-${options.users}x20.csv`);
  if (!existsSync(csv)) writeExport(csv, options.users);
  const ours: ReturnType<typeof importOnce>[] = [];
  const reference: number[] = [];
  for (let run = 0; run < Math.max(1, options.runs); run++) {
    ours.push(importOnce(csv, join(options.dir, 'import.db'), options.env));
    reference.push(sqliteImportOnce(csv, join(options.dir, 'import-sqlite3.db')));
  }
  const best = ours.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const floor = Math.min(...reference);
  const peak = Math.max(...ours.map((run) => run.rssMiB));
  const target = (TARGET_SECONDS_PER_MILLION * options.users) / 1_000_000;
  return {
    lines: [
      `cspin import (${options.users.toLocaleString('en-US')} users × ${COLUMNS.length} columns, CSV), best of ${ours.length}`,
      `  cspin:   ${best.seconds.toFixed(1)} s, ${Math.round(options.users / best.seconds).toLocaleString('en-US')} users/s; peak RSS ${peak.toFixed(0)} MiB (${best.summary})`,
      `  runs:    ${ours.map((run) => run.seconds.toFixed(1)).join(' s, ')} s`,
      `  sqlite3 .import into one table: ${floor.toFixed(1)} s (cspin/sqlite3 = ${(best.seconds / floor).toFixed(2)}x)`,
    ],
    checks: [
      [`≤ ${target.toFixed(0)} s (${TARGET_SECONDS_PER_MILLION} s per million)`, ours.every((run) => run.ok) && best.seconds <= target],
      [`peak RSS ≤ ${TARGET_RSS_MIB} MiB`, peak <= TARGET_RSS_MIB],
    ],
  };
}

/**
 * The report commands over the PinInfoDetails of the whole directory (an NDJSON file made once by
 * `get-csuser | get-csclientpininfo`), each next to jq and Miller doing the same job on the same
 * file in the same run; and Sort-Object over ten copies of it (10M records), which Miller cannot
 * hold (~3.3 GiB per million records).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Measure {
  seconds: number;
  rssMiB: number[];
  lines: number;
}

export interface ReportsOptions {
  dir: string;
  users: number;
  runs: number;
  /** Records for the big sort; 0 skips it. */
  sortRecords: number;
  env: NodeJS.ProcessEnv;
  measure: (stages: string[], env: NodeJS.ProcessEnv) => Measure;
}

interface Tool {
  name: string;
  command: (file: string, out: string) => string;
}

interface ReportScenario {
  name: string;
  cspin: (file: string, out: string) => string;
  tools: Tool[];
  /** The tool cspin must be no slower than. */
  notSlowerThan?: string;
  rssMiB: number;
}

const CSV_COLUMNS = '[.Identity,.IsPinSet,.IsLockedOut,.LastPinChangeTime,.PinExpirationTime]';

const SCENARIOS: ReportScenario[] = [
  {
    name: 'Export-Csv',
    cspin: (file, out) => `export-csv ${out} < ${file}`,
    tools: [
      { name: 'jq @csv', command: (file, out) => `jq -r '${CSV_COLUMNS}|@csv' ${file} > ${out}` },
      { name: 'mlr cat', command: (file, out) => `mlr --ijson --ocsv cat ${file} > ${out}` },
    ],
    notSlowerThan: 'jq @csv',
    rssMiB: 100,
  },
  {
    name: 'Group-Object IsPinSet -NoElement',
    cspin: (file) => `group-object IsPinSet -NoElement < ${file}`,
    tools: [
      { name: 'jq -s group_by', command: (file) => `jq -s -c 'group_by(.IsPinSet)|map({Name:(.[0].IsPinSet|tostring),Count:length})[]' ${file}` },
      { name: 'mlr count-distinct', command: (file) => `mlr --ijson --ojsonl count-distinct -f IsPinSet ${file}` },
    ],
    notSlowerThan: 'jq -s group_by',
    rssMiB: 100,
  },
  {
    name: 'Sort-Object LastPinChangeTime',
    cspin: (file) => `sort-object LastPinChangeTime < ${file}`,
    tools: [{ name: 'mlr sort -f', command: (file) => `mlr --ijson --ojsonl sort -f LastPinChangeTime ${file}` }],
    notSlowerThan: 'mlr sort -f',
    rssMiB: 256,
  },
];

function pinInfoFile(options: ReportsOptions): string {
  const file = join(options.dir, `pininfo-${options.users}.ndjson`);
  if (!existsSync(file) || statSync(file).size === 0) {
    const made = spawnSync('bash', ['-c', `set -o pipefail; get-csuser | get-csclientpininfo > ${file}.tmp && mv ${file}.tmp ${file}`], { env: options.env, stdio: 'inherit' });
    if (made.status !== 0) throw new Error('could not write the PinInfoDetails file');
  }
  return file;
}

function bigFile(options: ReportsOptions, source: string): { file: string; records: number } {
  const copies = Math.ceil(options.sortRecords / options.users);
  const file = join(options.dir, `pininfo-${options.users * copies}.ndjson`);
  if (!existsSync(file)) {
    const made = spawnSync('bash', ['-c', `for i in $(seq ${copies}); do cat ${source}; done > ${file}.tmp && mv ${file}.tmp ${file}`], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('could not write the big file');
  }
  const lines = spawnSync('bash', ['-c', `wc -l < ${source}`], { encoding: 'utf8' });
  return { file, records: Number(lines.stdout.trim()) * copies };
}

function fastest(runs: Measure[]): Measure {
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

function line(name: string, m: Measure, peak: number): string {
  const rate = Math.round((m.lines || 0) / m.seconds);
  return `  ${name.padEnd(20)} ${m.seconds.toFixed(2)} s${m.lines > 1000 ? `, ${rate.toLocaleString('en-US')} lines/s` : ''}, peak RSS ${peak.toFixed(0)} MiB`;
}

/**
 * Runs the report scenarios.
 * @param options where, how big, how often, and the shared measure
 * @returns the lines to print and the checks
 */
export function benchReports(options: ReportsOptions): { lines: string[]; checks: [string, boolean][] } {
  const lines: string[] = [];
  const checks: [string, boolean][] = [];
  const file = pinInfoFile(options);
  const work = mkdtempSync(join(tmpdir(), 'cspin-bench-reports-'));
  try {
    for (const scenario of SCENARIOS) {
      const out = join(work, 'out');
      const ours: Measure[] = [];
      const theirs = new Map<string, Measure[]>(scenario.tools.map((tool) => [tool.name, []]));
      // Alternate the tools run by run, so that all meet the same load.
      for (let run = 0; run < options.runs; run++) {
        ours.push(options.measure([scenario.cspin(file, out)], options.env));
        for (const tool of scenario.tools) theirs.get(tool.name)?.push(options.measure([tool.command(file, out)], options.env));
      }
      const best = fastest(ours);
      const peak = Math.max(...ours.map((m) => m.rssMiB[0] ?? 0));
      lines.push(`${scenario.name} (the PinInfoDetails of ${options.users.toLocaleString('en-US')} users)`, line('cspin', best, peak));
      for (const [name, runs] of theirs) lines.push(line(name, fastest(runs), Math.max(...runs.map((m) => m.rssMiB[0] ?? 0))));
      const rival = scenario.notSlowerThan ? theirs.get(scenario.notSlowerThan) : undefined;
      if (rival) checks.push([`${scenario.name}: no slower than ${scenario.notSlowerThan}`, best.seconds <= fastest(rival).seconds]);
      checks.push([`${scenario.name}: peak RSS ≤ ${scenario.rssMiB} MiB`, peak <= scenario.rssMiB]);
    }
    if (options.sortRecords > 0) {
      const big = bigFile(options, file);
      const sorted = options.measure([`sort-object LastPinChangeTime < ${big.file}`], options.env);
      const peak = sorted.rssMiB[0] ?? 0;
      lines.push(`Sort-Object LastPinChangeTime (${sorted.lines.toLocaleString('en-US')} records, spilled to disk)`, line('cspin', sorted, peak));
      checks.push(['Sort-Object over the big file: every record out', sorted.lines === big.records]);
      checks.push(['Sort-Object over the big file: peak RSS ≤ 256 MiB', peak <= 256]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { lines, checks };
}

/**
 * The bulk PIN reset scenario: `Get-CsUser | Set-CsClientPin` over its own directory (default 10,000
 * users: every user costs one scrypt, so the 1,000,000-user directory of the read scenarios would
 * take hours). Its reference is the raw hash rate of this machine: hashPin with the same number in
 * flight, in a node process started the way bin/cspin.js starts (same flags, same malloc setting),
 * measured right after each run so both meet the same load. The pipeline should be limited by the
 * hashing, so its users/s should come close to that rate.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadPoolParallelism } from '../src/core/index.js';
import { generateDirectory } from './generate.js';

/** What the scenario measured, and its checks. */
export interface SetPinsResult {
  lines: string[];
  checks: [string, boolean][];
}

/** One measured pipeline run (see measure in run.ts). */
interface Measure {
  seconds: number;
  rssMiB: number[];
  lines: number;
}

/** The fraction of the raw hash rate the pipeline must reach. */
const RATE_TARGET = 0.8;
/** Peak RSS allowed: the 100 MiB of every cmdlet, plus 16 MiB per hash in flight (scrypt N=16384, r=8). */
const BASE_RSS_MIB = 100;

/**
 * Hashes per second of this machine with `inFlight` hashPin calls at a time, in a node process with
 * the environment and flags of the bin's `#!/usr/bin/env -S ...` line.
 */
function rawHashRate(root: string, count: number, inFlight: number): number {
  const shebang = readFileSync(join(root, 'bin', 'cspin.js'), 'utf8').split('\n')[0] ?? '';
  const words = shebang.replace(/^#!\S*env -S /, '').split(/\s+/);
  const nodeAt = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, nodeAt).map((w) => w.split('=') as [string, string]));
  const dist = (module: string) => pathToFileURL(join(root, 'dist', module, 'index.js')).href;
  const script = `import { randomBytes } from 'node:crypto';
    import { hashPin } from '${dist('pins')}';
    import { mapOrdered } from '${dist('core')}';
    const pepper = randomBytes(32);
    const start = process.hrtime.bigint();
    for await (const _ of mapOrdered(Array.from({ length: ${count} }, (_, i) => String(100000 + i)), ${inFlight}, (pin) => hashPin(pin, pepper)));
    console.log(${count} / (Number(process.hrtime.bigint() - start) / 1e9));`;
  const flags = words.slice(nodeAt + 1).filter((w) => w !== '');
  const result = spawnSync('node', [...flags, '--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the raw hash rate could not be measured: ${result.stderr}`);
  return Number(result.stdout.trim());
}

/**
 * Runs the scenario.
 * @param options the directory folder, user count, runs, the bins' environment and the measuring function
 * @returns the report lines and checks
 */
export function benchSetPins(options: {
  root: string;
  dir: string;
  users: number;
  runs: number;
  env: NodeJS.ProcessEnv;
  measure: (stages: string[], env: NodeJS.ProcessEnv) => Measure;
}): SetPinsResult {
  const db = join(options.dir, `pins-${options.users}.db`);
  const lines: string[] = [];
  if (!existsSync(db)) {
    lines.push(`  generated ${options.users.toLocaleString('en-US')} users in ${db}`);
    generateDirectory(db, options.users, () => undefined);
  }
  const env = { ...options.env, CSPIN_DB: db };
  const inFlight = threadPoolParallelism(env);
  // -Force: the directory has locked PINs, and their warnings are not what is measured.
  const stages = ['get-csuser', 'set-csclientpin -Force'];
  const runs: Measure[] = [];
  const rawRates: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    runs.push(options.measure(stages, env));
    rawRates.push(rawHashRate(options.root, Math.max(100, Math.round(options.users / 20)), inFlight));
  }
  const ours = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const peak = Math.max(...runs.map((m) => m.rssMiB[1] ?? 0));
  const rate = ours.lines / ours.seconds;
  const raw = Math.max(...rawRates);
  lines.push(
    `  cspin:   ${ours.seconds.toFixed(2)} s, ${ours.lines.toLocaleString('en-US')} users, ${Math.round(rate).toLocaleString('en-US')} users/s; peak RSS get-csuser ${runs[0]?.rssMiB[0]?.toFixed(0)} MiB, set-csclientpin ${peak.toFixed(0)} MiB`,
    `  scrypt:  ${Math.round(raw).toLocaleString('en-US')} hashes/s on this machine, ${inFlight} in flight (pipeline/raw = ${(rate / raw).toFixed(2)})`,
  );
  const budget = BASE_RSS_MIB + 16 * inFlight;
  return {
    lines,
    checks: [
      [`≥ ${RATE_TARGET} of the raw hash rate (limited by hashing, not by the pipeline)`, rate >= RATE_TARGET * raw],
      [`set-csclientpin peak RSS ≤ ${budget} MiB (${BASE_RSS_MIB} + 16 per hash in flight)`, peak <= budget],
      ['every user with a SIP address got a PIN', ours.lines === options.users - Math.floor(options.users / 50)],
    ],
  };
}

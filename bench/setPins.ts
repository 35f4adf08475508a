/**
 * The bulk PIN reset scenario: `Get-CsUser | Set-CsClientPin` over its own directory (default 10,000
 * users: every user costs one scrypt, so the 1,000,000-user directory of the read scenarios would
 * take hours). Its reference is the raw hash rate of this machine: scrypt with the same parameters and
 * the same number in flight, in this process. The pipeline should be limited by the hashing, so its
 * users/s should come close to that rate.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mapOrdered, threadPoolParallelism } from '../src/core/index.js';
import { hashPin } from '../src/pins/index.js';
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
/** Peak RSS allowed: this much, plus 16 MiB per hash in flight (scrypt N=16384, r=8). */
const BASE_RSS_MIB = 64;

/** Hashes per second of this machine with `inFlight` scrypt calls at a time. */
async function rawHashRate(count: number, inFlight: number): Promise<number> {
  const pepper = randomBytes(32);
  const start = process.hrtime.bigint();
  for await (const _hash of mapOrdered(Array.from({ length: count }, (_, i) => String(100000 + i)), inFlight, (pin) => hashPin(pin, pepper))) {
    // Only the time matters.
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * Runs the scenario.
 * @param options the directory folder, user count, runs, the bins' environment and the measuring function
 * @returns the report lines and checks
 */
export async function benchSetPins(options: {
  dir: string;
  users: number;
  runs: number;
  env: NodeJS.ProcessEnv;
  measure: (stages: string[], env: NodeJS.ProcessEnv) => Measure;
}): Promise<SetPinsResult> {
  const db = join(options.dir, `pins-${options.users}.db`);
  const lines: string[] = [];
  if (!existsSync(db)) {
    lines.push(`  generated ${options.users.toLocaleString('en-US')} users in ${db}`);
    generateDirectory(db, options.users, () => undefined);
  }
  const env = { ...options.env, CSPIN_DB: db };
  const inFlight = threadPoolParallelism(env);
  const stages = ['get-csuser', 'set-csclientpin'];
  const runs = Array.from({ length: options.runs }, () => options.measure(stages, env));
  const ours = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const peak = Math.max(...runs.map((m) => m.rssMiB[1] ?? 0));
  const rate = ours.lines / ours.seconds;
  const raw = await rawHashRate(Math.min(400, Math.max(50, Math.round(rate * 5))), inFlight);
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

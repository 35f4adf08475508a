/**
 * The two sides of a conformance case: the cspin bins in bash, and PowerShell 7.6 in the oracle host
 * (test/conformance/host: one process, one runspace, cases in on stdin and results out on stdout, in order).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ConformanceCase } from './case.js';
import { parseNdjson, pwshOf, type SideResult } from './compare.js';

/** How long one cspin pipeline may take. */
const CASE_TIMEOUT_MS = 30_000;

/**
 * Runs a case through the bins: its files in a fresh folder as the working directory, its input on stdin.
 * @param item the case
 * @param root the worktree (its bin/ goes first on PATH)
 * @param env the environment (CSPIN_DB of the sample directory)
 * @returns what cspin gave
 */
export async function runCspin(item: ConformanceCase, root: string, env: NodeJS.ProcessEnv): Promise<SideResult> {
  const cwd = mkdtempSync(join(tmpdir(), 'cspin-conformance-'));
  try {
    for (const [name, text] of Object.entries(item.files ?? {})) writeFileSync(join(cwd, name), text);
    const run = await bash(item.pipeline, cwd, {
      ...env,
      PATH: `${join(root, 'bin')}:${process.env.PATH ?? ''}`,
      CSPIN_ERROR_FORMAT: 'json',
      CSPIN_FORMAT: '',
      TZ: item.tz ?? 'UTC',
      COLUMNS: String(item.columns ?? 120),
    }, item.input === undefined ? undefined : item.input.map((line) => `${line}\n`).join(''));
    const errors = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => {
        try {
          return String((JSON.parse(line) as { errorId?: unknown }).errorId);
        } catch {
          return line;
        }
      });
    const result: SideResult = { errors, exitCode: run.code };
    if (run.timedOut) result.failure = `did not finish within ${CASE_TIMEOUT_MS / 1000} s`;
    const output = item.output;
    if (output === 'objects') result.objects = parseNdjson(run.stdout);
    else if (output === 'text') result.text = run.stdout;
    else if (output === 'count') result.count = parseNdjson(run.stdout).length;
    else result.file = existsSync(join(cwd, output.file)) ? readFileSync(join(cwd, output.file)).toString('base64') : null;
    return result;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

interface BashRun {
  stdout: string;
  stderr: string;
  code: number;
  timedOut: boolean;
}

function bash(command: string, cwd: string, env: NodeJS.ProcessEnv, input: string | undefined): Promise<BashRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, CASE_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin?.on('error', () => undefined);
    if (input !== undefined) child.stdin?.end(input);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: code ?? -1, timedOut });
    });
  });
}

/** One result line of the host. */
interface HostResult {
  id: string;
  objects?: string;
  text?: string;
  file?: string | null;
  count?: number;
  errors?: string[];
  failure?: string;
}

/** The PowerShell side: a running host and the results it has still to give. */
export interface Oracle {
  /** Sends a case; resolves with PowerShell's result. */
  run(id: string, item: ConformanceCase): Promise<SideResult>;
  /** Ends the host (after the last result). */
  close(): Promise<void>;
}

/**
 * Starts the built host.
 * @param dll the host's ConformanceHost.dll
 * @returns the oracle
 */
export function startOracle(dll: string): Oracle {
  const child = spawn('dotnet', [dll], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TZ: 'UTC' } });
  const waiting = new Map<string, (result: HostResult) => void>();
  let ended: string | undefined;
  const exited = new Promise<void>((resolve) => child.on('close', (code, signal) => {
    ended = `the PowerShell host ended (${signal ?? `exit ${code}`})`;
    for (const [id, resolveResult] of waiting) resolveResult({ id, failure: ended });
    waiting.clear();
    resolve();
  }));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const result = JSON.parse(line) as HostResult;
    waiting.get(result.id)?.(result);
    waiting.delete(result.id);
  });
  return {
    run(id, item) {
      return new Promise((resolve) => {
        if (ended !== undefined) {
          resolve({ errors: [], failure: ended });
          return;
        }
        waiting.set(id, (result) => resolve(sideOf(item, result)));
        const job = { id, input: item.input, files: item.files, script: pwshOf(item), output: item.output, tz: item.tz, columns: item.columns };
        child.stdin.write(`${JSON.stringify(job)}\n`);
      });
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

function sideOf(item: ConformanceCase, result: HostResult): SideResult {
  const side: SideResult = { errors: result.errors ?? [] };
  if (result.failure !== undefined) side.failure = result.failure;
  if (result.objects !== undefined) side.objects = parseNdjson(result.objects);
  if (result.text !== undefined) side.text = result.text;
  if (result.file !== undefined) side.file = result.file;
  if (result.count !== undefined) side.count = result.count;
  if (item.output === 'objects' && side.objects === undefined) side.objects = [];
  return side;
}

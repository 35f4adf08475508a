/**
 * End-to-end helpers: the real bins on PATH (symlinked the way `npm link` does) and bash command
 * lines run through real pipes against a real SQLite file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

let binDir: string | undefined;

/** A folder with every bin of package.json, symlinked to the built entry point. */
export function bins(): string {
  if (binDir) return binDir;
  binDir = mkdtempSync(join(tmpdir(), 'cspin-bin-'));
  for (const [name, target] of Object.entries(pkg.bin)) symlinkSync(join(ROOT, target), join(binDir, name));
  return binDir;
}

/** The result of a command line. */
export interface ShellResult {
  stdout: string;
  stderr: string;
  code: number;
  /** stdout parsed as NDJSON. */
  objects: Record<string, unknown>[];
}

/** Options of {@link sh}. */
export interface ShellOptions {
  env?: NodeJS.ProcessEnv;
  /** Text for the command line's stdin; without it stdin is /dev/null. */
  input?: string;
  cwd?: string;
}

/**
 * Runs a bash command line with the bins on PATH.
 * @param command the command line, as a user would type it
 * @param options environment, stdin, working directory
 * @returns stdout, stderr, exit status and the parsed NDJSON objects
 */
export function sh(command: string, options: ShellOptions = {}): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      cwd: options.cwd ?? tmpdir(),
      env: { ...process.env, CSPIN_FORMAT: '', ...options.env, PATH: `${bins()}:${process.env.PATH ?? ''}` },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A command may stop reading before the end (| head, -ErrorAction Stop): not a test failure.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.on('error', reject);
    child.on('close', (code) => {
      const objects = stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return { unparsed: line };
          }
        });
      resolve({ stdout, stderr, code: code ?? -1, objects });
    });
  });
}

/**
 * A fresh sample directory in a temporary folder.
 * @returns the environment that points the bins at it
 */
export async function sampleDirectory(): Promise<NodeJS.ProcessEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'cspin-db-'));
  const env = { CSPIN_DB: join(dir, 'cspin.db') };
  const init = await sh('cspin init --sample', { env });
  if (init.code !== 0) throw new Error(`cspin init --sample failed: ${init.stderr}`);
  return env;
}

/** The sorted, lower-cased Identity values of some objects. */
export function identities(objects: readonly Record<string, unknown>[]): string[] {
  return objects.map((o) => String(o.Identity ?? '').toLowerCase()).sort();
}

/** One error record as `CSPIN_ERROR_FORMAT=json` writes it on stderr. */
export interface ErrorLine {
  command: string;
  errorId: string;
  category: string;
  message: string;
  record?: number;
  target?: string;
}

/** The JSON error lines of a result's stderr. */
export function errorsOf(result: ShellResult): ErrorLine[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ErrorLine);
}

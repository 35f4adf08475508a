/**
 * `npm run conformance [-- [--show] <text>]`: every case of test/conformance/cases/ (or those whose name contains <text>;
 * --show prints the outputs of the cases that agree too)
 * through the cspin bins and through PowerShell 7.6 itself; prints each difference with both outputs, then
 * `N cases, N same, N different, N deliberate, N open`. Exit status 1 on any difference not marked deliberate
 * nor listed as open (open.ts), or
 * when there is no `dotnet` to run PowerShell with.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConformanceCase } from './case.js';
import { describe, judge, summary, type Verdict } from './compare.js';
import { runCspin, startOracle } from './sides.js';
import { OPEN } from './open.js';

/** The worktree: this file runs compiled in .conformance/build/test/conformance/. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const HOST = join(ROOT, 'test', 'conformance', 'host');

function fail(message: string): never {
  process.stderr.write(`conformance: ${message}\n`);
  process.exit(1);
}

/** Every case, named `<area>: <name>` (the area is the file's name). */
async function loadCases(): Promise<{ name: string; item: ConformanceCase }[]> {
  const folder = fileURLToPath(new URL('./cases/', import.meta.url));
  const cases: { name: string; item: ConformanceCase }[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.js')).sort()) {
    const loaded = (await import(pathToFileURL(join(folder, file)).href)) as { default?: unknown };
    if (!Array.isArray(loaded.default)) fail(`${file} does not export an array of cases by default`);
    for (const item of loaded.default as ConformanceCase[]) {
      const name = `${file.replace(/\.js$/, '')}: ${item.name}`;
      if (seen.has(name)) fail(`two cases are named "${name}"`);
      seen.add(name);
      cases.push({ name, item });
    }
  }
  return cases;
}

/** Runs tasks, at most `limit` at a time, keeping their order. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dotnet = spawnSync('dotnet', ['--version'], { encoding: 'utf8' });
  if (dotnet.error !== undefined || dotnet.status !== 0) {
    fail('`dotnet` was not found: the conformance run needs the .NET 10 SDK (and NuGet access to Microsoft.PowerShell.SDK 7.6.10) to run PowerShell itself. `npm test` does not need it.');
  }
  const show = process.argv.includes('--show');
  const filter = process.argv.slice(2).find((arg) => arg !== '--show');
  const cases = (await loadCases()).filter(({ name }) => filter === undefined || name.includes(filter));
  if (cases.length === 0) fail(filter === undefined ? 'no cases in test/conformance/cases/' : `no case name contains "${filter}"`);

  const quiet = { ...process.env, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' };
  const build = spawnSync('dotnet', ['build', HOST, '-c', 'Release', '--nologo', '-v', 'q', '-clp:ErrorsOnly'], { encoding: 'utf8', env: quiet });
  if (build.status !== 0) fail(`the PowerShell host did not build:\n${build.stdout}${build.stderr}`);
  const built = Date.now();

  const scratch = mkdtempSync(join(tmpdir(), 'cspin-conformance-db-'));
  try {
    const env = { ...process.env, TMPDIR: scratch, CSPIN_DB: join(scratch, 'cspin.db') };
    const init = spawnSync('bash', ['-c', 'cspin init --sample'], { encoding: 'utf8', env: { ...env, PATH: `${join(ROOT, 'bin')}:${process.env.PATH ?? ''}` } });
    if (init.status !== 0) fail(`cspin init --sample failed (is dist/ built?): ${init.stderr}`);

    const oracle = startOracle(join(HOST, 'bin', 'Release', 'net10.0', 'ConformanceHost.dll'));
    // PowerShell runs the cases one after another in its one runspace while the bins run beside it.
    const pwshResults = cases.map(({ name, item }) => oracle.run(name, item));
    const cspinResults = await pool(cases, Math.max(2, availableParallelism()), ({ item }) => runCspin(item, ROOT, env));
    const verdicts: Verdict[] = [];
    for (const [index, { name, item }] of cases.entries()) {
      const cspin = cspinResults[index];
      const pwsh = await pwshResults[index];
      if (cspin === undefined || pwsh === undefined) continue;
      const verdict = judge(item, name, cspin, pwsh, OPEN[name]);
      verdicts.push(verdict);
      if (verdict.status !== 'same' || show) process.stdout.write(`${describe(item, verdict, cspin, pwsh)}\n`);
      else if (verdict.staleDeliberate) process.stdout.write(`NOTE ${name}: marked deliberate or open, but cspin and PowerShell now agree: drop the mark\n`);
    }
    await oracle.close();
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    process.stdout.write(`PowerShell host build ${seconds(built - started)}, cases ${seconds(Date.now() - built)}\n${summary(verdicts)}\n`);
    process.exitCode = verdicts.some((v) => v.status === 'different') ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();

/**
 * The package's version, for `cspin --version` and Get-Command: read from the package.json found
 * upward from this module, which runs from dist/, from the bundle or from an installed copy (yargs
 * looks for the working folder's package.json, so it printed `unknown` anywhere else).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The version of the package this module belongs to.
 * @param name the package's name
 * @returns e.g. 0.1.0, or `unknown` when no package.json of that name is found
 */
export function packageVersion(name: string): string {
  cached ??= findVersion(name);
  return cached;
}

function findVersion(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // An unreadable package.json further down is not ours: go on upward.
    }
  }
  return 'unknown';
}

/**
 * The package's version, for `cspin --version`: read from the package.json found upward from this
 * module, which runs from dist/, from the bundle or from an installed copy (yargs looks beside the
 * working folder's package.json, so it printed `unknown` anywhere else).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of the cspin package this module belongs to.
 * @returns e.g. 0.1.0, or `unknown` when no cspin package.json is found
 */
export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'cspin' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // An unreadable package.json further down is not ours: go on upward.
    }
  }
  return 'unknown';
}

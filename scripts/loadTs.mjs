// Loads a TypeScript module of this repository in plain node (20 has no type stripping): esbuild bundles
// it in memory (npm packages included) and node imports the bundle from a data: URL.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {string} path the module, relative to the repository root
 * @returns {Promise<Record<string, unknown>>} its exports
 */
export async function loadTs(path) {
  const file = resolve(ROOT, path);
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // A data: URL has no folder: modules that look for files upward from theirs start at their source folder.
    define: { 'import.meta.dirname': JSON.stringify(dirname(file)) },
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/**
 * Every documented example of every cmdlet runs literally in bash against a fresh copy of the sample
 * directory (nushell's habit): the docs and the tests cannot drift apart.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CMDLETS } from '../src/cmdlets/index.js';
import type { AnyCmdletDecl } from '../src/core/index.js';
import { identities, sampleDirectory, sh } from './support/shell.js';

const decls: [string, AnyCmdletDecl][] = await Promise.all(
  Object.entries(CMDLETS).map(async ([name, load]) => [name, await load()] as [string, AnyCmdletDecl]),
);

let template: string;
beforeAll(async () => {
  template = (await sampleDirectory()).CSPIN_DB ?? '';
});

/** `<any>` in an expected object stands for any value (a generated PIN): replaced by a matcher. */
function anyAsMatcher(value: unknown): unknown {
  if (value === '<any>') return expect.anything();
  if (Array.isArray(value)) return value.map(anyAsMatcher);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, anyAsMatcher(v)]));
  return value;
}

/** A private copy of the sample directory, so examples that change it do not disturb each other. */
function freshCopy(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'cspin-example-'));
  const db = join(dir, 'cspin.db');
  copyFileSync(template, db);
  copyFileSync(`${template}.key`, `${db}.key`);
  return { CSPIN_DB: db };
}

describe.each(decls)('%s', (_name, decl) => {
  it.each(decl.examples.map((e, i) => [i + 1, e.title, e] as const))('example %i (%s) runs as documented', async (_i, _title, example) => {
    const env = freshCopy();
    const cwd = mkdtempSync(join(tmpdir(), 'cspin-cwd-'));
    const result = await sh(example.code, { env, cwd });
    const want = example.expect ?? {};
    expect(result.code, result.stderr).toBe(want.exitCode ?? 0);
    if (want.stderrIncludes) expect(result.stderr).toContain(want.stderrIncludes);
    else expect(result.stderr).toBe('');
    if (want.identities) expect(identities(result.objects)).toEqual([...want.identities].map((s) => s.toLowerCase()).sort());
    for (const object of want.properties ? result.objects : []) {
      expect(Object.keys(object).filter((k) => k !== 'PSTypeName')).toEqual(want.properties);
    }
    if (want.objects) expect(result.objects).toEqual(want.objects.map(anyAsMatcher));
    if (want.stdout !== undefined) expect(result.stdout).toBe(want.stdout);
    for (const [name, text] of Object.entries(want.files ?? {})) expect(readFileSync(join(cwd, name), 'utf8'), name).toBe(text);
  });
});

/**
 * Every documented example of every cmdlet runs literally in bash against a fresh copy of the sample
 * directory (nushell's habit), and its output is checked exactly: the docs and the tests cannot
 * drift apart. A `then` command proves a change the example does not show.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CMDLETS } from '../src/cmdlets/index.js';
import { EXAMPLE_NOW } from '../src/cmdlets/sampleObjects.js';
import type { AnyCmdletDecl } from '../src/core/index.js';
import { identities, sampleDirectory, sh, type ShellResult } from './support/shell.js';

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

/** Where the output's property order differs from the expected one: toEqual does not look at order. */
function keyOrderProblems(actual: unknown, expected: unknown, path: string): string[] {
  if (expected === '<any>' || typeof actual !== 'object' || actual === null || typeof expected !== 'object' || expected === null) return [];
  if (Array.isArray(expected)) {
    return Array.isArray(actual) ? expected.flatMap((e, i) => keyOrderProblems(actual[i] as unknown, e, `${path}[${i}]`)) : [];
  }
  const [got, want] = [Object.keys(actual), Object.keys(expected)];
  const here = got.join(', ') === want.join(', ') ? [] : [`${path}: ${got.join(', ')} (expected ${want.join(', ')})`];
  const inner = want.flatMap((k) => keyOrderProblems((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`));
  return [...here, ...inner];
}

/** Checks a command's exact output: the objects in order (with their property order), or the text. */
function expectOutput(result: ShellResult, want: { objects?: readonly unknown[]; stdout?: string }, what: string): void {
  if (want.objects) {
    expect(result.objects, what).toEqual(want.objects.map(anyAsMatcher));
    expect(keyOrderProblems(result.objects, want.objects, what)).toEqual([]);
  }
  if (want.stdout !== undefined) expect(result.stdout, what).toBe(want.stdout);
}

/** A private copy of the sample directory, so examples that change it do not disturb each other. */
function freshCopy(dir: string): NodeJS.ProcessEnv {
  const db = join(dir, 'cspin.db');
  copyFileSync(template, db);
  copyFileSync(`${template}.key`, `${db}.key`);
  // The clock is fixed, so a PIN an example sets has a known LastPinChangeTime; text output shows
  // dates in local time, here UTC.
  return { CSPIN_DB: db, CSPIN_NOW: EXAMPLE_NOW, TZ: 'UTC' };
}

describe.each(decls)('%s', (_name, decl) => {
  it.each(decl.examples.map((e, i) => [i + 1, e.title, e] as const))('example %i (%s) runs as documented', async (_i, _title, example) => {
    const dir = mkdtempSync(join(tmpdir(), 'cspin-example-'));
    const cwd = mkdtempSync(join(tmpdir(), 'cspin-cwd-'));
    try {
      const env = freshCopy(dir);
      const result = await sh(example.code, { env, cwd });
      const want = example.expect ?? {};
      expect(result.code, result.stderr).toBe(want.exitCode ?? 0);
      if (want.stderrIncludes) expect(result.stderr).toContain(want.stderrIncludes);
      else expect(result.stderr).toBe('');
      if (want.identities) expect(identities(result.objects)).toEqual([...want.identities].map((s) => s.toLowerCase()).sort());
      for (const object of want.properties ? result.objects : []) {
        expect(Object.keys(object).filter((k) => k !== 'PSTypeName')).toEqual(want.properties);
      }
      expectOutput(result, want, 'the example');
      for (const [name, text] of Object.entries(want.files ?? {})) expect(readFileSync(join(cwd, name), 'utf8'), name).toBe(text);
      if (want.then) {
        const after = await sh(want.then.code, { env, cwd });
        expect(after.code, after.stderr).toBe(0);
        expect(after.stderr, want.then.code).toBe('');
        expectOutput(after, want.then, want.then.code);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

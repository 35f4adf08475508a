/**
 * Lint tests over the whole cmdlet registry and the source tree (nushell's habit): names, help
 * texts, parameters, examples and bins follow one set of rules, and the layers import only
 * downwards.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CMDLETS } from '../src/cmdlets/index.js';
import { COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS } from '../src/core/commonParameters.js';
import { helpText, syntaxLine } from '../src/core/help.js';
import type { AnyCmdletDecl, ExampleExpectation } from '../src/core/index.js';
import { ROOT, sh } from './support/shell.js';

/** PowerShell's approved verbs (Get-Verb). */
const APPROVED_VERBS = new Set(
  `Add Clear Close Copy Enter Exit Find Format Get Hide Join Lock Move New Open Optimize Pop Push Redo Remove Rename Reset Resize
   Search Select Set Show Skip Split Step Switch Undo Unlock Watch Connect Disconnect Read Receive Send Write Backup Checkpoint
   Compare Compress Convert ConvertFrom ConvertTo Dismount Edit Expand Export Group Import Initialize Limit Merge Mount Out
   Publish Restore Save Sync Unpublish Update Debug Measure Ping Repair Resolve Test Trace Approve Assert Build Complete Confirm
   Deny Deploy Disable Enable Install Invoke Register Request Restart Resume Start Stop Submit Suspend Uninstall Unregister
   Wait Block Grant Protect Revoke Unblock Unprotect Use`.split(/\s+/),
);

/** PowerShell's own cmdlets whose verb is not on the list (Where-Object ships with PowerShell). */
const CORE_CMDLETS = new Set(['Where-Object', 'ForEach-Object', 'Sort-Object']);

const SRC = join(ROOT, 'src');
const CMDLET_DIR = join(SRC, 'cmdlets');

const decls: [string, AnyCmdletDecl][] = await Promise.all(
  Object.entries(CMDLETS).map(async ([name, load]) => [name, await load()] as [string, AnyCmdletDecl]),
);

/** getCsUser.ts for Get-CsUser: the verb in lower case, then the noun. */
const fileOf = (name: string) => {
  const [verb = '', noun = ''] = name.split('-');
  return `${verb.toLowerCase()}${noun}.ts`;
};

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The module specifiers a file imports or re-exports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/gms),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specifiers.map((m) => m[1] ?? '');
}

/** The folder (relative to the root) a relative specifier points into; bare specifiers are packages. */
function target(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(ROOT, resolve(dirname(file), specifier)).split('\\').join('/');
}

/** The imports of the files under `layer` that point into any of `forbidden` (folders relative to the root). */
function violations(layer: string, forbidden: readonly string[]): string[] {
  return sourceFiles(join(ROOT, layer)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => {
        const to = target(file, specifier);
        return to !== undefined && forbidden.some((folder) => to === folder || to.startsWith(`${folder}/`));
      })
      .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
  );
}

/**
 * What is loose about an example's expectation: it must state the exact output (objects, stdout or
 * files) or say why it cannot (illustrative, a reason of a few words), and a `then` its exact output.
 */
function looseness(want: ExampleExpectation | undefined): string[] {
  if (want === undefined) return ['no expectation'];
  const exact = want.objects !== undefined || want.stdout !== undefined || Object.keys(want.files ?? {}).length > 0;
  const problems: string[] = [];
  if (want.illustrative !== undefined && !/\S+\s+\S+/.test(want.illustrative)) problems.push('an illustrative reason of less than two words');
  else if (!exact && want.illustrative === undefined) problems.push('neither objects, stdout nor files, and no illustrative reason');
  if (want.then && (want.then.code.trim() === '' || (want.then.objects === undefined && want.then.stdout === undefined))) {
    problems.push('a then without code, or without objects or stdout');
  }
  return problems;
}

/** Lines as wc -l counts them, plus an unterminated last line. */
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') || text === '' ? 1 : 0);

describe('the cmdlet registry', () => {
  it('the registry is not empty and keys each cmdlet by its own name', () => {
    expect(decls.length).toBeGreaterThan(0);
    for (const [key, decl] of decls) expect(decl.name).toBe(key);
  });

  it.each(decls)('%s is an approved verb, a dash and a noun', (name) => {
    const match = /^([A-Z][A-Za-z]+)-([A-Z][A-Za-z0-9]+)$/.exec(name);
    expect(match, name).not.toBeNull();
    const approved = APPROVED_VERBS.has(match?.[1] ?? '') || CORE_CMDLETS.has(name);
    expect(approved, `${match?.[1]} is not an approved verb`).toBe(true);
  });

  it.each(decls)('%s lives in the file named after it (Get-CsUser ↔ getCsUser.ts)', async (name, decl) => {
    const file = join(CMDLET_DIR, fileOf(name));
    expect(existsSync(file), file).toBe(true);
    const module = (await import(pathToFileURL(file).href)) as { default: unknown };
    expect(module.default).toBe(decl);
  });

  it('every cmdlet declared under src/cmdlets is in the registry', () => {
    const declaring = sourceFiles(CMDLET_DIR).filter((file) => /\bdefine(?:Service)?Cmdlet\(/.test(readFileSync(file, 'utf8')) && !file.endsWith('services.ts'));
    const registered = decls.map(([name]) => join(CMDLET_DIR, fileOf(name))).sort();
    expect(declaring).toEqual(registered);
  });

  it.each(decls)('%s has a synopsis that starts in upper case and ends with a period', (_name, decl) => {
    expect(decl.synopsis).toMatch(/^[A-Z][^\n]*\.$/);
    if (decl.description !== undefined) expect(decl.description.trim()).toMatch(/^[A-Z][\s\S]*\.$/);
  });

  it.each(decls)('%s describes every parameter, each description ending with a period', (_name, decl) => {
    const undescribed = Object.entries(decl.parameters)
      .filter(([, p]) => !/^\S[\s\S]*\.$/.test(p.description.trim()))
      .map(([parameter]) => parameter);
    expect(undescribed).toEqual([]);
  });

  it.each(decls)('%s has no parameter name or alias that collides with another or with a common parameter', (_name, decl) => {
    const reserved = [COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS].flatMap((set) =>
      Object.entries(set).flatMap(([name, p]) => [name, ...((p as { aliases?: readonly string[] }).aliases ?? [])]),
    );
    // -?, -h and --help ask for help.
    const seen = new Map<string, string>([...reserved, '?', 'h', 'help'].map((n) => [n.toLowerCase(), `reserved ${n}`]));
    const collisions: string[] = [];
    for (const [parameter, p] of Object.entries(decl.parameters)) {
      for (const name of [parameter, ...(p.aliases ?? [])]) {
        const key = name.toLowerCase();
        const owner = seen.get(key);
        if (owner !== undefined) collisions.push(`${parameter}: ${name} (already ${owner})`);
        else seen.set(key, parameter);
      }
    }
    expect(collisions).toEqual([]);
  });

  it.each(decls)('%s has examples, each with a title, code that runs the cmdlet, and remarks', (name, decl) => {
    expect(decl.examples.length).toBeGreaterThan(0);
    for (const example of decl.examples) {
      expect(example.title.trim(), name).not.toBe('');
      expect(example.remarks.trim(), example.title).not.toBe('');
      expect(example.code.toLowerCase(), example.title).toContain(name.toLowerCase());
    }
  });

  it.each(decls)('%s states the exact output of every example, or why it is only illustrative', (_name, decl) => {
    const loose = decl.examples.flatMap((example) => looseness(example.expect).map((problem) => `${example.title}: ${problem}`));
    expect(loose).toEqual([]);
  });

  it('the example lint finds loose expectations', () => {
    // Guards the test above against a check that passes everything.
    expect(looseness(undefined)).toEqual(['no expectation']);
    expect(looseness({ identities: ['Global'], properties: ['Identity'] })).toHaveLength(1);
    expect(looseness({ illustrative: ' ' })).toHaveLength(1);
    expect(looseness({ stdout: '', then: { code: 'Get-CsPinPolicy' } })).toHaveLength(1);
    expect(looseness({ objects: [], then: { code: 'Get-CsPinPolicy', stdout: '' } })).toEqual([]);
    expect(looseness({ illustrative: 'Depends on the current time.' })).toEqual([]);
  });

  it.each(decls)('%s help text holds its syntax line and the code of every example', (_name, decl) => {
    const text = helpText(decl);
    expect(text).toContain(syntaxLine(decl));
    for (const example of decl.examples) expect(text).toContain(example.code);
  });
});

describe('package.json bins', () => {
  const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;

  it('package.json has a bin for cspin and both spellings of every cmdlet, and nothing else', () => {
    const expected = ['cspin', ...decls.flatMap(([name]) => [name, name.toLowerCase()])].sort();
    expect(Object.keys(bin).sort()).toEqual(expected);
  });

  it('every package.json bin points at bin/cspin.js', () => {
    const elsewhere = Object.entries(bin).filter(([, path]) => path.replace(/^\.\//, '') !== 'bin/cspin.js');
    expect(elsewhere).toEqual([]);
    expect(existsSync(join(ROOT, 'bin', 'cspin.js'))).toBe(true);
  });

  it('bin/ holds a link to cspin.js for every bin, so the README\'s PATH line gives every command', () => {
    const missing = Object.keys(bin).filter((name) => {
      const link = join(ROOT, 'bin', name);
      return !existsSync(link) || !lstatSync(link).isSymbolicLink() || readlinkSync(link) !== 'cspin.js';
    });
    expect(missing).toEqual([]);
  });
});

describe.concurrent('help on the command line', () => {
  const pinInfo = decls.find(([name]) => name === 'Get-CsClientPinInfo')?.[1];

  it.each([['-?'], ['-h'], ['--help']])('Get-CsClientPinInfo %s prints its help and exits 0, with no database needed', async (flag) => {
    expect(pinInfo).toBeDefined();
    const result = await sh(`Get-CsClientPinInfo ${flag}`, { env: { CSPIN_DB: '/nonexistent/cspin.db' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(syntaxLine(pinInfo as AnyCmdletDecl));
    for (const example of pinInfo?.examples ?? []) expect(result.stdout).toContain(example.code);
  });
});

describe('source layering and size', () => {
  it('src/core imports nothing from src/directory, src/pins, src/cmdlets or src/admin', () => {
    expect(violations('src/core', ['src/directory', 'src/pins', 'src/cmdlets', 'src/admin'])).toEqual([]);
  });

  it.each([['src/directory'], ['src/pins']])('%s imports nothing from src/cmdlets or src/admin', (layer) => {
    expect(violations(layer, ['src/cmdlets', 'src/admin'])).toEqual([]);
  });

  it('no file under src imports from test/', () => {
    expect(violations('src', ['test'])).toEqual([]);
  });

  it('no file under src imports rxjs/internal', () => {
    const deep = sourceFiles(SRC).flatMap((file) =>
      importsOf(file)
        .filter((s) => s === 'rxjs/internal' || s.startsWith('rxjs/internal/'))
        .map((s) => `${relative(ROOT, file)} imports ${s}`),
    );
    expect(deep).toEqual([]);
  });

  it('the import scanner sees static, re-exported, multi-line and dynamic imports', () => {
    // Guards the layering tests above against a scanner that finds nothing.
    expect(importsOf(join(CMDLET_DIR, 'index.ts'))).toEqual(expect.arrayContaining(['../core/index.js', './getCsUser.js']));
    expect(importsOf(join(SRC, 'cli.ts'))).toEqual(expect.arrayContaining(['node:path', './admin/cspin.js', './core/index.js']));
    expect(violations('src/cmdlets', ['src/core']).length).toBeGreaterThan(0);
  });

  it('no file under src is over 300 lines', () => {
    const long = sourceFiles(SRC)
      .map((file) => [relative(ROOT, file), lineCount(readFileSync(file, 'utf8'))] as const)
      .filter(([, lines]) => lines > 300)
      .map(([file, lines]) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});

describe('the directory/PIN-store seam', () => {
  // Cmdlets see UserDirectory and PinStore only: SQL lives with the SQLite backends.
  const SQL = /\b(?:SELECT\b[^\n]*\bFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/;

  it('no file in src/cmdlets imports better-sqlite3', () => {
    const found = sourceFiles(CMDLET_DIR).filter((file) => importsOf(file).some((s) => s === 'better-sqlite3' || s.endsWith('/sqlite.js')));
    expect(found.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('no file in src/cmdlets contains SQL', () => {
    const found = sourceFiles(CMDLET_DIR).filter((file) => SQL.test(readFileSync(file, 'utf8')));
    expect(found.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('the SQL check sees SQL', () => {
    expect(['SELECT 1 FROM users u', 'INSERT OR REPLACE INTO pins', 'UPDATE pins SET locked = 1', 'DELETE FROM pin_grants'].every((sql) => SQL.test(sql))).toBe(true);
    expect(SQL.test('Select-Object -First 1 from the input; update the PIN')).toBe(false);
  });
});

/**
 * Every array parameter of the registry takes PowerShell's comma lists in both bash spellings
 * (`-P a,b` and `-P a, b`, which bash hands over as `a,` and `b`), and every parameter PowerShell 7.6
 * types as an array is one here: a parameter declared as a plain string took `a,` alone and left `b`
 * to the next position (Export-Csv -QuoteFields a, b).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CMDLETS } from '../../src/cmdlets/index.js';
import { bindCommandLine } from '../../src/core/bindCommandLine.js';
import type { AnyCmdletDecl } from '../../src/core/index.js';
import { sh } from '../support/shell.js';

/** The array parameters of PowerShell 7.6.10's cmdlets that cspin has (asked of PowerShell: ParameterType.IsArray). */
const POWERSHELL_ARRAYS: Readonly<Record<string, readonly string[]>> = {
  'Export-Csv': ['QuoteFields'],
  'ConvertTo-Csv': ['QuoteFields'],
  'ConvertFrom-Csv': ['InputObject', 'Header'],
  'Import-Csv': ['Path', 'LiteralPath', 'Header'],
  'ForEach-Object': ['Process', 'RemainingScripts', 'ArgumentList'],
  'Format-List': ['Property'],
  'Format-Table': ['Property'],
  'Get-Command': ['Name', 'Verb', 'Noun', 'Module', 'ExcludeModule', 'FullyQualifiedModule', 'ArgumentList', 'ParameterName', 'ParameterType'],
  'Get-Help': ['Category', 'Parameter', 'Component', 'Functionality', 'Role'],
  'Group-Object': ['Property'],
  'Measure-Object': ['Property'],
  'Select-Object': ['Property', 'ExcludeProperty', 'Index', 'SkipIndex'],
  'Sort-Object': ['Property'],
};

/** Array parameters of PowerShell that stay single values in cspin, and why. */
const SINGLE: Readonly<Record<string, string>> = {
  'ConvertFrom-Csv InputObject': 'the text comes as one value (stdin or one argument)',
  'ForEach-Object Process': 'one script block: begin/process/end blocks are not supported',
};

const declarations = Promise.all(Object.values(CMDLETS).map((load) => load()));

/** A list element the parameter's element type takes. */
const element = (decl: AnyCmdletDecl, name: string, n: number) => (decl.parameters[name]?.type.name.startsWith('Int32') ? String(n) : `P${n}`);

describe('array parameters', () => {
  it('every parameter PowerShell types as an array is an array parameter (or listed with its reason)', async () => {
    const wrong: string[] = [];
    for (const decl of await declarations) {
      for (const name of POWERSHELL_ARRAYS[decl.name] ?? []) {
        const type = decl.parameters[name]?.type;
        const single = SINGLE[`${decl.name} ${name}`] !== undefined;
        if (type !== undefined && (type.isArray === true) === single) wrong.push(`${decl.name} -${name}${single ? ' (listed as single, but an array)' : ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every array parameter binds `a, b` (two arguments) as `a,b` (one)', async () => {
    let checked = 0;
    for (const decl of await declarations) {
      for (const [name, p] of Object.entries(decl.parameters)) {
        if (p.type.isArray !== true) continue;
        const [a, b] = [element(decl, name, 1), element(decl, name, 2)];
        const joined = bindCommandLine(decl, [`-${name}`, `${a},${b}`]).params[name];
        expect(bindCommandLine(decl, [`-${name}`, `${a},`, b]).params[name], `${decl.name} -${name}`).toEqual(joined);
        expect(joined, `${decl.name} -${name}`).toHaveLength(2);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it('Export-Csv -QuoteFields a, b quotes both columns (through the real bin)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cspin-arrays-'));
    const result = await sh(`printf '{"a":1,"b":2,"c":3}\\n' | Export-Csv out.csv -QuoteFields a, b && cat out.csv`, { cwd: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(result.stdout).toBe('"a","b",c\n"1","2",3\n');
    expect(result.code).toBe(0);
  });

  it('Get-Command -Verb Get, Test and Get-Help -Parameter Verb, Noun take both lists', async () => {
    const [command, help] = await Promise.all([sh('Get-Command -Verb Test, Grant -Syntax'), sh('Get-Help Get-Command -Parameter Verb, Noun')]);
    expect(command.stdout.match(/^[A-Z]\w+-\w+/gm)).toEqual(['Grant-CsPinPolicy', 'Test-CsClientPin']);
    expect(help.stdout.match(/^-\w+/gm)).toEqual(['-Verb', '-Noun']);
  });
});

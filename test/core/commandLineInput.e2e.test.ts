/**
 * A command whose command line bound every pipeline parameter (`Get-CsClientPinInfo -Identity x`):
 * stdin made for it is a pipeline, as in PowerShell (each record fails InputObjectNotBound); a
 * terminal, /dev/null or a script's own stdin is never read; an empty pipe runs the command once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, identities, sampleDirectory, sh } from '../support/shell.js';

const KEN = 'kenmyer@litwareinc.com';
const INFO = `Get-CsClientPinInfo -Identity ${KEN}`;
let env: NodeJS.ProcessEnv;
let dir: string;
let fifo: string;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json' };
  dir = mkdtempSync(join(tmpdir(), 'cspin-cmdline-input-'));
  fifo = join(dir, 'never-ends');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('the command line bound every pipeline parameter', () => {
  it('each piped record is InputObjectNotBound, and the command line alone never runs (exit 1)', async () => {
    const result = await sh(INFO, { env, input: `"${KEN}"\n{"Identity":"${KEN}"}\n` });
    expect(result.code).toBe(1);
    expect(result.objects).toEqual([]);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['InputObjectNotBound', 1], ['InputObjectNotBound', 2]]);
  });

  it('an empty pipe runs the command once with its command line', async () => {
    const result = await sh(`: | ${INFO}`, { env });
    expect(result.code).toBe(0);
    expect(identities(result.objects)).toEqual([`sip:${KEN}`]);
  });

  it('/dev/null is not read', async () => {
    const result = await sh(`${INFO} < /dev/null`, { env });
    expect(identities(result.objects)).toEqual([`sip:${KEN}`]);
  });

  it("a script's own stdin (inherited) is not read, even when it never ends", async () => {
    const result = await sh(`timeout 20 bash -c '${INFO}; echo end' <> ${fifo}`, { env });
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(result.stdout).toContain(`"sip:${KEN}"`);
  });

  it('a terminal is not read: the command answers at once', async () => {
    // util-linux script gives the command a pty as stdin; stdin of script itself never ends.
    const result = await sh(`timeout 20 script -qfec "${INFO}" /dev/null <> ${fifo}`, { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`sip:${KEN}`);
  });

  it('stdin made for the command is read like a pipeline: a pipe that never ends is waited on', async () => {
    // Through cat: timeout's own stdin would make the command's stdin inherited.
    const result = await sh(`timeout 3 bash -c 'cat <> ${fifo} | ${INFO}'`, { env });
    expect(result.code).toBe(124);
  });
});

describe.concurrent('binder ids end to end', () => {
  it.each([
    ['an empty -Identity', "Get-CsClientPinInfo -Identity ''", 'ParameterArgumentValidationError'],
    ['-ErrorAction with a bad value', `Get-CsClientPinInfo ${KEN} -ErrorAction Sometimes`, 'CannotConvertArgumentNoMessage'],
    ['-OutBuffer with text', `Get-CsClientPinInfo ${KEN} -OutBuffer many`, 'CannotConvertArgumentNoMessage'],
    ['two Where-Object operators', 'Where-Object A -EQ 1 -LT 2', 'AmbiguousParameterSet'],
  ])('%s exits 2', async (_case, command, errorId) => {
    const result = await sh(command, { env, input: '{"A":1}\n' });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual([errorId]);
  });

  it.each([
    ['""', 'ParameterArgumentValidationError'],
    ['null', 'ParameterArgumentValidationError'],
    ['{"SipAddress":"  "}', 'ParameterArgumentValidationError'],
  ])('the record %s is %s, and the next record still runs', async (line, errorId) => {
    const result = await sh('Get-CsClientPinInfo', { env, input: `${line}\n"${KEN}"\n` });
    expect(result.code).toBe(1);
    expect(identities(result.objects)).toEqual([`sip:${KEN}`]);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([[errorId, 1]]);
  });
});

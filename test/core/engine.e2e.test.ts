/**
 * The engine end to end, through Get-CsClientPinInfo: how stdin lines become records (and per-record
 * errors), exit statuses, -ErrorAction, the verbose/debug streams and -WhatIf. Real bins, real pipes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory, sh, type ShellResult, errorsOf } from '../support/shell.js';



const sip = (logon: string) => `sip:${logon}@litwareinc.com`;
const ids = (result: ShellResult) => result.objects.map((o) => o.Identity);

let env: NodeJS.ProcessEnv;
let dir: string;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json' };
  dir = mkdtempSync(join(tmpdir(), 'cspin-engine-'));
  writeFileSync(join(dir, 'ken-nobody-pilar.txt'), 'litwareinc\\kenmyer\nlitwareinc\\nobody\nlitwareinc\\pilar\n');
  writeFileSync(join(dir, 'ken-unbound-nobody-pilar.txt'), 'litwareinc\\kenmyer\n{"foo":1}\nlitwareinc\\nobody\nlitwareinc\\pilar\n');
});

/** One input line per row: [what, bytes of the line (without its end), identities out, errorId]. */
const LINES: [string, Buffer, string[], string?][] = [
  ['a first line after a UTF-8 BOM', Buffer.from('\uFEFFlitwareinc\\kenmyer'), [sip('kenmyer')]],
  ['a blank line', Buffer.from(''), []],
  ['a whitespace-only line', Buffer.from('   \t'), []],
  ['a JSON string line', Buffer.from('"sip:pilar@litwareinc.com"'), [sip('pilar')]],
  ['an identity that is not found', Buffer.from('litwareinc\\nobody'), [], 'ManagementObjectNotFound'],
  ['a null line', Buffer.from('null'), [], 'ParameterArgumentValidationError'],
  ['an empty Identity', Buffer.from('{"Identity":""}'), [], 'ParameterArgumentValidationError'],
  ['an object with no matching property', Buffer.from('{"foo":1}'), [], 'InputObjectNotBound'],
  ['a JSON array (unrolled)', Buffer.from('["litwareinc\\\\bobk",{"SipAddress":"sip:kima@litwareinc.com"}]'), [sip('bobk'), sip('kima')]],
  ['a malformed JSON object', Buffer.from('{"Identity": "litwareinc\\\\lolaj"'), [], 'MalformedJson'],
  ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x20, 0x61]), [], 'InvalidUtf8'],
  ['a line over 1 MiB', Buffer.alloc(1024 * 1024 + 100, 'a'), [], 'LineTooLong'],
  ['an object line after the long one', Buffer.from('{"Identity":"litwareinc\\\\markh"}'), [sip('markh')]],
  ['an empty JSON array', Buffer.from('[]'), []],
  ['an indented object with a lower-case identity property', Buffer.from('  {"identity":"sip:aidan@litwareinc.com"}'), [sip('aidan')]],
  ['a last line without a newline', Buffer.from('sip:rayc@litwareinc.com'), [sip('rayc')]],
];

describe.each([
  ['redirected from a file', (file: string) => `Get-CsClientPinInfo < ${file}`],
  ['piped by cat', (file: string) => `cat ${file} | Get-CsClientPinInfo`],
])('Get-CsClientPinInfo input records %s', (how, command) => {
  let result: ShellResult;
  beforeAll(async () => {
    // CRLF endings throughout; the last line has none at all.
    const bytes = LINES.flatMap(([, line], i) => (i < LINES.length - 1 ? [line, Buffer.from('\r\n')] : [line]));
    const file = join(dir, `lines-${how.split(' ')[0]}.bin`);
    writeFileSync(file, Buffer.concat(bytes));
    result = await sh(command(file), { env });
  });

  it.each(LINES.map(([what, , out, errorId], i) => [what, i + 1, out, errorId] as const))(
    'Get-CsClientPinInfo handles %s (line %i)',
    (_what, n, out, errorId) => {
      const start = LINES.slice(0, n - 1).reduce((sum, [, , o]) => sum + o.length, 0);
      expect(ids(result).slice(start, start + out.length)).toEqual(out);
      const errors = errorsOf(result).filter((e) => e.record === n);
      expect(errors.map((e) => e.errorId)).toEqual(errorId ? [errorId] : []);
      if (errorId === 'MalformedJson' || errorId === 'InvalidUtf8' || errorId === 'LineTooLong') {
        expect(errors[0]?.message).toContain(`line ${n}`);
      }
    },
  );

  it('Get-CsClientPinInfo goes on after every bad line, reports errors in input order and exits 1', () => {
    expect(ids(result)).toEqual(LINES.flatMap(([, , out]) => out));
    const records = errorsOf(result).map((e) => e.record);
    expect(records).toEqual([5, 6, 7, 8, 10, 11, 12]);
    expect(result.code).toBe(1);
  });
});

describe.concurrent('Get-CsClientPinInfo exit status', () => {
  it.each([
    ['0 when clean', 'Get-CsClientPinInfo "Ken Myer"', 0, 1, 0],
    ['0 for empty input', 'Get-CsClientPinInfo < /dev/null', 0, 0, 0],
    ['1 when an error record is written', 'Get-CsClientPinInfo nobody', 1, 0, 1],
    ['1 when the error is hidden by SilentlyContinue', 'Get-CsClientPinInfo -ErrorAction SilentlyContinue nobody', 1, 0, 0],
    ['1 when the error is hidden by Ignore', 'Get-CsClientPinInfo -ErrorAction Ignore nobody', 1, 0, 0],
  ])('Get-CsClientPinInfo exits %s', async (_case, command, code, objects, errors) => {
    const result = await sh(command, { env });
    expect(result.code, result.stderr).toBe(code);
    expect(result.objects).toHaveLength(objects);
    expect(errorsOf(result)).toHaveLength(errors);
    if (errors === 0) expect(result.stderr).toBe('');
  });
});

describe.concurrent('Get-CsClientPinInfo -ErrorAction', () => {
  it.each([
    ['(default)', '', true],
    ['Continue', '-ErrorAction Continue', true],
    ['SilentlyContinue', '-ErrorAction SilentlyContinue', false],
    ['SilentlyContinue as a number', '-ea 0', false],
    ['Ignore', '-ErrorAction Ignore', false],
  ])('Get-CsClientPinInfo %s shows or hides the error and goes on with the next record', async (_case, args, shown) => {
    const result = await sh(`Get-CsClientPinInfo ${args} < ${join(dir, 'ken-nobody-pilar.txt')}`, { env });
    expect(ids(result)).toEqual([sip('kenmyer'), sip('pilar')]);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual(shown ? [['ManagementObjectNotFound', 2]] : []);
    if (!shown) expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it.each([
    ['Stop', '-ErrorAction Stop'],
    ['Stop through a prefix', '-ErrorA Stop'],
    ['Stop as a number', '-ea 1'],
  ])('Get-CsClientPinInfo %s ends the command at the first error', async (_case, args) => {
    const result = await sh(`Get-CsClientPinInfo ${args} < ${join(dir, 'ken-nobody-pilar.txt')}`, { env });
    // The record before the error comes out; the valid record after it does not.
    expect(ids(result)).toEqual([sip('kenmyer')]);
    const errors = errorsOf(result);
    expect(errors.map((e) => [e.errorId, e.record])).toEqual([['ManagementObjectNotFound', 2]]);
    expect(errors[0]?.message).toContain('Stop');
    expect(result.code).toBe(1);
  });

  it('Get-CsClientPinInfo -ErrorAction Stop stops at a binding error that comes before a not-found one', async () => {
    const result = await sh(`Get-CsClientPinInfo -ErrorAction Stop < ${join(dir, 'ken-unbound-nobody-pilar.txt')}`, { env });
    expect(ids(result)).toEqual([sip('kenmyer')]);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['InputObjectNotBound', 2]]);
    expect(result.code).toBe(1);
  });
});

describe.concurrent('Get-CsClientPinInfo -Verbose and -Debug', () => {
  it.each([
    ['-Verbose', 'VERBOSE: '],
    ['-vb', 'VERBOSE: '],
    ['-Debug', 'DEBUG: '],
    ['-Verbose:false', undefined],
  ])('Get-CsClientPinInfo %s writes its messages to stderr, never to stdout', async (args, prefix) => {
    const result = await sh(`Get-CsClientPinInfo ${args}`, { env, input: 'litwareinc\\kenmyer\nlitwareinc\\pilar\n' });
    expect(result.code).toBe(0);
    // stdout stays pure NDJSON.
    expect(result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { Identity: string }).Identity)).toEqual([sip('kenmyer'), sip('pilar')]);
    const lines = result.stderr.split('\n').filter(Boolean);
    if (prefix === undefined) {
      expect(result.stderr).toBe('');
      return;
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.startsWith(prefix)).toBe(true);
    if (prefix === 'VERBOSE: ') {
      expect(lines).toContain(`VERBOSE: Performing the operation "Get-CsClientPinInfo" on target "${sip('kenmyer')}".`);
    }
  });
});

describe.concurrent('Get-CsClientPinInfo -WhatIf', () => {
  it.each([['-WhatIf'], ['-wi'], ['-WhatIf:true']])(
    'Get-CsClientPinInfo %s describes each lookup on stderr, outputs nothing and exits 0',
    async (args) => {
      const result = await sh(`Get-CsClientPinInfo ${args}`, { env, input: 'litwareinc\\kenmyer\nlitwareinc\\pilar\n' });
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `What if: Performing the operation "Get-CsClientPinInfo" on target "${sip('kenmyer')}".\n` +
          `What if: Performing the operation "Get-CsClientPinInfo" on target "${sip('pilar')}".\n`,
      );
      expect(result.code).toBe(0);
    },
  );

  it('Get-CsClientPinInfo -WhatIf:false behaves as without -WhatIf', async () => {
    const result = await sh('Get-CsClientPinInfo -WhatIf:false "Ken Myer"', { env });
    expect(result.stderr).toBe('');
    expect(ids(result)).toEqual([sip('kenmyer')]);
    expect(result.code).toBe(0);
  });

  it('Get-CsClientPinInfo -WhatIf after Get-CsUser -OU names every user of the OU', async () => {
    const result = await sh('Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Get-CsClientPinInfo -WhatIf', { env });
    expect(result.stdout).toBe('');
    const targets = result.stderr.split('\n').filter(Boolean).map((line) => /^What if: .* on target "(.*)"\.$/.exec(line)?.[1]);
    expect(targets.sort()).toEqual([sip('aidan'), sip('kenmyer'), sip('pilar')]);
    expect(result.code).toBe(0);
  });

  it('Get-CsClientPinInfo -WhatIf still reports identities that are not found', async () => {
    const result = await sh(`Get-CsClientPinInfo -WhatIf < ${join(dir, 'ken-nobody-pilar.txt')}`, { env });
    expect(result.stdout).toBe('');
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['ManagementObjectNotFound']);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('What if: '))).toHaveLength(2);
    expect(result.code).toBe(1);
  });
});

/**
 * The engine and its pipes: usage errors exit 2 before any input is read, which commands read an
 * inherited stdin, `| head -n 1`, and backpressure from a slow reader. Real bins, real pipes.
 * An input that never ends is a FIFO opened read-write (`<> fifo`): it has a writer, so it never
 * reaches end of file; `timeout` turns a command that would wait on it into exit 124.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bins, identities, sampleDirectory, sh, type ShellResult, errorsOf } from '../support/shell.js';



/** Runs a command line and measures how long it took. */
async function timed(command: string, options: Parameters<typeof sh>[1]): Promise<ShellResult & { ms: number }> {
  const start = Date.now();
  const result = await sh(command, options);
  return { ...result, ms: Date.now() - start };
}

let env: NodeJS.ProcessEnv;
let dir: string;
let fifo: string;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json' };
  dir = mkdtempSync(join(tmpdir(), 'cspin-pipes-'));
  fifo = join(dir, 'never-ends');
  execFileSync('mkfifo', [fifo]);
  writeFileSync(join(dir, 'ids.txt'), 'litwareinc\\kenmyer\nsip:pilar@litwareinc.com\n');
});

describe.concurrent('usage errors', () => {
  it.each([
    ['an unknown parameter', 'Get-CsClientPinInfo -Bogus', 'NamedParameterNotFound'],
    ['an ambiguous prefix', 'Get-CsClientPinInfo -E x', 'AmbiguousParameter'],
    ['a missing argument', 'Get-CsClientPinInfo -Identity', 'MissingArgument'],
    ['a parameter given twice', 'Get-CsClientPinInfo -Identity a -Identity b', 'ParameterAlreadyBound'],
    ['a parameter given twice through a prefix', 'Get-CsClientPinInfo -Identity a -Iden b', 'ParameterAlreadyBound'],
    ['a positional argument too many', 'Get-CsClientPinInfo a b', 'PositionalParameterNotFound'],
    ['an empty -WhatIf: (bash ate $false)', 'Get-CsClientPinInfo -WhatIf:', 'SwitchValueMissing'],
    ['-ErrorVariable', 'Get-CsClientPinInfo -ErrorVariable e', 'UnsupportedCommonParameter'],
    ['-ErrorAction Suspend', 'Get-CsClientPinInfo -ErrorAction Suspend', 'UnsupportedActionPreference'],
    ['an unknown -ErrorAction value', 'Get-CsClientPinInfo -ea Sometimes', 'CannotConvertArgumentNoMessage'],
    ['an unknown Get-CsUser parameter', 'Get-CsUser -Bogus', 'NamedParameterNotFound'],
  ])('%s exits 2 before reading the input that never ends', async (_case, command, errorId) => {
    const result = await timed(`timeout 20 ${command} <> ${fifo}`, { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const errors = errorsOf(result);
    expect(errors.map((e) => e.errorId)).toEqual([errorId]);
    if (errorId === 'AmbiguousParameter') expect(errors[0]?.message).toMatch(/-ErrorAction.*-ErrorVariable/);
    if (errorId === 'SwitchValueMissing') expect(errors[0]?.message).toContain('-WhatIf:false');
    expect(result.ms).toBeLessThan(15_000);
  });

  it('Get-CsClientPinInfo without usage errors does wait on that input (the control case)', async () => {
    const result = await sh(`timeout 2 Get-CsClientPinInfo <> ${fifo}`, { env });
    expect(result.code).toBe(124);
  });
});

describe.concurrent('stdin classification', () => {
  it('Get-CsUser alone in a script does not read the script\'s stdin, even when it never ends', async () => {
    const result = await timed(`timeout 20 bash -c 'Get-CsUser | wc -l' <> ${fifo}`, { env });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('24');
    expect(result.ms).toBeLessThan(15_000);
  });

  it.each([
    ['reads a pipe made for it', 'echo "litwareinc\\kenmyer" | Get-CsUser', ['cn=ken myer,ou=finance,dc=litwareinc,dc=com']],
    ['reads a file redirected to it', 'Get-CsUser < ids.txt', ['cn=ken myer,ou=finance,dc=litwareinc,dc=com', 'cn=pilar ackerman,ou=finance,dc=litwareinc,dc=com']],
    ['reads the plain-text lines of cat', 'cat ids.txt | Get-CsUser', ['cn=ken myer,ou=finance,dc=litwareinc,dc=com', 'cn=pilar ackerman,ou=finance,dc=litwareinc,dc=com']],
  ])('Get-CsUser %s', async (_case, command, want) => {
    const result = await sh(command, { env, cwd: dir });
    expect(result.stderr).toBe('');
    expect(identities(result.objects)).toEqual(want);
  });

  it('Get-CsUser with /dev/null as stdin lists every user', async () => {
    const result = await sh('Get-CsUser < /dev/null', { env });
    expect(result.objects).toHaveLength(24);
  });

  it('Get-CsClientPinInfo reads records from a file redirected to it', async () => {
    const result = await sh(`Get-CsClientPinInfo < ids.txt`, { env, cwd: dir });
    expect(identities(result.objects)).toEqual(['sip:kenmyer@litwareinc.com', 'sip:pilar@litwareinc.com']);
  });
});

describe.concurrent('closed pipe', () => {
  // [command line, members whose exit status must be 0 (the last ones: cspin commands and head)]
  it.each([
    ['Get-CsUser | head -n 1', 2],
    ['Get-CsUser | Get-CsClientPinInfo | head -n 1', 3],
    // Enough output to fill the pipe, so the writers really meet EPIPE (yes and the first head may die of SIGPIPE).
    ['yes "litwareinc\\kenmyer" | head -n 100000 | Get-CsUser | head -n 1', 2],
    ['yes "litwareinc\\kenmyer" | head -n 100000 | Get-CsUser | Get-CsClientPinInfo | head -n 1', 3],
  ])('%s ends quietly with exit 0', async (command, checked) => {
    const result = await timed(`${command}; echo "status \${PIPESTATUS[*]}"`, { env });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toHaveProperty('Identity');
    expect((lines[1] ?? '').split(' ').slice(1).slice(-checked)).toEqual(Array(checked).fill('0'));
    expect(result.stderr).toBe('');
    expect(result.ms).toBeLessThan(20_000);
  });
});

describe('backpressure', () => {
  it('Get-CsClientPinInfo stops reading input while its reader is stalled, and keeps memory flat', async () => {
    const logons = ['kenmyer', 'pilar', 'aidan', 'ellens'];
    const records = 100_000;
    const input = Buffer.from(Array.from({ length: records }, (_, i) => `sip:${logons[i % 4]}@litwareinc.com`).join('\n') + '\n');
    const child = spawn(join(bins(), 'Get-CsClientPinInfo'), [], {
      env: { ...process.env, ...env, CSPIN_FORMAT: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let peakKb = 0;
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        if (hwm) peakKb = Math.max(peakKb, Number(hwm));
      } catch {
        // exited
      }
    };
    const sampler = setInterval(sample, 50);
    // Feed the input as fast as the pipe takes it, counting what was taken.
    let accepted = 0;
    child.stdin.on('error', () => undefined);
    void (async () => {
      for (let offset = 0; offset < input.length; offset += 16_384) {
        const chunk = input.subarray(offset, offset + 16_384);
        if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
        accepted = offset + chunk.length;
      }
      child.stdin.end();
    })();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    let lines = 0;
    const count = (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 0x0a) lines++;
    };
    // Stall: once the command is up and writing (a loaded machine may take a while to start node),
    // nobody reads its stdout for 2 s.
    await new Promise<void>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => {
        child.stdout.pause();
        count(chunk);
        resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    sample();
    const acceptedWhileStalled = accepted;
    const peakWhileStalled = peakKb;

    child.stdout.on('data', count);
    child.stdout.resume();
    const code = await exited;
    clearInterval(sampler);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines).toBe(records);
    // Only a few pipe buffers' worth of the 2.3 MB input went in while nothing came out.
    expect(acceptedWhileStalled).toBeLessThan(1024 * 1024);
    expect(peakWhileStalled).toBeGreaterThan(0);
    expect(peakWhileStalled).toBeLessThan(150 * 1024);
    // Whole run: the output (21 MB) was never held in memory at once.
    expect(peakKb).toBeLessThan(200 * 1024);
  }, 30_000);
});

/**
 * -Confirm end to end. Without a terminal (run under `setsid`, which drops the controlling terminal
 * that vitest's children may still have) it is a usage error, never a hang. With one, util-linux
 * `script` gives the pipeline a pty: the answers written to script's stdin are what the user types
 * at the prompt, which Get-CsClientPinInfo reads from /dev/tty while its stdin is the pipeline.
 */
import { mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory, sh } from '../support/shell.js';

const CHOICES = '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is "Y"): ';
const FINANCE = 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Get-CsClientPinInfo';

let env: NodeJS.ProcessEnv;
let fifo: string;
/** The Finance users in the order Get-CsClientPinInfo meets them (from -WhatIf). */
let order: string[];
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
  fifo = join(mkdtempSync(join(tmpdir(), 'cspin-confirm-')), 'never-ends');
  execFileSync('mkfifo', [fifo]);
  const whatIf = await sh(`${FINANCE} -WhatIf`, { env });
  order = [...whatIf.stderr.matchAll(/on target "(sip:[^"]+)"/g)].map((m) => m[1] ?? '');
  if (order.length !== 3) throw new Error(`expected 3 Finance users: ${whatIf.stderr}`);
});

/** Single-quotes a command line for `bash -c '...'` / `script -c '...'`. */
const quote = (command: string) => `'${command.replace(/'/g, `'\\''`)}'`;

describe.concurrent('Get-CsClientPinInfo -Confirm without a terminal', () => {
  it.each([
    ['-Confirm with -Identity', 'Get-CsClientPinInfo -Confirm "Ken Myer"'],
    ['-cf after Get-CsUser', 'Get-CsUser | Get-CsClientPinInfo -cf'],
    ['-Confirm on an input that never ends', `timeout 20 Get-CsClientPinInfo -Confirm <> ${fifo}`],
  ])('Get-CsClientPinInfo %s fails with NoTerminalForConfirm, exit 2 and no output', async (_case, command) => {
    const result = await sh(`setsid -w bash -c ${quote(command)}`, { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { errorId: string }).errorId)).toEqual(['NoTerminalForConfirm']);
  });

  it.each([
    ['-Confirm:false', 'Get-CsClientPinInfo -Confirm:false "Ken Myer"', ''],
    ['-Confirm -WhatIf', 'Get-CsClientPinInfo -Confirm -WhatIf "Ken Myer"', 'What if: '],
  ])('Get-CsClientPinInfo %s needs no terminal', async (_case, command, stderr) => {
    const result = await sh(`setsid -w bash -c ${quote(command)}`, { env });
    expect(result.code).toBe(0);
    if (stderr) expect(result.stderr.startsWith(stderr)).toBe(true);
    else expect(result.objects.map((o) => o.Identity)).toEqual(['sip:kenmyer@litwareinc.com']);
  });
});

/** What a pty session showed: prompts (targets in order), help, and the Identity lines of the list view. */
interface Transcript {
  text: string;
  targets: string[];
  choiceLines: number;
  output: string[];
  code: number;
}

async function confirmSession(answers: string): Promise<Transcript> {
  const result = await sh(`script -qfec ${quote(`${FINANCE} -Confirm`)} /dev/null`, { env, input: answers });
  const text = result.stdout.replace(/\r/g, '');
  return {
    text,
    targets: [...text.matchAll(/^Performing the operation "Get-CsClientPinInfo" on target "(sip:[^"]+)"\.$/gm)].map((m) => m[1] ?? ''),
    choiceLines: text.split(CHOICES).length - 1,
    output: [...text.matchAll(/^Identity {10}: (\S+)$/gm)].map((m) => m[1] ?? ''),
    code: result.code,
  };
}

describe.concurrent('Get-CsClientPinInfo -Confirm on a terminal', () => {
  it('Get-CsClientPinInfo -Confirm asks with the PowerShell prompt on the terminal while stdin is the pipeline', async () => {
    const session = await confirmSession('y\ny\ny\n');
    expect(session.text).toContain(
      'Confirm\nAre you sure you want to perform this action?\nPerforming the operation "Get-CsClientPinInfo" on target "sip:',
    );
    expect(session.text).toContain(`.\n${CHOICES}`);
    expect([...session.targets].sort()).toEqual(['sip:aidan@litwareinc.com', 'sip:kenmyer@litwareinc.com', 'sip:pilar@litwareinc.com']);
    expect(session.targets).toEqual(order);
    expect(session.output).toEqual(order);
    expect(session.code).toBe(0);
  });

  // [answers typed, prompts expected, which users (by index in `order`) come out]
  it.each([
    ['Y, N, Y', 'y\nn\ny\n', 3, [0, 2]],
    ['N, Y, N', 'n\ny\nn\n', 3, [1]],
    ['Enter (the default, Yes) three times', '\n\n\n', 3, [0, 1, 2]],
    ['A (Yes to All) at the first prompt', 'a\n', 1, [0, 1, 2]],
    ['N, then A', 'n\na\n', 2, [1, 2]],
    ['L (No to All) at the first prompt', 'l\n', 1, []],
    ['Y, then L', 'y\nl\n', 2, [0]],
    ['the whole word "yes", then "No"', 'yes\nNo\nn\n', 3, [0]],
    ['end of input at the second prompt (No to All)', 'y\n', 2, [0]],
  ] as const)('Get-CsClientPinInfo -Confirm answered %s', async (_case, answers, prompts, yes) => {
    const session = await confirmSession(answers);
    expect(session.targets).toEqual(order.slice(0, prompts));
    expect(session.choiceLines).toBe(prompts);
    expect(session.output).toEqual(yes.map((i) => order[i]));
    expect(session.code).toBe(0);
  });

  it('Get-CsClientPinInfo -Confirm answered ? shows the help for each choice and asks again', async () => {
    const session = await confirmSession('?\ny\nl\n');
    expect(session.text).toContain('Y - Continue with only the next step of the operation.');
    expect(session.text).toContain('L - Skip this operation and all subsequent operations.');
    expect(session.targets).toEqual(order.slice(0, 2));
    expect(session.choiceLines).toBe(3);
    expect(session.output).toEqual([order[0]]);
  });

  it('Get-CsClientPinInfo -Confirm ignores an unknown answer and asks again', async () => {
    const session = await confirmSession('maybe\nn\nl\n');
    expect(session.targets).toEqual(order.slice(0, 2));
    expect(session.choiceLines).toBe(3);
    expect(session.output).toEqual([]);
  });
});

describe.concurrent('Get-CsClientPinInfo -ErrorAction Inquire on a terminal', () => {
  const inquire = (answers: string) =>
    sh(`script -qfec ${quote('printf "nobody\\nKen Myer\\nnoone\\nPilar Ackerman\\n" | Get-CsClientPinInfo -ErrorAction Inquire')} /dev/null`, {
      env,
      input: answers,
    }).then((result) => ({ text: result.stdout.replace(/\r/g, ''), code: result.code }));
  const INQUIRE = '[Y] Yes  [A] Yes to All  [H] Halt Command  [?] Help (default is "Y"): ';

  it('Get-CsClientPinInfo -ErrorAction Inquire asks after each error and goes on with Y', async () => {
    const { text, code } = await inquire('y\ny\n');
    expect(text.split(INQUIRE).length - 1).toBe(2);
    // Output keeps input order: Pilar's entry follows the second prompt, on its line (the answers were typed ahead, so no echo ends it).
    expect([...text.matchAll(/Identity {10}: (\S+)$/gm)].map((m) => m[1])).toEqual(['sip:kenmyer@litwareinc.com', 'sip:pilar@litwareinc.com']);
    expect(text.indexOf('sip:kenmyer@litwareinc.com')).toBeLessThan(text.indexOf('"noone"'));
    expect(code).toBe(1);
  });

  it('Get-CsClientPinInfo -ErrorAction Inquire stops the command on H', async () => {
    const { text, code } = await inquire('h\n');
    expect(text.split(INQUIRE).length - 1).toBe(1);
    expect(text).toContain('halted');
    expect(text).not.toContain('sip:pilar@litwareinc.com');
    expect(code).toBe(1);
  });

  it('Get-CsClientPinInfo -ErrorAction Inquire asks no more after A', async () => {
    const { text } = await inquire('a\n');
    expect(text.split(INQUIRE).length - 1).toBe(1);
    expect(text).toContain('sip:pilar@litwareinc.com');
  });
});

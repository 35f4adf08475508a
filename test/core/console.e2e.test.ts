/**
 * What people see on a terminal (a pty from util-linux `script`): colour only there and never under
 * NO_COLOR or TERM=dumb, errors after the output of the records before them, the progress line and
 * when it stays away, and the warning when CSPIN_FORMAT forces text into a pipe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), TZ: 'UTC', TERM: 'xterm-256color', NO_COLOR: undefined };
});

/** Runs a command line on a pty (stdin /dev/null); returns what the terminal showed, CRLF made LF. */
async function onTerminal(command: string, extra: NodeJS.ProcessEnv = {}): Promise<{ text: string; code: number }> {
  const result = await sh(`script -qfec '${command.replace(/'/g, `'\\''`)}' /dev/null </dev/null`, { env: { ...env, ...extra } });
  return { text: result.stdout.replace(/\r\n/g, '\n'), code: result.code };
}

const RED = '\x1b[31;1m';
const GREEN = '\x1b[32;1m';
const RESET = '\x1b[0m';
const MISSING = 'Get-CsClientPinInfo -Identity nobody@litwareinc.com';
const NOT_FOUND = 'Get-CsClientPinInfo : Management object not found for identity "nobody@litwareinc.com".';

describe.concurrent('colour', () => {
  it('an error on a terminal is bold red, as $PSStyle.Formatting.Error', async () => {
    const { text, code } = await onTerminal(MISSING);
    expect(text).toBe(`${RED}${NOT_FOUND}${RESET}\n`);
    expect(code).toBe(1);
  });

  it.each([
    ['NO_COLOR is set', { NO_COLOR: '1' }],
    ['TERM is dumb', { TERM: 'dumb' }],
  ])('an error on a terminal is plain when %s', async (_why, extra) => {
    const { text } = await onTerminal(MISSING, extra);
    expect(text).toBe(`${NOT_FOUND}\n`);
  });

  it('an error into a pipe or a file is plain, also on a colour terminal', async () => {
    const result = await sh(`${MISSING} 2>&1 | cat`, { env });
    expect(result.stdout).toBe(`${NOT_FOUND}\n`);
  });

  it('a table header and its dashes are bold green on a terminal, the rows plain', async () => {
    const { text } = await onTerminal('Get-CsClientPinInfo "* Smith"', { CSPIN_FORMAT: 'table' });
    const lines = text.split('\n');
    expect(lines[1]).toBe(`${GREEN}Identity                  IsPinSet IsLockedOut LastPinChangeTime   PinExpirationTime${RESET}`);
    expect(lines[2]).toBe(`${GREEN}--------                  -------- ----------- -----------------   -----------------${RESET}`);
    expect(lines[3]?.trimEnd()).toBe('sip:ellens@litwareinc.com     True       False 3/2/2014 8:00:11 AM');
  });

  it('a usage error is red on a terminal too', async () => {
    const { text, code } = await onTerminal('Get-CsUser -Identiti x');
    expect(text.startsWith(RED)).toBe(true);
    expect(text).toContain('Did you mean -Identity?');
    expect(code).toBe(2);
  });
});

describe.concurrent('order on a terminal', () => {
  it('an error comes after the list output of the records before it, and before that of the records after it', async () => {
    const ids = ['litwareinc\\kenmyer', 'nobody@litwareinc.com', 'litwareinc\\pilar'];
    const { text } = await onTerminal(`printf '%s\\n' ${ids.map((id) => `'${id}'`).join(' ')} | Get-CsClientPinInfo`, { NO_COLOR: '1' });
    const ken = text.indexOf('sip:kenmyer@litwareinc.com');
    const error = text.indexOf('Management object not found for identity "nobody@litwareinc.com". (record 2)');
    const pilar = text.indexOf('sip:pilar@litwareinc.com');
    expect(ken).toBeGreaterThanOrEqual(0);
    expect(error).toBeGreaterThan(ken);
    expect(pilar).toBeGreaterThan(error);
  });
});

/** A pipeline that takes 2.5 s: one record, a pause, another. */
const SLOW = `(printf '{"a":1}\\n'; sleep 2.5; printf '{"a":2}\\n') | Where-Object a -gt 0`;
/** The progress line as drawn: a carriage return, erase to the end of the line, the text. */
const PROGRESS = /\r\x1b\[KWhere-Object: 1 record, [0-9.]+\/s, 0:0[1-3] elapsed/;

describe.concurrent('progress', () => {
  it('a command running over a second with stderr on a terminal shows one line, redrawn, then cleared', async () => {
    const result = await sh(`script -qfec '${SLOW.replace(/'/g, `'\\''`)} >/dev/null' /dev/null </dev/null`, { env });
    expect(result.stdout).toMatch(PROGRESS);
    // Cleared at the end: the last thing on the terminal is the erase sequence.
    expect(result.stdout.endsWith('\r\x1b[K')).toBe(true);
    expect(result.code).toBe(0);
  });

  it.each([
    ['CSPIN_PROGRESS=0', { CSPIN_PROGRESS: '0' }, ''],
    ['-ProgressAction SilentlyContinue', {}, ' -ProgressAction SilentlyContinue'],
    ['-proga Ignore', {}, ' -proga Ignore'],
  ])('no progress line with %s', async (_why, extra, flag) => {
    const result = await sh(`script -qfec '${SLOW.replace(/'/g, `'\\''`)}${flag} >/dev/null' /dev/null </dev/null`, { env: { ...env, ...extra } });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('no progress line when stderr is not a terminal', async () => {
    const result = await sh(`${SLOW} 2>&1 >/dev/null | cat`, { env });
    expect(result.stdout).toBe('');
  });

  it('an unknown CSPIN_PROGRESS is a usage error', async () => {
    const result = await sh('Get-CsUser', { env: { ...env, CSPIN_PROGRESS: 'yes', CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['InvalidProgressSetting']);
  });
});

describe.concurrent('CSPIN_FORMAT into a pipe', () => {
  it.each([['list'], ['table']])('CSPIN_FORMAT=%s into a pipe writes the view and one warning that the next command reads text', async (format) => {
    const result = await sh('Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" | cat', { env: { ...env, CSPIN_FORMAT: format } });
    expect(result.stdout).toContain('sip:kenmyer@litwareinc.com');
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      `WARNING: CSPIN_FORMAT=${format} writes the ${format} view as text for people: the next command in the pipeline will read text, not objects.`,
    ]);
    expect(result.code).toBe(0);
  });

  it('no warning into a file, nor with -WarningAction SilentlyContinue', async () => {
    const file = await sh('Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" > /dev/null', { env: { ...env, CSPIN_FORMAT: 'list' } });
    const quiet = await sh('Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" -WarningAction SilentlyContinue | cat', { env: { ...env, CSPIN_FORMAT: 'list' } });
    expect(file.stderr).toBe('');
    expect(quiet.stderr).toBe('');
  });
});

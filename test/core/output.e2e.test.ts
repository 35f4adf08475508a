/**
 * Output formats end to end: NDJSON into a pipe, PowerShell's list/table view on a terminal (a pty
 * from util-linux `script`), and CSPIN_FORMAT forcing one or the other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory, sh } from '../support/shell.js';

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), TZ: 'UTC' };
});

// PowerShell 7.6 prints exactly these (booleans right-aligned, "Name : " with its space).
const KEN_LIST = [
  '',
  'Identity          : sip:kenmyer@litwareinc.com',
  'IsPinSet          : True',
  'IsLockedOut       : False',
  'LastPinChangeTime : 9/25/2012 1:35:03 PM',
  'PinExpirationTime : ',
  '',
  '',
].join('\n');

const SMITH_TABLE = [
  '',
  'Identity                  IsPinSet IsLockedOut LastPinChangeTime   PinExpirationTime',
  '--------                  -------- ----------- -----------------   -----------------',
  'sip:ellens@litwareinc.com     True       False 3/2/2014 8:00:11 AM',
  'sip:jsmith@litwareinc.com    False       False',
  '',
  '',
].join('\n');

/** Runs a command line on a pty (colourless: the layout is checked here); returns what the terminal showed, with CRLF made LF. */
async function onTerminal(command: string, extra: NodeJS.ProcessEnv = {}): Promise<{ text: string; code: number }> {
  const result = await sh(`script -qfec '${command.replace(/'/g, `'\\''`)}' /dev/null`, { env: { ...env, NO_COLOR: '1', ...extra } });
  return { text: result.stdout.replace(/\r\n/g, '\n'), code: result.code };
}

/** The table lines without the trailing blanks that pad each cell. */
const trimLines = (text: string) => text.split('\n').map((line) => line.trimEnd()).join('\n');

describe.concurrent('output format', () => {
  it('Get-CsClientPinInfo writes NDJSON into a pipe, PSTypeName first', async () => {
    const result = await sh('Get-CsClientPinInfo -Identity "Ken Myer" | cat', { env });
    expect(result.stdout).toBe(
      '{"PSTypeName":"Microsoft.Rtc.Management.UserPinService.PinInfoDetails","Identity":"sip:kenmyer@litwareinc.com",' +
        '"IsPinSet":true,"IsLockedOut":false,"LastPinChangeTime":"2012-09-25T13:35:03.000Z","PinExpirationTime":null}\n',
    );
  });

  it('Get-CsClientPinInfo shows the list view on a terminal: True/False, readable dates, no PSTypeName', async () => {
    const { text, code } = await onTerminal('Get-CsClientPinInfo -Identity "Ken Myer"');
    expect(text).toBe(KEN_LIST);
    expect(code).toBe(0);
  });

  it('Get-CsClientPinInfo at the end of a pipeline on a terminal shows one list entry per user', async () => {
    const { text } = await onTerminal('Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Get-CsClientPinInfo');
    expect(text.match(/^Identity {10}: sip:\S+$/gm)?.sort()).toEqual([
      'Identity          : sip:aidan@litwareinc.com',
      'Identity          : sip:kenmyer@litwareinc.com',
      'Identity          : sip:pilar@litwareinc.com',
    ]);
    expect(text).not.toContain('{');
    expect(text).not.toContain('PSTypeName');
  });

  it('Get-CsUser on a terminal shows one list entry per user of its scan (the scan writes pages of NDJSON)', async () => {
    const { text, code } = await onTerminal('Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com"');
    // DN order: the Finance users, then those of its child OU Payroll.
    expect(text.match(/^SamAccountName {9}: \S+$/gm)).toEqual([
      'SamAccountName         : kenmyer',
      'SamAccountName         : pilar',
      'SamAccountName         : aidan',
    ]);
    expect(text).toContain('Enabled                : True');
    expect(text).not.toContain('{');
    expect(code).toBe(0);
  });

  it.each([
    ['list', 'into a pipe', false, (text: string) => expect(text).toBe(KEN_LIST)],
    ['LIST', 'into a pipe', false, (text: string) => expect(text).toBe(KEN_LIST)],
    ['ndjson', 'on a terminal', true, (text: string) => expect(JSON.parse(text)).toMatchObject({ Identity: 'sip:kenmyer@litwareinc.com', IsPinSet: true })],
    ['json', 'on a terminal', true, (text: string) => expect(JSON.parse(text)).toMatchObject({ Identity: 'sip:kenmyer@litwareinc.com' })],
  ])('CSPIN_FORMAT=%s forces that format %s', async (format, _where, terminal, check) => {
    const command = 'Get-CsClientPinInfo -Identity "Ken Myer"';
    const text = terminal ? (await onTerminal(command, { CSPIN_FORMAT: format })).text : (await sh(`${command} | cat`, { env: { ...env, CSPIN_FORMAT: format } })).stdout;
    check(text);
  });

  it.each([
    ['into a pipe', false],
    ['on a terminal', true],
  ])('CSPIN_FORMAT=table forces the table view %s', async (_where, terminal) => {
    const command = 'Get-CsClientPinInfo "* Smith"';
    const text = terminal ? (await onTerminal(command, { CSPIN_FORMAT: 'table' })).text : (await sh(`${command} | cat`, { env: { ...env, CSPIN_FORMAT: 'table' } })).stdout;
    expect(trimLines(text)).toBe(SMITH_TABLE);
  });

  it('Get-CsClientPinInfo sends an error to stderr as one line, without a record number for -Identity', async () => {
    const result = await sh('Get-CsClientPinInfo nobody 2>&1 >/dev/null', { env });
    expect(result.stdout).toBe('Get-CsClientPinInfo : Management object not found for identity "nobody".\n');
  });
});

/**
 * `cspin completion bash`, sourced in a real bash: COMPREPLY for command names, parameter names in
 * any case, enumerated values, file names and property names (checked as the pending check does:
 * the completion function registered for the command, called with COMP_WORDS / COMP_LINE set).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sh } from '../support/shell.js';

let dir: string;

/** The reply function: completes the last word of `words`; `line` is the whole line (default: the words). */
const REPLY = [
  'source ./c.sh || exit 3',
  'reply() {',
  '  local line=$1 spec; shift',
  '  COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=${line:-"$*"}; COMP_POINT=${#COMP_LINE}; COMPREPLY=()',
  '  spec=$(complete -p "$1") || return 3',
  '  [[ $spec =~ -F\\ ([^ ]+) ]] || return 3',
  '  "${BASH_REMATCH[1]}" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
  "  printf '%s\\n' \"${COMPREPLY[@]}\"",
  '}',
  '',
].join('\n');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-completion-'));
  const result = await sh('cspin completion bash > c.sh', { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  writeFileSync(join(dir, 'reply.sh'), REPLY);
  writeFileSync(join(dir, 'users.csv'), 'Name\n');
  writeFileSync(join(dir, 'users.ndjson'), '{}\n');
});

/** COMPREPLY for the words (the last one is completed), sorted; `line` stands for COMP_LINE. */
async function complete(words: string[], line = ''): Promise<string[]> {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = await sh(`source ./reply.sh && reply '${line}' ${quoted}`, { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.split('\n').filter((w) => w !== '').sort();
}

describe.concurrent('cspin completion bash', () => {
  it('the script is valid bash and registers a function for cspin and both spellings of every cmdlet', async () => {
    const result = await sh('bash -n c.sh && source ./c.sh && complete -p cspin Get-CsUser get-csuser Get-Help get-command', { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(['cspin', 'Get-CsUser', 'get-csuser', 'Get-Help', 'get-command'].map((n) => `complete -F _cspin_complete ${n}`));
  });

  it.each([
    [['Get-CsClientPinInfo', '-Iden'], ['-Identity']],
    [['get-csclientpininfo', '-iden'], ['-Identity']],
    [['Get-CsClientPinInfo', '-IDEN'], ['-Identity']],
    [['Get-CsUser', '-O'], ['-OU', '-OutBuffer', '-OutVariable']],
    [['Set-CsClientPin', '-W'], ['-WarningAction', '-WarningVariable', '-WhatIf']],
    [['Get-CsUser', '-W'], ['-WarningAction', '-WarningVariable']],
  ])('parameter names: %j gives %j', async (words, expected) => {
    expect(await complete(words)).toEqual(expected);
  });

  it.each([
    [['Get-CsClientPinInfo', '-ErrorAction', ''], ['Continue', 'Ignore', 'Inquire', 'SilentlyContinue', 'Stop']],
    [['Get-CsClientPinInfo', '-ea', 's'], ['SilentlyContinue', 'Stop']],
    [['Get-CsUser', '-ProgressAction', 'si'], ['SilentlyContinue']],
  ])('enumerated values: %j gives %j', async (words, expected) => {
    expect(await complete(words)).toEqual(expected);
  });

  it('no value is offered after a switch: the next word is a parameter or an argument again', async () => {
    expect(await complete(['Get-CsUser', '-Verbose', '-Iden'])).toEqual(['-Identity']);
  });

  it.each([
    [['Import-Csv', 'users.'], ['users.csv', 'users.ndjson']],
    [['Import-Csv', '-Path', 'users.c'], ['users.csv']],
    [['cspin', 'import', 'users.n'], ['users.ndjson']],
    [['cspin', 'import', 'users.csv', '--'], ['--format', '--prune', '--scope', '--what-if']],
    [['cspin', 'import', 'users.csv', '--format', 'n'], ['ndjson']],
  ])('file names for paths: %j gives %j', async (words, expected) => {
    expect(await complete(words)).toEqual(expected);
  });

  it.each([
    [['cspin', 'get-csc'], ['Get-CsClientPinInfo']],
    [['cspin', 'ro'], ['rotate-key']],
    [['cspin', 'completion', ''], ['bash']],
    [['cspin', 'Get-CsUser', '-Ldap'], ['-LdapFilter']],
    [['cspin', 'dir'], ['directory']],
    [['cspin', 'directory', ''], ['embedded', 'set', 'show']],
    [['cspin', 'directory', 'set', 'ldap://dc1', '--s'], ['--starttls']],
    [['cspin', 'directory', 'set', 'ldap://dc1', '--password-file', 'users.c'], ['users.csv']],
    [['cspin', 'directory', 'set', 'ldap://dc1', '--base', ''], []],
  ])('cspin: %j gives %j', async (words, expected) => {
    expect(await complete(words)).toEqual(expected);
  });

  it('properties after an upstream command the line shows: Get-CsClientPinInfo | Where-Object Is<TAB>', async () => {
    expect(await complete(['Where-Object', 'Is'], 'Get-CsUser | Get-CsClientPinInfo | Where-Object Is')).toEqual(['IsLockedOut', 'IsPinSet']);
  });

  it('properties see through a pass-through command, and complete the last name of a comma list', async () => {
    const line = 'Get-CsUser | Where-Object Enabled -eq True | Where-Object -Property Sam,Dis';
    expect(await complete(['Where-Object', '-Property', 'Sam,Dis'], line)).toEqual(['Sam,DisplayName']);
  });

  it('without an upstream on the line (bash gives only the current command), every declared property is offered', async () => {
    const offered = await complete(['Where-Object', 'Pin']);
    expect(offered).toEqual(expect.arrayContaining(['PinExpirationTime', 'PinPolicy']));
  });
});

/**
 * Export-Csv's file through real pipes: exact bytes, the whole-or-nothing rename under kill -9 and
 * Ctrl-C, -Append (and its column check), -NoClobber, and paths that cannot be written.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_MOUNT } from '../hostile/corpus.js';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

let env: NodeJS.ProcessEnv;
let dir: string;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
  dir = mkdtempSync(join(tmpdir(), 'cspin-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh folder for one test. */
function folder(name: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
}

const H5 = '"Identity","IsPinSet","IsLockedOut","LastPinChangeTime","PinExpirationTime"';
const ROW = '{"Identity":"sip:x@litwareinc.com","IsPinSet":true,"IsLockedOut":false,"LastPinChangeTime":null,"PinExpirationTime":null}';

describe('Export-Csv writes the file', () => {
  it('the locked users of the sample: header, quoted values, en-US dates, empty nulls, LF, no BOM, nothing on stdout', async () => {
    const cwd = folder('locked');
    const result = await sh('Get-CsUser | Get-CsClientPinInfo | Where-Object IsLockedOut -eq True | Export-Csv locked.csv', { env, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(join(cwd, 'locked.csv'), 'utf8')).toBe(
      `${H5}\n"sip:pilar@litwareinc.com","True","True","8/14/2012 9:12:40 AM",\n"sip:wendyr@litwareinc.com","True","True","11/28/2013 5:05:55 PM",\n"sip:yanli@litwareinc.com","True","True","9/9/2015 9:09:09 AM",\n`,
    );
    expect(readdirSync(cwd)).toEqual(['locked.csv']);
  });

  it('no input gives an empty file, as in PowerShell; -Encoding utf8BOM and unicode write their BOMs', async () => {
    const cwd = folder('encodings');
    const result = await sh(`: | Export-Csv empty.csv && printf '{"a":"é"}\\n' | Export-Csv bom.csv -Encoding utf8BOM && printf '{"a":"é"}\\n' | Export-Csv u16.csv -Encoding unicode`, { env, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'empty.csv'))).toEqual(Buffer.alloc(0));
    expect(readFileSync(join(cwd, 'bom.csv'))).toEqual(Buffer.from('\ufeff"a"\n"é"\n', 'utf8'));
    expect(readFileSync(join(cwd, 'u16.csv'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('"a"\n"é"\n', 'utf16le')]));
  });

  it('-IncludeTypeInformation writes #TYPE and the PSTypeName; -QuoteFields quotes only those columns', async () => {
    const cwd = folder('type');
    const result = await sh('Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" | Export-Csv k.csv -IncludeTypeInformation -QuoteFields identity,IsPinSet', { env, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'k.csv'), 'utf8')).toBe(
      '#TYPE Microsoft.Rtc.Management.UserPinService.PinInfoDetails\n"Identity","IsPinSet",IsLockedOut,LastPinChangeTime,PinExpirationTime\n"sip:kenmyer@litwareinc.com","True",False,9/25/2012 1:35:03 PM,\n',
    );
  });

  it('a target that is not a regular file (/dev/stdout) is written in place, never replaced; /dev/full is DiskFull', async () => {
    const result = await sh(`printf '{"a":1}\\n' | Export-Csv /dev/stdout | cat`, { env, cwd: folder('dev') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('"a"\n"1"\n');
    const full = await sh(`printf '{"a":1}\\n' | Export-Csv /dev/full`, { env });
    expect(full.code).toBe(1);
    expect(errorsOf(full).map((e) => e.errorId)).toEqual(['DiskFull']);
  });

  it('a symbolic link is written through: the file it names is replaced, the link stays', async () => {
    const cwd = folder('link');
    const result = await sh(`echo old > real.csv && ln -s real.csv link.csv && printf '{"a":1}\\n' | Export-Csv link.csv && readlink link.csv`, { env, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('real.csv\n');
    expect(readFileSync(join(cwd, 'real.csv'), 'utf8')).toBe('"a"\n"1"\n');
  });
});

describe('Export-Csv -Append', () => {
  it('appends under the file\'s header, in its column order; a missing column fails unless -Force, the file unchanged', async () => {
    const cwd = folder('append');
    writeFileSync(join(cwd, 'r.csv'), '"b","a"\n"1","2"\n');
    const ok = await sh(`printf '{"a":3,"b":4,"c":5}\\n' | Export-Csv r.csv -Append`, { env, cwd });
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'r.csv'), 'utf8')).toBe('"b","a"\n"1","2"\n"4","3"\n');

    const refused = await sh(`printf '{"a":6}\\n{"a":7,"b":8}\\n' | Export-Csv r.csv -Append`, { env, cwd });
    expect(refused.code).toBe(1);
    expect(errorsOf(refused).map((e) => e.errorId)).toEqual(['CannotAppendCsvWithMismatchedPropertyNames']);
    expect(refused.stderr).toContain('r.csv');
    expect(readFileSync(join(cwd, 'r.csv'), 'utf8')).toBe('"b","a"\n"1","2"\n"4","3"\n');

    const forced = await sh(`printf '{"a":6}\\n' | Export-Csv r.csv -Append -Force`, { env, cwd });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'r.csv'), 'utf8')).toBe('"b","a"\n"1","2"\n"4","3"\n,"6"\n');
    expect(readdirSync(cwd)).toEqual(['r.csv']);
  });

  it('-Append to a missing or empty file writes the header; -Append -NoHeader is a usage error', async () => {
    const cwd = folder('append-new');
    writeFileSync(join(cwd, 'empty.csv'), '');
    const result = await sh(`printf '{"a":1}\\n' | Export-Csv new.csv -Append && printf '{"a":1}\\n' | Export-Csv empty.csv -Append`, { env, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'new.csv'), 'utf8')).toBe('"a"\n"1"\n');
    expect(readFileSync(join(cwd, 'empty.csv'), 'utf8')).toBe('"a"\n"1"\n');
    const usage = await sh(`printf '{"a":1}\\n' | Export-Csv new.csv -Append -NoHeader`, { env, cwd });
    expect(usage.code).toBe(2);
    expect(errorsOf(usage).map((e) => e.errorId)).toEqual(['CannotSpecifyBothAppendAndNoHeader']);
  });
});

describe('Export-Csv refuses what it cannot write, naming the path', () => {
  it.each([
    ['a missing folder', 'nodir/x.csv', 'FileOpenFailure'],
    ['a folder', 'folder.csv', 'FileOpenFailure'],
    ['an existing file with -NoClobber', 'exists.csv -NoClobber', 'NoClobber'],
  ])('%s: one error, exit 1, nothing created or changed', async (_what, args, errorId) => {
    const cwd = folder(`refuse-${errorId}-${args.length}`);
    mkdirSync(join(cwd, 'folder.csv'));
    writeFileSync(join(cwd, 'exists.csv'), 'old\n');
    const result = await sh(`Get-CsUser | Export-Csv ${args}`, { env, cwd });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual([errorId]);
    expect(result.stderr).toContain(args.split(' ')[0]);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(cwd).sort()).toEqual(['exists.csv', 'folder.csv']);
    expect(readdirSync(join(cwd, 'folder.csv'))).toEqual([]);
    expect(readFileSync(join(cwd, 'exists.csv'), 'utf8')).toBe('old\n');
  });

  it.skipIf(!CAN_MOUNT)('a read-only file system and a full one: FileOpenFailure / DiskFull, the old file intact, no temporary file left', async () => {
    const cwd = folder('mounts');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', cwd]);
    try {
      writeFileSync(join(cwd, 'keep.csv'), 'old\n');
      const full = await sh(`yes '${ROW}' | head -n 5000 | Export-Csv keep.csv`, { env, cwd });
      expect(full.code).toBe(1);
      expect(errorsOf(full).map((e) => e.errorId)).toEqual(['DiskFull']);
      expect(readdirSync(cwd)).toEqual(['keep.csv']);
      execFileSync('mount', ['-o', 'remount,ro', cwd]);
      const readOnly = await sh(`printf '{"a":1}\\n' | Export-Csv new.csv`, { env, cwd });
      expect(readOnly.code).toBe(1);
      expect(errorsOf(readOnly).map((e) => e.errorId)).toEqual(['FileOpenFailure']);
      expect(readOnly.stderr).toContain('new.csv');
      expect(readFileSync(join(cwd, 'keep.csv'), 'utf8')).toBe('old\n');
    } finally {
      execFileSync('umount', [cwd]);
    }
  });

  it.skipIf(process.getuid?.() === 0)('a folder that cannot be written: FileOpenFailure', async () => {
    const cwd = folder('locked-folder');
    chmodSync(cwd, 0o555);
    const result = await sh(`printf '{"a":1}\\n' | Export-Csv x.csv`, { env, cwd });
    chmodSync(cwd, 0o755);
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['FileOpenFailure']);
  });
});

describe('Export-Csv stopped mid-way', () => {
  it('kill -9 while it waits for input: the old file is intact', async () => {
    const cwd = folder('kill9');
    writeFileSync(join(cwd, 'keep.csv'), 'old\n');
    const result = await sh(
      `mkfifo in.fifo; Export-Csv keep.csv < in.fifo & p=$!; exec 3>in.fifo; Get-CsUser | Get-CsClientPinInfo >&3; sleep 1; kill -9 $p; wait $p; echo "rc=$?"; exec 3>&-; rm in.fifo`,
      { env, cwd },
    );
    expect(result.stdout).toBe('rc=137\n');
    expect(readFileSync(join(cwd, 'keep.csv'), 'utf8')).toBe('old\n');
  });

  it('Ctrl-C (SIGINT) while it waits: exit 130, the old file intact and the temporary file gone', async () => {
    const cwd = folder('sigint');
    writeFileSync(join(cwd, 'keep.csv'), 'old\n');
    const result = await sh(
      `set -m; mkfifo ../sigint.fifo; Export-Csv keep.csv < ../sigint.fifo & p=$!; exec 3>../sigint.fifo; Get-CsUser | Get-CsClientPinInfo >&3; sleep 1; kill -INT $p; wait $p; echo "rc=$?"; exec 3>&-; rm ../sigint.fifo`,
      { env, cwd },
    );
    expect(result.stdout).toBe('rc=130\n');
    expect(readdirSync(cwd)).toEqual(['keep.csv']);
    expect(readFileSync(join(cwd, 'keep.csv'), 'utf8')).toBe('old\n');
  });

  it('kill -9 during a big export, also with -Append: the old file or the whole new one, never half', async () => {
    const cwd = folder('kill9-big');
    for (const [i, append] of [[0, ''], [1, '-Append'], [2, '-Append']] as const) {
      writeFileSync(join(cwd, 'big.csv'), `${H5}\n"sip:old@litwareinc.com","True","False",,\n`);
      const result = await sh(`yes '${ROW}' | head -n 300000 | Export-Csv big.csv ${append} & p=$!; sleep ${0.5 + i * 0.4}; kill -9 $p 2>/dev/null; wait`, { env, cwd });
      expect(result.code).toBe(0);
      const text = readFileSync(join(cwd, 'big.csv'), 'utf8');
      const lines = text.split('\n');
      expect(text.endsWith('\n')).toBe(true);
      if (lines.length === 3) continue; // the old file
      expect(lines[0]).toBe(H5);
      expect(lines.length).toBe(300000 + (append ? 3 : 2));
    }
  });
});

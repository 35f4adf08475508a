/**
 * The process-level last resort (src/cli.ts): an error that escapes every command (a late 'error'
 * event, a rejected promise nobody awaits) ends the process with one line and exit status 1, never
 * a stack trace unless CSPIN_DEBUG=1; a broken pipe ends it quietly. The failure is injected after a
 * real command has run, in a process started the way the bins start.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, errorsOf, sampleDirectory, sh } from '../support/shell.js';

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = await sampleDirectory();
});

/** Runs Get-CsPinPolicy through main(), then the given failure once it has finished. */
function withFailure(failure: string, more: NodeJS.ProcessEnv = {}) {
  const entry = pathToFileURL(join(ROOT, 'dist', 'cspin.mjs')).href;
  const script = `import { main } from '${entry}'; await main(['node', 'Get-CsPinPolicy', '-Identity', 'Global']); setTimeout(() => { ${failure} }, 10);`;
  return sh(`node --input-type=module -e "$SCRIPT" > /dev/null`, { env: { ...env, ...more, SCRIPT: script } });
}

describe('the last resort', () => {
  it.each([
    ['an uncaught exception', "throw new RangeError('late failure of 18723834');"],
    ['an unhandled rejection', "Promise.reject(new TypeError('late rejection of 18723834'));"],
  ])('%s: one InternalError line, exit 1, no stack, nothing of its text', async (_what, failure) => {
    const result = await withFailure(failure, { CSPIN_ERROR_FORMAT: 'json' });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.command, e.errorId])).toEqual([['Get-CsPinPolicy', 'InternalError']]);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('18723834');
  });

  it('under CSPIN_DEBUG=1 the stack trace follows the line', async () => {
    const result = await withFailure("throw new RangeError('late failure');", { CSPIN_DEBUG: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Get-CsPinPolicy : The command stopped on an internal error \(RangeError\).*\nRangeError: late failure\n\s+at /);
  });

  it('a known system failure gets its own error: ENOSPC is DiskFull', async () => {
    const result = await withFailure("void import('node:fs').then((fs) => fs.writeFileSync('/dev/full', 'x'));", { CSPIN_ERROR_FORMAT: 'json' });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['DiskFull']);
  });

  it('a broken pipe ends the process quietly with the status it had', async () => {
    const result = await withFailure("throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' });");
    expect([result.code, result.stderr]).toEqual([0, '']);
  });
});

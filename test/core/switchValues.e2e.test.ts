/**
 * Switches given a value (`-WhatIf:0`), through the real bins against a sample database: the value
 * decides as PowerShell 7.6's binder decides for a compiled cmdlet's switch (asked of it): any
 * number is true unless it is zero, `$true`/`$false` are themselves, `$null` is true, text is
 * CannotConvertArgument (exit 2, nothing changed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

let env: NodeJS.ProcessEnv = {};
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json' };
});

/** Whether kenmyer's PIN is locked now. */
async function locked(): Promise<unknown> {
  const info = await sh('Get-CsClientPinInfo -Identity "litwareinc\\kenmyer"', { env });
  return info.objects[0]?.IsLockedOut;
}

describe('a switch given a value', () => {
  it.each([
    ['-WhatIf:2', true],
    ['-WhatIf:0x10', true],
    ['-WhatIf:1e3', true],
    ["-WhatIf:'$null'", true],
    ["-WhatIf:'$true'", true],
    ['-WhatIf:0.0', false],
    ['-WhatIf:0x0', false],
    ['-WhatIf:0kb', false],
    ['-WhatIf:0', false],
  ])('Lock-CsClientPin %s: What if only when the value is true', async (switchArg, whatIf) => {
    // Each case starts unlocked; a real lock is undone after it.
    const result = await sh(`Lock-CsClientPin -Identity "litwareinc\\kenmyer" ${switchArg}`, { env });
    expect(result.code).toBe(0);
    expect(result.stderr.startsWith('What if: ')).toBe(whatIf);
    expect(await locked()).toBe(!whatIf);
    if (!whatIf) expect((await sh('Unlock-CsClientPin -Identity "litwareinc\\kenmyer"', { env })).code).toBe(0);
  });

  it.each(['-WhatIf:maybe', '-WhatIf:-1', `-WhatIf:"'false'"`, '-WhatIf:1n'])('%s is CannotConvertArgument (exit 2) and changes nothing', async (switchArg) => {
    const result = await sh(`Lock-CsClientPin -Identity "litwareinc\\kenmyer" ${switchArg}`, { env });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['CannotConvertArgument']);
    expect(await locked()).toBe(false);
  });
});

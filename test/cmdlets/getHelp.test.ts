/**
 * Get-Help and Get-Command end to end: the views of Get-Help in PowerShell's layout, text written as
 * it is into a pipe, names in any case and with wildcards, and PowerShell's error ids.
 */
import { describe, expect, it } from 'vitest';
import { CMDLETS } from '../../src/cmdlets/index.js';
import { errorsOf, sh } from '../support/shell.js';

/** The section headings of a help text (lines in capitals at the margin), in order. */
const headings = (text: string) => text.split('\n').filter((line) => /^[A-Z][A-Z ]+$/.test(line));

const PIN_INFO_EXAMPLES = [
  'Get-CsUser | Get-CsClientPinInfo',
  'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer"',
  'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com" | Get-CsClientPinInfo',
  'Get-CsUser -LdapFilter "Title=Manager" | Get-CsClientPinInfo',
];

describe.concurrent('Get-Help', () => {
  it('-Examples shows NAME, SYNOPSIS and the numbered examples only, as text into a pipe', async () => {
    const result = await sh('Get-Help Get-CsClientPinInfo -Examples | cat');
    expect(result.code, result.stderr).toBe(0);
    expect(headings(result.stdout)).toEqual(['NAME', 'SYNOPSIS']);
    expect(result.stdout.match(/^ {4}-{26} EXAMPLE \d -{26}$/gm)).toEqual([1, 2, 3, 4, 5].map((n) => `    -------------------------- EXAMPLE ${n} --------------------------`));
    for (const code of PIN_INFO_EXAMPLES) expect(result.stdout).toContain(`\n    PS > ${code}\n`);
    expect(result.stdout.startsWith('\nNAME\n    Get-CsClientPinInfo\n\nSYNOPSIS\n')).toBe(true);
  });

  it('the default view has the syntax, the description and the remarks, no parameters or examples', async () => {
    const result = await sh('Get-Help Get-CsClientPinInfo');
    expect(headings(result.stdout)).toEqual(['NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'REMARKS']);
    expect(result.stdout).toContain('\nSYNTAX\n    Get-CsClientPinInfo [-Identity] <UserIdParameter> [-WhatIf] [-Confirm] [<CommonParameters>]\n');
    expect(result.stdout).toContain('    To see the examples, type: "Get-Help Get-CsClientPinInfo -Examples"\n');
  });

  it('-Detailed adds the parameter descriptions and the examples; -Full the attributes, inputs and outputs', async () => {
    const [detailed, full] = await Promise.all([sh('Get-Help Get-CsUser -Detailed'), sh('Get-Help Get-CsUser -Full')]);
    expect(headings(detailed.stdout)).toEqual(['NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'REMARKS']);
    expect(detailed.stdout).toContain('\n    -ResultSize <Unlimited[UInt32]>\n        The maximum number of users to return');
    expect(detailed.stdout).not.toContain('Required?');
    expect(detailed.stdout).toContain('EXAMPLE 1');
    expect(headings(full.stdout)).toEqual(['NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS']);
    expect(full.stdout).toContain('\n        Required?                    false\n        Position?                    1\n');
    expect(full.stdout).toContain('\nOUTPUTS\n    Microsoft.Rtc.Management.ADConnect.Schema.ADUser\n');
  });

  it('the help of a cmdlet with ShouldProcess lists -WhatIf and -Confirm as switches', async () => {
    const result = await sh('Get-Help Set-CsClientPin -Full');
    expect(result.stdout).toContain('\n    -WhatIf [<SwitchParameter>]\n');
    expect(result.stdout).toContain('\n    -Force [<SwitchParameter>]\n');
  });

  it('names match in any case, through the lower-case bin, and a wildcard matching one cmdlet gives its help', async () => {
    const [lower, wild] = await Promise.all([sh('get-help get-csuser -examples'), sh('Get-Help "get-csu*" -Examples')]);
    expect(lower.stdout).toContain('\nNAME\n    Get-CsUser\n');
    expect(wild.stdout).toBe(lower.stdout);
  });

  it('a wildcard matching several cmdlets lists them with their synopses', async () => {
    const result = await sh("Get-Help '*-CsPinPolicy'");
    expect(result.code).toBe(0);
    const names = result.stdout.split('\n').slice(3).map((line) => line.split(' ')[0]).filter(Boolean);
    expect(names).toEqual(['Get-CsPinPolicy', 'Grant-CsPinPolicy', 'New-CsPinPolicy', 'Remove-CsPinPolicy', 'Set-CsPinPolicy']);
    expect(result.stdout.split('\n')[1]).toMatch(/^Name +Category Module Synopsis$/);
  });

  it('-Parameter takes wildcards; a pattern naming no parameter is NoParmsFound', async () => {
    const [some, none] = await Promise.all([sh("Get-Help Get-CsUser -Parameter '*Filter'"), sh('Get-Help Get-CsUser -Parameter Zork', { env: { CSPIN_ERROR_FORMAT: 'json' } })]);
    expect(some.stdout.match(/^-\S+/gm)).toEqual(['-LdapFilter', '-Filter']);
    expect(none.code).toBe(1);
    expect(errorsOf(none).map((e) => e.errorId)).toEqual(['NoParmsFound']);
  });

  it('an unknown name is HelpNotFound (exit 1); piped names are each answered in order', async () => {
    const result = await sh("printf '%s\\n' '{\"Name\":\"Get-Nothing\"}' '{\"Name\":\"Get-Help\"}' | Get-Help -Examples", { env: { CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.errorId, e.record])).toEqual([['HelpNotFound', 1]]);
    expect(result.stdout).toContain('\nNAME\n    Get-Help\n');
  });

  it('-Examples and -Full cannot be used together', async () => {
    const result = await sh('Get-Help Get-CsUser -Examples -Full', { env: { CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['AmbiguousParameterSet']);
  });
});

describe.concurrent('Get-Command', () => {
  it('with no argument lists every cmdlet of the registry, by name, as CmdletInfo objects', async () => {
    const result = await sh('Get-Command');
    expect(result.code).toBe(0);
    expect(result.objects.map((o) => o.Name)).toEqual(Object.keys(CMDLETS).sort());
    expect(result.objects.every((o) => o.CommandType === 'Cmdlet' && o.Source === 'cspin' && `${String(o.Verb)}-${String(o.Noun)}` === o.Name)).toBe(true);
  });

  it.each([
    ['-Noun CsClientPin', ['Lock-CsClientPin', 'Set-CsClientPin', 'Test-CsClientPin', 'Unlock-CsClientPin']],
    ['-Verb get -Noun "*Pin*"', ['Get-CsClientPinInfo', 'Get-CsPinPolicy']],
    ["'*-CsUser'", ['Get-CsUser']],
    ['Get-Help,get-command', ['Get-Command', 'Get-Help']],
    ['-Verb Lock,Unlock', ['Lock-CsClientPin', 'Unlock-CsClientPin']],
    ["'Zork*'", []],
    ['-Noun Zork', []],
  ])('Get-Command %s gives %j', async (args, names) => {
    const result = await sh(`Get-Command ${args}`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects.map((o) => o.Name)).toEqual(names);
  });

  it('a name without wildcards that names no cmdlet is CommandNotFoundException (exit 1); the others still come', async () => {
    const result = await sh('Get-Command Get-CsUsr,Get-CsUser', { env: { CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['CommandNotFoundException']);
    expect(result.objects.map((o) => o.Name)).toEqual(['Get-CsUser']);
  });

  it('-Syntax writes each syntax line as text', async () => {
    const result = await sh('Get-Command -Noun CsUser -Syntax | cat');
    expect(result.stdout).toBe('\nGet-CsUser [[-Identity] <UserIdParameter>] [-OU <String>] [-LdapFilter <String>] [-Filter <String>] [-DomainController <String>] [-ResultSize <Unlimited[UInt32]>] [<CommonParameters>]\n\n');
  });
});

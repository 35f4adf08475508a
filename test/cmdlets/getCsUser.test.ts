/**
 * Get-CsUser end to end against the litwareinc sample: the ADUser objects, -Identity forms, -OU,
 * -LdapFilter, -Filter, -ResultSize, their combinations, pipeline input and the error cases.
 * Every command line runs literally in bash; the sample directory is only read, so tests run
 * concurrently on one copy.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KEN_MYER_USER } from '../support/sampleObjects.js';
import { ROOT, sampleDirectory, sh, type ShellResult } from '../support/shell.js';

const ADUSER_TYPE = 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser';
const ADUSER_PROPERTIES = ['Identity', 'SipAddress', 'UserPrincipalName', 'SamAccountName', 'DisplayName', 'Enabled', 'RegistrarPool', 'LineUri', 'EnterpriseVoiceEnabled', 'PinPolicy'];

/** The sample directory's source rows: the oracle for the larger result sets. */
const SAMPLE = parse(readFileSync(join(ROOT, 'samples', 'litwareinc.csv')), { columns: true }) as Record<string, string>[];
const SIP_USERS = SAMPLE.filter((u) => u.SipAddress);
/** The logons of the sample users with a SIP address that meet a condition, sorted. */
const where = (test: (u: Record<string, string>) => boolean) => SIP_USERS.filter(test).map((u) => u.SamAccountName ?? '').sort();
const ALL = where(() => true);

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json' };
});

const run = (command: string, input?: string): Promise<ShellResult> => sh(command, { env, input });

/** `Get-CsUser` with no parameters, run once and shared. */
let everyone: Promise<ShellResult> | undefined;
const getEveryone = () => (everyone ??= run('Get-CsUser'));

/** The sorted SamAccountName values of the output. */
const sams = (result: ShellResult) => result.objects.map((o) => String(o.SamAccountName)).sort();

/** The error records written to stderr (CSPIN_ERROR_FORMAT=json). */
function errors(result: ShellResult): { errorId: string; message: string; record?: number; target?: string }[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { errorId: string; message: string; record?: number; target?: string });
}
const errorIds = (result: ShellResult) => errors(result).map((e) => e.errorId);

describe.concurrent('Get-CsUser with no parameters', () => {
  it('Get-CsUser returns the 24 users with a SIP address as ADUser objects, properties in order', async () => {
    const result = await getEveryone();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(ALL).toHaveLength(24);
    expect(sams(result)).toEqual(ALL);
    for (const user of result.objects) {
      expect(user.PSTypeName).toBe(ADUSER_TYPE);
      expect(Object.keys(user).filter((k) => k !== 'PSTypeName')).toEqual(ADUSER_PROPERTIES);
    }
  });

  it('Get-CsUser streams the users in directory order: the order they were imported, not by SIP address', async () => {
    const result = await getEveryone();
    const imported = SIP_USERS.map((u) => u.SamAccountName);
    expect(imported).not.toEqual([...imported].sort());
    expect(result.objects.map((o) => o.SamAccountName)).toEqual(imported);
  });

  it('Get-CsUser gives Ken Myer his sample values, with sip: and tel: prefixes and a null PinPolicy', async () => {
    const result = await run("Get-CsUser -Identity 'litwareinc\\kenmyer'");
    expect(result.objects).toEqual([KEN_MYER_USER]);
  });
});

describe.concurrent('Get-CsUser -Identity', () => {
  it.each([
    ['domain\\logon in another case', "Get-CsUser -Identity 'LITWAREINC\\KenMyer'", ['kenmyer']],
    ['SIP address', 'Get-CsUser -Identity sip:kenmyer@litwareinc.com', ['kenmyer']],
    ['UPN', 'Get-CsUser -Identity kenmyer@litwareinc.com', ['kenmyer']],
    ['DN', 'Get-CsUser -Identity "CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com"', ['kenmyer']],
    ['DN in another case with spaces', 'Get-CsUser -Identity "cn=ken myer, ou=finance, dc=litwareinc, dc=com"', ['kenmyer']],
    ['display name', 'Get-CsUser -Identity "Ken Myer"', ['kenmyer']],
    ['display name, positional', 'Get-CsUser "Ken Myer"', ['kenmyer']],
    ['display name wildcard "* Smith"', 'Get-CsUser -Identity "* Smith"', ['ellens', 'jsmith']],
    ['display name shared by two users', 'Get-CsUser -Identity "Chris Preston"', ['chrisp', 'cpreston']],
  ])('Get-CsUser -Identity finds a user by %s', async (_form, command, expected) => {
    const result = await run(command);
    expect(result.code, result.stderr).toBe(0);
    expect(sams(result)).toEqual(expected);
  });

  it.each([
    ['a user without a SIP address', "Get-CsUser -Identity 'litwareinc\\janec'", 'litwareinc\\janec'],
    ['an unknown logon', "Get-CsUser -Identity 'litwareinc\\nobody'", 'litwareinc\\nobody'],
    ['a user outside the -OU', "Get-CsUser -Identity 'litwareinc\\davidl' -OU 'OU=Finance,DC=litwareinc,DC=com'", 'litwareinc\\davidl'],
  ])('Get-CsUser -Identity of %s is ManagementObjectNotFound (exit 1)', async (_what, command, target) => {
    const result = await run(command);
    expect(result.code).toBe(1);
    expect(result.objects).toEqual([]);
    expect(errors(result)).toEqual([expect.objectContaining({ errorId: 'ManagementObjectNotFound', target })]);
  });
});

describe.concurrent('Get-CsUser -OU', () => {
  const FINANCE = ['aidan', 'kenmyer', 'pilar'];
  it.each([
    ['an OU and its child OU', 'OU=Finance,DC=litwareinc,DC=com', FINANCE],
    ['a DN in another case', 'ou=FINANCE,dc=LitwareInc,dc=COM', FINANCE],
    ['spaces after the commas', 'OU=Finance, DC=litwareinc, DC=com', FINANCE],
    ['the child OU alone', 'OU=Payroll,OU=Finance,DC=litwareinc,DC=com', ['aidan']],
    ['an OU whose users all sit in a child OU or itself', 'OU=Research,DC=litwareinc,DC=com', ['gregw', 'yanli', 'zrinkam']],
    ['the Users container', 'cn=Users,dc=litwareinc,dc=com', ['confroom1', 'hollyh']],
    ['the domain', 'DC=litwareinc,DC=com', ALL],
  ])('Get-CsUser -OU searches %s', async (_what, ou, expected) => {
    const result = await run(`Get-CsUser -OU '${ou}'`);
    expect(result.code, result.stderr).toBe(0);
    expect(sams(result)).toEqual(expected);
  });

  it.each([
    ['an OU that does not exist', "Get-CsUser -OU 'OU=Nope,DC=litwareinc,DC=com'", undefined],
    ['a prefix of an existing OU', "Get-CsUser -OU 'OU=Fin,DC=litwareinc,DC=com'", undefined],
    ['an OU that does not exist, with pipeline input', "Get-CsUser -OU 'OU=Nope,DC=litwareinc,DC=com'", 'litwareinc\\kenmyer\n'],
  ])('Get-CsUser -OU with %s is a terminating OrganizationalUnitNotFound (exit 1, no output)', async (_what, command, input) => {
    const result = await run(command, input);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(errorIds(result)).toEqual(['OrganizationalUnitNotFound']);
  });

  it('Get-CsUser -OU with text that is not a DN is a usage error (exit 2)', async () => {
    const result = await run("Get-CsUser -OU 'Finance'");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(errorIds(result)).toHaveLength(1);
  });
});

describe.concurrent('Get-CsUser -LdapFilter', () => {
  const MANAGERS = ['aidan', 'davidl', 'kenmyer'];
  it.each([
    ['Title=Manager', MANAGERS],
    ['(Title=Manager)', MANAGERS],
    ['TITLE=mAnAgEr', MANAGERS],
    ['&(Department=Finance)(Title=Manager)', ['kenmyer']],
    ['|(Title=Supervisor)(Title=Manager)', ['aidan', 'bobk', 'davidl', 'kenmyer', 'sanjays', 'tonip']],
    ['l=Redmond', where((u) => u.l === 'Redmond')],
    ['(!(Title=Manager))', where((u) => u.Title !== 'Manager')],
    ['Title=Man*', MANAGERS],
    ['(Title=*ger)', MANAGERS],
    ['(telephoneNumber=*)', ALL],
    ['(Title=*)', where((u) => u.Title !== '')],
    ['(&(l=Seattle)(!(Department=Sales)))', ['amys', 'rayc', 'sanjays', 'tyc']],
    ['(Title=\\4danager)', MANAGERS],
  ])('Get-CsUser -LdapFilter "%s"', async (filter, expected) => {
    const result = await run(`Get-CsUser -LdapFilter '${filter}'`);
    expect(result.code, result.stderr).toBe(0);
    expect(sams(result)).toEqual(expected);
  });

  it.each([
    ['(&(Title=Manager)', 17],
    ['(Title=Manager))', 15],
    ['Title', 5],
  ])('Get-CsUser -LdapFilter "%s" is InvalidLdapFilter (exit 2) naming position %i', async (filter, position) => {
    const result = await run(`Get-CsUser -LdapFilter '${filter}'`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [error, ...more] = errors(result);
    expect(more).toEqual([]);
    expect(error?.errorId).toBe('InvalidLdapFilter');
    expect(error?.message).toMatch(new RegExp(`\\b${position}\\b`));
  });
});

describe.concurrent('Get-CsUser -Filter', () => {
  it.each([
    ['{Enabled -eq $True}', where((u) => u.Enabled === 'True')],
    ['{Enabled -eq $False}', ['tonip']],
    ['{SipAddress -like "*@litwareinc.com"}', ALL],
    ['{DisplayName -eq "Ken Myer" -or DisplayName -eq "Ellen Smith"}', ['ellens', 'kenmyer']],
    ['{PinPolicy -eq $Null}', ALL],
    ['{EnterpriseVoiceEnabled -eq $True -and RegistrarPool -eq "red-cs-001.litwareinc.com"}', ['davidl', 'sanjays', 'wendyr']],
    ['{-not (Enabled -eq $True)}', ['tonip']],
    ['Enabled -eq $False', ['tonip']],
  ])("Get-CsUser -Filter '%s'", async (filter, expected) => {
    const result = await run(`Get-CsUser -Filter '${filter}'`);
    expect(result.code, result.stderr).toBe(0);
    expect(sams(result)).toEqual(expected);
  });

  it('Get-CsUser -Filter in double quotes, where bash ate $True, is InvalidFilter (exit 2) with the single-quote hint', async () => {
    const result = await run('Get-CsUser -Filter "{Enabled -eq $True}"');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [error] = errors(result);
    expect(error?.errorId).toBe('InvalidFilter');
    expect(error?.message).toMatch(/single.quot/i);
  });

  it('Get-CsUser -Filter with -LdapFilter is AmbiguousParameterSet (exit 2)', async () => {
    const result = await run("Get-CsUser -Filter '{Enabled -eq $True}' -LdapFilter 'Title=Manager'");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(errorIds(result)).toEqual(['AmbiguousParameterSet']);
  });
});

describe.concurrent('Get-CsUser -ResultSize', () => {
  it.each([
    ['0', 0],
    ['2', 2],
    ['Unlimited', 24],
    ['1000', 24],
  ])('Get-CsUser -ResultSize %s returns %i users (exit 0)', async (size, count) => {
    const result = await run(`Get-CsUser -ResultSize ${size}`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.objects).toHaveLength(count);
    expect(new Set(sams(result)).size).toBe(count);
  });

  it.each([['-1'], ['abc'], ['2147483648']])('Get-CsUser -ResultSize %s is a usage error (exit 2)', async (size) => {
    const result = await run(`Get-CsUser -ResultSize ${size}`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(errorIds(result)).toHaveLength(1);
  });

  it('Get-CsUser -ResultSize counts only users that pass -Filter', async () => {
    const result = await run("Get-CsUser -Filter '{Enabled -eq $False -or LineUri -ne $Null}' -ResultSize 3");
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toHaveLength(3);
    for (const user of result.objects) expect(user.Enabled === false || user.LineUri !== null).toBe(true);
  });

  it('Get-CsUser -ResultSize limits the users found for pipeline identities', async () => {
    const result = await run('Get-CsUser -ResultSize 2', 'litwareinc\\kenmyer\nlitwareinc\\pilar\nlitwareinc\\aidan\n');
    expect(result.code, result.stderr).toBe(0);
    expect(sams(result)).toEqual(['kenmyer', 'pilar']);
  });
});

describe.concurrent('Get-CsUser with parameters combined', () => {
  it.each([
    ['-OU with -LdapFilter', "Get-CsUser -OU 'OU=Finance,DC=litwareinc,DC=com' -LdapFilter 'Title=Manager'", ['aidan', 'kenmyer']],
    ['-OU with -Filter', "Get-CsUser -OU 'OU=Sales,DC=litwareinc,DC=com' -Filter '{Enabled -eq $False}'", ['tonip']],
    ['-Identity with -LdapFilter', "Get-CsUser -Identity '* Smith' -LdapFilter 'l=Seattle'", ['jsmith']],
    ['-OU with -LdapFilter and -ResultSize', "Get-CsUser -OU 'DC=litwareinc,DC=com' -LdapFilter 'Title=Manager' -ResultSize 2", undefined],
  ])('Get-CsUser %s', async (_what, command, expected) => {
    const result = await run(command);
    expect(result.code, result.stderr).toBe(0);
    if (expected) expect(sams(result)).toEqual(expected);
    else {
      expect(result.objects).toHaveLength(2);
      for (const sam of sams(result)) expect(['aidan', 'davidl', 'kenmyer']).toContain(sam);
    }
  });
});

describe.concurrent('Get-CsUser with pipeline input', () => {
  it('echo "litwareinc\\kenmyer" | Get-CsUser binds the string by value', async () => {
    const result = await run('echo "litwareinc\\kenmyer" | Get-CsUser');
    expect(result.code, result.stderr).toBe(0);
    expect(sams(result)).toEqual(['kenmyer']);
  });

  it('Get-CsUser | Get-CsUser passes ADUser objects by value and returns the same objects', async () => {
    const [piped, direct] = await Promise.all([run('Get-CsUser | Get-CsUser'), getEveryone()]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.objects).toHaveLength(24);
    const byId = (objects: Record<string, unknown>[]) => [...objects].sort((a, b) => String(a.Identity).localeCompare(String(b.Identity)));
    expect(byId(piped.objects)).toEqual(byId(direct.objects));
  });

  it('Get-CsUser -OU ... | Get-CsUser keeps the OU users', async () => {
    const result = await run("Get-CsUser -OU 'OU=Finance,DC=litwareinc,DC=com' | Get-CsUser");
    expect(result.code, result.stderr).toBe(0);
    expect(sams(result)).toEqual(['aidan', 'kenmyer', 'pilar']);
  });

  it.each([
    ['an object with Identity (by property name)', '{"Identity":"litwareinc\\\\kenmyer"}', ['kenmyer']],
    ['an AD export row with SipAddress (alias, by property name)', '{"SipAddress":"sip:pilar@litwareinc.com","Title":"Accountant"}', ['pilar']],
    ['a JSON string', '"Ken Myer"', ['kenmyer']],
  ])('Get-CsUser binds %s', async (_what, line, expected) => {
    const result = await run('Get-CsUser', `${line}\n`);
    expect(result.code, result.stderr).toBe(0);
    expect(sams(result)).toEqual(expected);
  });

  it('Get-CsUser reports each identity it cannot find as ManagementObjectNotFound with its record, goes on, and exits 1', async () => {
    const result = await run('Get-CsUser', 'litwareinc\\kenmyer\nlitwareinc\\nobody\nlitwareinc\\janec\nsip:pilar@litwareinc.com\n');
    expect(result.code).toBe(1);
    expect(sams(result)).toEqual(['kenmyer', 'pilar']);
    expect(errors(result).map((e) => [e.errorId, e.record, e.target])).toEqual([
      ['ManagementObjectNotFound', 2, 'litwareinc\\nobody'],
      ['ManagementObjectNotFound', 3, 'litwareinc\\janec'],
    ]);
  });

  it('Get-CsUser reports an object it cannot bind as InputObjectNotBound and goes on (exit 1)', async () => {
    const result = await run('Get-CsUser', '{"Title":"Manager"}\nlitwareinc\\kenmyer\n');
    expect(result.code).toBe(1);
    expect(sams(result)).toEqual(['kenmyer']);
    expect(errors(result).map((e) => [e.errorId, e.record])).toEqual([['InputObjectNotBound', 1]]);
  });
});

/**
 * Format-Table and Format-List end to end: the real bins through real pipes. Every expected text was
 * produced by PowerShell 7.6 itself (`... | Format-Table | Out-String -Width N`, en-US, TZ=UTC).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

const ENV = { CSPIN_DB: '/nonexistent/cspin.db', CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC', COLUMNS: '' };

/** A bash single-quoted word. */
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
const printf = (lines: readonly string[]) => `printf '%s\\n' ${lines.map(quote).join(' ')} |`;

const MIXED = [
  '{"Name":"Ken Myer","Score":1.5,"Enabled":true,"When":"2012-09-25T13:35:03Z","Note":"The quick brown fox jumps over the lazy dog"}',
  '{"Name":"山田太郎","Score":-22,"Enabled":false,"When":null,"Note":"short"}',
];

describe('Format-Table', () => {
  it('writes PowerShell\'s table: numbers and booleans right-aligned, a double with two decimals, wide characters, a cut value', async () => {
    const r = await sh(`${printf(MIXED)} Format-Table`, { env: { ...ENV, COLUMNS: '60' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '\nName     Score Enabled When                 Note\n----     ----- ------- ----                 ----\nKen Myer  1.50    True 9/25/2012 1:35:03 PM The quick brown…\n山田太郎   -22   False                      short\n\n',
    );
  });

  it('-Wrap wraps at spaces under the column', async () => {
    const r = await sh(`${printf(MIXED)} format-table -Wrap`, { env: { ...ENV, COLUMNS: '60' } });
    expect(r.stdout).toBe(
      '\nName     Score Enabled When                 Note\n----     ----- ------- ----                 ----\nKen Myer  1.50    True 9/25/2012 1:35:03 PM The quick brown\n                                            fox jumps over\n                                            the lazy dog\n山田太郎   -22   False                      short\n\n',
    );
  });

  it('is 120 wide without COLUMNS when stdout is a pipe, as PowerShell without a console', async () => {
    const r = await sh(`${printf([JSON.stringify({ a: 'x'.repeat(200), b: 1 })])} Format-Table | cat`, { env: ENV });
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('a');
    // The hidden last column leaves the dash line padded, as PowerShell does.
    expect(lines[2]).toBe(`-${' '.repeat(119)}`);
    expect(lines[3]).toBe(`${'x'.repeat(119)}…`);
  });

  it('picks columns by name and wildcard, keeps a missing one empty, hides the header', async () => {
    const r = await sh(`${printf(['{"p1":1,"p10":10,"p2":2}'])} Format-Table p1*, Nope, P2 -HideTableHeaders`, { env: ENV });
    expect(r.stdout).toBe('\n 1  10       2\n\n');
  });

  it('writes strings in the input as lines where they come', async () => {
    const r = await sh(`${printf(['"before"', '{"a":1}', '"between"', '{"a":2}'])} Format-Table`, { env: ENV });
    expect(r.stdout).toBe('before\n\na\n-\n1\nbetween\n2\n\n');
  });

  it('writes nothing for no input', async () => {
    const r = await sh('printf "" | Format-Table', { env: ENV });
    expect([r.code, r.stdout]).toEqual([0, '']);
  });

  it('streams: | head ends it on endless input', async () => {
    const r = await sh(`yes '{"a":1}' | Format-Table | head -n 4`, { env: ENV });
    expect(r.stdout).toBe('\na\n-\n1\n');
  }, 20000);

  it('-AutoSize stops with MemoryBudgetExceeded past its budget', async () => {
    const make = `node -e 'const l=JSON.stringify({a:"x".repeat(1000)})+"\\n"; process.stdout.write(l.repeat(30000))'`;
    const r = await sh(`${make} | Format-Table -AutoSize`, { env: ENV });
    expect(r.code).toBe(1);
    expect(errorsOf(r).map((e) => e.errorId)).toEqual(['MemoryBudgetExceeded']);
  }, 30000);

  it('takes calculated properties, with Width and Alignment', async () => {
    const r = await sh(`${printf(['{"a":1,"b":"x"}', '{"a":22,"b":"yy"}'])} Format-Table b, '@{Label="Value"; Expression={$_.a}; Width=8; Alignment="Center"}'`, { env: ENV });
    expect(r.stdout).toBe('\nb  Value\n-  -----\nx    1\nyy  22\n\n');
  });

  it('refuses a hashtable key it does not know, with PowerShell\'s error id', async () => {
    const r = await sh(`${printf(['{"a":1}'])} Format-Table '@{Nme="x"; Expression={$_.a}}'`, { env: ENV });
    expect(r.code).toBe(2);
    expect(errorsOf(r).map((e) => e.errorId)).toEqual(['DictionaryKeyIllegal']);
  });
});

describe('Format-List', () => {
  it('writes PowerShell\'s list: padded labels, arrays cut with …, nested objects, wrapped values with their trailing space', async () => {
    const line = '{"Name":"Ken Myer","Tags":[1,2,3,4,5],"Nested":{"a":1,"b":null},"Description":"The quick brown fox jumps over the lazy dog"}';
    const r = await sh(`${printf([line])} Format-List`, { env: { ...ENV, COLUMNS: '40' } });
    expect(r.stdout).toBe(
      '\nName        : Ken Myer\nTags        : {1, 2, 3, 4…}\nNested      : @{a=1; b=}\nDescription : The quick brown fox jumps \n              over the lazy dog\n\n',
    );
  });

  it('pads each object on its own and leaves out missing properties', async () => {
    const r = await sh(`${printf(['{"a":1,"bbb":2}', '{"cccccc":3,"d":4}'])} format-list a, cccccc, d`, { env: ENV });
    expect(r.stdout).toBe('\na : 1\n\ncccccc : 3\nd      : 4\n\n');
  });
});

describe('on the sample directory', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = { ...(await sampleDirectory()), TZ: 'UTC', COLUMNS: '120' };
  });

  it('Format-Table of the whole sample: one header, 24 rows in input order', async () => {
    const r = await sh('Get-CsUser | Get-CsClientPinInfo | Format-Table', { env });
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '',
      'Identity                     IsPinSet IsLockedOut LastPinChangeTime      PinExpirationTime',
      '--------                     -------- ----------- -----------------      -----------------',
    ]);
    expect(lines).toHaveLength(3 + 24 + 2);
    expect(lines.slice(-3)).toEqual([expect.stringMatching(/^sip:/), '', '']);
  });
});

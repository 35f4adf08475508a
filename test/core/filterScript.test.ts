process.env.TZ = 'UTC';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASH_EXPANSION_HINT, ComparisonFailure, FilterError, compileFilter } from '../../src/core/filterScript.js';

type UserRecord = Record<string, unknown>;

const users: UserRecord[] = [
  {
    PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.OCSADUser',
    DisplayName: 'User1',
    SipAddress: 'sip:user1@domain.com',
    Enabled: true,
    EnterpriseVoiceEnabled: true,
    VoicePolicy: null,
    PinPolicy: null,
    RegistrarPool: 'atl-cs-001.contoso.com',
    HostingProvider: 'SRV:',
    Title: 'x',
    A: 'bravo',
    WhenChanged: '2012-09-25T13:35:03Z',
  },
  {
    DisplayName: 'User2',
    SipAddress: 'sip:user2@contoso.com',
    Enabled: true,
    EnterpriseVoiceEnabled: false,
    VoicePolicy: 'Tag:RedmondVoice',
    RegistrarPool: 'red-cs-001.contoso.com',
    HostingProvider: 'Microsoft Lync Online',
    Title: 'X',
    A: 'alpha',
    WhenChanged: '2013-01-02T08:00:00Z',
  },
  // As Import-Csv reads it: every value a string, empty fields empty strings.
  {
    DisplayName: 'User3',
    SipAddress: 'sip:user3@DOMAIN.com',
    Enabled: 'False',
    EnterpriseVoiceEnabled: 'True',
    VoicePolicy: '',
    PinPolicy: 'Tag:Strict',
    RegistrarPool: 'atl-cs-001.contoso.com',
    HostingProvider: 'SRV:',
    Title: 'Boss',
    A: 'bob',
    WhenChanged: '9/25/2012 1:35:03 PM',
  },
];

function select(filter: string): unknown[] {
  const predicate = compileFilter(filter);
  return users.filter(predicate).map((u) => u.DisplayName);
}

function filterError(filter: string): FilterError {
  try {
    compileFilter(filter);
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
  throw new Error(`compileFilter accepted ${filter}`);
}

describe('compileFilter', () => {
  it.each([
    ['{EnterpriseVoiceEnabled -eq $True}', ['User1', 'User3']],
    ['{VoicePolicy -eq $Null}', ['User1']],
    ['{PinPolicy -eq $Null}', ['User1', 'User2']],
    ['{RegistrarPool -eq "atl-cs-001.contoso.com"}', ['User1', 'User3']],
    ['{ HostingProvider -eq "SRV:"}', ['User1', 'User3']],
    ['{DisplayName -eq "User1" -or DisplayName -eq "User2"}', ['User1', 'User2']],
    ['{SipAddress -like "*@domain.com"}', ['User1', 'User3']],
    ['Enabled -eq $False', ['User3']],
    ['{-not (Enabled -eq $True)}', ['User3']],
    ["{(Title -eq 'x') -and (-not (A -like 'b*'))}", ['User2']],
  ])('compileFilter runs the documented example %s', (filter, expected) => {
    expect(select(filter)).toEqual(expected);
  });

  it.each([
    ['{Enabled}', ['User1', 'User2']],
    ['{-not Enabled}', ['User3']],
    ['{!Enabled}', ['User3']],
    ['{VoicePolicy}', ['User2']],
    ['{NoSuchProperty}', []],
    ['{NoSuchProperty -eq $null}', ['User1', 'User2', 'User3']],
    ["{$_.DisplayName -eq 'user1'}", ['User1']],
    ["{$PSItem.displayname -like 'USER?'}", ['User1', 'User2', 'User3']],
    ['{$null -eq $_.VoicePolicy}', ['User1']],
    ['{displayname -EQ "user2" -OR DISPLAYNAME -Eq "USER3"}', ['User2', 'User3']],
    ['{-NOT (Enabled -eq $TRUE) -And EnterpriseVoiceEnabled -eq $tRuE}', ['User3']],
    ['{Enabled -eq True}', ['User1', 'User2']],
    ['{RegistrarPool -eq atl-cs-001.contoso.com}', ['User1', 'User3']],
    // User3's date is US text, not ISO: two texts that are not ISO timestamps compare as strings.
    ["{WhenChanged -lt '1/1/2013'}", ['User1']],
    ["{WhenChanged -eq '2012-09-25T13:35:03Z'}", ['User1', 'User3']],
    ['{Title -ceq "X"}', ['User2']],
    ['{A -match "^b(ob|ravo)$"}', ['User1', 'User3']],
    ['{A -cnotlike "B*"}', ['User1', 'User2', 'User3']],
    ['  Title -ne "boss"  ', ['User1', 'User2']],
    ['{DisplayName \u2013eq \u201cUser2\u201d}', ['User2']],
    // Containment, as PowerShell 7.6 evaluates it: the collection's items decide the conversion.
    ["{$_.DisplayName -in 'user1','User3'}", ['User1', 'User3']],
    ["{$_.DisplayName -in @('user1','User3')}", ['User1', 'User3']],
    ["{$_.DisplayName -cin 'user1','User3'}", ['User3']],
    ["{$_.DisplayName -notin 'user1','User3'}", ['User2']],
    ["{DisplayName -in user2, user3}", ['User2', 'User3']],
    ["{'x','boss' -contains $_.Title}", ['User1', 'User2', 'User3']],
    ["{'x','boss' -ccontains $_.Title}", ['User1']],
    ["{'x','boss' -notcontains $_.Title}", []],
    ["{$_.Title -in @()}", []],
    ["{$_.Title -in @('x')}", ['User1', 'User2']],
    ['{Title -in Title, A}', []],
    ["{-not $_.Title -in 'x'}", []],
    ['{Enabled -in $True}', ['User1', 'User2']],
    ["{$_.A -in $_.A, 'z'}", ['User1', 'User2', 'User3']],
  ])('compileFilter selects records for %s', (filter, expected) => {
    expect(select(filter)).toEqual(expected);
  });

  it.each([
    // PowerShell gives -and, -or and -xor equal precedence, evaluated left to right.
    ['$true -or $true -and $false', false],
    ['$true -or ($true -and $false)', true],
    ['($true -or $true) -and $false', false],
    ['$false -and $false -or $true', true],
    ['$true -xor $true', false],
    ['$true -xor $false', true],
    ['-not $false', true],
    ['! $true', false],
    ['-not -not $true', true],
    // -not binds tighter than a comparison: (-not 'abc') -eq $true.
    ["-not 'abc' -eq $true", false],
    ["-not ('abc' -eq $true)", true],
    // Comparisons chain left to right: (1 -eq 1) -eq $true.
    ['1 -eq 1 -eq $true', true],
    ["2 -gt 1 -eq 'True'", true],
    ['((($true)))', true],
    ['$null', false],
    ["''", false],
    ["'False'", false],
    ['0', false],
    ['1.5', true],
    ['-2 -lt -1.5', true],
    ['1e3 -eq 1000', true],
  ])('compileFilter evaluates %s as %s with PowerShell precedence', (filter, expected) => {
    expect(compileFilter(filter)({})).toBe(expected);
  });

  it.each<[string, UserRecord]>([
    ['{Quote -eq "say `"hi`""}', { Quote: 'say "hi"' }],
    ['{Quote -eq "say ""hi"""}', { Quote: 'say "hi"' }],
    ["{Quote -eq 'say \"hi\"'}", { Quote: 'say "hi"' }],
    ["{Name -eq 'O''Brien'}", { Name: "O'Brien" }],
    ['{Name -eq "tab`there"}', { Name: 'tab\there' }],
    ['{Name -eq "cost: $5"}', { Name: 'cost: $5' }],
    // Single quotes keep the backtick for the wildcard; in double quotes `* is just *, as in PowerShell.
    ["{Name -like 'a`*b'}", { Name: 'a*b' }],
    ['{Name -like "a``*b"}', { Name: 'a*b' }],
    ['{Name -like "a`*b"}', { Name: 'aXYZb' }],
    ['{Count -gt -1.5}', { Count: -1 }],
    ['{Count -eq 3}', { Count: 3 }],
    ['{Count -lt 10.25}', { Count: 10 }],
    ['{Count -eq "3"}', { Count: 3.0 }],
    ['{Tags -eq "b"}', { Tags: ['a', 'b'] }],
  ])('compileFilter reads the values in %s', (filter, record) => {
    expect(compileFilter(filter)(record)).toBe(true);
  });

  it.each([
    ['{Enabled -eq }', 13],
    ['Enabled -eq', 11],
    ['{Enabled -eq  -and Title -eq "x"}', 14],
    ['{(Enabled -eq ) -or $true}', 14],
    ['{Enabled -eq -or $true}', 13],
    ['{ -eq Enabled}', 2],
  ])('compileFilter hints that bash ate a $ variable when %s lacks an operand', (filter, position) => {
    const error = filterError(filter);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`Invalid filter at position ${position}: expected a`);
    expect(error.message).toContain(BASH_EXPANSION_HINT);
  });

  it.each([
    ['{Enabled -eq $Tru}', 13, 'unknown variable $Tru'],
    ["{Enabled -containz 'x'}", 9, 'unknown operator -containz'],
    ["{Enabled -eq 'x}", 13, 'missing the closing quote'],
    ['{Enabled -eq 1 -and (Title -eq 2}', 32, "expected ')' to close the '(' at position 20"],
    ['{Enabled -eq 1', 14, "expected '}' to close the '{' at position 0"],
    ['Enabled -eq 1}', 13, "unexpected '}'"],
    ['{Enabled -eq 1 Title}', 15, "unexpected 'Title'"],
    ['{}', 1, 'expected an expression'],
    ['', 0, 'expected an expression'],
    ['   ', 3, 'expected an expression'],
    ['{Display.Name -eq 1}', 1, 'member access below a property (Display.Name) is not supported'],
    ['{$_.Nope.Deeper -eq $null}', 1, 'member access below a property ($_.Nope.Deeper) is not supported'],
    ["{Name -like '[abc'}", 12, 'invalid wildcard pattern "[abc"'],
    ["{Name -match '('}", 13, 'invalid regular expression "("'],
    ['{-not}', 5, 'expected an operand after -not'],
    ['{$True.Foo -eq 1}', 1, '$True has no properties'],
    ['{Name -eq $}', 10, "expected a variable name after '$'"],
    ['{Name -in 1, }', 13, "expected a value after ','"],
    ["{Name -in @('a'}", 15, "expected ')' to close the '@(' at position 10"],
    ['{Name - 1}', 6, "unexpected '-'"],
    ['{()}', 2, "expected an expression inside '()'"],
    ['{Name -eq {1}}', 10, "expected a property, a value or '(' but found '{'"],
  ])('compileFilter rejects %s at position %i', (filter, position, reason) => {
    const error = filterError(filter);
    expect(error.position).toBe(position);
    expect(error.message).toBe(`Invalid filter at position ${position}: ${error.reason}`);
    expect(error.reason.startsWith(reason)).toBe(true);
    expect(error.message).not.toContain('bash');
  });

  it.each<[string, UserRecord, boolean]>([
    ['{Count -gt 9}', { Count: '10' }, false],
    ['{Count -gt 9}', { Count: 10 }, true],
    ['{Count -gt "9"}', { Count: 10 }, true],
  ])('compileFilter lets the left operand decide the comparison type in %s for %j', (filter, record, expected) => {
    expect(compileFilter(filter)(record)).toBe(expected);
  });

  it('compileFilter places a bad pattern read from a property at that operand', () => {
    const predicate = compileFilter('{Name -match $_.Pattern}');
    expect(predicate({ Name: 'abc', Pattern: 'b' })).toBe(true);
    expect(() => predicate({ Name: 'abc', Pattern: '(' })).toThrow('Invalid filter at position 13: invalid regular expression');
  });
});

describe('compileFilter properties', () => {
  const record = fc.record({ N: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constant(null)), S: fc.constantFrom('a', 'B', 'True', ''), B: fc.boolean() });
  const comparison = fc
    .tuple(
      fc.constantFrom('N', 'S', 'B', '$_.N', 'Missing'),
      fc.constantFrom('-eq', '-NE', '-gt', '-le', '-like', '-cnotlike', '-match'),
      fc.constantFrom('0', '1', "'a'", '"b*"', '$True', '$false', '$Null', 'True'),
    )
    .map((parts) => parts.join(' '));
  const { expression } = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      comparison,
      fc.constantFrom('N', 'S', 'B'),
      tie('expression').map((e) => `-not (${e})`),
      tie('expression').map((e) => `(${e})`),
      fc.tuple(tie('expression'), fc.constantFrom('-and', '-or', '-xor', '-AND'), tie('expression')).map((p) => p.join(' ')),
    ),
  }));

  /** The answer, or 'fails' when a value does not convert (a boolean compared with 'a'). */
  const outcome = (filter: string, r: Record<string, unknown>): boolean | 'fails' => {
    try {
      return compileFilter(filter)(r);
    } catch (error) {
      if (error instanceof ComparisonFailure || (error instanceof FilterError && error.errorId === 'ComparisonFailure')) return 'fails';
      throw error;
    }
  };
  const not = (answer: boolean | 'fails'): boolean | 'fails' => (answer === 'fails' ? answer : !answer);

  it('compileFilter makes -not (X) the negation of X', () => {
    fc.assert(
      fc.property(expression, record, (x, r) => {
        expect(outcome(`-not (${x})`, r)).toBe(not(outcome(x, r)));
        expect(outcome(`{!(${x})}`, r)).toBe(not(outcome(x, r)));
      }),
    );
  });

  it('compileFilter gives the same answer with or without braces and spaces', () => {
    fc.assert(
      fc.property(expression, record, (x, r) => {
        expect(outcome(` { ${x} } `, r)).toBe(outcome(x, r));
      }),
    );
  });

  it('compileFilter evaluates a chain of -and and -or from left to right', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('-and', '-or'), fc.boolean()), { maxLength: 6 }), fc.boolean(), (rest, first) => {
        const text = [`$${first}`, ...rest.map(([op, b]) => `${op} $${b}`)].join(' ');
        const expected = rest.reduce((acc, [op, b]) => (op === '-and' ? acc && b : acc || b), first);
        expect(compileFilter(text)({})).toBe(expected);
      }),
    );
  });
});

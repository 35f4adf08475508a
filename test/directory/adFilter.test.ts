/**
 * The ActiveDirectory module's -Filter language (about_ActiveDirectory_Filter) parsed into the LDAP
 * filter AST: each case reads as the LDAP filter it prints. Errors are asserted by id.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminatingError } from '../../src/core/index.js';
import { parseAdFilter } from '../../src/directory/index.js';
import { printLdapFilter } from '../../src/directory/ldap/index.js';

const ldap = (text: string) => printLdapFilter(parseAdFilter(text));

/** The error a filter is refused with. */
function refusal(text: string): { id: string; exit: number; message: string } {
  try {
    parseAdFilter(text);
  } catch (error) {
    if (error instanceof TerminatingError) return { id: error.record.errorId, exit: error.exitCode, message: error.record.message };
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

const ENABLED = '(|(&(userAccountControl=*)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))(&(!(userAccountControl=*))(msRTCSIP-UserEnabled=TRUE)))';
const DISABLED = '(|(userAccountControl:1.2.840.113556.1.4.803:=2)(&(!(userAccountControl=*))(msRTCSIP-UserEnabled=FALSE)))';

// Local date texts are read in this zone (EST, UTC-5 in winter, EDT, UTC-4 in summer).
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  process.env.TZ = savedTz;
});

describe('parseAdFilter: operators', () => {
  it.each([
    // The example.
    ['Department -eq "Finance" -and Title -like "Man*"', '(&(department=Finance)(title=Man*))'],
    ['Name -eq "Ken Myer"', '(name=Ken Myer)'],
    ['Title -ne "Manager"', '(!(title=Manager))'],
    ['Title -like "Manager"', '(title=Manager)'],
    ['Title -like "*"', '(title=*)'],
    ['Title -like "**"', '(title=*)'],
    ['Name -like "*ken*my**er"', '(name=*ken*my*er)'],
    ['Name -like "k*"', '(name=k*)'],
    ['Title -notlike "Man*"', '(!(title=Man*))'],
    ['Title -notlike "*"', '(!(title=*))'],
    ['Title -notlike "Manager"', '(!(title=Manager))'],
    ['logonCount -gt 5', '(&(logonCount>=5)(!(logonCount=5)))'],
    ['logonCount -ge 5', '(logonCount>=5)'],
    ['logonCount -lt 5', '(&(logonCount<=5)(!(logonCount=5)))'],
    ['logonCount -le 5', '(logonCount<=5)'],
    ['Name -approx "ken"', '(name~=ken)'],
    ['userAccountControl -band 2', '(userAccountControl:1.2.840.113556.1.4.803:=2)'],
    ['userAccountControl -bor 0x10', '(userAccountControl:1.2.840.113556.1.4.804:=16)'],
    // The documentation's example: 0x80000000 is ADS_GROUP_TYPE_SECURITY_ENABLED, unsigned.
    ['groupType -band 0x80000000', '(groupType:1.2.840.113556.1.4.803:=2147483648)'],
    ['userAccountControl -band "512"', '(userAccountControl:1.2.840.113556.1.4.803:=512)'],
    // A lone * is presence with -eq and -ne too; any other * in them is a literal character.
    ['mail -eq "*"', '(mail=*)'],
    ['mail -ne "*"', '(!(mail=*))'],
    ['Title -eq "Man*"', '(title=Man\\2a)'],
    ['Name -eq "a(b)"', '(name=a\\28b\\29)'],
    ['Title -EQ "x" -AND Name -Like "y*" -oR Name -NotLike "z"', '(|(&(title=x)(name=y*))(!(name=z)))'],
  ])('%s is %s', (filter, expected) => expect(ldap(filter)).toBe(expected));
});

describe('parseAdFilter: -and, -or, -not and parentheses', () => {
  it.each([
    // -and binds tighter than -or (the module's precedence, not PowerShell's left to right).
    ['a -eq 1 -or b -eq 2 -and c -eq 3', '(|(a=1)(&(b=2)(c=3)))'],
    ['a -eq 1 -and b -eq 2 -or c -eq 3', '(|(&(a=1)(b=2))(c=3))'],
    ['a -eq 1 -and b -eq 2 -or c -eq 3 -and d -eq 4', '(|(&(a=1)(b=2))(&(c=3)(d=4)))'],
    ['(a -eq 1 -or b -eq 2) -and c -eq 3', '(&(|(a=1)(b=2))(c=3))'],
    ['a -eq 1 -and (b -eq 2 -or c -eq 3)', '(&(a=1)(|(b=2)(c=3)))'],
    // Nested operations of one kind are one.
    ['a -eq 1 -or b -eq 2 -or c -eq 3', '(|(a=1)(b=2)(c=3))'],
    ['a -eq 1 -and (b -eq 2 -and c -eq 3)', '(&(a=1)(b=2)(c=3))'],
    ['(a -eq 1 -or b -eq 2) -or (c -eq 3 -or d -eq 4)', '(|(a=1)(b=2)(c=3)(d=4))'],
    ['((a -eq 1))', '(a=1)'],
    ['CN -like "andy*" -or CN -eq "steve" -or CN -eq "margaret"', '(|(cn=andy*)(cn=steve)(cn=margaret))'],
    ['objectClass -eq "user" -and (CN -like "andy*" -or CN -eq "steve")', '(&(objectClass=user)(|(cn=andy*)(cn=steve)))'],
    // -not and ! take the comparison or parentheses after them, binding tighter than -and.
    ['-not mail -like "*"', '(!(mail=*))'],
    ['-not a -eq 1 -and b -eq 2', '(&(!(a=1))(b=2))'],
    ['!a -eq 1 -or b -eq 2', '(|(!(a=1))(b=2))'],
    ['-not (a -eq 1 -or b -eq 2)', '(!(|(a=1)(b=2)))'],
    ['!(a -eq 1)', '(!(a=1))'],
    ['-not -not a -eq 1', '(!(!(a=1)))'],
    ['-NOT a -eq 1', '(!(a=1))'],
  ])('%s is %s', (filter, expected) => expect(ldap(filter)).toBe(expected));
});

describe('parseAdFilter: values', () => {
  it.each([
    ["Name -eq 'O''Brien'", "(name=O'Brien)"],
    ['Name -eq "say ""hi"""', '(name=say "hi")'],
    ['Name -eq "a`"b"', '(name=a"b)'],
    // No variable expansion inside double quotes: bash has done its own.
    ['Name -eq "$x"', '(name=$x)'],
    ['Name -eq "``$x"', '(name=`$x)'],
    ["Name -eq 'a`tb'", '(name=a`tb)'],
    // Typographic quotes and dashes, as text copied from a web page has them.
    ['Name \u2013eq \u201cKen Myer\u201d', '(name=Ken Myer)'],
    ['Name -eq \u2018Ken\u2019', '(name=Ken)'],
    // Bare words and numbers; a bare integer is the number PowerShell reads, a quoted one its text.
    ['Department -eq Finance', '(department=Finance)'],
    ['Name -like Ken*', '(name=Ken*)'],
    ['logonCount -eq -1', '(logonCount=-1)'],
    ['employeeID -eq 007', '(employeeID=7)'],
    ['employeeID -eq "007"', '(employeeID=007)'],
    ['employeeID -eq 0x1F', '(employeeID=31)'],
    ['pwdLastSet -eq 132223104000000001', '(pwdLastSet=132223104000000001)'],
    // LDAP escapes in the value stand for their characters, as the module hands them to LDAP.
    ['Name -eq "back\\5cslash"', '(name=back\\5cslash)'],
    ['Name -like "a\\2a*"', '(name=a\\2a*)'],
    ['Name -eq "caf\\c3\\a9"', '(name=café)'],
    ['manager -eq "CN=Smith\\, Ken,OU=Sales,DC=litwareinc,DC=com"', '(manager=CN=Smith\\5c, Ken,OU=Sales,DC=litwareinc,DC=com)'],
    ['msRTCSIP-UserEnabled -eq $true', '(msRTCSIP-UserEnabled=TRUE)'],
    ['msRTCSIP-UserEnabled -ne $False', '(!(msRTCSIP-UserEnabled=FALSE))'],
    ['mail -eq $null', '(!(mail=*))'],
    ['mail -ne $NULL', '(mail=*)'],
  ])('%s is %s', (filter, expected) => expect(ldap(filter)).toBe(expected));

  it('keeps control characters from backtick escapes in the value', () => {
    expect(parseAdFilter('Name -eq "a`tb`n"')).toEqual({ type: 'equality', attribute: 'name', value: 'a\tb\n' });
  });
});

describe('parseAdFilter: Enabled', () => {
  it.each([
    ['Enabled -eq $true', ENABLED],
    ['enabled -eq $TRUE', ENABLED],
    ['Enabled -ne $false', ENABLED],
    ['Enabled -eq "True"', ENABLED],
    ['Enabled -eq $false', DISABLED],
    ['Enabled -ne $true', DISABLED],
    ['Enabled -eq false', DISABLED],
    ['Enabled -eq $true -and Title -eq "Manager"', `(&${ENABLED}(title=Manager))`],
    ['-not Enabled -eq $true', `(!${ENABLED})`],
  ])('%s', (filter, expected) => expect(ldap(filter)).toBe(expected));

  it.each(['Enabled -like $true', 'Enabled -gt $true', 'Enabled -eq "yes"', 'Enabled -eq 1', 'Enabled -eq $null', 'Enabled -band 2'])('refuses %s', (filter) => {
    expect(refusal(filter).id).toBe('InvalidAdFilter');
  });
});

describe('parseAdFilter: dates', () => {
  it.each([
    // Local date texts in America/New_York; a zone or Z says itself.
    ['Created -ge "2025-01-01"', '(whenCreated>=20250101050000.0Z)'],
    ['whenChanged -lt "3/4/2015 10:00:00 AM"', '(&(whenChanged<=20150304150000.0Z)(!(whenChanged=20150304150000.0Z)))'],
    ['Modified -le "2025-06-30 12:00"', '(whenChanged<=20250630160000.0Z)'],
    ['Modified -le "2025-06-30T12:00:00Z"', '(whenChanged<=20250630120000.0Z)'],
    ['Modified -le "2025-06-30T12:00:00.5+02:00"', '(whenChanged<=20250630100000.5Z)'],
    // A generalized time already is one.
    ['whenCreated -ge "20250101000000.0Z"', '(whenCreated>=20250101000000.0Z)'],
    ['createTimeStamp -eq 20250101000000Z', '(whenCreated=20250101000000Z)'],
    // FILETIME attributes take the date as 100-ns ticks since 1601-01-01 UTC.
    ['PasswordLastSet -lt "2020-01-01T00:00:00Z"', '(&(pwdLastSet<=132223104000000000)(!(pwdLastSet=132223104000000000)))'],
    ['LastLogonDate -ge "1/1/2020"', '(lastLogonTimestamp>=132223284000000000)'],
    ['lastLogonTimestamp -ge "20200101000000.0Z"', '(lastLogonTimestamp>=132223104000000000)'],
    ['AccountExpirationDate -le "2020-01-01T00:00:00Z"', '(accountExpires<=132223104000000000)'],
    ['pwdLastSet -eq 0', '(pwdLastSet=0)'],
    ['accountExpires -eq "9223372036854775807"', '(accountExpires=9223372036854775807)'],
    // Wildcards and presence are not dates.
    ['Created -like "*"', '(whenCreated=*)'],
    ['whenCreated -like "2025*"', '(whenCreated=2025*)'],
    ['Created -eq $null', '(!(whenCreated=*))'],
  ])('%s is %s', (filter, expected) => expect(ldap(filter)).toBe(expected));

  it.each(['Created -eq "soon"', 'whenCreated -gt 5', 'PasswordLastSet -gt "yesterday"', 'Created -ge "2025-02-30"'])('refuses %s', (filter) => {
    expect(refusal(filter).id).toBe('InvalidAdFilter');
  });
});

describe('parseAdFilter: property names', () => {
  it.each([
    ['City', 'l'],
    ['Office', 'physicalDeliveryOfficeName'],
    ['EmailAddress', 'mail'],
    ['Surname', 'sn'],
    ['GivenName', 'givenName'],
    ['SamAccountName', 'sAMAccountName'],
    ['samaccountname', 'sAMAccountName'],
    ['UserPrincipalName', 'userPrincipalName'],
    ['DistinguishedName', 'distinguishedName'],
    ['ObjectGUID', 'objectGUID'],
    ['SID', 'objectSid'],
    ['Name', 'name'],
    ['Description', 'description'],
    ['DEPARTMENT', 'department'],
    ['Title', 'title'],
    ['Manager', 'manager'],
    ['DisplayName', 'displayName'],
    ['Company', 'company'],
    ['EmployeeID', 'employeeID'],
    ['msrtcsip-primaryuseraddress', 'msRTCSIP-PrimaryUserAddress'],
    // Attributes the schema does not know keep the case written.
    ['Division', 'Division'],
    ['extensionName', 'extensionName'],
  ])('%s is %s', (property, attribute) => expect(ldap(`${property} -like "x*"`)).toBe(`(${attribute}=x*)`));
});

describe('parseAdFilter: * and braces', () => {
  it.each(['*', ' * ', '{*}', '{ * }'])('%j is every object, the absolute true filter', (filter) => {
    expect(parseAdFilter(filter)).toEqual({ type: 'and', filters: [] });
  });

  it.each([
    ['{Department -eq "Finance"}', '(department=Finance)'],
    ['  { Name -eq "x" -and Title -eq "y" }  ', '(&(name=x)(title=y))'],
    ['{Name -eq "}"}', '(name=})'],
  ])('%s is %s', (filter, expected) => expect(ldap(filter)).toBe(expected));
});

describe('parseAdFilter: errors', () => {
  it.each([
    // Empty.
    '', '   ', '{}', '{ }',
    // Unbalanced parentheses, braces and quotes.
    '(Name -eq 1', 'Name -eq 1)', '((Name -eq 1)', '()', "Name -eq 'x", 'Name -eq "x', 'Name -eq "x\'',
    '{Name -eq 1', '{Name -eq 1} -and b -eq 2', 'Name -eq 1}', 'Name -eq {x}', '{{Name -eq 1}}',
    // Missing parts.
    'Name', 'Name "x"', 'Name -and b -eq 1', 'Name -eq', 'Name -eq -and Title -eq 1', '(Name -eq)', '-eq 1', 'Name -eq 1 -and', '-not',
    'Name -eq 1 Title -eq 2', 'Name -eq Ken Myer', '* -and Name -eq 1', '"Name" -eq 1', '5x -eq 1',
    // Operators -Filter does not take.
    'Name -foo 1', 'Name -match "x"', 'Name -notmatch "x"', 'Name -contains "x"', 'Name -in "x"', 'Name -notin "x"', 'Name -ceq "x"',
    'Name -ilike "x"', 'Name -is "x"', 'a -eq 1 -xor b -eq 2', 'memberOf -RecursiveMatch "CN=G,DC=x"',
    // Variables: bash users have no PowerShell variables to give.
    '$_.Name -eq 1', '$PSItem.Name -eq 1', 'Name -eq $_', 'Name -eq $upn', 'Name -eq $env:USER', 'Name -eq ${x}', 'Name -eq $', 'Name -eq $true.x',
    // $null beyond -eq and -ne; -band and -bor without an integer.
    'mail -like $null', 'mail -gt $null', 'userAccountControl -band "x"', 'userAccountControl -band 1.5', 'userAccountControl -bor $true',
    'userAccountControl -band 0x20000000000000', 'userAccountControl -band $null',
    // Characters no token starts with, and escaped bytes that are not UTF-8.
    'Name -eq 1, 2', 'Name -eq 1 | x', 'Name -eq 1;', 'Name -eq "\\ff"', 'Name -like "\\c3*"',
  ])('refuses %j (InvalidAdFilter, a usage error)', (filter) => {
    const { id, exit } = refusal(filter);
    expect({ id, exit }).toEqual({ id: 'InvalidAdFilter', exit: 2 });
  });

  it('shows no raw control character of the filter', () => {
    expect(refusal('Name -eq 1 \u0007\u001b[31m').message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('bounds the nesting of parentheses and -not (FilterTooDeep)', () => {
    expect(ldap(`${'('.repeat(90)}a -eq 1${')'.repeat(90)}`)).toBe('(a=1)');
    expect(refusal(`${'('.repeat(101)}a -eq 1${')'.repeat(101)}`).id).toBe('FilterTooDeep');
    expect(refusal(`${'-not '.repeat(101)}a -eq 1`).id).toBe('FilterTooDeep');
    expect(refusal(`${'!'.repeat(10_000)}a -eq 1`).id).toBe('FilterTooDeep');
  });

  it('bounds the depth of the LDAP tree, where -and within -or nests twice a parenthesis (FilterTooDeep)', () => {
    // Each parenthesis holds an -or of an -and: two levels of the tree.
    const nested = (levels: number) => `${'a -eq 1 -and (b -eq 1 -or c -eq 1 -and '.repeat(levels)}d -eq 1${')'.repeat(levels)}`;
    expect(() => ldap(nested(40))).not.toThrow();
    expect(refusal(nested(60)).id).toBe('FilterTooDeep');
  });

  it('refuses any text it cannot read with a usage error, never a crash', () => {
    const pieces = fc.constantFrom('Name', 'Enabled', 'Created', '-eq', '-like', '-gt', '-band', '-and', '-or', '-not', '!', '(', ')', '{', '}', '"x*"', "'y'", '5', '$true', '$null', '$x', '*', ' ', '\\', '`');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 12 }), (parts) => {
        try {
          printLdapFilter(parseAdFilter(parts.join(' ')));
        } catch (error) {
          if (!(error instanceof TerminatingError)) throw error;
          expect(['InvalidAdFilter', 'FilterTooDeep']).toContain(error.record.errorId);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LdapFilterError,
  MAX_FILTER_DEPTH,
  parseLdapFilter,
  printLdapFilter,
  type LdapFilter,
} from '../../src/directory/ldap/index.js';

const eq = (attribute: string, value: string): LdapFilter => ({ type: 'equality', attribute, value });

/** Parses text that must fail and returns the error. */
function parseError(text: string): LdapFilterError {
  try {
    parseLdapFilter(text);
  } catch (error) {
    if (error instanceof LdapFilterError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseLdapFilter', () => {
  it.each<[string, LdapFilter]>([
    ['Title=Manager', eq('Title', 'Manager')],
    ['Department=Finance', eq('Department', 'Finance')],
    ['l=Redmond', eq('l', 'Redmond')],
    ['(Title=Manager)', eq('Title', 'Manager')],
    ['&(Department=Finance)(Title=Manager)', { type: 'and', filters: [eq('Department', 'Finance'), eq('Title', 'Manager')] }],
    ['|(Title=Supervisor)(Title=Manager)', { type: 'or', filters: [eq('Title', 'Supervisor'), eq('Title', 'Manager')] }],
    ['!(Title=Manager)', { type: 'not', filter: eq('Title', 'Manager') }],
    ['(&(objectClass=user)(Title=Manager))', { type: 'and', filters: [eq('objectClass', 'user'), eq('Title', 'Manager')] }],
    ['(msRTCSIP-PrimaryUserAddress=sip:kenmyer@litwareinc.com)', eq('msRTCSIP-PrimaryUserAddress', 'sip:kenmyer@litwareinc.com')],
    ['(2.5.4.3=Ken Myer)', eq('2.5.4.3', 'Ken Myer')],
    ['(displayName=Ken Myer)', eq('displayName', 'Ken Myer')],
    ['(title=)', eq('title', '')],
    // Extensible match without a rule is equality (RFC 4515); AD ignores :dn:.
    // Equality here; the extensible form is kept for an LDAP server, which is sent the filter as written.
    ['(title:=Manager)', { type: 'equality', attribute: 'title', value: 'Manager', extensible: { dnAttributes: false } }],
    ['(title:dn:=Manager)', { type: 'equality', attribute: 'title', value: 'Manager', extensible: { dnAttributes: true } }],
    ['(uac:dn:1.2.840.113556.1.4.803:=2)', { type: 'bitwiseAnd', attribute: 'uac', value: 2, dnAttributes: true }],
  ])('parseLdapFilter accepts %s', (text, expected) => {
    expect(parseLdapFilter(text)).toEqual(expected);
  });

  it.each<[string, LdapFilter]>([
    ['(Title~=Manager)', { type: 'approx', attribute: 'Title', value: 'Manager' }],
    ['(employeeID>=100)', { type: 'greaterOrEqual', attribute: 'employeeID', value: '100' }],
    ['(sn<=M)', { type: 'lessOrEqual', attribute: 'sn', value: 'M' }],
    ['(Title=*)', { type: 'present', attribute: 'Title' }],
    ['(Title=**)', { type: 'present', attribute: 'Title' }],
    ['(Title=Man*)', { type: 'substrings', attribute: 'Title', initial: 'Man', any: [], final: undefined }],
    ['(Title=*ger)', { type: 'substrings', attribute: 'Title', initial: undefined, any: [], final: 'ger' }],
    ['(Title=M*n*r)', { type: 'substrings', attribute: 'Title', initial: 'M', any: ['n'], final: 'r' }],
    ['(Title=*a*)', { type: 'substrings', attribute: 'Title', initial: undefined, any: ['a'], final: undefined }],
    ['(Title=a**b)', { type: 'substrings', attribute: 'Title', initial: 'a', any: [], final: 'b' }],
    ['(userAccountControl:1.2.840.113556.1.4.803:=2)', { type: 'bitwiseAnd', attribute: 'userAccountControl', value: 2 }],
    ['(userAccountControl:1.2.840.113556.1.4.804:=514)', { type: 'bitwiseOr', attribute: 'userAccountControl', value: 514 }],
    ['(&)', { type: 'and', filters: [] }],
    ['(|)', { type: 'or', filters: [] }],
  ])('parseLdapFilter reads the item %s', (text, expected) => {
    expect(parseLdapFilter(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['(cn=\\2a)', '*'],
    ['(cn=\\2A)', '*'],
    ['(cn=\\28x\\29)', '(x)'],
    ['(cn=a\\5cb)', 'a\\b'],
    ['(cn=\\00)', '\0'],
    ['(cn=Ren\\c3\\a9e)', 'Renée'],
    ['(cn=\\e2\\82\\ac)', '€'],
    ['(cn=\\f0\\9f\\98\\80)', '😀'],
    ['(cn=Renée)', 'Renée'],
    ['(cn=\\*\\(\\)\\\\)', '*()\\'],
  ])('parseLdapFilter decodes the escapes in %s', (text, value) => {
    expect(parseLdapFilter(text)).toEqual(eq('cn', value));
  });

  it('parseLdapFilter splits substrings only at unescaped stars', () => {
    expect(parseLdapFilter('(cn=a\\2a*b)')).toEqual({ type: 'substrings', attribute: 'cn', initial: 'a*', any: [], final: 'b' });
  });

  it('parseLdapFilter ignores whitespace around the filter and between the parts of a set', () => {
    expect(parseLdapFilter('  (& (a=b)\n (c=d) )\t')).toEqual({ type: 'and', filters: [eq('a', 'b'), eq('c', 'd')] });
    expect(parseLdapFilter(' Title=Manager ')).toEqual(eq('Title', 'Manager'));
  });

  it('parseLdapFilter keeps spaces inside a parenthesised value', () => {
    expect(parseLdapFilter('(cn= Ken )')).toEqual(eq('cn', ' Ken '));
  });

  it.each<[string, number, string]>([
    ['(Title=Manager', 14, "expected ')', found end of input"],
    ['(Title=Manager))', 15, "expected end of filter, found ')'"],
    ['(&(a=b)(c=d)', 12, "expected '(' or ')', found end of input"],
    ['(=x)', 1, "expected an attribute name, found '='"],
    ['(a=b\\zz)', 4, "invalid escape '\\zz'"],
    ['(a=b\\2)', 4, 'invalid escape'],
    ['(a=b\\', 4, 'invalid escape'],
    ['Title', 5, "expected '=', '~=', '>=', '<=' or ':' after the attribute name, found end of input"],
    ['', 0, 'expected a filter, found end of input'],
    ['   ', 3, 'expected a filter, found end of input'],
    ['()', 1, "expected an attribute name, found ')'"],
    ['(a=(b)', 3, "unexpected '(' in the value"],
    ['Title=Manager)', 13, "expected end of filter, found ')'"],
    ['(a=b)(c=d)', 5, "expected end of filter, found '('"],
    ['(&(a=b)x)', 7, "expected '(' or ')', found 'x'"],
    ['&(a=b)x', 6, "expected '(' or end of filter, found 'x'"],
    ['(!)', 2, "expected '(' after '!', found ')'"],
    ['(!(a=b)(c=d))', 7, "expected ')', found '('"],
    ['(a=\\ff)', 3, "expected escaped bytes that form UTF-8, found '\\ff'"],
    ['(a=\\c3)', 3, 'UTF-8'],
    ['(a>=b*)', 5, "unexpected '*'"],
    ['(a~=*)', 4, "unexpected '*'"],
    ['(1a=b)', 2, "expected '=', '~=', '>=', '<=' or ':' after the attribute name, found 'a'"],
    ['(a b=c)', 2, "found ' '"],
    ['(cn;binary=x)', 3, "attribute options are not supported (';binary')"],
    ['(cn:dn=x)', 4, "unsupported matching rule 'dn'"],
    ['(cn:1.2.3:=x)', 4, "unsupported matching rule '1.2.3'"],
    ['(cn:=x*)', 6, "unexpected '*'"],
    ['(cn::=x)', 4, 'unsupported matching rule: a matching rule OID is required'],
    ['(:1.2.840.113556.1.4.803:=2)', 1, 'unsupported matching rule: an attribute name is required'],
    ['(a:1.2.840.113556.1.4.803=2)', 25, "expected ':=' after the matching rule, found '='"],
    ['(a:1.2.840.113556.1.4.803:=x)', 27, "expected an integer for the bitwise matching rule, found 'x'"],
    ['(a:1.2.840.113556.1.4.804:=99999999999999999999)', 27, 'expected an integer'],
    ['(a=b)\u0001', 5, "found '\\x01'"],
  ])('parseLdapFilter rejects %j at position %i', (text, position, reason) => {
    const error = parseError(text);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`Invalid LDAP filter at position ${position}: `);
    expect(error.message).toContain(reason);
  });

  it('parseLdapFilter reports positions in the original text of a padded bare filter', () => {
    expect(parseError('  Title').position).toBe(7);
    expect(parseError('  &(a=b)(c=d))').position).toBe(13);
  });

  it('parseLdapFilter refuses filters nested deeper than MAX_FILTER_DEPTH', () => {
    const deep = '(!'.repeat(MAX_FILTER_DEPTH) + '(a=b)' + ')'.repeat(MAX_FILTER_DEPTH);
    expect(parseError(deep).message).toContain('nested more than');
    const ok = '(!'.repeat(MAX_FILTER_DEPTH - 1) + '(a=b)' + ')'.repeat(MAX_FILTER_DEPTH - 1);
    expect(() => parseLdapFilter(ok)).not.toThrow();
  });
});

const attributeArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/),
  fc.stringMatching(/^\d{1,3}(?:\.\d{1,3}){0,3}$/),
);
const specialChar = fc.constantFrom('*', '(', ')', '\\', '\0', ' ', '=', '~', '&', '|', '!', 'é', '€', '😀');
const valueArb = fc.string({ unit: fc.oneof(specialChar, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 8 });
const partArb = valueArb.filter((value) => value !== '');

const itemArb: fc.Arbitrary<LdapFilter> = fc.oneof(
  fc.record({ type: fc.constantFrom('equality', 'approx', 'greaterOrEqual', 'lessOrEqual'), attribute: attributeArb, value: valueArb }),
  fc.record({ type: fc.constant('present'), attribute: attributeArb }),
  fc
    .record({
      type: fc.constant('substrings'),
      attribute: attributeArb,
      initial: fc.option(partArb, { nil: undefined }),
      any: fc.array(partArb, { maxLength: 3 }),
      final: fc.option(partArb, { nil: undefined }),
    })
    .filter((item) => item.initial !== undefined || item.final !== undefined || item.any.length > 0),
  fc.record({
    type: fc.constantFrom('bitwiseAnd', 'bitwiseOr'),
    attribute: attributeArb,
    value: fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 32 }), fc.maxSafeInteger()),
  }),
) as fc.Arbitrary<LdapFilter>;

const { filter: filterArb } = fc.letrec<{ filter: LdapFilter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    itemArb,
    fc.record({ type: fc.constantFrom('and', 'or'), filters: fc.array(tie('filter'), { maxLength: 4 }) }),
    fc.record({ type: fc.constant('not'), filter: tie('filter') }),
  ) as fc.Arbitrary<LdapFilter>,
}));

describe('parseLdapFilter properties', () => {
  it('parseLdapFilter reads back what printLdapFilter prints', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        expect(parseLdapFilter(printLdapFilter(filter))).toEqual(filter);
      }),
      { numRuns: 500 },
    );
  });

  it('parseLdapFilter reads a set without its outer parentheses as the same filter', () => {
    const setArb = filterArb.filter((filter) => filter.type === 'and' || filter.type === 'or' || filter.type === 'not');
    fc.assert(
      fc.property(setArb, (filter) => {
        expect(parseLdapFilter(printLdapFilter(filter).slice(1, -1))).toEqual(filter);
      }),
    );
  });

  it('parseLdapFilter throws only LdapFilterError, at a position inside the text, shifted by leading spaces', () => {
    const textArb = fc.oneof(
      fc.string({ unit: fc.constantFrom('(', ')', '&', '|', '!', '=', '*', '\\', 'a', '2', ':', '~', '>', ' '), maxLength: 12 }),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(textArb, (text) => {
        let error: LdapFilterError;
        try {
          parseLdapFilter(text);
          return;
        } catch (caught) {
          expect(caught).toBeInstanceOf(LdapFilterError);
          error = caught as LdapFilterError;
        }
        expect(error.position).toBeGreaterThanOrEqual(0);
        expect(error.position).toBeLessThanOrEqual(text.length);
        expect(error.message).toMatch(/^Invalid LDAP filter at position \d+: ./);
        const shifted = parseError(`  ${text}`);
        expect(shifted.position).toBe(error.position + 2);
        expect(shifted.reason).toBe(error.reason);
      }),
      { numRuns: 1000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dnKey, firstRdnValue, looksLikeDn, parentDns, splitDn, subtreeRange } from '../../src/directory/dn.js';

const KEN = 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com';
const FINANCE = 'OU=Finance,DC=litwareinc,DC=com';

/** Whether the DN lies in the subtree of the container, by the key range the OU search uses. */
function inSubtree(dn: string, container: string): boolean {
  const key = dnKey(dn);
  const { low, high } = subtreeRange(container);
  return key >= low && key < high;
}

describe('splitDn', () => {
  it.each([
    ['a plain DN', KEN, ['cn=ken myer', 'ou=finance', 'dc=litwareinc', 'dc=com']],
    ['upper case', KEN.toUpperCase(), ['cn=ken myer', 'ou=finance', 'dc=litwareinc', 'dc=com']],
    ['spaces around , and =', ' CN = Ken Myer , OU= Finance ,DC =litwareinc,  DC=com ', ['cn=ken myer', 'ou=finance', 'dc=litwareinc', 'dc=com']],
    ['an escaped comma', 'CN=Smith\\, John,OU=Finance,DC=litwareinc,DC=com', ['cn=smith\\, john', 'ou=finance', 'dc=litwareinc', 'dc=com']],
    ['an escaped comma with no space', 'CN=Smith\\,John,DC=com', ['cn=smith\\,john', 'dc=com']],
    ['an escaped backslash before a separator', 'CN=a\\\\,DC=com', ['cn=a\\\\', 'dc=com']],
    ['an escaped trailing space is kept', 'CN=a\\ ,DC=com', ['cn=a\\ ', 'dc=com']],
    ['a space after an escaped backslash is trimmed', 'CN=a\\\\ ,DC=com', ['cn=a\\\\', 'dc=com']],
    ['inner spaces are kept', 'CN=Ken  Myer,DC=com', ['cn=ken  myer', 'dc=com']],
    ['; separates like ,', 'CN=a;OU=b', ['cn=a', 'ou=b']],
    ['an escaped plus and equals', 'CN=a\\+b\\=c,DC=com', ['cn=a\\+b\\=c', 'dc=com']],
    ['one RDN', 'DC=com', ['dc=com']],
  ])('splitDn splits %s at unescaped commas and normalises each RDN', (_case, dn, rdns) => {
    expect(splitDn(dn)).toEqual(rdns);
  });
});

describe('dnKey', () => {
  it('dnKey lists the RDNs root first, each followed by a comma', () => {
    expect(dnKey(KEN)).toBe('dc=com,dc=litwareinc,ou=finance,cn=ken myer,');
  });

  it.each([
    ['upper case', 'CN=KEN MYER,OU=FINANCE,DC=LITWAREINC,DC=COM'],
    ['lower case', 'cn=ken myer,ou=finance,dc=litwareinc,dc=com'],
    ['spaces after commas', 'CN=Ken Myer, OU=Finance, DC=litwareinc, DC=com'],
    ['spaces around = and ,', 'CN = Ken Myer ,OU = Finance , DC = litwareinc , DC = com'],
    ['leading and trailing spaces', '  CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com  '],
    ['semicolons', 'CN=Ken Myer;OU=Finance;DC=litwareinc;DC=com'],
  ])('dnKey is the same with %s', (_case, variant) => {
    expect(dnKey(variant)).toBe(dnKey(KEN));
  });

  it.each([
    ['an escaped comma is not a separator', 'CN=Smith\\, John,OU=Finance,DC=x', 'CN=Smith,CN=John,OU=Finance,DC=x'],
    ['inner spaces count', 'CN=Ken  Myer,DC=x', 'CN=Ken Myer,DC=x'],
    ['an escaped trailing space counts', 'CN=Ken\\ ,DC=x', 'CN=Ken,DC=x'],
    ['RDN order counts', 'OU=a,OU=b,DC=x', 'OU=b,OU=a,DC=x'],
    ['the RDN type counts', 'CN=Finance,DC=x', 'OU=Finance,DC=x'],
  ])('dnKey tells DNs apart when %s', (_case, a, b) => {
    expect(dnKey(a)).not.toBe(dnKey(b));
  });
});

describe('dnKey, RFC 4514 equality', () => {
  it.each([
    ['a hex-escaped comma', 'CN=Ng\\2C Wei,OU=Finance,DC=x', 'CN=Ng\\, Wei,OU=Finance,DC=x'],
    ['a hex-escaped comma in lower-case hex', 'CN=Ng\\2c Wei,DC=x', 'cn=ng\\, wei,dc=x'],
    ['a hex-escaped plus', 'CN=a\\2Bb,DC=x', 'CN=a\\+b,DC=x'],
    ['hex-escaped UTF-8', 'OU=M\\C3\\BCnchen,DC=x', 'OU=München,DC=x'],
    ['a non-ASCII upper case', 'OU=MÜNCHEN,DC=x', 'OU=m\\c3\\bcnchen,DC=x'],
    ['an escaped ordinary character', 'CN=K\\en,DC=x', 'CN=Ken,DC=x'],
    ['an escaped equals sign', 'CN=a\\=b,DC=x', 'CN=a=b,DC=x'],
    ['an attribute OID', '2.5.4.3=Ken Myer,2.5.4.11=Finance,0.9.2342.19200300.100.1.25=x', 'CN=Ken Myer,OU=Finance,DC=x'],
    ['an OID. prefix', 'OID.2.5.4.3=Ken,DC=x', 'cn=Ken,DC=x'],
    ['a multi-valued RDN in another order', 'CN=a+UID=b,DC=x', 'uid=B + cn=A,DC=x'],
    ['a hex-escaped leading #', 'CN=\\23a,DC=x', 'CN=\\#a,DC=x'],
  ])('dnKey makes equal %s', (_case, a, b) => {
    expect(dnKey(a)).toBe(dnKey(b));
  });

  it.each([
    ['an escaped comma is not a space', 'OU=Sales\\2C EMEA,DC=x', 'OU=Sales EMEA,DC=x'],
    ['an escaped plus is not a second value', 'CN=a\\+b,DC=x', 'CN=a+CN=b,DC=x'],
    ['an umlaut is not its base letter', 'OU=München,DC=x', 'OU=Munchen,DC=x'],
  ])('dnKey tells apart %s', (_case, a, b) => {
    expect(dnKey(a)).not.toBe(dnKey(b));
  });

  it('subtreeRange of a hex-escaped OU holds its users written with \\, and no look-alike', () => {
    expect(inSubtree('CN=a,OU=Sales\\, EMEA,DC=x', 'OU=Sales\\2C EMEA,DC=x')).toBe(true);
    expect(inSubtree('CN=a,OU=Sales EMEA,DC=x', 'OU=Sales\\2C EMEA,DC=x')).toBe(false);
    expect(inSubtree('CN=a,OU=Sales\\, EMEA 2,DC=x', 'OU=Sales\\2C EMEA,DC=x')).toBe(false);
  });
});

describe('parentDns', () => {
  it.each([
    [
      'a user two OUs deep',
      'CN=Aidan Delaney,OU=Payroll,OU=Finance,DC=litwareinc,DC=com',
      ['OU=Payroll,OU=Finance,DC=litwareinc,DC=com', FINANCE, 'DC=litwareinc,DC=com', 'DC=com'],
    ],
    ['an escaped comma in the CN', 'CN=Smith\\, John,OU=Finance,DC=litwareinc,DC=com', [FINANCE, 'DC=litwareinc,DC=com', 'DC=com']],
    ['an escaped comma in an OU', 'CN=a,OU=Sales\\, East,DC=com', ['OU=Sales\\, East,DC=com', 'DC=com']],
    ['an escaped backslash before a separator', 'CN=a\\\\,OU=b,DC=com', ['OU=b,DC=com', 'DC=com']],
    ['spaces after commas', 'CN=a, OU=b, DC=com', ['OU=b, DC=com', 'DC=com']],
    ['a root', 'DC=com', []],
  ])('parentDns lists the containers above %s, nearest first', (_case, dn, parents) => {
    expect(parentDns(dn)).toEqual(parents);
  });
});

describe('firstRdnValue', () => {
  it.each([
    ['a plain CN', KEN, 'Ken Myer'],
    ['an escaped comma', 'CN=Smith\\, John,OU=Finance,DC=litwareinc,DC=com', 'Smith, John'],
    ['spaces around = and ,', ' CN = Ken Myer , OU=Finance', 'Ken Myer'],
    ['case is kept', 'cn=KEN myer,dc=com', 'KEN myer'],
    ['an escaped backslash', 'CN=a\\\\b,DC=com', 'a\\b'],
    ['an escaped #', 'CN=\\#1,DC=com', '#1'],
    ['an escaped trailing space', 'CN=a\\ ,DC=com', 'a '],
    ['a hex-escaped comma', 'CN=Smith\\2C John,DC=com', 'Smith, John'],
    ['hex-escaped UTF-8', 'CN=Jos\\C3\\A9,DC=com', 'José'],
    ['a single RDN', 'CN=Ken Myer', 'Ken Myer'],
    ['a semicolon separator', 'CN=Ken Myer;DC=com', 'Ken Myer'],
  ])('firstRdnValue unescapes the first RDN value: %s', (_case, dn, value) => {
    expect(firstRdnValue(dn)).toBe(value);
  });
});

describe('subtreeRange', () => {
  it('subtreeRange runs from the container key to the key with its final comma replaced by the next character', () => {
    expect(subtreeRange(FINANCE)).toEqual({ low: 'dc=com,dc=litwareinc,ou=finance,', high: 'dc=com,dc=litwareinc,ou=finance-' });
  });

  it.each([
    ['a user directly in Finance', KEN, true],
    ['a user in a child OU', 'CN=Aidan Delaney,OU=Payroll,OU=Finance,DC=litwareinc,DC=com', true],
    ['the OU itself', FINANCE, true],
    ['a user with an escaped comma', 'CN=Smith\\, John,OU=Finance,DC=litwareinc,DC=com', true],
    ['a user written in other case and spacing', 'cn=ken myer , ou = FINANCE, dc=LitwareInc,dc=com', true],
    ['a sibling OU with a common prefix (Finance2)', 'CN=x,OU=Finance2,DC=litwareinc,DC=com', false],
    ['a sibling OU "Finance-East"', 'CN=x,OU=Finance-East,DC=litwareinc,DC=com', false],
    ['a sibling OU "Finance East"', 'CN=x,OU=Finance East,DC=litwareinc,DC=com', false],
    ['a sibling OU "Finance!"', 'CN=x,OU=Finance!,DC=litwareinc,DC=com', false],
    ['a sibling OU with an escaped comma', 'CN=x,OU=Finance\\, Europe,DC=litwareinc,DC=com', false],
    ['a sibling OU "Finances"', 'CN=x,OU=Finances,DC=litwareinc,DC=com', false],
    ['another OU', 'CN=Ellen Smith,OU=IT,DC=litwareinc,DC=com', false],
    ['an OU of the same name elsewhere', 'CN=x,OU=Finance,OU=Europe,DC=litwareinc,DC=com', false],
    ['the parent domain', 'DC=litwareinc,DC=com', false],
    ['a CN (not OU) named Finance', 'CN=x,CN=Finance,DC=litwareinc,DC=com', false],
  ])('subtreeRange of Finance: %s → %s', (_case, dn, inside) => {
    expect(inSubtree(dn, FINANCE)).toBe(inside);
  });

  it.each([
    ['upper case', 'OU=FINANCE,DC=LITWAREINC,DC=COM'],
    ['spaces', 'ou = Finance , dc = litwareinc , dc = com'],
  ])('subtreeRange is the same for the container written in %s', (_case, ou) => {
    expect(subtreeRange(ou)).toEqual(subtreeRange(FINANCE));
  });
});

describe('looksLikeDn', () => {
  it.each([
    [KEN, true],
    [FINANCE, true],
    ['DC=com', true],
    [' cn = Ken Myer , dc = com ', true],
    ['CN=Smith\\, John,DC=com', true],
    ['msRTCSIP-Pool=x,DC=com', true],
    ['Ken Myer', false],
    ['litwareinc\\kenmyer', false],
    ['kenmyer@litwareinc.com', false],
    ['sip:kenmyer@litwareinc.com', false],
    ['* Smith', false],
    ['', false],
    ['CN=', false],
    ['CN=a,', false],
    ['CN=a,,DC=com', false],
    ['=a', false],
    ['1CN=a', false],
    ['CN=a,Ken Myer', false],
  ])('looksLikeDn(%j) is %s', (text, expected) => {
    expect(looksLikeDn(text)).toBe(expected);
  });
});

describe('dn properties', () => {
  const type = fc.constantFrom('CN', 'OU', 'DC', 'cn', 'Ou', 'msRTCSIP-Line');
  const plainChar = fc.constantFrom(...'abcXYZ019 .-_#é'.split(''));
  const escape = fc.constantFrom('\\,', '\\+', '\\\\', '\\=', '\\;');
  // A value: plain characters and escapes, without leading or trailing spaces (those are not significant).
  const value = fc
    .array(fc.oneof({ weight: 4, arbitrary: plainChar }, { weight: 1, arbitrary: escape }), { minLength: 1, maxLength: 12 })
    .map((parts) => parts.join('').trim())
    .filter((v) => v !== '');
  const rdn = fc.tuple(type, value);
  const dn = fc.array(rdn, { minLength: 1, maxLength: 5 });
  const spaces = fc.constantFrom('', ' ', '  ');

  it('dnKey is invariant under case changes and extra spaces around , and =', () => {
    fc.assert(
      fc.property(
        dn,
        fc.array(fc.tuple(spaces, spaces, spaces, spaces), { minLength: 5, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        (rdns, padding, upper) => {
          const canonical = rdns.map(([t, v]) => `${t}=${v}`).join(',');
          const spaced = rdns
            .map(([t, v], i) => {
              const [a, b, c, d] = padding[i] ?? ['', '', '', ''];
              return `${a}${t}${b}=${c}${v}${d}`;
            })
            .join(',');
          // Change the case of ASCII letters only; escapes (\, \+ ...) keep their meaning.
          const recased = [...spaced].map((ch, i) => (/[a-z]/i.test(ch) ? (upper[i % upper.length] ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join('');
          expect(dnKey(recased)).toBe(dnKey(canonical));
          expect(splitDn(recased)).toHaveLength(rdns.length);
        },
      ),
    );
  });

  it('subtreeRange holds every DN below the container and no sibling that extends its last value', () => {
    fc.assert(
      fc.property(dn, dn, fc.stringMatching(/^[a-z0-9_#.-]{1,4}$/), (container, below, suffix) => {
        const containerDn = container.map(([t, v]) => `${t}=${v}`).join(',');
        const childDn = [...below, ...container].map(([t, v]) => `${t}=${v}`).join(',');
        const [[firstType, firstValue], ...rest] = container as [[string, string], ...[string, string][]];
        const siblingDn = [[firstType, `${firstValue}${suffix}`], ...rest].map(([t, v]) => `${t}=${v}`).join(',');
        expect(inSubtree(childDn, containerDn)).toBe(true);
        expect(inSubtree(containerDn, containerDn)).toBe(true);
        expect(inSubtree(`CN=x,${siblingDn}`, containerDn)).toBe(false);
      }),
    );
  });

  it('looksLikeDn accepts every generated DN, and parentDns gives one parent per RDN after the first', () => {
    fc.assert(
      fc.property(dn, (rdns) => {
        const text = rdns.map(([t, v]) => `${t}=${v}`).join(',');
        expect(looksLikeDn(text)).toBe(true);
        expect(parentDns(text)).toHaveLength(rdns.length - 1);
      }),
    );
  });
});

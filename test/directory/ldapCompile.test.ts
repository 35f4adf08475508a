import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLdapFilter, parseLdapFilter, type LdapFilter } from '../../src/directory/ldap/index.js';
import { evaluate, evaluate3, openDirectory, selectIds, type TestUser } from '../support/ldapReference.js';

const user = (id: number, sam: string, display: string, ou: string, enabled: 0 | 1 | null, attrs: Record<string, string[]>): TestUser => {
  const dn = `CN=${display},OU=${ou},DC=litwareinc,DC=com`;
  return { id, dn, sam, upn: `${sam}@litwareinc.com`, display, sip: `sip:${sam}@litwareinc.com`, enabled, attrs };
};

const USERS: TestUser[] = [
  user(1, 'kenmyer', 'Ken Myer', 'Finance', 1, { Title: ['Manager'], department: ['Finance'], l: ['Redmond'], userAccountControl: ['512'], employeeID: ['1000'] }),
  user(2, 'pilar', 'Pilar Ackerman', 'Finance', 0, { title: ['Supervisor'], department: ['Finance'], l: ['Seattle'], userAccountControl: ['514'], employeeID: ['250'] }),
  user(3, 'jhaas', 'Jonathan Haas', 'Sales', 1, { title: ['Manager', 'Team Lead'], department: ['Sales'], l: ['Redmond'], userAccountControl: ['66048'], employeeID: ['99'] }),
  user(4, 'renee', 'Renée Lo', 'R&D', 1, { title: ['Ingénieur'], department: ['R&D'], cn: ['Star*Man'], description: ['(parens) and \\ backslash'], employeeID: ['abc'] }),
  { id: 5, dn: 'CN=No Attrs,OU=Finance,DC=litwareinc,DC=com', sam: null, upn: null, display: null, sip: null, enabled: null, attrs: {} },
];

describe('compileLdapFilter against SQLite', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = openDirectory(USERS);
  });
  afterAll(() => db.close());

  it.each<[string, number[]]>([
    ['Title=Manager', [1, 3]],
    ['Department=Finance', [1, 2]],
    ['&(Department=Finance)(Title=Manager)', [1]],
    ['|(Title=Supervisor)(Title=Manager)', [1, 2, 3]],
    ['l=Redmond', [1, 3]],
    ['(TITLE=manager)', [1, 3]],
    ['(title~=MANAGER)', [1, 3]],
    ['(Title=Man*)', [1, 3]],
    ['(Title=*visor)', [2]],
    ['(Title=M*n*r)', [1, 3]],
    ['(title=*a*)', [1, 3]],
    ['(title=*EAM*)', [3]],
    ['(title=ma*ag*er)', [1, 3]],
    ['(title=manag*ager)', []],
    ['(Title=*)', [1, 2, 3, 4]],
    ['(l=*)', [1, 2, 3]],
    ['(!(l=*))', [4, 5]],
    ['(!(Title=Manager))', [2, 4, 5]],
    ['(!(&(Department=Finance)(Title=Manager)))', [2, 3, 4, 5]],
    ['(!(!(l=Redmond)))', [1, 3]],
    // employeeID is a string: it orders as text, whatever its values look like.
    ['(employeeID>=250)', [2, 3, 4]],
    ['(employeeID<=250)', [1, 2]],
    ['(employeeID>=abc)', [4]],
    ['(employeeID<=100)', []],
    ['(userAccountControl>=514)', [2, 3]],
    // RFC 4517 integers have no leading zeros: Undefined.
    ['(userAccountControl<=0514)', []],
    ['(!(userAccountControl=0512))', []],
    ['(!(userAccountControl=abc))', []],
    ['(!(userAccountControl>=5x))', []],
    ['(!(title:1.2.840.113556.1.4.803:=1))', []],
    ['(2.5.4.12=Manager)', [1, 3]],
    ['(title:=Manager)', [1, 3]],
    ['(title:dn:=Manager)', [1, 3]],
    ['(employeeID<=2x)', [1, 2]],
    ['(l>=S)', [2]],
    ['(l<=redmond)', [1, 3]],
    ['(userAccountControl:1.2.840.113556.1.4.803:=2)', [2]],
    ['(!(userAccountControl:1.2.840.113556.1.4.803:=2))', [1, 3, 4, 5]],
    ['(userAccountControl:1.2.840.113556.1.4.803:=65538)', []],
    ['(userAccountControl:1.2.840.113556.1.4.804:=65538)', [2, 3]],
    ['(cn=Star\\2aMan)', [4]],
    ['(cn=Star\\2a*)', [4]],
    ['(cn=\\2a)', []],
    ['(cn=*\\2a*)', [4]],
    ['(description=\\28parens\\29*)', [4]],
    ['(description=*\\5c*)', [4]],
    ['(title=ing\\c3\\a9nieur)', [4]],
    ['(title=INGÉNIEUR)', [4]],
    ['(department=R&D)', [4]],
    ['(missing=x)', []],
    // Undefined (RFC 4511): ! keeps it, | and & follow the table.
    ['(!(missing=x))', []],
    ['(|(missing=x)(l=Redmond))', [1, 3]],
    ['(!(|(missing=x)(l=Redmond)))', []],
    ['(!(&(missing=x)(l=Redmond)))', [2, 4, 5]],
    ['(|(missing=x)(!(missing=x)))', []],
    ['(&)', [1, 2, 3, 4, 5]],
    ['(|)', []],
    ['(!(|))', [1, 2, 3, 4, 5]],
  ])('compileLdapFilter selects the right users for %s', (text, ids) => {
    expect(selectIds(db, parseLdapFilter(text))).toEqual(ids);
  });

  it.each<[string, number[]]>([
    ['(sAMAccountName=KenMyer)', [1]],
    ['(samaccountname=ken*)', [1]],
    ['(!(sAMAccountName=*))', [5]],
    ['(userPrincipalName=JHAAS@litwareinc.com)', [3]],
    ['(displayName=Renée Lo)', [4]],
    ['(displayName=RENÉE*)', [4]],
    ['(displayName>=P)', [2, 4]],
    ['(msRTCSIP-PrimaryUserAddress=sip:pilar@litwareinc.com)', [2]],
    ['(msRTCSIP-PrimaryUserAddress=*@litwareinc.com)', [1, 2, 3, 4]],
    ['(distinguishedName=cn=ken myer, ou=finance, dc=litwareinc, dc=com)', [1]],
    ['(distinguishedName=CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com)', [1]],
    ['(distinguishedName=CN=Ken Myer,OU=Finance\\2C,DC=litwareinc,DC=com)', []],
    ['(distinguishedName=*,OU=Finance,*)', []],
    ['(!(distinguishedName=*,OU=Finance,*))', []],
    ['(!(distinguishedName=not a dn))', []],
    ['(!(distinguishedName=CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com))', [2, 3, 4, 5]],
    ['(msRTCSIP-UserEnabled=TRUE)', [1, 3, 4]],
    ['(msRTCSIP-UserEnabled=false)', [2]],
    ['(!(msRTCSIP-UserEnabled=TRUE))', [2, 5]],
    ['(msRTCSIP-UserEnabled=*)', [1, 2, 3, 4]],
    ['(msRTCSIP-UserEnabled=yes)', []],
    ['(!(msRTCSIP-UserEnabled=yes))', []],
    ['(!(msRTCSIP-UserEnabled>=TRUE))', []],
  ])('compileLdapFilter maps the column attribute in %s', (text, ids) => {
    expect(selectIds(db, parseLdapFilter(text))).toEqual(ids);
  });

  it.each<[string, number[]]>([
    ['(&(objectClass=user)(Title=Manager))', [1, 3]],
    ['(&(objectCategory=person)(objectClass=USER)(l=Redmond))', [1, 3]],
    ['(objectClass=inetOrgPerson)', [1, 2, 3, 4, 5]],
    ['(objectClass=computer)', []],
    ['(!(objectClass=computer))', [1, 2, 3, 4, 5]],
    ['(objectClass=*)', [1, 2, 3, 4, 5]],
    ['(objectCategory=CN=Person,CN=Schema,CN=Configuration,DC=litwareinc,DC=com)', [1, 2, 3, 4, 5]],
    ['(objectCategory=group)', []],
    ['(objectClass=organizational*)', [1, 2, 3, 4, 5]],
  ])('compileLdapFilter treats every entry as a user for %s', (text, ids) => {
    expect(selectIds(db, parseLdapFilter(text))).toEqual(ids);
  });

  it('compileLdapFilter binds values as parameters, never as SQL text', () => {
    const value = "x' OR 1=1 --";
    const { sql, params } = compileLdapFilter(parseLdapFilter(`(|(title=${value})(sAMAccountName=${value}*)(x-Evil=1))`));
    expect(sql).not.toContain('OR 1=1');
    expect(sql).not.toContain('x-evil');
    expect(params).toEqual(['title', "x' or 1=1 --", "x' or 1=1 --*", 'x-evil', 'x-evil', '1']);
    expect(selectIds(db, parseLdapFilter(`(title=${value})`))).toEqual([]);
  });

  it('compileLdapFilter escapes GLOB metacharacters in substring values', () => {
    const { params } = compileLdapFilter(parseLdapFilter('(cn=a?b[c]\\2a*d)'));
    expect(params).toEqual(['cn', 'a[?]b[[]c][*]*d']);
  });

  it("compileLdapFilter's fragment works inside the caller's paged statement", () => {
    const { sql, params } = compileLdapFilter(parseLdapFilter('|(Title=Supervisor)(Title=Manager)'));
    const page = db
      .prepare(`SELECT u.id FROM users u WHERE (${sql}) AND u.sip_key IS NOT NULL AND u.id > ? ORDER BY u.id LIMIT ?`)
      .all(...params, 1, 1) as { id: number }[];
    expect(page).toEqual([{ id: 2 }]);
  });

  it('compileLdapFilter lets SQLite use the user_attrs value index for equality', () => {
    const { sql, params } = compileLdapFilter(parseLdapFilter('(title=Manager)'));
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT u.id FROM users u WHERE (${sql})`).all(...params) as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toContain('user_attrs_by_value');
  });
});

// A small alphabet so that random values collide, with case variants and GLOB metacharacters.
const textArb = fc.string({ unit: fc.constantFrom('a', 'A', 'b', '*', '?', '[', ']', '1', '2', '-', 'é', 'É', ' '), maxLength: 4 });
const intTextArb = fc.integer({ min: -8, max: 600 }).map(String);
const valueArb = fc.oneof(textArb, intTextArb, fc.constantFrom('TRUE', 'false', 'user', 'Person', 'top', 'computer'));
const partArb = textArb.filter((text) => text !== '');
const attributeArb = fc.constantFrom('title', 'TITLE', 'userAccountControl', 'missing', 'sAMAccountName', 'displayName', 'distinguishedName',
  'msRTCSIP-UserEnabled', 'msRTCSIP-PrimaryUserAddress', 'objectClass', 'objectCategory');

const itemArb = fc.oneof(
  fc.record({ type: fc.constantFrom('equality', 'approx', 'greaterOrEqual', 'lessOrEqual'), attribute: attributeArb, value: valueArb }),
  fc.record({ type: fc.constant('present'), attribute: attributeArb }),
  fc.record({ type: fc.constant('substrings'), attribute: attributeArb, any: fc.array(partArb, { maxLength: 2 }),
    initial: fc.option(partArb, { nil: undefined }), final: fc.option(partArb, { nil: undefined }) }),
  fc.record({ type: fc.constantFrom('bitwiseAnd', 'bitwiseOr'), attribute: attributeArb, value: fc.integer({ min: -4, max: 600 }) }),
) as fc.Arbitrary<LdapFilter>;

const { filter: filterArb } = fc.letrec<{ filter: LdapFilter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small' },
    itemArb,
    fc.record({ type: fc.constantFrom('and', 'or'), filters: fc.array(tie('filter'), { maxLength: 3 }) }),
    fc.record({ type: fc.constant('not'), filter: tie('filter') }),
  ) as fc.Arbitrary<LdapFilter>,
}));

const userArb = fc.record({
  cn: textArb,
  ou: textArb,
  sam: fc.option(fc.oneof(textArb, intTextArb), { nil: null }),
  display: fc.option(textArb, { nil: null }),
  sip: fc.option(textArb.map((text) => `sip:${text}@x`), { nil: null }),
  enabled: fc.constantFrom<0 | 1 | null>(0, 1, null),
  attrs: fc.record({ Title: fc.array(valueArb, { maxLength: 2 }), userAccountControl: fc.array(fc.oneof(intTextArb, textArb), { maxLength: 1 }) }),
});
// The index keeps dn_key unique; ',' never occurs in the alphabet.
const usersArb = fc.array(userArb, { maxLength: 6 }).map((rows) =>
  rows.map(({ cn, ou, ...row }, i): TestUser => ({ ...row, id: i + 1, dn: `CN=${cn}${i},OU=${ou},DC=contoso,DC=com`, upn: row.sam === null ? null : `${row.sam}@x` })),
);

describe('compileLdapFilter properties', () => {
  it('compileLdapFilter yields 1, 0 or NULL (Undefined) exactly as the three-valued reference evaluator', () => {
    fc.assert(
      fc.property(usersArb, fc.array(filterArb, { minLength: 1, maxLength: 4 }), (users, filters) => {
        const db = openDirectory(users);
        try {
          for (const filter of filters) {
            const { sql, params } = compileLdapFilter(filter);
            const rows = db.prepare(`SELECT u.id, (${sql}) AS v FROM users u ORDER BY u.id`).all(...params) as { id: number; v: unknown }[];
            expect(rows.map((row) => row.v)).toEqual(users.map((u) => ({ true: 1, false: 0, undefined: null })[String(evaluate3(filter, u, users)) as 'true']));
            expect(selectIds(db, filter)).toEqual(users.filter((u) => evaluate(filter, u, users)).map((u) => u.id));
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 400 },
    );
  });
});

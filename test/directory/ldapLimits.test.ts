/**
 * LDAP filters at and beyond SQLite's limits: deep filters are refused (FilterTooDeep), wide ones
 * (1,002 to 50,000 terms) compile within SQLite's expression depth and variable count and select
 * exactly what the reference evaluator selects; what still does not fit is FilterTooComplex.
 */
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LdapFilterError,
  MAX_FILTER_DEPTH,
  MAX_FILTER_TESTS,
  compileLdapFilter,
  parseLdapFilter,
  printLdapFilter,
  type LdapFilter,
} from '../../src/directory/ldap/index.js';
import { evaluate, openDirectory, selectIds, type TestUser } from '../support/ldapReference.js';

const TITLES = ['Manager', 'Engineer', 'Director', 'Analyst'];
const CITIES = ['Redmond', 'Seattle', 'Oslo'];

/** 60 users: a sam, a title, a city, an employee number, a department for some. */
const USERS: TestUser[] = Array.from({ length: 60 }, (_, i) => ({
  id: i + 1,
  dn: `CN=User ${i},OU=${i % 2 ? 'Sales' : 'IT'},DC=contoso,DC=com`,
  sam: `user${i}`,
  upn: `user${i}@contoso.com`,
  display: `User ${i}`,
  sip: i % 7 === 0 ? null : `sip:user${i}@contoso.com`,
  enabled: i % 5 === 0 ? 0 : 1,
  attrs: {
    title: [TITLES[i % TITLES.length] ?? 'Manager', ...(i % 9 === 0 ? ['Lead'] : [])],
    l: [CITIES[i % CITIES.length] ?? 'Oslo'],
    employeeID: [String(1000 + i)],
    ...(i % 4 === 0 ? { department: [`d${i % 3}`] } : {}),
    // Values that JSON and SQLite could read differently from a bound parameter.
    ...(i === 5 ? { department: ['x\u0000y'] } : i === 6 ? { department: ['\ud800'] } : {}),
  },
}));

function parseFailure(run: () => unknown): LdapFilterError {
  try {
    run();
  } catch (error) {
    if (error instanceof LdapFilterError) return error;
    throw error;
  }
  throw new Error('no LdapFilterError');
}

/** The ids the reference evaluator selects. */
const expected = (filter: LdapFilter): number[] => USERS.filter((u) => evaluate(filter, u, USERS)).map((u) => u.id);

/** `n` terms built by `term(i)`, inside `(op ...)`. */
const wide = (op: '&' | '|', n: number, term: (i: number) => string): string => `(${op}${Array.from({ length: n }, (_, i) => term(i)).join('')})`;

const SHAPES: Record<string, (n: number) => string> = {
  'equalities on one attribute': (n) => wide('|', n, (i) => `(sAMAccountName=user${(i * 7) % 97})`),
  'mixed attributes and ~=': (n) => wide('|', n, (i) => [`(title=t${i})`, `(l~=OSLO)`, `(sAMAccountName=USER${i % 80})`, `(employeeID=${1000 + (i % 70)})`][i % 4] ?? ''),
  'negations under &': (n) => wide('&', n, (i) => (i === 0 ? '(title=Manager)' : `(!(sAMAccountName=user${i % 50}))`)),
  'negations under |': (n) => wide('|', n, (i) => `(!(l=${CITIES[i % 3] ?? 'x'}${i % 2 ? '' : 'x'}))`),
  'nested groups, one in ten': (n) => wide('|', n, (i) => (i % 10 === 0 ? `(&(title=Director)(l=${CITIES[i % 3] ?? 'x'})(!(employeeID<=${1000 + (i % 60)})))` : `(employeeID=${i})`)),
  'equalities on one attribute under &': (n) => wide('&', n, (i) => (i % 2 ? '(title=Manager)' : '(TITLE=manager)')),
  'every kind of term': (n) => wide('|', n, (i) =>
    [`(title=x${i})`, `(l=*e${i % 3}*)`, `(employeeID>=${1050 + (i % 20)})`, `(department=*)`, `(!(title=Manager))`, `(userAccountControl:1.2.840.113556.1.4.803:=${i % 8})`, `(displayName=User 1*)`][i % 7] ?? ''),
};

describe('wide LDAP filters against SQLite', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = openDirectory(USERS);
  });
  afterAll(() => db.close());

  for (const [shape, build] of Object.entries(SHAPES)) {
    it.each([1_002, 10_000, 50_000])(`compileLdapFilter runs ${shape} with %i terms and selects what the reference does`, (n) => {
      const filter = parseLdapFilter(build(n));
      const { params } = compileLdapFilter(filter);
      expect(params.length).toBeLessThanOrEqual(3 * MAX_FILTER_TESTS);
      expect(selectIds(db, filter)).toEqual(expected(filter));
    });
  }

  it('compileLdapFilter selects with a wide | what the union of its terms selects one by one', () => {
    const terms = Array.from({ length: 1_500 }, (_, i) => [`(sAMAccountName=user${i % 90})`, `(title=${TITLES[i % 4] ?? ''}${i % 5 ? 'x' : ''})`, `(l=Oslo)`][i % 3] ?? '');
    const union = new Set(terms.slice(0, 90).flatMap((term) => selectIds(db, parseLdapFilter(term))));
    for (const term of terms.slice(90)) for (const id of selectIds(db, parseLdapFilter(term))) union.add(id);
    expect(selectIds(db, parseLdapFilter(`(|${terms.join('')})`))).toEqual([...union].sort((a, b) => a - b));
  });

  it('compileLdapFilter uses the value index for a list of equalities, and the sam index for a list of logons', () => {
    const plan = (text: string): string => {
      const { sql, params } = compileLdapFilter(parseLdapFilter(text));
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT u.id FROM users u WHERE (${sql})`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');
    };
    expect(plan(SHAPES['mixed attributes and ~=']?.(10_000) ?? '')).toContain('user_attrs_by_value');
    expect(plan(wide('|', 10_000, (i) => `(sAMAccountName=user${i})`))).toContain('users_sam');
    expect(plan('(Title=Manager)')).toContain('user_attrs_by_value (name=? AND value_key=?)');
  });

  it('compileLdapFilter refuses more than MAX_FILTER_TESTS separate tests, and a GLOB pattern SQLite cannot match, as FilterTooComplex', () => {
    // Substring tests on as many attributes: no list holds two of them.
    const tests = (n: number): LdapFilter => parseLdapFilter(wide('|', n, (i) => `(a${i}=*${i}*)`));
    expect(selectIds(db, tests(MAX_FILTER_TESTS))).toEqual([]);
    const error = parseFailure(() => compileLdapFilter(tests(MAX_FILTER_TESTS + 1)));
    expect(error.errorId).toBe('FilterTooComplex');
    expect(error.message).toMatch(/^Invalid LDAP filter: the filter is too complex: it makes 1001 separate tests/);
    const long = (bytes: number): LdapFilter => parseLdapFilter(`(title=*${'é'.repeat((bytes - 2) / 2)}*)`);
    expect(selectIds(db, long(50_000))).toEqual([]);
    expect(parseFailure(() => compileLdapFilter(long(50_002))).errorId).toBe('FilterTooComplex');
  });

  it('compileLdapFilter binds the values and attribute names of a wide filter as parameters, never as SQL text', () => {
    const value = "x' OR 1=1 --";
    const { sql, params } = compileLdapFilter(parseLdapFilter(wide('|', 3_000, (i) => [`(x-Evil=${value}${i})`, `(&(l=${value})(title=${i}))`, `(cn=*${value}*)`][i % 3] ?? '')));
    expect(sql).not.toContain('OR 1=1');
    expect(sql).not.toContain('x-evil');
    expect(params).toContain('x-evil');
  });

  it('compileLdapFilter reads conjunctions of equalities on the same attributes as one list of rows', () => {
    const row = (j: number): string => `(&(Title=${TITLES[j % 4] ?? ''})(l=${CITIES[j % 3] ?? ''})(sAMAccountName=user${j}))`;
    const rows = wide('|', 10_000, (i) => (i % 500 === 7 ? row(i % 60) : `(&(title=t${i})(l=c${i})(sAMAccountName=user${i}))`));
    const filter = parseLdapFilter(rows);
    const { sql, params } = compileLdapFilter(filter);
    expect(params).toHaveLength(3);
    expect(sql).toContain('json_each');
    expect(selectIds(db, filter)).toEqual(expected(filter));
    expect(expected(filter).length).toBeGreaterThan(0);
  });
});

describe('deep LDAP filters', () => {
  it.each([5_000, 100_000])('parseLdapFilter refuses %i levels as FilterTooDeep, in every form, at once', (levels) => {
    for (const text of ['(!'.repeat(levels) + '(a=b)' + ')'.repeat(levels), '(&'.repeat(levels), `!${'(!'.repeat(levels)}`, `&${'(|'.repeat(levels)}(a=b)`]) {
      const started = performance.now();
      const error = parseFailure(() => parseLdapFilter(text));
      expect(error.errorId).toBe('FilterTooDeep');
      expect(error.message).toContain(`nested more than ${MAX_FILTER_DEPTH} levels`);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('compileLdapFilter and printLdapFilter refuse a tree built deeper than the parser allows', () => {
    let filter: LdapFilter = { type: 'present', attribute: 'cn' };
    for (let i = 0; i < 200; i++) filter = { type: 'not', filter };
    expect(parseFailure(() => compileLdapFilter(filter)).errorId).toBe('FilterTooDeep');
    expect(parseFailure(() => printLdapFilter(filter)).errorId).toBe('FilterTooDeep');
  });

  it.each([
    [2, true],
    [8, true],
    [40, false],
  ])('compileLdapFilter runs the deepest filter the parser accepts with %i terms at every level (or refuses it as too complex: %s)', (width, runs) => {
    let text = '(title=Manager)';
    for (let level = MAX_FILTER_DEPTH - 2; level >= 0; level--) {
      const others = Array.from({ length: width - 1 }, (_, i) => `(a${i}>=${(i * 13 + level) % 70})`).join('');
      text = level % 3 === 2 ? `(!${text})` : `(${level % 2 ? '|' : '&'}${text}${others})`;
    }
    const filter = parseLdapFilter(text);
    if (!runs) {
      expect(parseFailure(() => compileLdapFilter(filter)).errorId).toBe('FilterTooComplex');
      return;
    }
    const db = openDirectory(USERS);
    try {
      expect(selectIds(db, filter)).toEqual(expected(filter));
    } finally {
      db.close();
    }
  });
});

describe('wide LDAP filter properties', () => {
  // Few attributes and values, so that sets group equalities and negations often.
  const attribute = fc.constantFrom('title', 'TITLE', 'l', 'sAMAccountName', 'distinguishedName', 'employeeID', 'department', 'objectClass', 'msRTCSIP-UserEnabled');
  const value = fc.constantFrom('Manager', 'manager', 'Oslo', 'user3', 'USER12', '1007', 'd0', 'user', 'TRUE', 'CN=User 4,OU=IT,DC=contoso,DC=com', 'x\u0000y', 'X\u0000Y', '\ud800', '');
  const item = fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constantFrom('equality', 'approx'), attribute, value }) },
    fc.record({ type: fc.constantFrom('greaterOrEqual', 'lessOrEqual'), attribute, value }),
    fc.record({ type: fc.constant('present'), attribute }),
    fc.record({ type: fc.constant('substrings'), attribute, initial: fc.constantFrom(undefined, 'm', 'USER'), any: fc.constantFrom([], ['a'], ['e', 'r']), final: fc.constantFrom(undefined, 'r', '7') }),
    fc.record({ type: fc.constantFrom('bitwiseAnd', 'bitwiseOr'), attribute, value: fc.integer({ min: -2, max: 1100 }) }),
  ) as fc.Arbitrary<LdapFilter>;
  const { filter } = fc.letrec<{ filter: LdapFilter }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      item,
      fc.record({ type: fc.constantFrom('and', 'or'), filters: fc.array(tie('filter'), { maxLength: 12 }) }),
      fc.record({ type: fc.constant('not'), filter: tie('filter') }),
      // Conjunctions of equalities under |, often on the same attributes: lists of rows.
      fc.record({
        type: fc.constant('or'),
        filters: fc.array(fc.record({ type: fc.constant('and'), filters: fc.array(fc.record({ type: fc.constant('equality'), attribute, value }), { minLength: 2, maxLength: 3 }) }), { maxLength: 6 }),
      }),
    ) as fc.Arbitrary<LdapFilter>,
  }));

  it('a list of values with a lone surrogate matches what one equality matches (found by the property below)', () => {
    const db = openDirectory(USERS);
    try {
      const one: LdapFilter = { type: 'equality', attribute: 'department', value: '\ud800' };
      const both: LdapFilter = { type: 'and', filters: [one, one] };
      expect(selectIds(db, one)).toEqual([7]);
      expect(selectIds(db, both)).toEqual([7]);
    } finally {
      db.close();
    }
  });

  it('compileLdapFilter groups, flattens and negates without changing what a filter selects', () => {
    const db = openDirectory(USERS);
    try {
      fc.assert(
        fc.property(filter, (f) => {
          expect(selectIds(db, f)).toEqual(expected(f));
        }),
        { numRuns: 400 },
      );
    } finally {
      db.close();
    }
  });
});

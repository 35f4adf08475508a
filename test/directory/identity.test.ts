import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DirectoryDatabase } from '../../src/directory/database.js';
import { dnKey } from '../../src/directory/dn.js';
import { IdentityResolver, USER_SHAPE } from '../../src/directory/resolve.js';
import { UserId, classifyIdentity, type IdentityForm } from '../../src/directory/userId.js';
import { subtreeCondition } from '../../src/directory/userSearch.js';
import { UserWriter, type UserInput } from '../../src/directory/userStore.js';

const KEN = 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com';
const PILAR = 'CN=Pilar Ackerman,OU=Finance,DC=litwareinc,DC=com';
const AIDAN = 'CN=Aidan Delaney,OU=Payroll,OU=Finance,DC=litwareinc,DC=com';
const JANE = 'CN=Jane Clayton,OU=Finance,DC=litwareinc,DC=com';
const DAVID = 'CN=David Longmuir,OU=Sales,DC=litwareinc,DC=com';
const ELLEN = 'CN=Ellen Smith,OU=IT,DC=litwareinc,DC=com';
const JONATHAN = 'CN=Jonathan Smith,OU=Sales,DC=litwareinc,DC=com';
const SMITH_JOHN = 'CN=Smith\\, John,OU=Finance,DC=litwareinc,DC=com';
const ALEX_FINANCE = 'CN=Alex Wu,OU=Finance,DC=litwareinc,DC=com';
const ALEX_FINANCE2 = 'CN=Alex Wu,OU=Finance2,DC=litwareinc,DC=com';
const WHAT = 'CN=What? Me,OU=Lab,DC=litwareinc,DC=com';
const WHATX = 'CN=Whatx Me,OU=Lab,DC=litwareinc,DC=com';
const ADMIN_BOB = 'CN=[Admin] Bob,OU=Lab,DC=litwareinc,DC=com';
const N_BOB = 'CN=N Bob,OU=Lab,DC=litwareinc,DC=com';
const LEE_ANN = 'CN=Lee\\,Ann,OU=Lab,DC=litwareinc,DC=com';
const UPN_OWNER = 'CN=Upn Owner,OU=Lab,DC=litwareinc,DC=com';
const SIP_OWNER = 'CN=Sip Owner,OU=Lab,DC=litwareinc,DC=com';

const FINANCE = 'OU=Finance,DC=litwareinc,DC=com';

interface TestUser {
  dn: string;
  sam: string;
  display: string;
  /** Defaults to sam@litwareinc.com. */
  upn?: string;
  /** Defaults to sip:sam@litwareinc.com; null for a user not enabled for Lync. */
  sip?: string | null;
}

const USERS: readonly TestUser[] = [
  { dn: KEN, sam: 'kenmyer', display: 'Ken Myer' },
  { dn: PILAR, sam: 'pilar', display: 'Pilar Ackerman' },
  { dn: AIDAN, sam: 'aidan', display: 'Aidan Delaney' },
  { dn: JANE, sam: 'janec', display: 'Jane Clayton', sip: null },
  { dn: DAVID, sam: 'davidl', display: 'David Longmuir' },
  // UPN differs from the SIP address: "ellens@litwareinc.com" is found only through the sip: fallback.
  { dn: ELLEN, sam: 'ellens', display: 'Ellen Smith', upn: 'ellen.smith@corp.litwareinc.com' },
  { dn: JONATHAN, sam: 'jsmith', display: 'Jonathan Smith' },
  { dn: SMITH_JOHN, sam: 'johns', display: 'Smith, John' },
  { dn: ALEX_FINANCE, sam: 'awu', display: 'Alex Wu' },
  { dn: ALEX_FINANCE2, sam: 'alexw', display: 'Alex Wu' },
  { dn: WHAT, sam: 'whatme', display: 'What? Me' },
  { dn: WHATX, sam: 'whatxme', display: 'Whatx Me' },
  { dn: ADMIN_BOB, sam: 'adminbob', display: '[Admin] Bob' },
  { dn: N_BOB, sam: 'nbob', display: 'N Bob' },
  // No spaces anywhere: the DN has the shape of domain\logon too.
  { dn: LEE_ANN, sam: 'leeann', display: 'Lee Ann' },
  // "shared@litwareinc.com" is one user's UPN and the other's SIP address: the UPN match wins.
  { dn: UPN_OWNER, sam: 'uowner', display: 'Upn Owner', upn: 'shared@litwareinc.com' },
  { dn: SIP_OWNER, sam: 'sowner', display: 'Sip Owner', sip: 'sip:shared@litwareinc.com' },
];

const SIP_USERS = USERS.filter((u) => u.sip !== null).map((u) => u.dn);

function toInput(u: TestUser): UserInput {
  return {
    dn: u.dn,
    domain: 'litwareinc',
    sam: u.sam,
    upn: u.upn ?? `${u.sam}@litwareinc.com`,
    displayName: u.display,
    sip: u.sip === undefined ? `sip:${u.sam}@litwareinc.com` : u.sip,
    enabled: u.sip !== null,
    registrarPool: u.sip === null ? null : 'pool01.litwareinc.com',
    lineUri: null,
    evEnabled: false,
    pinPolicy: null,
    attributes: [],
  };
}

let dir: string;
let db: DirectoryDatabase;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-identity-'));
  db = createDatabase(join(dir, 'cspin.db'));
  const writer = new UserWriter(db);
  db.transaction(() => USERS.forEach((u) => writer.upsert(toInput(u))))();
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The DNs an identity resolves to, in the resolver's order (by DN key). */
function resolveOne(text: string, resolver = new IdentityResolver(db)): string[] {
  return (resolver.resolve([new UserId(text)]).get(0) ?? []).map((row) => row.dn);
}

const byKey = (dns: readonly string[]) => [...dns].sort((a, b) => (dnKey(a) < dnKey(b) ? -1 : dnKey(a) > dnKey(b) ? 1 : 0));

describe('classifyIdentity', () => {
  it.each<[string, string, IdentityForm]>([
    ['a SIP address', 'sip:kenmyer@litwareinc.com', { kind: 'sip', key: 'sip:kenmyer@litwareinc.com' }],
    ['a SIP address in mixed case', 'SIP:KenMyer@LitwareInc.com', { kind: 'sip', key: 'sip:kenmyer@litwareinc.com' }],
    ['a SIP address with a *', 'sip:*@litwareinc.com', { kind: 'sip', key: 'sip:*@litwareinc.com' }],
    ['a UPN', 'kenmyer@litwareinc.com', { kind: 'upn', key: 'kenmyer@litwareinc.com' }],
    ['a UPN in mixed case', 'KenMyer@LitwareInc.COM', { kind: 'upn', key: 'kenmyer@litwareinc.com' }],
    ['domain\\logon', 'litwareinc\\kenmyer', { kind: 'logon', key: 'litwareinc\\kenmyer' }],
    ['DOMAIN\\Logon', 'LITWAREINC\\KenMyer', { kind: 'logon', key: 'litwareinc\\kenmyer' }],
    ['a DN', KEN, { kind: 'dn', key: 'dc=com,dc=litwareinc,ou=finance,cn=ken myer,' }],
    ['a DN in lower case with spaces', 'cn=ken myer , ou = finance, dc=litwareinc,  dc=com', { kind: 'dn', key: dnKey(KEN) }],
    ['a DN in upper case', KEN.toUpperCase(), { kind: 'dn', key: dnKey(KEN) }],
    ['a DN with an escaped comma and a space', SMITH_JOHN, { kind: 'dn', key: dnKey(SMITH_JOHN) }],
    ['a DN with an escaped comma and no spaces', 'CN=Smith\\,John,OU=IT,DC=x', { kind: 'dn', key: 'dc=x,ou=it,cn=smith\\,john,' }],
    ['a display name', 'Ken Myer', { kind: 'display', key: 'ken myer' }],
    ['a display name with surrounding spaces', '  Ken Myer  ', { kind: 'display', key: 'ken myer' }],
    ['a display name with a comma', 'Smith, John', { kind: 'display', key: 'smith, john' }],
    ['a display name with ? (literal)', 'What? Me', { kind: 'display', key: 'what? me' }],
    ['a display name with [ (literal)', '[Admin] Bob', { kind: 'display', key: '[admin] bob' }],
    ['a bare logon name (no form: a display name)', 'kenmyer', { kind: 'display', key: 'kenmyer' }],
    ['"* Smith"', '* Smith', { kind: 'displayWildcard', glob: '* smith' }],
    ['"Pilar*"', 'Pilar*', { kind: 'displayWildcard', glob: 'pilar*' }],
    ['"K*n M*r"', 'K*n M*r', { kind: 'displayWildcard', glob: 'k*n m*r' }],
    ['a wildcard with a literal ?', 'What? *', { kind: 'displayWildcard', glob: 'what[?] *' }],
    ['a wildcard with a literal [', '[Admin] *', { kind: 'displayWildcard', glob: '[[]admin] *' }],
    ['a wildcard with ] (already literal in GLOB)', '*] Bob', { kind: 'displayWildcard', glob: '*] bob' }],
  ])('classifyIdentity recognises %s', (_case, text, form) => {
    expect(classifyIdentity(text)).toEqual(form);
  });
});

describe('IdentityResolver', () => {
  it.each([
    ['sip:', 'sip:kenmyer@litwareinc.com'],
    ['sip: in other case', 'SIP:KENMYER@LITWAREINC.COM'],
    ['UPN', 'kenmyer@litwareinc.com'],
    ['UPN in other case', 'KenMyer@LitwareInc.com'],
    ['domain\\logon', 'litwareinc\\kenmyer'],
    ['DOMAIN\\LOGON', 'LITWAREINC\\KENMYER'],
    ['DN', KEN],
    ['DN in lower case with spaces', 'cn=ken myer, ou=finance , dc = litwareinc,dc=com'],
    ['DN in upper case', KEN.toUpperCase()],
    ['display name', 'Ken Myer'],
    ['display name in other case with spaces', '  KEN myer '],
    ['wildcard prefix', 'Ken*'],
    ['wildcard suffix', '*Myer'],
    ['two wildcards', 'K*n M*r'],
  ])('IdentityResolver finds the user by %s', (_case, text) => {
    expect(resolveOne(text)).toEqual([KEN]);
  });

  it.each([
    ['a DN with an escaped comma', SMITH_JOHN, [SMITH_JOHN]],
    ['a DN with an escaped comma, other spacing and case', 'cn=SMITH\\, JOHN , ou=Finance,DC=LitwareInc,DC=com', [SMITH_JOHN]],
    ['a display name with a comma', 'Smith, John', [SMITH_JOHN]],
    ['a user two OUs deep by DN', AIDAN, [AIDAN]],
    ['a DN with an escaped comma and no spaces (not domain\\logon)', LEE_ANN, [LEE_ANN]],
    ['a UPN-shaped value with no UPN match, as sip:+value', 'ellens@litwareinc.com', [ELLEN]],
    ['the real UPN of that user', 'ellen.smith@corp.litwareinc.com', [ELLEN]],
    ['a UPN that is also another user\'s SIP address: the UPN wins', 'shared@litwareinc.com', [UPN_OWNER]],
    ['that other user by its sip: address', 'sip:shared@litwareinc.com', [SIP_OWNER]],
    ['a display name shared by two users: both', 'Alex Wu', byKey([ALEX_FINANCE, ALEX_FINANCE2])],
    ['"* Smith"', '* Smith', byKey([ELLEN, JONATHAN])],
    ['"Pilar*"', 'Pilar*', [PILAR]],
    ['"*" (every user with a SIP address)', '*', byKey(SIP_USERS)],
    ['? is literal in a wildcard', 'What? *', [WHAT]],
    ['[ is literal in a wildcard', '[Admin] *', [ADMIN_BOB]],
    ['? is literal in a display name', 'What? Me', [WHAT]],
    ['[ is literal in a display name', '[Admin] Bob', [ADMIN_BOB]],
  ])('IdentityResolver resolves %s', (_case, text, dns) => {
    expect(resolveOne(text)).toEqual(dns);
  });

  it.each([
    ['an unknown sip:', 'sip:nobody@litwareinc.com'],
    ['an unknown UPN', 'nobody@litwareinc.com'],
    ['an unknown logon', 'litwareinc\\nobody'],
    ['a logon in another domain', 'fabrikam\\kenmyer'],
    ['an unknown DN', 'CN=Nobody,OU=Finance,DC=litwareinc,DC=com'],
    ['a DN with the wrong OU', 'CN=Ken Myer,OU=Sales,DC=litwareinc,DC=com'],
    ['an unknown display name', 'Nobody'],
    ['a wildcard matching nothing', 'Zz*'],
    ['a bare logon name', 'kenmyer'],
    ['a partial display name without *', 'Ken'],
    ['a user without SIP, by UPN', 'janec@litwareinc.com'],
    ['a user without SIP, by logon', 'litwareinc\\janec'],
    ['a user without SIP, by DN', JANE],
    ['a user without SIP, by display name', 'Jane Clayton'],
    ['a user without SIP, by wildcard', 'Jane*'],
    ['a user without SIP, by sip:+UPN', 'sip:janec@litwareinc.com'],
    ['? in a wildcard is no single-character wildcard', 'Wha?? Me*'],
    ['[..] in a wildcard is no character class', '[NB] *'],
    ['a sip: value with * (no wildcards outside display names)', 'sip:ken*'],
  ])('IdentityResolver finds nothing for %s', (_case, text) => {
    expect(resolveOne(text)).toEqual([]);
  });

  /** A view of the database that counts statement executions. */
  function countingDb(): { db: DirectoryDatabase; runs: () => number } {
    let runs = 0;
    const counting = new Proxy(db, {
      get(target, prop) {
        if (prop === 'prepare') {
          return (sql: string) => {
            const statement = target.prepare(sql);
            const all = statement.all.bind(statement);
            return Object.assign(statement, { all: (...args: unknown[]) => (runs++, all(...args)) });
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { db: counting, runs: () => runs };
  }

  it('IdentityResolver resolves a chunk of mixed identities together, keyed by index (gaps for not found, duplicates kept)', () => {
    const ids = [
      'Ken Myer',
      'nobody@litwareinc.com',
      'sip:pilar@litwareinc.com',
      'litwareinc\\kenmyer',
      'Alex Wu',
      'litwareinc\\janec',
      '* Smith',
      'ellens@litwareinc.com',
      AIDAN.toLowerCase(),
      'Ken Myer',
    ];
    const counting = countingDb();
    const found = new IdentityResolver(counting.db).resolve(ids.map((text) => new UserId(text)));
    const dns = Object.fromEntries([...found].map(([i, rows]) => [i, rows.map((row) => row.dn)]));
    expect(dns).toEqual({
      0: [KEN],
      2: [PILAR],
      3: [KEN],
      4: byKey([ALEX_FINANCE, ALEX_FINANCE2]),
      6: byKey([ELLEN, JONATHAN]),
      7: [ELLEN],
      8: [AIDAN],
      9: [KEN],
    });
    // Queries are bounded by the identity forms (7, counting the sip:+UPN fallback), never by the records.
    expect(counting.runs()).toBeLessThanOrEqual(7);
  });

  it.each([
    ['display names', (n: number) => (n % 3 === 0 ? 'Ken Myer' : `Nobody ${n}`)],
    ['SIP addresses', (n: number) => (n % 3 === 0 ? 'sip:pilar@litwareinc.com' : `sip:nobody${n}@litwareinc.com`)],
    ['DNs', (n: number) => (n % 3 === 0 ? AIDAN : `CN=Nobody ${n},OU=Finance,DC=litwareinc,DC=com`)],
  ])('IdentityResolver resolves a chunk of 300 %s with one query', (_case, make) => {
    const counting = countingDb();
    const found = new IdentityResolver(counting.db).resolve(Array.from({ length: 300 }, (_, n) => new UserId(make(n))));
    expect(counting.runs()).toBe(1);
    expect([...found.keys()]).toEqual(Array.from({ length: 100 }, (_, n) => n * 3));
  });

  it('IdentityResolver returns each user once per identity even when two branches match', () => {
    // "Ken Myer*" is a wildcard; "ken myer" exact display name; both select the same row for their index only.
    const found = new IdentityResolver(db).resolve([new UserId('Ken Myer*'), new UserId('Ken Myer')]);
    expect(found.get(0)?.map((r) => r.dn)).toEqual([KEN]);
    expect(found.get(1)?.map((r) => r.dn)).toEqual([KEN]);
  });

  it('IdentityResolver gives the same rows packed into one JSON text per chunk as row by row', () => {
    const ids = [
      'Ken Myer', 'nobody@litwareinc.com', 'sip:pilar@litwareinc.com', 'litwareinc\\kenmyer', 'Alex Wu', 'litwareinc\\janec',
      'ellens@litwareinc.com', AIDAN.toLowerCase(), 'Ken Myer', 'sip:nobody@litwareinc.com', '[Admin] Bob', 'Lee,Ann',
    ].map((text) => new UserId(text));
    const packed = new IdentityResolver(db, undefined, { ...USER_SHAPE, packed: true }).resolve(ids);
    expect([...packed.keys()].length).toBeGreaterThan(6);
    expect(packed).toEqual(new IdentityResolver(db).resolve(ids));
    expect(new IdentityResolver(db, undefined, { ...USER_SHAPE, packed: true }).resolve([new UserId('sip:nobody@litwareinc.com')]).size).toBe(0);
  });

  it('IdentityResolver returns an empty map for an empty chunk', () => {
    expect(new IdentityResolver(db).resolve([]).size).toBe(0);
  });

  it('IdentityResolver returns the users\' rows', () => {
    const [row] = new IdentityResolver(db).resolve([new UserId('litwareinc\\kenmyer')]).get(0) ?? [];
    expect(row).toMatchObject({ dn: KEN, sam: 'kenmyer', upn: 'kenmyer@litwareinc.com', sip: 'sip:kenmyer@litwareinc.com', display_name: 'Ken Myer' });
  });

  it('IdentityResolver can be reused for several chunks', () => {
    const resolver = new IdentityResolver(db);
    expect(resolveOne('Ken Myer', resolver)).toEqual([KEN]);
    expect(resolveOne('Pilar Ackerman', resolver)).toEqual([PILAR]);
  });
});

describe('IdentityResolver with a scope', () => {
  const finance = () => new IdentityResolver(db, subtreeCondition(FINANCE));

  it.each([
    ['a user in the OU', 'Ken Myer', [KEN]],
    ['a user in a child OU', 'sip:aidan@litwareinc.com', [AIDAN]],
    ['a display name shared with a user in Finance2: only the Finance one', 'Alex Wu', [ALEX_FINANCE]],
    ['a user in Finance2 (a sibling with a common prefix)', 'sip:alexw@litwareinc.com', []],
    ['a user in another OU', 'Ellen Smith', []],
    ['"* Smith" outside the OU', '* Smith', []],
    ['"*" (the OU\'s users with SIP)', '*', byKey([KEN, PILAR, AIDAN, SMITH_JOHN, ALEX_FINANCE])],
    ['a user without SIP in the OU', JANE, []],
  ])('IdentityResolver restricted to Finance resolves %s', (_case, text, dns) => {
    expect(resolveOne(text, finance())).toEqual(dns);
  });

  it('IdentityResolver with an OU written in other case and spacing restricts the same way', () => {
    const resolver = new IdentityResolver(db, subtreeCondition('ou=FINANCE , dc=litwareinc,dc=com'));
    expect(resolveOne('Alex Wu', resolver)).toEqual([ALEX_FINANCE]);
  });
});

describe('IdentityResolver query plan', () => {
  type Kind = Parameters<IdentityResolver['sql']>[1];

  /** EXPLAIN QUERY PLAN lines of one form's statement (rows one by one, or packed into one JSON text). */
  function plan(resolver: IdentityResolver, kind: Kind, packed = false): string[] {
    const sql = packed ? `SELECT group_concat(r) FROM (${resolver.sql(true, kind)})` : resolver.sql(false, kind);
    const placeholders = (sql.match(/\?/g) ?? []).length;
    const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<null>(placeholders).fill(null)) as { detail: string }[];
    return steps.map((step) => step.detail);
  }

  const scopes = [
    ['without a scope', () => new IdentityResolver(db)],
    ['with an OU scope', () => new IdentityResolver(db, subtreeCondition(FINANCE))],
  ] as const;

  it.each(
    scopes.flatMap(([scope, make]) =>
      (
        [
          ['sip', 'users_sip', 'sip_key'],
          ['upn', 'users_upn', 'upn_key'],
          ['sipOfUpn', 'users_sip', 'sip_key'],
          ['logon', 'users_logon', 'logon_key'],
          ['dn', 'sqlite_autoindex_users_1', 'dn_key'],
          ['display', 'users_display', 'display_key'],
        ] as const
      ).map(([kind, index, column]) => [kind, scope, make, index, column] as const),
    ),
  )('IdentityResolver looks up the %s form by index (%s)', (kind, _scope, make, index, column) => {
    for (const packed of [false, true]) {
      const steps = plan(make(), kind, packed);
      expect(steps).toContainEqual(expect.stringMatching(new RegExp(`^SEARCH u USING (COVERING )?INDEX ${index} \\(${column}=\\?\\)`)));
      expect(steps.filter((step) => /^SCAN (u|users)\b/.test(step))).toEqual([]);
    }
  });

  it.each(scopes)('IdentityResolver drives the wildcard form from the identity list (%s; it may scan users)', (_scope, make) => {
    const steps = plan(make(), 'displayWildcard');
    expect(steps.some((step) => /json_each|^SCAN q VIRTUAL TABLE/.test(step))).toBe(true);
    expect(steps.some((step) => /^(SCAN|SEARCH) u\b/.test(step))).toBe(true);
  });
});

/**
 * searchUserPages against a real SQLite file: pages hold the same users, in the same order, as the
 * row-by-row search, whatever the page size, limit or OU, and the scan reads one snapshot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADUSER_JSON_SQL } from '../../src/directory/adUser.js';
import { createDatabase, type DirectoryDatabase } from '../../src/directory/database.js';
import { searchUserPages } from '../../src/directory/userPages.js';
import { searchUsers } from '../../src/directory/userSearch.js';
import { UserWriter, type UserInput } from '../../src/directory/userStore.js';

const OUS = ['OU=Sales', 'OU=IT', 'OU=Payroll,OU=Finance', 'OU=Finance'];
const FINANCE = 'OU=Finance,DC=litwareinc,DC=com';

/** 300 users over four OUs, every seventh without a SIP address, imported out of DN order. */
function user(n: number): UserInput {
  const sam = `u${(n * 7919) % 1000}`;
  const sip = n % 7 === 0 ? null : `sip:${sam}@litwareinc.com`;
  return {
    dn: `CN=User ${sam},${OUS[n % OUS.length]},DC=litwareinc,DC=com`,
    domain: 'litwareinc',
    sam,
    upn: `${sam}@litwareinc.com`,
    displayName: `User ${sam}`,
    sip,
    enabled: sip !== null,
    registrarPool: 'pool01.litwareinc.com',
    lineUri: null,
    evEnabled: n % 2 === 0,
    pinPolicy: null,
    attributes: [],
  };
}

let dir: string;
let file: string;
let db: DirectoryDatabase;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-pages-'));
  file = join(dir, 'cspin.db');
  db = createDatabase(file);
  const writer = new UserWriter(db);
  db.transaction(() => {
    for (let n = 1; n <= 300; n++) writer.upsert(user(n));
  })();
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rows = (ou?: string, limit?: number) => [...searchUsers<string>(db, { ou, limit }, ADUSER_JSON_SQL, true)];
const paged = (pageSize: number, ou?: string, limit?: number) => [...searchUserPages(db, { ou, limit }, ADUSER_JSON_SQL, pageSize)];
const lines = (pages: { text: string; count: number }[]) => pages.flatMap((page) => page.text.split('\n'));

describe('searchUserPages', () => {
  it.each([1, 7, 128, 256, 1000])('searchUserPages with pages of %i gives the row-by-row result, in directory order', (size) => {
    const pages = paged(size);
    expect(lines(pages)).toEqual(rows());
    expect(rows()).toHaveLength(300 - Math.floor(300 / 7));
    for (const page of pages) expect(page.count).toBe(page.text.split('\n').length);
    expect(pages.slice(0, -1).every((page) => page.count === size)).toBe(true);
  });

  it.each([1, 7, 50])('searchUserPages inside an OU keeps DN order, child OUs included, with pages of %i', (size) => {
    const finance = rows(FINANCE);
    expect(finance.some((line) => line.includes('OU=Payroll'))).toBe(true);
    expect(lines(paged(size, FINANCE))).toEqual(finance);
  });

  it.each([
    [0, 128],
    [1, 128],
    [127, 128],
    [128, 128],
    [129, 128],
    [200, 7],
    [10_000, 128],
  ])('searchUserPages stops at a limit of %i users (pages of %i)', (limit, size) => {
    expect(lines(paged(size, undefined, limit)).filter(Boolean)).toEqual(rows(undefined, limit));
  });

  it('searchUserPages reads one snapshot: a user added by another connection mid-scan is not seen, and the scan ends its transaction', () => {
    const scan = searchUserPages(db, {}, ADUSER_JSON_SQL, 100);
    const first = scan.next();
    expect(first.done).toBe(false);
    const other = new Database(file);
    try {
      new UserWriter(other).upsert(user(302));
    } finally {
      other.close();
    }
    const rest = [...scan];
    expect([first.value, ...rest].reduce((sum, page) => sum + (page?.count ?? 0), 0)).toBe(258);
    expect(db.inTransaction).toBe(false);
    expect(rows()).toHaveLength(259);
  });

  it('searchUserPages ends its transaction when the reader stops early', () => {
    const scan = searchUserPages(db, {}, ADUSER_JSON_SQL, 10);
    scan.next();
    expect(db.inTransaction).toBe(true);
    scan.return(undefined);
    expect(db.inTransaction).toBe(false);
  });
});

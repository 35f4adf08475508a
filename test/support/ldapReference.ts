/**
 * An in-memory directory with the real schema, and the reference semantics of LDAP filters written
 * independently of the compiler, for the tests that compare the compiled SQL with it.
 */
import Database from 'better-sqlite3';
import { dnKey } from '../../src/directory/dn.js';
import { compileLdapFilter, type LdapFilter, type LdapItem } from '../../src/directory/ldap/index.js';
import { MIGRATIONS } from '../../src/directory/schema.js';

/** A user of a test directory. */
export interface TestUser {
  id: number;
  dn: string;
  sam: string | null;
  upn: string | null;
  display: string | null;
  sip: string | null;
  enabled: 0 | 1 | null;
  /** Attribute name (any case) → values. */
  attrs: Record<string, string[]>;
}

const INTEGER = /^-?\d+$/;

/** A fresh in-memory directory holding the users. */
export function openDirectory(users: readonly TestUser[]): Database.Database {
  const db = new Database(':memory:');
  for (const migration of MIGRATIONS) db.exec(migration);
  const insertUser = db.prepare(
    `INSERT INTO users (id, dn, dn_key, sam, upn, display_name, sip, enabled, sam_key, upn_key, sip_key, display_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttr = db.prepare('INSERT INTO user_attrs (user_id, name, value, value_key, value_int) VALUES (?, ?, ?, ?, ?)');
  const lower = (text: string | null): string | null => text?.toLowerCase() ?? null;
  for (const u of users) {
    insertUser.run(u.id, u.dn, dnKey(u.dn), u.sam, u.upn, u.display, u.sip, u.enabled, lower(u.sam), lower(u.upn), lower(u.sip), lower(u.display));
    for (const [name, values] of Object.entries(u.attrs)) {
      for (const value of values) insertAttr.run(u.id, name.toLowerCase(), value, value.toLowerCase(), INTEGER.test(value) ? Number(value) : null);
    }
  }
  return db;
}

/** The ids of the users a filter selects, through the compiled SQL. */
export function selectIds(db: Database.Database, filter: LdapFilter): number[] {
  const { sql, params } = compileLdapFilter(filter);
  const rows = db.prepare(`SELECT u.id FROM users u WHERE (${sql}) ORDER BY u.id`).all(...params) as { id: number }[];
  return rows.map((row) => row.id);
}

/** The reference semantics, written independently of the compiler. */
export function evaluate(filter: LdapFilter, u: TestUser): boolean {
  if (filter.type === 'and') return filter.filters.every((child) => evaluate(child, u));
  if (filter.type === 'or') return filter.filters.some((child) => evaluate(child, u));
  return filter.type === 'not' ? !evaluate(filter.filter, u) : evaluateItem(filter, u);
}

function evaluateItem(item: LdapItem, u: TestUser): boolean {
  const name = item.attribute.toLowerCase();
  if (name === 'objectclass' || name === 'objectcategory') {
    const classes = name === 'objectclass' ? ['top', 'person', 'organizationalperson', 'user', 'inetorgperson'] : ['person', 'user'];
    return matchValues(item, classes);
  }
  if (name === 'msrtcsip-userenabled') {
    if (item.type === 'present') return u.enabled !== null;
    if (item.type !== 'equality' && item.type !== 'approx') return false;
    const wanted = { true: 1, false: 0 }[item.value.toLowerCase()];
    return wanted !== undefined && u.enabled === wanted;
  }
  if (name === 'distinguishedname') {
    if (item.type === 'equality' || item.type === 'approx') return dnKey(item.value) === dnKey(u.dn);
    return matchValues(item, [u.dn.replace(/[A-Z]/g, (ch) => ch.toLowerCase())]);
  }
  const columns: Record<string, string | null> = { samaccountname: u.sam, userprincipalname: u.upn, displayname: u.display, 'msrtcsip-primaryuseraddress': u.sip };
  if (name in columns) {
    const value = columns[name];
    return matchValues(item, value === null || value === undefined ? [] : [value.toLowerCase()]);
  }
  const values = Object.entries(u.attrs).flatMap(([key, list]) => (key.toLowerCase() === name ? list : []));
  return matchValues(item, values.map((value) => value.toLowerCase()));
}

/** Does any of the (lower-cased) values satisfy the item? */
function matchValues(item: LdapItem, values: string[]): boolean {
  const ints = values.filter((value) => INTEGER.test(value)).map((value) => BigInt(value));
  switch (item.type) {
    case 'present':
      return values.length > 0;
    case 'equality':
    case 'approx':
      return values.includes(item.value.toLowerCase());
    case 'substrings': {
      const quote = (part: string): string => part.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const body = [item.initial ?? '', ...item.any, item.final ?? ''].map(quote).join('.*');
      return values.some((value) => new RegExp(`^${body}$`, 's').test(value));
    }
    case 'greaterOrEqual':
    case 'lessOrEqual': {
      const sign = item.type === 'greaterOrEqual' ? 1 : -1;
      if (INTEGER.test(item.value)) return ints.some((n) => sign * Number(n - BigInt(item.value)) >= 0);
      const wanted = item.value.toLowerCase();
      return values.some((value) => (sign > 0 ? value >= wanted : value <= wanted));
    }
    case 'bitwiseAnd':
      return ints.some((n) => (n & BigInt(item.value)) === BigInt(item.value));
    case 'bitwiseOr':
      return ints.some((n) => (n & BigInt(item.value)) !== 0n);
  }
}


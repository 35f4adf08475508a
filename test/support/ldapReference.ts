/**
 * An in-memory directory with the real schema, and the reference semantics of LDAP filters written
 * independently of the compiler, for the tests that compare the compiled SQL with it.
 */
import Database from 'better-sqlite3';
import { dnKey } from '../../src/directory/dn.js';
import { compileLdapFilter, type LdapFilter, type LdapItem } from '../../src/directory/ldap/index.js';
import { storedValue } from '../../src/directory/ldap/attributes.js';
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

// RFC 4517: no leading zeros, no -0.
const INTEGER = /^(?:0|-?[1-9]\d*)$/;

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
      for (const value of values) {
        // Stored as the import stores them (typed by the schema).
        const stored = storedValue(name, value);
        insertAttr.run(u.id, name.toLowerCase(), value, stored.key, stored.int);
      }
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

/** RFC 4511's three values: true, false, Undefined. */
export type Tri = boolean | undefined;

// The syntaxes of the attributes the tests filter on, written out here (not read from the compiler's schema).
const SYNTAX: Record<string, 'string' | 'integer' | 'boolean' | 'dn'> = {
  title: 'string', l: 'string', department: 'string', cn: 'string', description: 'string', employeeid: 'string',
  samaccountname: 'string', userprincipalname: 'string', displayname: 'string', 'msrtcsip-primaryuseraddress': 'string',
  objectclass: 'string', objectcategory: 'string', useraccountcontrol: 'integer', 'msrtcsip-userenabled': 'boolean',
  distinguishedname: 'dn',
};

/**
 * The reference semantics (RFC 4511, three-valued), written independently of the compiler: an
 * attribute neither in the schema nor held by any user of the directory is Undefined.
 */
export function evaluate3(filter: LdapFilter, u: TestUser, users: readonly TestUser[]): Tri {
  if (filter.type === 'and' || filter.type === 'or') {
    const values = filter.filters.map((child) => evaluate3(child, u, users));
    const decisive = filter.type === 'or';
    if (values.includes(decisive)) return decisive;
    return values.includes(undefined) ? undefined : !decisive;
  }
  if (filter.type === 'not') {
    const value = evaluate3(filter.filter, u, users);
    return value === undefined ? undefined : !value;
  }
  const name = filter.attribute.toLowerCase();
  if (!(name in SYNTAX) && !users.some((other) => Object.keys(other.attrs).some((key) => key.toLowerCase() === name && (other.attrs[key]?.length ?? 0) > 0))) {
    return undefined;
  }
  return evaluateItem(filter, u);
}

/** Whether the filter selects the user (Undefined does not). */
export function evaluate(filter: LdapFilter, u: TestUser, users: readonly TestUser[]): boolean {
  return evaluate3(filter, u, users) === true;
}

function evaluateItem(item: LdapItem, u: TestUser): Tri {
  const name = item.attribute.toLowerCase();
  if (name === 'objectclass' || name === 'objectcategory') {
    const classes = name === 'objectclass' ? ['top', 'person', 'organizationalperson', 'user', 'inetorgperson'] : ['person', 'user'];
    return matchValues(item, classes, 'constant');
  }
  if (name === 'msrtcsip-userenabled') {
    if (item.type === 'present') return u.enabled !== null;
    if (item.type !== 'equality' && item.type !== 'approx') return undefined;
    const wanted = { true: 1, false: 0 }[item.value.toLowerCase()];
    return wanted === undefined ? undefined : u.enabled === wanted;
  }
  if (name === 'distinguishedname') {
    if (item.type === 'present') return true;
    if (item.type !== 'equality' && item.type !== 'approx') return undefined;
    if (!/^\s*[a-z][a-z0-9-]*\s*=/i.test(item.value)) return undefined;
    return dnKey(item.value) === dnKey(u.dn);
  }
  const columns: Record<string, string | null> = { samaccountname: u.sam, userprincipalname: u.upn, displayname: u.display, 'msrtcsip-primaryuseraddress': u.sip };
  if (name in columns) {
    const value = columns[name];
    return matchValues(item, value === null || value === undefined ? [] : [value.toLowerCase()], 'string');
  }
  const values = Object.entries(u.attrs).flatMap(([key, list]) => (key.toLowerCase() === name ? list : []));
  return matchValues(item, values.map((value) => value.toLowerCase()), SYNTAX[name] === 'integer' ? 'integer' : 'string');
}

/** Does any of the (lower-cased) values satisfy the item? Constants order as strings, take no bit rules. */
function matchValues(item: LdapItem, values: string[], syntax: 'string' | 'integer' | 'constant'): Tri {
  const integer = syntax === 'integer';
  const ints = values.filter((value) => INTEGER.test(value)).map((value) => BigInt(value));
  switch (item.type) {
    case 'present':
      return values.length > 0;
    case 'equality':
    case 'approx':
      if (integer) return INTEGER.test(item.value) ? ints.includes(BigInt(item.value)) : undefined;
      return values.includes(item.value.toLowerCase());
    case 'substrings': {
      if (integer) return undefined;
      const quote = (part: string): string => part.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const body = [item.initial ?? '', ...item.any, item.final ?? ''].map(quote).join('.*');
      return values.some((value) => new RegExp(`^${body}$`, 's').test(value));
    }
    case 'greaterOrEqual':
    case 'lessOrEqual': {
      const sign = item.type === 'greaterOrEqual' ? 1 : -1;
      if (integer) return INTEGER.test(item.value) ? ints.some((n) => sign * Number(n - BigInt(item.value)) >= 0) : undefined;
      if (syntax === 'constant' && INTEGER.test(item.value)) return false;
      const wanted = item.value.toLowerCase();
      return values.some((value) => (sign > 0 ? value >= wanted : value <= wanted));
    }
    case 'bitwiseAnd':
      if (syntax === 'constant') return false;
      return integer ? ints.some((n) => (n & BigInt(item.value)) === BigInt(item.value)) : undefined;
    case 'bitwiseOr':
      if (syntax === 'constant') return false;
      return integer ? ints.some((n) => (n & BigInt(item.value)) !== 0n) : undefined;
  }
}

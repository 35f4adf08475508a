/**
 * Get-ADUser's search of the embedded directory: every user (with a SIP address or not) below a base,
 * with a page's attributes read in one query. One read transaction would not hold the generator's
 * pauses together, so each page is its own statement step: the statement stays open across pages
 * (SQLite's snapshot for it), and reads for attributes are allowed while it is.
 */
import { USER_COLUMNS, type UserRow } from '../adUser.js';
import type { DirectoryDatabase } from '../database.js';
import { dnKey } from '../dn.js';
import { compileLdapFilter } from '../ldap/index.js';
import { storedName } from '../ldap/attributes.js';
import type { DirectoryEntry, EntrySearch } from '../userDirectory.js';
import { subtreeCondition, type SqlCondition } from '../userSearch.js';
import { directoryUserOf } from './directoryUser.js';
import { ATTRIBUTE_SPELLING } from '../userStore.js';

/** Users per page: one attribute query each. */
const PAGE_SIZE = 500;

/**
 * Whether a DN key is a direct child of a container's key (keys are root first, each RDN ending in an
 * unescaped ',').
 */
export function isChildKey(key: string, containerKey: string): boolean {
  if (!key.startsWith(containerKey) || key.length === containerKey.length) return false;
  const rest = key.slice(containerKey.length);
  for (let i = 0; i < rest.length - 1; i++) {
    if (rest[i] === '\\') i++;
    else if (rest[i] === ',') return false;
  }
  return true;
}

function conditionsOf(search: EntrySearch): SqlCondition[] {
  const conditions: SqlCondition[] = [];
  if (search.base !== undefined) {
    conditions.push(search.scope === 'base' ? { sql: 'u.dn_key = ?', params: [dnKey(search.base)] } : subtreeCondition(search.base));
  }
  if (search.filter) conditions.push(compileLdapFilter(search.filter));
  return conditions;
}

/**
 * The users a search selects, with their attributes, a page at a time.
 * @param db the directory database
 * @param search base, scope, filter, limit and the attributes asked for
 * @returns pages of entries (return() releases the statement)
 */
export function* searchEntries(db: DirectoryDatabase, search: EntrySearch): Generator<readonly DirectoryEntry[]> {
  let remaining = search.limit ?? Number.POSITIVE_INFINITY;
  if (remaining <= 0) return;
  const conditions = conditionsOf(search);
  const where = conditions.length > 0 ? ` WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')}` : '';
  // Below a base, DN order (as Get-CsUser -OU); else the directory's own order.
  const order = search.base !== undefined ? ' ORDER BY u.dn_key' : '';
  const rows = db.prepare<unknown[], UserRow>(`SELECT ${USER_COLUMNS} FROM users u${where}${order}`).iterate(...conditions.flatMap((c) => c.params));
  const baseKey = search.base !== undefined && search.scope === 'one' ? dnKey(search.base) : undefined;
  const attributes = attributeReader(db, search.attributes);
  const names = spellings(db);
  let page: UserRow[] = [];
  try {
    for (const row of rows) {
      if (baseKey !== undefined && !isChildKey(row.dn_key, baseKey)) continue;
      page.push(row);
      remaining--;
      if (page.length === PAGE_SIZE || remaining === 0) {
        yield entriesOf(page, attributes, names);
        page = [];
        if (remaining === 0) return;
      }
    }
    if (page.length > 0) yield entriesOf(page, attributes, names);
  } finally {
    rows.return?.();
  }
}

type AttributeReader = (ids: readonly number[]) => Map<number, Map<string, string[]>>;

/** Reads the asked-for attributes of a page of users in one query, in stored order. */
function attributeReader(db: DirectoryDatabase, asked: EntrySearch['attributes']): AttributeReader {
  const names = asked === '*' ? undefined : [...new Set(asked.map(storedName))];
  if (names?.length === 0) return () => new Map();
  const byName = names === undefined ? '' : ' AND name IN (SELECT value FROM json_each(?))';
  const statement = db.prepare<unknown[], [number, string, string]>(
    `SELECT user_id, name, value FROM user_attrs WHERE user_id IN (SELECT value FROM json_each(?))${byName} ORDER BY user_id, rowid`,
  ).raw(true);
  return (ids) => {
    const found = new Map<number, Map<string, string[]>>();
    const params = names === undefined ? [JSON.stringify(ids)] : [JSON.stringify(ids), JSON.stringify(names)];
    for (const [id, name, value] of statement.iterate(...params)) {
      let values = found.get(id);
      if (!values) found.set(id, (values = new Map()));
      const list = values.get(name);
      if (list) list.push(value);
      else values.set(name, [value]);
    }
    return found;
  };
}

function entriesOf(rows: readonly UserRow[], attributes: AttributeReader, names: ReadonlyMap<string, string>): DirectoryEntry[] {
  const found = attributes(rows.map((row) => row.id));
  return rows.map((row) => ({ user: directoryUserOf(row), attributes: found.get(row.id) ?? new Map<string, string[]>(), names }));
}

/** The spellings imports kept (see UserWriter), one small read per search. */
function spellings(db: DirectoryDatabase): Map<string, string> {
  const rows = db.prepare<[string, string, string], [string, string]>('SELECT substr(key, length(?) + 1), value FROM meta WHERE key > ? AND key < ? || char(127)').raw(true);
  return new Map(rows.all(ATTRIBUTE_SPELLING, ATTRIBUTE_SPELLING, ATTRIBUTE_SPELLING));
}

/**
 * Writing users: an upsert by distinguished name that keeps the lookup keys, the container list
 * and the LDAP attributes in step. Callers wrap it in transactions.
 */
import type { DirectoryDatabase } from './database.js';
import { dnKey, firstRdnValue, parentDns } from './dn.js';
import { storedName, storedValue } from './ldap/attributes.js';
import { directoryMessages } from './messages.js';
import { newUserKey } from './sqlite/userKey.js';
import { UserKeys } from './sqlite/userKeys.js';

/** A user to store; identity fields already validated. */
export interface UserInput {
  dn: string;
  domain: string | null;
  sam: string | null;
  upn: string | null;
  displayName: string | null;
  sip: string | null;
  enabled: boolean | null;
  registrarPool: string | null;
  lineUri: string | null;
  evEnabled: boolean;
  pinPolicy: string | null;
  /** The stable key the export carries (objectGUID, entryUUID); absent: kept, or a new UUID v7. */
  key?: string | null;
  /** Other AD attributes for -LdapFilter: name and value, one pair per value. */
  attributes: readonly (readonly [string, string])[];
}

/** A user that cannot be stored because another user holds the same SIP address or UPN. */
export class UserConflictError extends Error {
  override readonly name = 'UserConflictError';
}

const lower = (text: string | null) => (text === null ? null : text.toLowerCase());

/** Containers a writer remembers having written (memory stays bounded on a flat directory). */
const MAX_CONTAINERS_REMEMBERED = 10_000;
/**
 * A user's attribute rows go in by one multi-row INSERT of up to this many rows: one statement per
 * row was a third of an import's time, most of it the call into SQLite, not the B-tree.
 */
const ATTRIBUTE_ROWS_PER_INSERT = 32;
type AttributeParameter = string | number | bigint | null;
type UserColumns = (string | number | null)[];

/** meta keys that hold how an export spelled an attribute the schema does not know: the prefix + its stored name. */
export const ATTRIBUTE_SPELLING = 'attribute-name:';

/** Upserts users with prepared statements. */
export class UserWriter {
  readonly #find;
  readonly #findKey;
  readonly #keys: UserKeys;
  readonly #rekey;
  readonly #grant;
  readonly #owner;
  readonly #insert;
  readonly #update;
  readonly #clearAttrs;
  readonly #insertAttrs: ((params: readonly AttributeParameter[]) => void)[] = [];
  readonly #db: DirectoryDatabase;
  readonly #insertContainer;
  readonly #insertSpelling;
  readonly #spelled = new Set<string>();
  readonly #containers = new Set<string>();

  /** @param db the directory database */
  constructor(db: DirectoryDatabase) {
    this.#db = db;
    this.#find = db.prepare<[string], { id: number; guid: string }>('SELECT id, guid FROM users WHERE dn_key = ?');
    this.#findKey = db.prepare<[string], { id: number; guid: string }>('SELECT id, guid FROM users WHERE guid = ?');
    this.#keys = new UserKeys(db);
    // A user whose export now carries its own key keeps its key id (its users.id), so its PIN state
    // and grant stay; state already held under the new key is taken only where the user has none.
    const adopt = ['pins', 'pin_grants'].map((table) => [
      db.prepare(`UPDATE OR IGNORE ${table} SET key_id = ? WHERE key_id = ?`),
      db.prepare(`DELETE FROM ${table} WHERE key_id = ?`),
    ] as const);
    const dropKey = db.prepare('DELETE FROM user_keys WHERE id = ?');
    const renameKey = db.prepare('INSERT INTO user_keys (id, key) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET key = excluded.key');
    this.#rekey = (id: number, to: string) => {
      const other = this.#keys.find(to);
      if (other !== undefined && other !== id) {
        for (const [move, drop] of adopt) {
          move.run(id, other);
          drop.run(other);
        }
        dropKey.run(other);
      }
      renameKey.run(id, to);
    };
    const setGrant = db.prepare('INSERT INTO pin_grants (key_id, policy) VALUES (?, ?) ON CONFLICT (key_id) DO UPDATE SET policy = excluded.policy');
    const dropGrant = db.prepare('DELETE FROM pin_grants WHERE key_id = ?');
    this.#grant = (id: number, policy: string | null) => (policy === null ? dropGrant.run(id) : setGrant.run(id, policy));
    this.#owner = db.prepare<[number | null, string | null, string | null], { dn: string }>(
      'SELECT dn FROM users WHERE id IS NOT ? AND (sip_key = ? OR upn_key = ?) LIMIT 1',
    );
    const columns =
      'dn, dn_key, domain, sam, upn, display_name, sip, enabled, registrar_pool, line_uri, ev_enabled, sam_key, logon_key, upn_key, sip_key, display_key, guid';
    const names = columns.split(', ');
    // Positional parameters, in #columns' order: binding by name cost a tenth of the user's insert.
    this.#insert = db.prepare<[UserColumns]>(`INSERT INTO users (${columns}, id) VALUES (${names.map(() => '?').join(', ')}, ?)`);
    this.#update = db.prepare<[UserColumns]>(`UPDATE users SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`);
    this.#clearAttrs = db.prepare('DELETE FROM user_attrs WHERE user_id = ?');
    this.#insertContainer = db.prepare('INSERT OR IGNORE INTO containers (dn_key, dn) VALUES (?, ?)');
    this.#insertSpelling = db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('${ATTRIBUTE_SPELLING}' || ?, ?)`);
  }

  /** Attribute rows (five parameters each) by one INSERT, its statement prepared once per row count. */
  #insertAttributes(params: readonly AttributeParameter[]): void {
    const rows = params.length / 5;
    let insert = this.#insertAttrs[rows];
    if (insert === undefined) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ');
      const statement = this.#db.prepare<[readonly AttributeParameter[]]>(`INSERT INTO user_attrs (user_id, name, value, value_key, value_int) VALUES ${values}`);
      insert = this.#insertAttrs[rows] = (all) => statement.run(all);
    }
    insert(params);
  }

  /** Keeps an attribute's spelling as the export gave it (Get-ADUser -Properties * shows it), once per name. */
  #spell(stored: string, name: string): void {
    this.#spelled.add(stored);
    // A Get-ADUser name (City) or an OID stands for another spelling: the schema's is shown.
    if (stored === name.toLowerCase()) this.#insertSpelling.run(stored, name);
  }

  /**
   * Adds or replaces a user, matched by DN. Everything that can refuse the user is checked before
   * the first write, and only that first write can fail (the update of a user found by its key onto
   * a DN another user holds); the writes after it cannot, so a refused user leaves nothing behind
   * without a savepoint (importUsers relies on it: keep it so).
   * @param user the user
   * @returns whether the user was added or updated, its row id and its key
   * @throws UserConflictError when another user has the same SIP address or UPN
   */
  upsert(user: UserInput): { outcome: 'added' | 'updated'; id: number; key: string } {
    const key = dnKey(user.dn);
    // Matched by its key first: a user renamed or moved in the directory stays the same user.
    const existing = (user.key ? this.#findKey.get(user.key) : undefined) ?? this.#find.get(key);
    const known = user.key ?? existing?.guid;
    const guid = known ?? newUserKey();
    const sipKey = lower(user.sip);
    const upnKey = lower(user.upn);
    const clash = this.#owner.get(existing?.id ?? null, sipKey, upnKey);
    if (clash && (sipKey !== null || upnKey !== null)) {
      throw new UserConflictError(directoryMessages.UserConflict(clash.dn));
    }
    let id: number;
    if (existing) {
      id = existing.id;
      this.#update.run(this.#columns(user, key, upnKey, sipKey, guid, id));
      this.#clearAttrs.run(id);
      if (existing.guid !== guid) this.#rekey(id, guid);
    } else {
      // A key already known (state kept for a user who comes back, or set through LDAP) keeps its id.
      id = this.#keys.ensure(guid);
      this.#insert.run(this.#columns(user, key, upnKey, sipKey, guid, id));
    }
    // A key made just now has no grant to clear.
    if (user.pinPolicy !== null || known !== undefined) this.#grant(id, user.pinPolicy);
    const attributes = user.attributes.some(([name]) => name.toLowerCase() === 'cn')
      ? user.attributes
      : [...user.attributes, ['cn', firstRdnValue(user.dn)] as const];
    const params: AttributeParameter[] = [];
    for (const [name, value] of attributes) {
      // Typed by the schema: a DN's key is its RFC 4514 key, an integer keeps its number.
      const stored = storedValue(name, value);
      const storedAs = storedName(name);
      params.push(id, storedAs, value, stored.key, stored.int);
      if (params.length === ATTRIBUTE_ROWS_PER_INSERT * 5) this.#insertAttributes(params.splice(0));
      if (!this.#spelled.has(storedAs)) this.#spell(storedAs, name);
    }
    if (params.length > 0) this.#insertAttributes(params);
    // Most users share their containers: each is written once per writer.
    for (const parent of parentDns(user.dn)) {
      if (this.#containers.has(parent)) continue;
      this.#insertContainer.run(dnKey(parent), parent);
      if (this.#containers.size < MAX_CONTAINERS_REMEMBERED) this.#containers.add(parent);
    }
    return { outcome: existing ? 'updated' : 'added', id, key: guid };
  }

  /** The users row's values in the statements' column order, the id last. */
  #columns(user: UserInput, key: string, upnKey: string | null, sipKey: string | null, guid: string, id: number): UserColumns {
    const logon = user.domain !== null && user.sam !== null ? `${user.domain}\\${user.sam}` : null;
    return [
      user.dn, key, user.domain, user.sam, user.upn, user.displayName, user.sip, user.enabled === null ? null : Number(user.enabled),
      user.registrarPool, user.lineUri, Number(user.evEnabled), lower(user.sam), lower(logon), upnKey, sipKey, lower(user.displayName), guid, id,
    ];
  }
}

/**
 * The PIN store in cspin's SQLite file (the pins, pin_grants, pin_policies and pool_sites tables).
 * When the directory is the SqliteDirectory on the same file, joinedWith gives lookups that join
 * users and PIN state in one query (the fast paths); any other directory goes the generic way.
 */
import { resolve } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { databasePath, openDatabase, waitForWriters, type DatabaseMode, type DirectoryDatabase, type UserDirectory } from '../../directory/index.js';
import { IdentityResolver } from '../../directory/resolve.js';
import { SqliteDirectory } from '../../directory/sqlite/sqliteDirectory.js';
import type { LogonAttempt, LogonUser, PinRow } from '../logon.js';
import { PinLogon } from './pinLogon.js';
import { loadPepper } from '../pepper.js';
import type { JoinedViews, PinChange, PinState, PinStore, StagedPinChange, StoredPin } from '../pinStore.js';
import { PIN_TARGET_SHAPE } from './shapes.js';
import type { PolicyResolver } from '../policy.js';
import { loadPolicyResolver } from './policyResolver.js';
import { PinPolicyStore } from './policyStore.js';
import { PoolSites } from './poolSites.js';
import { SqlitePinWrites } from './pinWrites.js';
import { SqliteViews } from './sqliteViews.js';

type StateRow = PinRow & { key: string; policy: string | null; has_pin: number };

/** PIN state by user key in one SQLite database. */
export class SqlitePinStore implements PinStore {
  readonly description: string;
  readonly path: string;
  readonly db: DirectoryDatabase;
  readonly policies: PinPolicyStore;
  readonly sites: PoolSites;
  readonly #env: NodeJS.ProcessEnv;
  readonly #writes: SqlitePinWrites;
  #logon: PinLogon | undefined;
  #views: SqliteViews | undefined;
  #statesQuery: Statement<[string], StateRow> | undefined;
  #grantsQuery: Statement<[string], [string, string]> | undefined;
  #anyGrant: Statement<[], number> | undefined;

  /**
   * @param path the database file
   * @param db an open connection to it
   * @param env the environment (CSPIN_PIN_KEY, for the PIN key)
   */
  constructor(path: string, db: DirectoryDatabase, env: NodeJS.ProcessEnv) {
    this.path = path;
    this.db = db;
    this.description = path;
    this.#env = env;
    this.policies = new PinPolicyStore(db);
    this.sites = new PoolSites(db);
    this.#writes = new SqlitePinWrites(db);
  }

  /**
   * Opens the database the environment names.
   * @param env the environment (CSPIN_DB)
   * @param mode read (a read-only connection) or write
   * @returns the store
   */
  static open(env: NodeJS.ProcessEnv, mode: DatabaseMode): SqlitePinStore {
    const path = databasePath(env);
    return new SqlitePinStore(path, openDatabase(path, mode), env);
  }

  pepper(): Buffer {
    return loadPepper(this.db, this.path, this.#env);
  }

  policyResolver(): PolicyResolver {
    return loadPolicyResolver(this.db);
  }

  states(keys: readonly string[]): Promise<Map<string, StoredPin>> {
    // Prepared once: the generic paths ask once per page of users.
    this.#statesQuery ??= this.db.prepare<[string], StateRow>(
        `SELECT k.key, g.policy, p.key_id IS NOT NULL AS has_pin, p.hash, p.changed_at, coalesce(p.locked, 0) AS locked,
           coalesce(p.local_failures, 0) AS local_failures, coalesce(p.global_failures, 0) AS global_failures, p.window_start,
           p.locked_until, p.pin_length
         FROM json_each(?) q JOIN user_keys k ON k.key = q.value LEFT JOIN pins p ON p.key_id = k.id LEFT JOIN pin_grants g ON g.key_id = k.id
         WHERE p.key_id IS NOT NULL OR g.key_id IS NOT NULL`,
    );
    const rows = this.#statesQuery.all(JSON.stringify(keys));
    return Promise.resolve(
      new Map(rows.map(({ key, policy, has_pin, ...pin }) => [key, { pin: has_pin ? pin : undefined, policy }])),
    );
  }

  grants(keys: readonly string[]): Promise<Map<string, string>> {
    // Most users have no grant of their own: the small table is probed, the PIN rows are not read,
    // and an empty table (no per-user grants at all) is not probed per key.
    this.#anyGrant ??= this.db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM pin_grants)').pluck();
    if (this.#anyGrant.get() === 0) return Promise.resolve(new Map());
    this.#grantsQuery ??= this.db.prepare<[string], [string, string]>('SELECT k.key, g.policy FROM json_each(?) q JOIN user_keys k ON k.key = q.value JOIN pin_grants g ON g.key_id = k.id').raw();
    return Promise.resolve(new Map(this.#grantsQuery.all(JSON.stringify(keys))));
  }

  async stagePin(change: PinChange): Promise<StagedPinChange> {
    return this.#writes.stagePin(change);
  }

  async setLocked(userKey: string, locked: boolean): Promise<PinState> {
    return this.#writes.setLocked(userKey, locked);
  }

  attempt(user: LogonUser, pin: string, context: { pepper: Buffer; policies: PolicyResolver; now: () => number }): Promise<LogonAttempt> {
    this.#logon ??= new PinLogon(this.db, context.pepper, context.policies, context.now);
    return this.#logon.attempt(user, pin);
  }

  waitForWriters(): void {
    waitForWriters(this.db);
  }

  joinedWith(directory: UserDirectory): JoinedViews | undefined {
    if (!(directory instanceof SqliteDirectory) || resolve(directory.path) !== resolve(this.path)) return undefined;
    this.#views ??= new SqliteViews(this.db, { targets: new IdentityResolver(this.db, undefined, PIN_TARGET_SHAPE) });
    return this.#views;
  }

  close(): void {
    this.#views?.close();
    if (this.db.open) this.db.close();
  }
}

/** The SQLite pool_sites table: a user's site (for site PIN policies) is the site of their RegistrarPool. */
import type { DirectoryDatabase } from '../../directory/index.js';
import type { PinSites } from '../pinStore.js';
import type { PoolSite } from '../poolSites.js';

/** Reads and edits the pool_sites table. */
export class PoolSites implements PinSites {
  readonly #db: DirectoryDatabase;

  /** @param db the database */
  constructor(db: DirectoryDatabase) {
    this.#db = db;
  }

  /** Every pool with a site, by pool name. */
  list(): PoolSite[] {
    return this.#db.prepare('SELECT pool, site FROM pool_sites ORDER BY pool_key').all() as PoolSite[];
  }

  /**
   * Puts a pool in a site (replacing its previous site).
   * @param pool the registrar pool FQDN
   * @param site the bare site name
   * @returns the site the pool was in before, if any
   */
  set(pool: string, site: string): string | undefined {
    return this.#db.transaction(() => {
      const before = this.#siteOf(pool);
      this.#db
        .prepare('INSERT INTO pool_sites (pool_key, pool, site) VALUES (?, ?, ?) ON CONFLICT (pool_key) DO UPDATE SET pool = excluded.pool, site = excluded.site')
        .run(pool.toLowerCase(), pool, site);
      return before;
    }).immediate();
  }

  /**
   * Takes a pool out of its site.
   * @param pool the registrar pool FQDN
   * @returns whether the pool had a site
   */
  remove(pool: string): boolean {
    return this.#db.prepare('DELETE FROM pool_sites WHERE pool_key = ?').run(pool.toLowerCase()).changes > 0;
  }

  /**
   * Whether any user is homed on a pool (a scan: for the admin command's typo warning only).
   * @param pool the registrar pool FQDN
   * @returns true when some user has that RegistrarPool
   */
  hasUsers(pool: string): boolean {
    return this.#db.prepare('SELECT 1 FROM users WHERE registrar_pool = ? COLLATE NOCASE LIMIT 1').get(pool) !== undefined;
  }

  /**
   * Whether some pool is in a site.
   * @param site the bare site name
   * @returns true when at least one pool maps to it
   */
  hasPools(site: string): boolean {
    return this.#db.prepare('SELECT 1 FROM pool_sites WHERE site = ? COLLATE NOCASE LIMIT 1').get(site) !== undefined;
  }

  #siteOf(pool: string): string | undefined {
    const row = this.#db.prepare('SELECT site FROM pool_sites WHERE pool_key = ?').get(pool.toLowerCase()) as { site: string } | undefined;
    return row?.site;
  }
}

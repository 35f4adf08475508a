/** PIN policies and which one applies to a user: per-user tag, then site (from the registrar pool), then Global. */

/** A pin_policies row. */
export interface PinPolicyRow {
  identity: string;
  description: string | null;
  min_password_length: number;
  pin_history_count: number;
  allow_common_patterns: number;
  pin_lifetime: number;
  maximum_logon_attempts: number | null;
}

/**
 * The policies and the pool → site table, loaded once per command (both are small), so the policy of
 * each user is two map lookups instead of three joins per row.
 */
export class PolicyResolver {
  readonly #policies: Map<string, PinPolicyRow>;
  readonly #sites: Map<string, string>;
  readonly #effective = new Map<string | null, Map<string | null, PinPolicyRow>>();

  /**
   * @param policies every policy (Global among them)
   * @param sites each registrar pool's site, the pool lower-cased
   */
  constructor(policies: readonly PinPolicyRow[], sites: readonly { pool_key: string; site: string }[]) {
    this.#policies = new Map(policies.map((p) => [p.identity.toLowerCase(), p]));
    this.#sites = new Map(sites.map((s) => [s.pool_key, s.site]));
  }

  /** Whether no policy sets a PINLifetime: then no PIN expires, whoever its user. */
  get neverExpires(): boolean {
    return [...this.#policies.values()].every((policy) => policy.pin_lifetime === 0);
  }

  /**
   * The policy in effect for a user.
   * @param user the user's row
   * @returns the tag policy, else the site policy, else Global
   */
  effective(user: { pin_policy: string | null; registrar_pool: string | null }): PinPolicyRow {
    // Few distinct (tag, pool) pairs exist: remember the answers (bounded, should a directory differ).
    let byPool = this.#effective.get(user.pin_policy);
    if (!byPool) {
      if (this.#effective.size >= 1024) this.#effective.clear();
      this.#effective.set(user.pin_policy, (byPool = new Map()));
    }
    let policy = byPool.get(user.registrar_pool);
    if (!policy) {
      if (byPool.size >= 1024) byPool.clear();
      byPool.set(user.registrar_pool, (policy = this.#lookUp(user)));
    }
    return policy;
  }

  #lookUp(user: { pin_policy: string | null; registrar_pool: string | null }): PinPolicyRow {
    const tag = user.pin_policy ? this.#policies.get(`tag:${user.pin_policy.replace(/^tag:/i, '')}`.toLowerCase()) : undefined;
    if (tag) return tag;
    const site = user.registrar_pool ? this.#sites.get(user.registrar_pool.toLowerCase()) : undefined;
    const sitePolicy = site ? this.#policies.get(`site:${site}`.toLowerCase()) : undefined;
    const global = this.#policies.get('global');
    if (!global) throw new Error('The Global PIN policy is missing from the database.');
    return sitePolicy ?? global;
  }
}

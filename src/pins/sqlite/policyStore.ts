/**
 * The pin_policies table and users' per-user assignments. Every change is one IMMEDIATE transaction
 * that reads and writes (so concurrent writers never lose an update) and checks the resulting policy.
 * A change can also be checked without being made (write false), so -WhatIf and -Confirm report the
 * errors the change would meet.
 */
import type { Statement } from 'better-sqlite3';
import { KEY_ID_OF_SQL, UserKeys, type DirectoryDatabase } from '../../directory/index.js';
import type { PinPolicies, PolicyOutcome, RemoveOutcome } from '../pinStore.js';
import type { PinPolicyRow } from '../policy.js';
import { GLOBAL, POLICY_DEFAULTS, lifetimeRuleViolation, type PolicyChanges } from '../policyRules.js';

const COLUMNS = ['description', 'min_password_length', 'pin_history_count', 'allow_common_patterns', 'pin_lifetime', 'maximum_logon_attempts'] as const;

/** Reads and changes PIN policies. */
export class PinPolicyStore implements PinPolicies {
  readonly #db: DirectoryDatabase;
  readonly #get: Statement<[string], PinPolicyRow>;
  readonly #insert: Statement<PinPolicyRow>;
  readonly #update: Statement<PinPolicyRow>;
  readonly #assign: (userKey: string, name: string | null) => void;

  /** @param db the database */
  constructor(db: DirectoryDatabase) {
    this.#db = db;
    this.#get = db.prepare('SELECT * FROM pin_policies WHERE identity = ?');
    this.#insert = db.prepare(`INSERT INTO pin_policies (identity, ${COLUMNS.join(', ')}) VALUES (@identity, ${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    this.#update = db.prepare(`UPDATE pin_policies SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE identity = @identity`);
    const keys = new UserKeys(db);
    const grant = db.prepare('INSERT INTO pin_grants (key_id, policy) VALUES (?, ?) ON CONFLICT (key_id) DO UPDATE SET policy = excluded.policy');
    const revoke = db.prepare(`DELETE FROM pin_grants WHERE key_id = ${KEY_ID_OF_SQL}`);
    this.#assign = (userKey, name) => void (name === null ? revoke.run(userKey) : grant.run(keys.ensure(userKey), name));
  }

  /** Every policy: Global first, then site policies, then per-user ones, each by name. */
  list(): PinPolicyRow[] {
    return this.#db
      .prepare(
        `SELECT * FROM pin_policies ORDER BY CASE WHEN identity = 'Global' THEN 0 WHEN identity LIKE 'site:%' THEN 1 ELSE 2 END, identity COLLATE NOCASE`,
      )
      .all() as PinPolicyRow[];
  }

  /**
   * One policy.
   * @param identity a canonical identity (case-insensitive)
   * @returns the row, or undefined
   */
  get(identity: string): PinPolicyRow | undefined {
    return this.#get.get(identity);
  }

  /**
   * Creates a site or per-user policy.
   * @param identity its canonical identity
   * @param changes the values that differ from the defaults
   * @param write false to only check the change
   * @returns the new policy, or why it was not created
   */
  create(identity: string, changes: PolicyChanges, write = true): PolicyOutcome {
    if (identity === GLOBAL) return { ok: false, reason: 'GlobalExists' };
    return this.#change(write, (): PolicyOutcome => {
      if (this.#get.get(identity)) return { ok: false, reason: 'AlreadyExists' };
      return this.#write(this.#insert, { identity, ...POLICY_DEFAULTS, ...changes }, true, write);
    });
  }

  /**
   * Changes an existing policy.
   * @param identity its canonical identity
   * @param changes the new values
   * @param createMissing create the policy (from the defaults) when it does not exist
   * @param write false to only check the change
   * @returns the changed policy, or why it was not changed
   */
  update(identity: string, changes: PolicyChanges, createMissing = false, write = true): PolicyOutcome {
    return this.#change(write, (): PolicyOutcome => {
      const current = this.#get.get(identity);
      if (current) return this.#write(this.#update, { ...current, ...changes }, false, write);
      if (!createMissing || identity === GLOBAL) return { ok: false, reason: 'NotFound' };
      return this.#write(this.#insert, { identity, ...POLICY_DEFAULTS, ...changes }, true, write);
    });
  }

  /**
   * Deletes a site or per-user policy (a per-user one is also unassigned from its users), or resets Global.
   * @param identity its canonical identity
   * @param write false to only check that there is such a policy
   * @returns what happened
   */
  remove(identity: string, write = true): RemoveOutcome {
    return this.#change(write, (): RemoveOutcome => {
      const current = this.#get.get(identity);
      if (!current) return { ok: false, reason: 'NotFound' };
      if (!write) return { ok: true, reset: current.identity === GLOBAL, unassigned: 0 };
      if (current.identity === GLOBAL) {
        this.#update.run({ ...POLICY_DEFAULTS, identity: GLOBAL });
        return { ok: true, reset: true, unassigned: 0 };
      }
      this.#db.prepare('DELETE FROM pin_policies WHERE identity = ?').run(current.identity);
      const tag = /^tag:(.*)$/is.exec(current.identity)?.[1];
      const unassigned = tag === undefined ? 0 : this.#db.prepare('DELETE FROM pin_grants WHERE policy = ? COLLATE NOCASE').run(tag).changes;
      return { ok: true, reset: false, unassigned };
    });
  }

  /**
   * Assigns a per-user policy to a user, or unassigns it, after checking in the same transaction that
   * the policy still exists.
   * @param userKey the user's key
   * @param tagName the policy name without `tag:`, or null to unassign
   * @returns the policy name as stored (the policy's own spelling), or undefined when no such per-user policy exists
   */
  assign(userKey: string, tagName: string | null): { name: string | null } | undefined {
    return this.#db.transaction(() => {
      const policy = tagName === null ? undefined : this.#get.get(`tag:${tagName}`);
      if (tagName !== null && !policy) return undefined;
      const name = policy ? policy.identity.slice('tag:'.length) : null;
      this.#assign(userKey, name);
      return { name };
    }).immediate();
  }

  /** A change in its own IMMEDIATE transaction; a check (write false) only reads. */
  #change<T>(write: boolean, work: () => T): T {
    return write ? this.#db.transaction(work).immediate() : work();
  }

  #write(statement: Statement<PinPolicyRow>, policy: PinPolicyRow, created: boolean, write: boolean): PolicyOutcome {
    const problem = lifetimeRuleViolation(policy);
    if (problem) return { ok: false, reason: 'LifetimeNeedsHistory', message: problem };
    if (write) statement.run(policy);
    return { ok: true, policy, created };
  }
}

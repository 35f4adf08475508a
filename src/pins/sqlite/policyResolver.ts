/** Loads the policies and the pool → site table of a SQLite PIN store (both are small). */
import type { DirectoryDatabase } from '../../directory/index.js';
import { PolicyResolver, type PinPolicyRow } from '../policy.js';

/**
 * The policy resolver of a database.
 * @param db the database
 * @returns the resolver
 */
export function loadPolicyResolver(db: DirectoryDatabase): PolicyResolver {
  const policies = db.prepare('SELECT * FROM pin_policies').all() as PinPolicyRow[];
  const sites = db.prepare('SELECT pool_key, site FROM pool_sites').all() as { pool_key: string; site: string }[];
  return new PolicyResolver(policies, sites);
}

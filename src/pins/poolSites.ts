/**
 * The registrar pool → site table: a user's site (for site PIN policies) is the site of their
 * RegistrarPool. Pools compare case-insensitively (pool_key is the lower-cased FQDN).
 */
import { pinMessages } from './messages.js';

/** One pool and its site. */
export interface PoolSite {
  pool: string;
  site: string;
}

/**
 * Reads a site name as `cspin site set` takes it: `Redmond` or `site:Redmond`.
 * @param text the site as typed
 * @returns the bare site name, or why it is not one
 */
export function parseSiteName(text: string): { site: string } | { problem: string } {
  const site = text.trim().replace(/^site:/i, '').trim();
  if (site === '') return { problem: pinMessages.InvalidSiteName.empty };
  if (/[:*?[\]]/.test(site)) return { problem: pinMessages.InvalidSiteName.invalid(text) };
  return { site };
}

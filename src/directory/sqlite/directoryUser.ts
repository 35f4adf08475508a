/** A users row as the seam's DirectoryUser. */
import type { UserRow } from '../adUser.js';
import type { DirectoryUser } from '../userDirectory.js';

/**
 * A users row as the seam gives it.
 * @param row the row
 * @returns the DirectoryUser
 */
export function directoryUserOf(row: UserRow): DirectoryUser {
  return {
    key: row.key,
    dn: row.dn,
    domain: row.domain,
    sam: row.sam,
    upn: row.upn,
    displayName: row.display_name,
    sip: row.sip,
    enabled: row.enabled === null ? null : row.enabled === 1,
    registrarPool: row.registrar_pool,
    lineUri: row.line_uri,
    evEnabled: row.ev_enabled === 1,
  };
}

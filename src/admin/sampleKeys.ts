/**
 * The sample users' stable keys: a UUID v5 (RFC 9562) of the DN's normalised key under a fixed
 * namespace, so `cspin init --sample` and the sample LDIF (test/fixtures/ldap/litwareinc.ldif, its
 * entryUUID values) give each user the same key, and PIN states follow a user to slapd.
 */
import { createHash } from 'node:crypto';
import { dnKey } from '../directory/dn.js';

/** cspin's namespace for the sample (a random v4, fixed forever: changing it rekeys the sample). */
const SAMPLE_NAMESPACE = '5b0c6b52-4f0e-4d8e-9f38-2a7c1d3e6a91';

/**
 * The key of a sample user.
 * @param dn the user's distinguished name (any case and spacing)
 * @returns the key, lower-case 8-4-4-4-12
 */
export function sampleUserKey(dn: string): string {
  return uuidV5(SAMPLE_NAMESPACE, dnKey(dn));
}

/**
 * A name-based UUID, version 5 (SHA-1), RFC 9562 section 5.5.
 * @param namespace the namespace UUID, 8-4-4-4-12
 * @param name the name, hashed as UTF-8
 * @returns the UUID, lower-case 8-4-4-4-12
 */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = 0x50 | ((hash[6] ?? 0) & 0x0f);
  hash[8] = 0x80 | ((hash[8] ?? 0) & 0x3f);
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

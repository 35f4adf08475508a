/**
 * The embedded directory's stable user keys: UUID v7 for new users (time-ordered, so index inserts
 * stay at the end), or the key the export carries (objectGUID from AD, entryUUID from OpenLDAP), as
 * lower-case 8-4-4-4-12 text, the form DirectoryUser.key takes.
 */
import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 256 keys at a time: one small draw per key cost an import a twentieth of its time. */
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;

function randomKeyBytes(): Buffer {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += 16;
  return pool.subarray(poolOffset - 16, poolOffset);
}

const UUID_TEXT = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;
const BASE64_16 = /^[A-Za-z0-9+/]{22}==$/;

/**
 * A new UUID v7 (RFC 9562): 48 bits of Unix milliseconds, version 7, variant 10, random bits.
 * @param now the time, in ms since the epoch
 * @returns the key, lower-case 8-4-4-4-12
 */
export function newUserKey(now: number = Date.now()): string {
  const bytes = Buffer.from(randomKeyBytes());
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return uuidText(bytes.toString('hex'));
}

/**
 * The user key an export carries: an entryUUID or objectGUID as text (braces allowed), or an
 * objectGUID as LDIF gives it (base64 of AD's bytes, whose first three fields are little-endian).
 * @param value the exported value
 * @returns the key, or undefined when the value is neither
 */
export function userKeyOf(value: string): string | undefined {
  const text = value.trim();
  const parts = UUID_TEXT.exec(text);
  if (parts) return uuidText(parts.slice(1).join(''));
  if (!BASE64_16.test(text)) return undefined;
  const b = Buffer.from(text, 'base64');
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return uuidText(Buffer.from(order.map((i) => b[i] ?? 0)).toString('hex'));
}

function uuidText(hex: string): string {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

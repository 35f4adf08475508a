/**
 * PIN hashing: HMAC-SHA256 with the pepper, then scrypt with a per-hash salt; the scrypt parameters
 * are stored in each hash so they can be raised later without breaking old hashes. Hashing runs on
 * libuv's thread pool (async scrypt), off the main thread.
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** @default N=16384 (16 MiB per hash), r=8, p=1 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(pin: string, pepper: Buffer, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const peppered = createHmac('sha256', pepper).update(pin, 'utf8').digest();
  return new Promise((resolve, reject) => {
    scrypt(peppered, salt, KEY_LENGTH, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a PIN.
 * @param pin the digits
 * @param pepper the secret key
 * @param params @default DEFAULT_SCRYPT
 * @returns `scrypt$N$r$p$salt$hash` (base64)
 */
export async function hashPin(pin: string, pepper: Buffer, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, pepper, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Checks a PIN against a stored hash in constant time.
 * @param pin the digits
 * @param stored the stored hash
 * @param pepper the secret key
 * @returns true when the PIN matches
 */
export async function verifyPin(pin: string, stored: string, pepper: Buffer): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !N || !r || !p || !salt || !hash) throw new Error('Unknown PIN hash format.');
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(pin, pepper, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

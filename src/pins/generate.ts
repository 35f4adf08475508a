/** Random PINs from a CSPRNG that pass the common-pattern rules. */
import { randomInt } from 'node:crypto';
import { isCommonPattern } from './patterns.js';

/**
 * Generates a PIN.
 * @param length number of digits
 * @param avoid numbers the PIN must not equal or contain (phone number, extension)
 * @returns the PIN
 */
export function generatePin(length: number, avoid: readonly string[] = []): string {
  for (;;) {
    let pin = '';
    for (let i = 0; i < length; i++) pin += String(randomInt(10));
    if (!isCommonPattern(pin, avoid)) return pin;
  }
}

/**
 * The common patterns a PIN policy with AllowCommonPatterns False refuses: repeated digits, runs of
 * four or more consecutive ascending or descending digits, and the user's phone number or extension.
 */

/**
 * Whether a PIN is a common pattern.
 * @param pin the digits
 * @param phoneNumbers the user's phone number and extension (digits only), if known
 * @returns true when the PIN should be refused
 */
export function isCommonPattern(pin: string, phoneNumbers: readonly string[] = []): boolean {
  if (/^(\d)\1*$/.test(pin)) return true;
  let up = 1;
  let down = 1;
  for (let i = 1; i < pin.length; i++) {
    const step = pin.charCodeAt(i) - pin.charCodeAt(i - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (up >= 4 || down >= 4) return true;
  }
  return phoneNumbers.some((number) => number.length >= 4 && (pin === number || pin.includes(number) || number.endsWith(pin)));
}

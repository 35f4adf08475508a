/**
 * The common patterns a PIN policy with AllowCommonPatterns False refuses. The docs name three,
 * with examples that differ between pages: repeated digits (222222, 225577), four or more
 * consecutive digits (123456, 991234, 456789) and the user's phone number or extension. Repeated
 * digits is read as the docs' examples show it: one digit over and over, a PIN made only of runs of
 * a repeated digit (225577), and a group of digits repeated (121212, 408408; Control Panel's
 * "repetitive sets").
 */

/** Which common pattern a PIN is. */
export type CommonPattern = 'repeated digits' | 'consecutive digits' | 'phone number or extension';

/**
 * The common pattern a PIN is, if any.
 * @param pin the digits
 * @param phoneNumbers the user's phone number and extension (digits only), if known
 * @returns the pattern, or undefined when the PIN is not a common pattern
 */
export function commonPatternOf(pin: string, phoneNumbers: readonly string[] = []): CommonPattern | undefined {
  if (onlyRuns(pin) || /^(\d+?)\1+$/.test(pin)) return 'repeated digits';
  let up = 1;
  let down = 1;
  for (let i = 1; i < pin.length; i++) {
    const step = pin.charCodeAt(i) - pin.charCodeAt(i - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (up >= 4 || down >= 4) return 'consecutive digits';
  }
  // The number itself, a PIN that contains it, or its last digits (the number without the country
  // or area code, or an extension made of them).
  const isNumber = (number: string) => number.length >= 4 && (pin.includes(number) || number.endsWith(pin));
  return phoneNumbers.some(isNumber) ? 'phone number or extension' : undefined;
}

/** Whether every digit is next to the same digit: 222222, 225577, 1112. */
function onlyRuns(pin: string): boolean {
  for (let i = 0; i < pin.length; i++) {
    if (pin[i] !== pin[i - 1] && pin[i] !== pin[i + 1]) return false;
  }
  return pin.length > 0;
}

/**
 * Whether a PIN is a common pattern.
 * @param pin the digits
 * @param phoneNumbers the user's phone number and extension (digits only), if known
 * @returns true when the PIN should be refused
 */
export function isCommonPattern(pin: string, phoneNumbers: readonly string[] = []): boolean {
  return commonPatternOf(pin, phoneNumbers) !== undefined;
}

/**
 * The phone number and extension in a LineUri (`tel:+14255550101;ext=50101`), digits only.
 * @param lineUri the user's LineUri, if any
 * @returns the numbers (none when there is no LineUri)
 */
export function phoneNumbersOf(lineUri: string | null | undefined): string[] {
  if (!lineUri) return [];
  const [number = '', ...params] = lineUri.replace(/^tel:/i, '').split(';');
  const extension = params.find((p) => /^ext=/i.test(p))?.slice(4) ?? '';
  return [number, extension].map((n) => n.replace(/\D/g, '')).filter((n) => n.length > 0);
}

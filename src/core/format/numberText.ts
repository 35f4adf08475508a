/**
 * Numbers as PowerShell's formatter writes them in en-US: a whole number as its digits; any other
 * double with 15 significant digits (`0.1`, `1E+15`, `1.5E-07`), and in table cells with two decimals
 * (`ToString("F")`: `1234.57`, ties to even as .NET rounds exact halves).
 * NDJSON cannot tell 3 from 3.0: every whole number is shown as an integer.
 */

/**
 * A number as a list line or a value inside a collection shows it.
 * @param value the number
 * @returns its text
 */
export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return Object.is(value, -0) ? '0' : String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  return general15(value);
}

/**
 * A number as a table cell shows it: doubles with two decimals.
 * @param value the number
 * @returns its text
 */
export function tableNumberText(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return numberText(value);
  return fixed2(value);
}

// .NET's "G15": 15 significant digits, trailing zeros dropped, scientific below 1E-05 or from 1E+15.
function general15(value: number): string {
  const [mantissa = '', exponentText = '0'] = value.toExponential(14).split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '') || '0';
  const sign = negative ? '-' : '';
  if (exponent >= 15 || exponent < -5) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exponent);
    return `${sign}${digits[0] ?? '0'}${rest}E${exponent < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

// Exact decimal value rounded to 2 places, an exact half to even (toFixed would round it up).
function fixed2(value: number): string {
  const text = value.toFixed(2);
  const exact = Math.abs(value).toFixed(30);
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 3);
  if (!/^50*$/.test(tail)) return text;
  const kept = Number(exact.slice(dot + 2, dot + 3));
  if (kept % 2 === 1) return text;
  // A tie whose kept digit is even: round down (toward zero) instead.
  const down = (Math.trunc(Math.abs(value) * 100) / 100).toFixed(2);
  return `${value < 0 ? '-' : ''}${down}`;
}

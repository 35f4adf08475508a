/**
 * PowerShell's number literals (about_Numeric_Literals), as its parser reads an unquoted argument or
 * a number in a script block: `5`, `-1.5`, `.5`, `5e0`, `0x1F`, `0b101`, with a type suffix (l, d, u,
 * ul, y, uy, s, us, n) and a multiplier (kb, mb, gb, tb, pb). A signed word (`-5`, `+5`) is text in a
 * command argument, as in PowerShell; a script block's expression reads `-5` as a number. bash
 * cannot tell `5.0` from `"5.0"`, so Where-Object's -Value reads such a word as the number, as
 * PowerShell reads it unquoted; the script-block form (`'{$_.N -eq "5.0"}'`) keeps quoted text text.
 */

const DECIMAL = /^(-?)(\d+\.?\d*|\.\d+)(e[+-]?\d+)?(ul|uy|us|[ludysn])?(kb|mb|gb|tb|pb)?$/i;
const HEX = /^(-?)0x([0-9a-f]+)(ul|uy|us|[luysn])?(kb|mb|gb|tb|pb)?$/i;
const BINARY = /^(-?)0b([01]+)(ul|uy|us|[luysn])?(kb|mb|gb|tb|pb)?$/i;

const MULTIPLIERS: Readonly<Record<string, number>> = { kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30, tb: 2 ** 40, pb: 2 ** 50 };

/** PowerShell's dashes: a minus sign may be an en or em dash or a horizontal bar. */
const DASHES = /^[\u2013\u2014\u2015]/;

/**
 * The number a word is when PowerShell's parser reads it as a number literal.
 * @param word one command-line word or script-block token, whole
 * @param expression a script block's expression, where a leading minus belongs to the number
 * @returns the number (decimals and big integers as JS numbers), or undefined when the word is text
 */
export function numberLiteral(word: string, expression = false): number | undefined {
  const text = word.replace(DASHES, '-');
  if (!expression && text.startsWith('-')) return undefined;
  const decimal = DECIMAL.exec(text);
  if (decimal !== null) {
    const [, sign = '', digits = '', exponent = '', suffix = '', multiplier = ''] = decimal;
    // Only d (decimal) takes a fraction or exponent among the integer suffixes.
    if (suffix !== '' && !/^d$/i.test(suffix) && (digits.includes('.') || exponent !== '')) return undefined;
    return scaled(Number(`${sign}${digits}${exponent}`), multiplier);
  }
  const based = HEX.exec(text) ?? BINARY.exec(text);
  if (based === null) return undefined;
  const [, sign = '', digits = '', , multiplier = ''] = based;
  const magnitude = wrapped(BigInt(`${/^-?0x/i.test(text) ? '0x' : '0b'}${digits}`));
  return scaled(sign === '-' ? -magnitude : magnitude, multiplier);
}

/** As PowerShell types a hex or binary literal: 0xFFFFFFFF is the Int32 -1, 0xFFFFFFFFFFFFFFFF the Int64 -1. */
function wrapped(value: bigint): number {
  if (value >= 2n ** 31n && value < 2n ** 32n) return Number(value - 2n ** 32n);
  if (value >= 2n ** 63n && value < 2n ** 64n) return Number(value - 2n ** 64n);
  return Number(value);
}

function scaled(value: number, multiplier: string): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  return multiplier === '' ? value : value * (MULTIPLIERS[multiplier.toLowerCase()] ?? 1);
}

/**
 * Values that could be secrets are not echoed. A PIN piped or typed by mistake where an identity or
 * an argument was expected (`echo 61739284 | Set-CsClientPin`, a `SipAddress,Pin` line piped without
 * Import-Csv) must not come back in an error message: the digits are replaced by `<N digits>`.
 */
import { echo } from './echo.js';

/** Said after a value whose digits were hidden. */
export const DIGITS_HIDDEN = ' (digits not shown: they could be a PIN)';

// Only digits, perhaps grouped by spaces, dashes or dots: the whole value could be a PIN.
const ALL_DIGITS = /^[\s.-]*\d[\d\s.-]*$/;
// A run of 4 or more digits standing alone (not part of a name like user1234 or sip:4001@x).
const DIGIT_RUN = /(?<![\p{L}\p{N}_@+])\d{4,}(?![\p{L}\p{N}_@])/gu;

/** A value as a message may show it. */
export interface ShownValue {
  /** The value escaped and cut as {@link echo} does, its PIN-like digits replaced. */
  text: string;
  /** Whether digits were hidden (the message then says so, with {@link DIGITS_HIDDEN}). */
  hidden: boolean;
}

/**
 * A value made safe to show: a value of only digits (and spaces, dashes, dots) becomes `<N digits>`,
 * as does each run of 4 or more digits that stands alone; then {@link echo} escapes and cuts it.
 * @param value the value as given
 * @returns the text to show, and whether digits were hidden
 */
export function redact(value: string): ShownValue {
  if (ALL_DIGITS.test(value)) return { text: `<${countDigits(value)} digits>`, hidden: true };
  let hidden = false;
  const masked = value.replace(DIGIT_RUN, (run) => {
    hidden = true;
    return `<${run.length} digits>`;
  });
  return { text: echo(masked), hidden };
}

/**
 * A value quoted for a message, with the note when digits were hidden: `"kenmyer"`, or
 * `"<8 digits>" (digits not shown: they could be a PIN)`.
 * @param value the value as given
 * @param quote the quote character the message uses
 * @returns the quoted text
 */
export function quoteRedacted(value: string, quote = '"'): string {
  const { text, hidden } = redact(value);
  return `${quote}${text}${quote}${hidden ? DIGITS_HIDDEN : ''}`;
}

function countDigits(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

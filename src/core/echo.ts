/**
 * Values that messages echo (identities, paths, property names) come from input, which may be hostile:
 * control characters would move the cursor or split one error into several lines, and a megabyte
 * identity would give a megabyte error line. Every echoed value goes through {@link echo}.
 */

/** The most characters of a value a message shows. */
export const ECHO_MAX = 120;

// C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e', '\u0000': '\\0' };

/**
 * A value made safe to show in a one-line message: control characters escaped (`\n`, `\e`, `\x07`,
 * `\u2028`) and the text cut at {@link ECHO_MAX} characters with an ellipsis.
 * @param value the value (strings as they are, anything else through String)
 * @param max the most characters to keep
 * @returns the escaped, shortened text
 */
export function echo(value: unknown, max = ECHO_MAX): string {
  const text = typeof value === 'string' ? value : String(value);
  // Cut before escaping so the limit counts the input's characters; never split a surrogate pair.
  let cut = text.length > max ? text.slice(0, max) : text;
  if (cut.length < text.length && /[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const escaped = cut.replace(UNSAFE, (ch) => NAMED[ch] ?? (ch.charCodeAt(0) > 0xff ? `\\u${ch.charCodeAt(0).toString(16)}` : `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return cut.length < text.length ? `${escaped}…` : escaped;
}

/**
 * A whole message made safe as one line: the same escapes as {@link echo}, no cut. The error
 * reporter applies it to every message as the last line of defence.
 * @param message the message
 * @returns the message with no raw control character
 */
export function oneLine(message: string): string {
  return echo(message, Number.POSITIVE_INFINITY);
}

/**
 * Colour for people: PowerShell 7's $PSStyle defaults (errors bold red, warnings bold yellow, table
 * headers bold green), only on a terminal, never under NO_COLOR (no-color.org: set and not empty) or
 * TERM=dumb, so a file, a pipe or a script never sees an escape sequence.
 */

/** The styles a stream is written with; identity functions when it gets no colour. */
export interface Styles {
  readonly error: (text: string) => string;
  readonly warning: (text: string) => string;
  readonly tableHeader: (text: string) => string;
}

const RESET = '\x1b[0m';
const plain = (text: string) => text;
const sgr = (code: string) => (text: string) => (text === '' ? text : `\x1b[${code}m${text}${RESET}`);

/** No colour. */
export const PLAIN_STYLES: Styles = { error: plain, warning: plain, tableHeader: plain };

/** $PSStyle.Formatting.Error, .Warning and .TableHeader. */
const COLOUR_STYLES: Styles = { error: sgr('31;1'), warning: sgr('33;1'), tableHeader: sgr('32;1') };

/**
 * Whether text written to a stream may be coloured.
 * @param stream the stream (its isTTY)
 * @param env the environment (NO_COLOR, TERM)
 * @returns true on a terminal without NO_COLOR and with a TERM other than dumb
 */
export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';
}

/**
 * The styles for a stream.
 * @param stream the stream
 * @param env the environment
 * @returns colour styles, or plain ones
 */
export function stylesFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Styles {
  return colourEnabled(stream, env) ? COLOUR_STYLES : PLAIN_STYLES;
}

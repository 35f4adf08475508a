/**
 * The tokenizer of the ActiveDirectory module's -Filter language: PowerShell's expression tokens,
 * which the module's parser reads (about_ActiveDirectory_Filter). Like PowerShell it takes the
 * typographic dashes and quotes that text copied from web pages carries. Double-quoted strings take
 * backtick escapes but expand no variables: bash has already expanded what it was going to.
 */
import { echo, readQuoted, usageError, type TerminatingError } from '../core/index.js';
import { directoryMessages } from './messages.js';

const TEXTS = directoryMessages.InvalidAdFilter;

/** Where a token starts in the filter (0-based) and how it is written there. */
interface TokenBase {
  readonly position: number;
  readonly text: string;
}

/** A token of a -Filter expression. */
export type AdToken = TokenBase &
  (
    | { readonly kind: 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'bang' | 'eof' }
    /** A dash and letters (`-eq`, `-AND`): `name` is the letters, lower-cased. */
    | { readonly kind: 'operator'; readonly name: string }
    | { readonly kind: 'string'; readonly value: string }
    /** A bare word: a property name, or a value (`Finance`, `5`, `*`). */
    | { readonly kind: 'word'; readonly value: string }
    /** `$name` (with any `.member`s in `text`): `name` without the `$`. */
    | { readonly kind: 'variable'; readonly name: string }
  );

/** The error ids a -Filter parse raises. */
export type AdFilterErrorId = 'InvalidAdFilter' | 'FilterTooDeep';

/**
 * The usage error of a -Filter that does not parse.
 * @param text the filter as given
 * @param position 0-based offset of the culprit, or -1 for the filter as a whole
 * @param reason what is wrong there (filter text in it already echoed)
 * @param errorId InvalidAdFilter unless the filter is nested too deep
 * @returns the error to throw
 */
export function adFilterError(text: string, position: number, reason: string, errorId: AdFilterErrorId = 'InvalidAdFilter'): TerminatingError {
  return usageError(errorId, position >= 0 ? TEXTS.at(position, reason) : TEXTS.whole(reason), echo(text));
}

const PUNCTUATION = { '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace', '!': 'bang' } as const;
// One token at lastIndex (sticky, so a long filter is not sliced again at every token). A bare word
// ends where PowerShell ends one; a dash may be typographic; `$` always starts a variable.
const TOKEN = new RegExp(
  [
    String.raw`(?<space>\s+)`,
    String.raw`(?<punctuation>[(){}!])`,
    String.raw`(?<quote>['"\u2018-\u201e])`,
    String.raw`(?<variable>\$(?:\{[^}]*\}|[\w:]+|[?^$])(?:\.\w+)*)`,
    String.raw`(?<operator>[-\u2013-\u2015][A-Za-z]+)`,
    String.raw`(?<word>[^\s(){}'"\u2018-\u201e,;|$][^\s(){}'"\u2018-\u201e,;|]*)`,
  ].join('|'),
  'y',
);

/**
 * Splits a -Filter expression into tokens.
 * @param text the filter as given
 * @returns the tokens, ending with an `eof` token at `text.length`
 * @throws TerminatingError (InvalidAdFilter) for an unclosed string or a character no token starts with
 */
export function tokenizeAdFilter(text: string): AdToken[] {
  const tokens: AdToken[] = [];
  for (let position = 0; position < text.length; ) {
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    // `,`, `;`, `|` and a lone `$` start no token.
    if (match === null) throw adFilterError(text, position, TEXTS.unexpectedText(text[position] ?? ''));
    const { punctuation, quote, variable, operator, word } = match.groups ?? {};
    const written = match[0];
    if (punctuation !== undefined) {
      tokens.push({ kind: PUNCTUATION[punctuation as keyof typeof PUNCTUATION], position, text: written });
    } else if (quote !== undefined) {
      const quoted = readQuoted(text, position);
      if (!quoted?.closed) throw adFilterError(text, position, TEXTS.unclosedString);
      tokens.push({ kind: 'string', value: quoted.value, position, text: text.slice(position, quoted.end) });
      position = quoted.end;
      continue;
    } else if (variable !== undefined) {
      tokens.push({ kind: 'variable', name: (/^\$\{?([^}.]*)/.exec(variable)?.[1] ?? '').toLowerCase(), position, text: written });
    } else if (operator !== undefined) {
      tokens.push({ kind: 'operator', name: operator.slice(1).toLowerCase(), position, text: written });
    } else if (word !== undefined) {
      tokens.push({ kind: 'word', value: word, position, text: written });
    }
    position += written.length;
  }
  tokens.push({ kind: 'eof', position: text.length, text: '' });
  return tokens;
}

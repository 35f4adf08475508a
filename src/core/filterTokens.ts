/**
 * The tokenizer of `-Filter` expressions: PowerShell's expression-mode tokens, cut down to what a
 * Where-Object style filter needs. Like PowerShell, it accepts the typographic dashes and quotes
 * that text copied from web pages and Word documents carries. Double-quoted strings take backtick
 * escapes but expand no variables: `"$x"` is the text `$x`.
 */
import { parseFilterOperator, type FilterOperator } from './containment.js';
import { echo } from './echo.js';
import { FilterError } from './filterError.js';
import { numberLiteral } from './filterNumbers.js';
import { coreMessages } from './messages.js';

/** Where a token starts in the filter text (0-based) and how it is written there. */
interface TokenBase {
  position: number;
  text: string;
}

/** A token of a filter expression. */
export type Token = TokenBase &
  (
    /** `atparen` is `@(`, the array subexpression; `comma` builds a list (`'a','b'`). */
    | { kind: 'lbrace' | 'rbrace' | 'lparen' | 'rparen' | 'atparen' | 'comma' | 'bang' | 'eof' }
    | { kind: 'logical'; operator: 'and' | 'or' | 'xor' | 'not' }
    | { kind: 'comparison'; operator: FilterOperator }
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number }
    /** `$name` with `.member` accesses, e.g. `$_.SipAddress` → name `_`, members `['SipAddress']`. */
    | { kind: 'variable'; name: string; members: string[] }
    /** A bare word: a property name, or a string in value position. */
    | { kind: 'word'; value: string }
  );

const PUNCTUATION = { '{': 'lbrace', '}': 'rbrace', '(': 'lparen', ')': 'rparen', '!': 'bang', ',': 'comma' } as const;
// Regular expressions rather than strings: ''.includes('') would make the end of the text a quote.
const DASH = /^[-\u2013-\u2015]$/;
const SINGLE_QUOTE = /^['\u2018-\u201b]$/;
const DOUBLE_QUOTE = /^["\u201c-\u201e]$/;
// Characters that end a bare word; PowerShell ends one at the same ones.
const WORD_END = /[\s(){}'"\u2018\u2019\u201a\u201b\u201c\u201d\u201e,;|]/;
// Sticky (read at lastIndex): slicing the rest of the text at every token would make a long filter quadratic.
const IDENTIFIER = /[A-Za-z0-9_]+/y;
const LETTERS = /[A-Za-z]+/y;
/** `[datetime]` right before a value: a PowerShell cast. */
const TYPE_LITERAL = /^\[[A-Za-z][\w.]*\]$/;
// What the backtick escapes of a double-quoted string stand for; any other character stands for itself.
const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Splits a filter expression into tokens.
 * @param text the filter as the user wrote it
 * @returns the tokens, ending with an `eof` token at `text.length`
 * @throws FilterError for an unclosed string, an unknown operator or a lone `$` or `-`
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const start = i;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '@' && text[i + 1] === '(') {
      tokens.push({ kind: 'atparen', position: i, text: '@(' });
      i += 2;
    } else if (ch in PUNCTUATION) {
      tokens.push({ kind: PUNCTUATION[ch as keyof typeof PUNCTUATION], position: i++, text: ch });
    } else if (SINGLE_QUOTE.test(ch) || DOUBLE_QUOTE.test(ch)) {
      const quoted = readQuoted(text, i);
      if (!quoted?.closed) throw new FilterError(coreMessages.InvalidFilter.unclosedString, start);
      tokens.push({ kind: 'string', value: quoted.value, position: start, text: text.slice(start, quoted.end) });
      i = quoted.end;
    } else if (ch === '$') {
      const token = readVariable(text, i);
      tokens.push(token);
      i = start + token.text.length;
    } else if (DASH.test(ch) && /[A-Za-z]/.test(text[i + 1] ?? '')) {
      const name = sticky(LETTERS, text, i + 1) ?? '';
      i += 1 + name.length;
      tokens.push(operatorToken(name, start, text.slice(start, i)));
    } else if (WORD_END.test(ch)) {
      throw new FilterError(coreMessages.InvalidFilter.unexpectedText(ch), i);
    } else {
      while (i < text.length && !WORD_END.test(text[i] ?? '')) i++;
      const word = text.slice(start, i);
      const number = numberLiteral(word, true);
      if (number !== undefined) {
        tokens.push({ kind: 'number', value: number, position: start, text: word });
      } else if (DASH.test(ch)) {
        throw new FilterError(coreMessages.InvalidFilter.dashWord(word), start);
      } else if (TYPE_LITERAL.test(word) && i < text.length && !/\s/.test(text[i] ?? '')) {
        throw new FilterError(coreMessages.InvalidFilter.typeCast(word), start);
      } else {
        tokens.push({ kind: 'word', value: word, position: start, text: word });
      }
    }
  }
  tokens.push({ kind: 'eof', position: text.length, text: '' });
  return tokens;
}

function sticky(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** `$name` and its `.member`s; a method call or an index after them is refused here, with a reason. */
function readVariable(text: string, start: number): Token {
  const name = sticky(IDENTIFIER, text, start + 1);
  if (name === undefined) throw new FilterError(coreMessages.InvalidFilter.variableName, start);
  const members: string[] = [];
  let i = start + 1 + name.length;
  for (let m; text[i] === '.' && (m = sticky(IDENTIFIER, text, i + 1)) !== undefined; i += 1 + m.length) members.push(m);
  const written = echo(text.slice(start, i));
  if (text[i] === '.') throw new FilterError(coreMessages.InvalidFilter.memberName(written), i);
  if (text[i] === '(') throw new FilterError(coreMessages.InvalidFilter.methodCall(written), start);
  if (text[i] === '[') throw new FilterError(coreMessages.InvalidFilter.indexing(written), start);
  return { kind: 'variable', name, members, position: start, text: text.slice(start, i) };
}

function operatorToken(name: string, position: number, text: string): Token {
  const lower = name.toLowerCase();
  if (lower === 'and' || lower === 'or' || lower === 'xor' || lower === 'not') {
    return { kind: 'logical', operator: lower, position, text };
  }
  const operator = parseFilterOperator(lower);
  if (operator === undefined) {
    throw new FilterError(coreMessages.InvalidFilter.unknownOperator(text), position);
  }
  return { kind: 'comparison', operator, position, text };
}

/**
 * Reads a quoted string as PowerShell does: '' stands for ' in single quotes; "" and backtick escapes
 * in double quotes, which expand no variables. Typographic quotes count as the straight ones.
 * @param text the expression
 * @param start where the opening quote may stand
 * @returns the string's value and the index after it (`closed` false when the text ends first), or
 *   undefined when no quote opens at `start`
 */
export function readQuoted(text: string, start: number): { value: string; end: number; closed: boolean } | undefined {
  const open = text[start] ?? '';
  const quotes = SINGLE_QUOTE.test(open) ? SINGLE_QUOTE : DOUBLE_QUOTE.test(open) ? DOUBLE_QUOTE : undefined;
  if (quotes === undefined) return undefined;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quotes.test(ch)) {
      // A doubled quote stands for one quote character.
      if (!quotes.test(text[i + 1] ?? '')) return { value, end: i + 1, closed: true };
      value += ch;
      i++;
    } else if (ch === '`' && quotes === DOUBLE_QUOTE && i + 1 < text.length) {
      const next = text[++i] ?? '';
      value += ESCAPES[next] ?? next;
    } else {
      value += ch;
    }
  }
  return { value, end: text.length, closed: false };
}

/**
 * The patterns of -like and -match (compare.ts): PowerShell wildcards and regular expressions as
 * JavaScript RegExps, compiled once per pattern.
 */
import { FilterError } from './filterError.js';
import { coreMessages } from './messages.js';

// Filters test the same pattern against every record: compile each pattern once.
const regexCache = new Map<string, RegExp>();

function cached(key: string, build: () => RegExp): RegExp {
  let re = regexCache.get(key);
  if (re === undefined) {
    if (regexCache.size >= 256) regexCache.clear();
    re = build();
    regexCache.set(key, re);
  }
  return re;
}

export function matchRegExp(pattern: string, caseSensitive: boolean): RegExp {
  return cached(`m${caseSensitive ? 'c' : 'i'}${pattern}`, () => {
    try {
      return new RegExp(pattern, caseSensitive ? '' : 'i');
    } catch (error) {
      throw new FilterError(coreMessages.InvalidFilter.regularExpression(pattern, syntaxReason(error)));
    }
  });
}

/** What is wrong with a pattern, without the pattern V8 quotes in its message (`Invalid ...: /p/i: Unterminated group`). */
function syntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /: ([^:]*)$/.exec(message)?.[1] ?? coreMessages.InvalidFilter.notAPattern;
}

// Only characters the `u` flag allows to escape: outside a class `\-` is a syntax error there.
const escapeRegExp = (ch: string): string => ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const escapeClassChar = (ch: string): string => ch.replace(/[\\^[\]-]/g, '\\$&');

/**
 * Converts a PowerShell wildcard (`*`, `?`, `[abc]`, `[a-z]`, backtick escapes) to an anchored RegExp.
 * @param pattern the wildcard pattern
 * @param caseSensitive true for -clike
 * @returns a RegExp matching the whole text
 * @throws FilterError for an unclosed or empty `[...]`
 */
export function wildcardRegExp(pattern: string, caseSensitive = false): RegExp {
  return cached(`w${caseSensitive ? 'c' : 'i'}${pattern}`, () => {
    const chars = Array.from(pattern);
    let source = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      // A trailing backtick escapes nothing and stays literal.
      if (ch === '`' && i + 1 < chars.length) source += escapeRegExp(chars[++i] ?? '');
      else if (ch === '*') source += '.*';
      else if (ch === '?') source += '.';
      else if (ch !== '[') source += escapeRegExp(ch);
      else {
        const set: string[] = [];
        for (i++; i < chars.length && chars[i] !== ']'; i++) {
          // An unescaped '-' between two characters makes a range, as in a RegExp class.
          const escaped = chars[i] === '`' && i + 1 < chars.length;
          const c = chars[escaped ? ++i : i] ?? '';
          set.push(c === '-' && !escaped ? '-' : escapeClassChar(c));
        }
        if (i >= chars.length || set.length === 0) {
          throw new FilterError(coreMessages.InvalidFilter.wildcard(pattern, coreMessages.InvalidFilter.wildcardBracket));
        }
        source += `[${set.join('')}]`;
      }
    }
    try {
      return new RegExp(`^${source}$`, caseSensitive ? 'su' : 'siu');
    } catch (error) {
      throw new FilterError(coreMessages.InvalidFilter.wildcard(pattern, syntaxReason(error)));
    }
  });
}

/**
 * Escapes wildcard metacharacters with backticks, like `[WildcardPattern]::Escape`.
 * @param text literal text
 * @returns a pattern that `-like` matches against exactly that text
 */
export function escapeWildcard(text: string): string {
  return text.replace(/[*?[\]`]/g, '`$&');
}

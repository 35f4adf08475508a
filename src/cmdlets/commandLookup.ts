/** The registry as Get-Help and Get-Command see it: names matched case-insensitively, with wildcards. */
import { wildcardRegExp } from '../core/compare.js';
import { echo, usageError, type AnyCmdletDecl } from '../core/index.js';
import { CMDLETS } from './index.js';
import { cmdletMessages } from './messages.js';

/** Whether a name is a wildcard pattern (`*`, `?`, `[`). */
export const isWildcard = (name: string): boolean => /[*?[]/.test(name);

/**
 * The cmdlets whose name a pattern matches, sorted by name.
 * @param pattern a name or a wildcard pattern, any case
 * @param parameter the parameter it came from, for the message of a malformed pattern
 * @returns the names
 * @throws TerminatingError WildcardPatternInvalid (exit 2) for a malformed pattern
 */
export function matchingNames(pattern: string, parameter: string): string[] {
  let regExp: RegExp;
  try {
    regExp = wildcardRegExp(pattern);
  } catch (error) {
    throw usageError('WildcardPatternInvalid', cmdletMessages.WildcardPatternInvalid.parameter(parameter, `${error instanceof Error ? error.message : cmdletMessages.WildcardPatternInvalid.unknown}.`), echo(pattern));
  }
  return Object.keys(CMDLETS)
    .filter((name) => regExp.test(name))
    .sort();
}

/**
 * Loads declarations by name.
 * @param names registry names
 * @returns the declarations, in the same order
 */
export function loadDeclarations(names: readonly string[]): Promise<AnyCmdletDecl[]> {
  return Promise.all(names.map((name) => CMDLETS[name]?.() ?? Promise.reject(new Error(`no cmdlet ${name}`))));
}

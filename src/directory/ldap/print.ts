/** Prints an LDAP filter AST back to RFC 4515 text (the inverse of parseLdapFilter). */
import { MATCHING_RULE_BIT_AND, MATCHING_RULE_BIT_OR, type LdapFilter, type LdapItem } from './ast.js';
import { LdapFilterError } from './errors.js';
import { MAX_FILTER_DEPTH } from './parse.js';
import { directoryMessages } from '../messages.js';

/**
 * Escapes an assertion value: the characters RFC 4515 reserves (`*`, `(`, `)`, `\`, NUL) become
 * `\XX`; everything else, including non-ASCII text, is written as is.
 */
export function escapeLdapValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Prints a filter as fully parenthesised RFC 4515 text, e.g. `(&(objectClass=user)(title=Manager))`.
 * @throws LdapFilterError (FilterTooDeep) for a filter nested deeper than the parser accepts
 */
export function printLdapFilter(filter: LdapFilter): string {
  return printAt(filter, 0);
}

function printAt(filter: LdapFilter, depth: number): string {
  if (depth >= MAX_FILTER_DEPTH) throw new LdapFilterError(-1, directoryMessages.FilterTooDeep(MAX_FILTER_DEPTH), 'FilterTooDeep');
  const print = (child: LdapFilter): string => printAt(child, depth + 1);
  switch (filter.type) {
    case 'and':
      return `(&${filter.filters.map(print).join('')})`;
    case 'or':
      return `(|${filter.filters.map(print).join('')})`;
    case 'not':
      return `(!${print(filter.filter)})`;
    default:
      return printItem(filter);
  }
}

function printItem(filter: LdapItem): string {
  switch (filter.type) {
    case 'equality':
      if (filter.extensible) return `(${filter.attribute}${filter.extensible.dnAttributes ? ':dn' : ''}:=${escapeLdapValue(filter.value)})`;
      return `(${filter.attribute}=${escapeLdapValue(filter.value)})`;
    case 'approx':
      return `(${filter.attribute}~=${escapeLdapValue(filter.value)})`;
    case 'greaterOrEqual':
      return `(${filter.attribute}>=${escapeLdapValue(filter.value)})`;
    case 'lessOrEqual':
      return `(${filter.attribute}<=${escapeLdapValue(filter.value)})`;
    case 'present':
      return `(${filter.attribute}=*)`;
    case 'substrings': {
      const middle = filter.any.map((part) => `${escapeLdapValue(part)}*`).join('');
      const initial = escapeLdapValue(filter.initial ?? '');
      return `(${filter.attribute}=${initial}*${middle}${escapeLdapValue(filter.final ?? '')})`;
    }
    case 'bitwiseAnd':
      return `(${filter.attribute}${filter.dnAttributes ? ':dn' : ''}:${MATCHING_RULE_BIT_AND}:=${filter.value})`;
    case 'bitwiseOr':
      return `(${filter.attribute}${filter.dnAttributes ? ':dn' : ''}:${MATCHING_RULE_BIT_OR}:=${filter.value})`;
  }
}

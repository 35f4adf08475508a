/** LDAP filters for `Get-CsUser -LdapFilter`: parse, print, and compile to SQL. */
export type {
  LdapAnd,
  LdapBitwise,
  LdapComparison,
  LdapFilter,
  LdapItem,
  LdapNot,
  LdapOr,
  LdapPresent,
  LdapSubstrings,
} from './ast.js';
export { MATCHING_RULE_BIT_AND, MATCHING_RULE_BIT_OR } from './ast.js';
export { MAX_FILTER_TESTS, compileLdapFilter, type CompiledLdapFilter, type LdapSqlParam } from './compile.js';
export { LdapFilterError } from './errors.js';
export { MAX_FILTER_DEPTH, parseLdapFilter } from './parse.js';
export { escapeLdapValue, printLdapFilter } from './print.js';

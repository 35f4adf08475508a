/**
 * The LDAP filter AST (RFC 4515). Attribute names keep the case the user typed; values are the
 * decoded assertion values (escapes resolved), also in their original case. Matching is
 * case-insensitive and happens in the compiler.
 */

/** OID of AD's bitwise-AND matching rule (LDAP_MATCHING_RULE_BIT_AND). */
export const MATCHING_RULE_BIT_AND = '1.2.840.113556.1.4.803';
/** OID of AD's bitwise-OR matching rule (LDAP_MATCHING_RULE_BIT_OR). */
export const MATCHING_RULE_BIT_OR = '1.2.840.113556.1.4.804';

/** `(&...)`: true when every filter is; `(&)` is absolute true (RFC 4526). */
export interface LdapAnd {
  readonly type: 'and';
  readonly filters: readonly LdapFilter[];
}

/** `(|...)`: true when any filter is; `(|)` is absolute false (RFC 4526). */
export interface LdapOr {
  readonly type: 'or';
  readonly filters: readonly LdapFilter[];
}

/** `(!...)`: negation of exactly one filter. */
export interface LdapNot {
  readonly type: 'not';
  readonly filter: LdapFilter;
}

/** `attr=v`, `attr~=v` (approx, matched as equality), `attr>=v`, `attr<=v`. */
export interface LdapComparison {
  readonly type: 'equality' | 'approx' | 'greaterOrEqual' | 'lessOrEqual';
  readonly attribute: string;
  readonly value: string;
  /**
   * Written as an extensible match (`attr:=v`, `attr:dn:=v`): the same equality here, but an LDAP
   * server is sent the extensible match as written (with `:dn:`, DN components match too).
   */
  readonly extensible?: { readonly dnAttributes: boolean };
}

/** `attr=*`. */
export interface LdapPresent {
  readonly type: 'present';
  readonly attribute: string;
}

/** `attr=ini*any*fin`; absent parts are `undefined`, `any` parts are never empty. */
export interface LdapSubstrings {
  readonly type: 'substrings';
  readonly attribute: string;
  readonly initial?: string | undefined;
  readonly any: readonly string[];
  readonly final?: string | undefined;
}

/** `attr:1.2.840.113556.1.4.803:=N` (bitwiseAnd) or `attr:1.2.840.113556.1.4.804:=N` (bitwiseOr). */
export interface LdapBitwise {
  readonly type: 'bitwiseAnd' | 'bitwiseOr';
  readonly attribute: string;
  /** A safe integer; the parser rejects anything else. */
  readonly value: number;
  /** `:dn:` was written (AD ignores it; an LDAP server is sent it). */
  readonly dnAttributes?: boolean;
}

/** A leaf of the filter: it tests one attribute. */
export type LdapItem = LdapComparison | LdapPresent | LdapSubstrings | LdapBitwise;

/** A parsed LDAP filter. */
export type LdapFilter = LdapAnd | LdapOr | LdapNot | LdapItem;

/**
 * The parsed filter as ldapts filter objects, sent to the server as the user wrote it. ldapts's own
 * string parser refuses valid RFC 4515 filters (`(&)`, `(|)` of RFC 4526, numeric OID attribute
 * types), so the string is never given to it; the AST already holds decoded values.
 */
import {
  AndFilter,
  ApproximateFilter,
  EqualityFilter,
  ExtensibleFilter,
  GreaterThanEqualsFilter,
  LessThanEqualsFilter,
  NotFilter,
  OrFilter,
  PresenceFilter,
  SubstringFilter,
  type Filter,
} from 'ldapts';
import { MATCHING_RULE_BIT_AND, MATCHING_RULE_BIT_OR, type LdapFilter } from '../ldap/ast.js';
import { ldapAttributeName } from '../ldap/attributes.js';

/**
 * @param filter the parsed filter
 * @returns the same filter as ldapts objects
 */
export function filterObject(filter: LdapFilter): Filter {
  switch (filter.type) {
    case 'and':
      return new AndFilter({ filters: filter.filters.map(filterObject) });
    case 'or':
      return new OrFilter({ filters: filter.filters.map(filterObject) });
    case 'not':
      return new NotFilter({ filter: filterObject(filter.filter) });
    case 'equality':
      if (filter.extensible) return new ExtensibleFilter({ matchType: ldapAttributeName(filter.attribute), value: filter.value, dnAttributes: filter.extensible.dnAttributes });
      return new EqualityFilter({ attribute: ldapAttributeName(filter.attribute), value: filter.value });
    case 'approx':
      return new ApproximateFilter({ attribute: ldapAttributeName(filter.attribute), value: filter.value });
    case 'greaterOrEqual':
      return new GreaterThanEqualsFilter({ attribute: ldapAttributeName(filter.attribute), value: filter.value });
    case 'lessOrEqual':
      return new LessThanEqualsFilter({ attribute: ldapAttributeName(filter.attribute), value: filter.value });
    case 'present':
      return new PresenceFilter({ attribute: ldapAttributeName(filter.attribute) });
    case 'substrings':
      return new SubstringFilter({ attribute: ldapAttributeName(filter.attribute), initial: filter.initial ?? '', any: [...filter.any], final: filter.final ?? '' });
    case 'bitwiseAnd':
    case 'bitwiseOr':
      return new ExtensibleFilter({
        matchType: ldapAttributeName(filter.attribute),
        rule: filter.type === 'bitwiseAnd' ? MATCHING_RULE_BIT_AND : MATCHING_RULE_BIT_OR,
        value: String(filter.value),
        dnAttributes: filter.dnAttributes ?? false,
      });
  }
}

/**
 * Users with a SIP address, and the other conditions.
 * @param sipAttribute the SIP address's attribute
 * @param conditions filters every user must also match
 * @returns the filter
 */
export function usersWhere(sipAttribute: string, conditions: readonly Filter[]): Filter {
  return new AndFilter({ filters: [new PresenceFilter({ attribute: sipAttribute }), ...conditions] });
}

/**
 * Get-ADUser, as the ActiveDirectory module has it: users by -Identity, -Filter or -LDAPFilter, below
 * -SearchBase at -SearchScope, with the module's default properties and those -Properties asks for,
 * on the embedded directory or an LDAP server. Every user, with a SIP address or not.
 */
import { StringType, coreMessages, enumType, integerType, usageError, type CmdletOutput } from '../core/index.js';
import { arrayType } from '../core/commaList.js';
import { AD_USER_DEFAULTS, AD_USER_TYPE, adUserShape, looksLikeDn, parseAdFilter, type SearchScope } from '../directory/index.js';
import { organizationalUnitNotFound } from '../directory/messages.js';
import { cmdletMessages } from './messages.js';
import { GET_AD_USER_EXAMPLES } from './getADUserExamples.js';
import { parseLdap } from './getCsUserOutput.js';
import { resolveEntries, scanEntries, type AdUserState } from './getADUserOutput.js';
import { identityParameter } from './parameters.js';
import { defineServiceCmdlet } from './services.js';

const SCOPES: Readonly<Record<'Base' | 'OneLevel' | 'Subtree', SearchScope>> = { Base: 'base', OneLevel: 'one', Subtree: 'sub' };

export default defineServiceCmdlet({
  services: { directory: true },
  name: 'Get-ADUser',
  synopsis: 'Gets one or more Active Directory users.',
  description:
    'Gets a user by -Identity, or the users a -Filter or -LDAPFilter selects, with the default properties (DistinguishedName, Enabled, GivenName, Name, ObjectClass, ObjectGUID, SamAccountName, SID, Surname, UserPrincipalName) and those -Properties names, under the ActiveDirectory module\'s names (City, Office, EmailAddress, Created, ...) or their LDAP names. Unlike Get-CsUser it returns every user, enabled for Lync or not. Enabled is the account\'s (userAccountControl) where the directory has it, else msRTCSIP-UserEnabled or the export\'s Enabled.',
  parameters: {
    Identity: {
      ...identityParameter,
      description:
        'A distinguished name, GUID (objectGUID), security identifier (objectSid) or SAM account name; as a cspin extension also a SIP address, a UPN or domain\\logon, so PinInfoDetails (Identity) and ADUser objects (DistinguishedName) bind from the pipeline.',
    },
    Filter: {
      type: StringType,
      description:
        'A filter in the ActiveDirectory module\'s language, e.g. \'Department -eq "Finance" -and Title -like "Man*"\', or * for every user. Operators: -eq -ne -like -notlike -gt -ge -lt -le -and -or -not. Single-quote it in bash.',
    },
    LDAPFilter: { type: StringType, description: 'An LDAP filter (RFC 4515), e.g. "(msRTCSIP-PrimaryUserAddress=*)". Get-ADUser\'s property names (City, Office, ...) name their attributes.' },
    SearchBase: { type: StringType, description: 'The distinguished name of the container to search below; @default the whole directory.' },
    SearchScope: { type: enumType('ADSearchScope', { Base: 0, OneLevel: 1, Subtree: 2 }), description: 'Base (the SearchBase object only), OneLevel (its children) or Subtree; @default Subtree.' },
    Properties: { type: arrayType(StringType), description: "More properties to get, a comma list of module or LDAP names, or * for every property a user has (quote it in bash: -Properties '*', or bash expands it to file names)." },
    ResultSetSize: { type: integerType('Int32', -2147483648, 2147483647), validateRange: [0, 2147483647], description: 'At most this many users; @default all.' },
    DomainController: { type: StringType, aliases: ['Server'], description: 'The LDAP server to read from, as host or host:port (the ActiveDirectory module calls it -Server).' },
  },
  mutuallyExclusive: [['Identity', 'Filter', 'LDAPFilter'], ['Identity', 'SearchScope'], ['Identity', 'ResultSetSize']],
  inputTypes: ['String value, or an object with an Identity, DistinguishedName, SipAddress or UserPrincipalName property (PinInfoDetails, ADUser).'],
  outputType: AD_USER_TYPE,
  outputProperties: AD_USER_DEFAULTS,
  examples: GET_AD_USER_EXAMPLES,

  check(params) {
    if (params.SearchBase !== undefined && !looksLikeDn(params.SearchBase)) {
      throw usageError('InvalidOrganizationalUnit', cmdletMessages.InvalidOrganizationalUnit(params.SearchBase), params.SearchBase);
    }
    if (params.Filter !== undefined) parseAdFilter(params.Filter);
    if (params.LDAPFilter !== undefined) parseLdap(params.LDAPFilter);
  },

  async begin(params, _context, services): Promise<Omit<AdUserState, 'services'>> {
    const filter = params.Filter !== undefined ? parseAdFilter(params.Filter) : params.LDAPFilter !== undefined ? parseLdap(params.LDAPFilter) : undefined;
    const asked = params.Properties?.some((name) => name.trim() === '*') ? '*' : (params.Properties ?? []);
    const scope = params.SearchScope === undefined ? undefined : SCOPES[params.SearchScope];
    // A base-scope search may name a user; below a base, the base is a container that must exist.
    if (params.SearchBase !== undefined && scope !== 'base' && !(await services.directory.containerExists(params.SearchBase))) {
      throw organizationalUnitNotFound(params.SearchBase);
    }
    const under = params.SearchBase ?? (services.directory.description === 'embedded' ? 'the embedded directory' : services.directory.description);
    return { shape: adUserShape(asked), search: { base: params.SearchBase, scope, filter, limit: params.ResultSetSize }, under };
  },

  process(records, state): CmdletOutput {
    const [first] = records;
    if (records.length === 1 && first?.params.Identity === undefined) {
      if (state.search.filter === undefined) throw usageError('MissingMandatoryParameter', coreMessages.MissingMandatoryParameter(['Filter']), 'Filter');
      return scanEntries(state);
    }
    return resolveEntries(
      records.flatMap(({ params, record }) => (params.Identity === undefined ? [] : [{ identity: params.Identity, record }])),
      state,
    );
  },
});

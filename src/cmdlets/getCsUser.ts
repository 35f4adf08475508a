/**
 * Get-CsUser: the users of the directory (the embedded one, or an LDAP server), by identity, OU, LDAP
 * filter or -Filter. The search and its output are in getCsUserOutput.ts.
 */
import { NOT_CONVERTIBLE, StringType, echo, usageError, type ParamType } from '../core/index.js';
import { ADUSER_TYPE, UserId, looksLikeDn } from '../directory/index.js';
import { organizationalUnitNotFound } from '../directory/messages.js';
import { identityParameter } from './parameters.js';
import { ALL_USERS, adUser } from './sampleObjects.js';
import { cmdletMessages } from './messages.js';
import { compileUserFilter, parseLdap, resolveUsers, scanUsers, sqliteLines, type UserSearchState } from './getCsUserOutput.js';
import { defineServiceCmdlet } from './services.js';

/** ADUser's properties, in order (completion offers them downstream). */
const ADUSER_PROPERTIES = ['Identity', 'SipAddress', 'UserPrincipalName', 'SamAccountName', 'DisplayName', 'Enabled', 'RegistrarPool', 'LineUri', 'EnterpriseVoiceEnabled', 'PinPolicy'];

/** -ResultSize: a count from 0 to 2147483647, or Unlimited. */
const ResultSizeType: ParamType<number | 'Unlimited'> = {
  name: 'Unlimited[UInt32]',
  accepts: (value) => value === 'Unlimited' || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2147483647),
  convert: (value) => {
    if (typeof value === 'string' && value.trim().toLowerCase() === 'unlimited') return 'Unlimited';
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 2147483647 ? number : NOT_CONVERTIBLE;
  },
  describe: (text) => `Cannot convert value "${echo(text)}" to type "Unlimited[UInt32]": use a whole number from 0 to 2147483647, or Unlimited.`,
};

export default defineServiceCmdlet({
  services: { directory: true, pins: 'read' },
  name: 'Get-CsUser',
  synopsis: 'Returns information about users who have been enabled for Lync Server or Skype for Business Server.',
  description:
    'Returns the users that have a SIP address (msRTCSIP-PrimaryUserAddress), temporarily disabled accounts included; use -Filter \'{Enabled -eq $True}\' for active accounts only. Users can be picked by Identity, by organizational unit (-OU, child OUs included), by an LDAP filter on any Active Directory attribute (-LdapFilter) or by a filter on the returned properties (-Filter).',
  parameters: {
    Identity: {
      ...identityParameter,
      description: `${identityParameter.description} Without an Identity, Get-CsUser returns every user enabled for Lync Server.`,
    },
    OU: {
      type: StringType,
      description:
        'Distinguished name of an organizational unit (OU) or container; the search includes its child OUs. For the Users container use "cn=Users,dc=litwareinc,dc=com".',
    },
    LdapFilter: {
      type: StringType,
      description:
        'An LDAP filter (RFC 4515) on generic Active Directory attributes, e.g. "Title=Manager", "&(Department=Finance)(Title=Manager)", "|(Title=Supervisor)(Title=Manager)" or "l=Redmond". Cannot be used with -Filter.',
    },
    Filter: {
      type: StringType,
      description:
        'A Where-Object style filter on the returned properties, e.g. \'{Enabled -eq $True}\' or \'{SipAddress -like "*@litwareinc.com"}\'. In bash, single-quote it: bash expands $True in double quotes. Cannot be used with -LdapFilter.',
    },
    DomainController: {
      type: StringType,
      description:
        'The LDAP server to read from, as host or host:port (e.g. dc1.litwareinc.com:3890). It wins over CSPIN_LDAP_URL and `cspin directory set` for the host; the scheme, base and credentials stay those configured.',
    },
    ResultSize: {
      type: ResultSizeType,
      description: 'The maximum number of users to return: 0 to 2147483647, or Unlimited (the default). 0 returns nothing.',
    },
  },
  mutuallyExclusive: [['Filter', 'LdapFilter']],
  inputTypes: ['String value or Microsoft.Rtc.Management.ADConnect.Schema.ADUser object.'],
  outputType: ADUSER_TYPE,
  outputProperties: ADUSER_PROPERTIES,
  examples: [
    {
      title: 'Every enabled user',
      code: 'Get-CsUser',
      remarks: 'Returns information about all the users who have been enabled for Lync Server.',
      expect: { objects: ALL_USERS.map((logon) => adUser(logon)) },
    },
    {
      title: 'One user by domain\\logon',
      code: 'Get-CsUser -Identity "litwareinc\\kenmyer"',
      remarks: 'Returns the user with the Identity litwareinc\\kenmyer.',
      expect: { objects: [adUser('kenmyer')] },
    },
    {
      title: 'Users whose display name ends in Smith',
      code: 'Get-CsUser -Identity "* Smith"',
      remarks: 'The asterisk wildcard works with display names: this returns every user whose display name ends with " Smith".',
      expect: { objects: [adUser('ellens'), adUser('jsmith')] },
    },
    {
      title: 'The users of an OU',
      code: 'Get-CsUser -OU "OU=Finance,DC=litwareinc,DC=com"',
      remarks: 'Returns the users in the Finance OU and its child OUs (Payroll) who have been enabled for Lync Server.',
      expect: { objects: [adUser('kenmyer'), adUser('pilar'), adUser('aidan')] },
    },
    {
      title: 'Managers in the Finance department',
      code: 'Get-CsUser -LdapFilter "&(Department=Finance)(Title=Manager)"',
      remarks: 'An LDAP filter on Active Directory attributes: users whose Department is Finance and whose Title is Manager.',
      expect: { objects: [adUser('kenmyer')] },
    },
    {
      title: 'Users with Enterprise Voice',
      code: "Get-CsUser -Filter '{EnterpriseVoiceEnabled -eq $True}' -ResultSize 3",
      remarks: 'A filter on the returned properties; at most 3 users come back.',
      expect: { objects: [adUser('kenmyer'), adUser('davidl'), adUser('ellens')] },
    },
  ],

  // Usage errors come before the directory is opened.
  check(params) {
    if (params.OU !== undefined && !looksLikeDn(params.OU)) {
      throw usageError('InvalidOrganizationalUnit', cmdletMessages.InvalidOrganizationalUnit(params.OU), params.OU);
    }
    if (params.LdapFilter !== undefined) parseLdap(params.LdapFilter);
    if (params.Filter !== undefined) compileUserFilter(params.Filter);
  },

  async begin(params, _context, services): Promise<Omit<UserSearchState, 'services'>> {
    const search = { base: params.OU, filter: params.LdapFilter === undefined ? undefined : parseLdap(params.LdapFilter) };
    const filter = params.Filter === undefined ? undefined : compileUserFilter(params.Filter);
    const fast = sqliteLines(services.directory, search, params.LdapFilter);
    if (params.OU !== undefined && !(await services.directory.containerExists(params.OU))) throw organizationalUnitNotFound(params.OU);
    const remaining = params.ResultSize === undefined || params.ResultSize === 'Unlimited' ? Infinity : params.ResultSize;
    return { search, filter, remaining, fast, written: 0 };
  },

  process(records, state, context) {
    if (state.remaining <= 0) return [];
    if (records.length === 1 && records[0]?.params.Identity === undefined) return scanUsers(state, context);
    return resolveUsers(records.map(({ params, record }) => ({ identity: params.Identity ?? new UserId(''), record })), state);
  },
});

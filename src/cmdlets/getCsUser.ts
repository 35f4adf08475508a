import {
  JsonLines,
  JsonText,
  NOT_CONVERTIBLE,
  StringType,
  defineCmdlet,
  echo,
  usageError,
  type ErrorRecord,
  type ParamType,
} from '../core/index.js';
import {
  ADUSER_JSON_SQL,
  ADUSER_TYPE,
  IdentityResolver,
  UserId,
  LdapFilterError,
  compileLdapFilter,
  countUserPages,
  containerExists,
  looksLikeDn,
  parseLdapFilter,
  searchUserPages,
  searchUsers,
  subtreeCondition,
  type ADUser,
  type ResolveShape,
  type SqlCondition,
} from '../directory/index.js';
import { identityNotFound, organizationalUnitNotFound } from '../directory/messages.js';
import { identityParameter } from './parameters.js';
import { compileRecordFilter, type RecordFilter } from './recordFilter.js';
import { ALL_USERS, adUser } from './sampleObjects.js';
import { closeSession, openSession, type Session } from './session.js';
import { cmdletMessages } from './messages.js';

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

/** Users per page of a scan: a page's text (~50 KB) stays under glibc's mmap threshold. */
const PAGE_SIZE = 128;

interface State extends Session {
  where: SqlCondition[];
  ou: string | undefined;
  filter: UserFilter | undefined;
  remaining: number;
  resolver: IdentityResolver<string>;
}

const JSON_SHAPE: ResolveShape<string> = {
  select: `u.id, ${ADUSER_JSON_SQL}`,
  row: (values) => values[1] as string,
};

export default defineCmdlet({
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

  begin(params, context): State {
    const where: SqlCondition[] = [];
    if (params.OU !== undefined && !looksLikeDn(params.OU)) {
      throw usageError('InvalidOrganizationalUnit', cmdletMessages.InvalidOrganizationalUnit(params.OU), params.OU);
    }
    if (params.LdapFilter !== undefined) where.push(compileLdap(params.LdapFilter));
    const filter = params.Filter === undefined ? undefined : compileUserFilter(params.Filter);
    const session = openSession(context.env, 'read');
    try {
      checkStatement(session, where);
    } catch (error) {
      closeSession(session);
      throw error;
    }
    const state: State = {
      ...session,
      where,
      ou: params.OU,
      filter,
      remaining: params.ResultSize === undefined || params.ResultSize === 'Unlimited' ? Infinity : params.ResultSize,
      resolver: new IdentityResolver(session.db, scope(where, params.OU), JSON_SHAPE),
    };
    if (params.OU !== undefined && !containerExists(session.db, params.OU)) {
      closeSession(state);
      throw organizationalUnitNotFound(params.OU);
    }
    return state;
  },

  *process(records, state, context) {
    if (state.remaining <= 0) return;
    if (records.length === 1 && records[0]?.params.Identity === undefined) {
      const limit = state.filter || state.remaining === Infinity ? undefined : state.remaining;
      // A scan that needs no row parsed (no -Filter) and no LDAP filter (whose plan a keyset would
      // upset) goes by pages.
      if (!state.filter && state.where.length === 0) {
        context.progressTotal(() => countUserPages(state.db, { ou: state.ou, limit }));
        for (const page of searchUserPages(state.db, { ou: state.ou, limit }, ADUSER_JSON_SQL, PAGE_SIZE)) {
          state.remaining -= page.count;
          yield new JsonLines(page.text, page.count);
        }
        return;
      }
      const rows = searchUsers<string>(state.db, { ou: state.ou, where: combine(state.where), limit }, ADUSER_JSON_SQL, true);
      try {
        yield* limited(rows, state, undefined);
      } finally {
        rows.return?.();
      }
      return;
    }
    const found = state.resolver.resolve(records.map((r) => r.params.Identity ?? new UserId('')));
    for (const [index, { params, record }] of records.entries()) {
      const matches = found.get(index);
      if (!matches) yield identityNotFound(params.Identity?.text ?? '', record);
      else yield* limited(matches, state, record);
    }
  },

  clean(state) {
    closeSession(state);
  },
});

/** -Filter over one user: whether it passes, or the error of a user whose values cannot be compared. */
type UserFilter = RecordFilter;

/** Users as SQLite serialized them: written as they are, parsed only for -Filter. */
function* limited(rows: Iterable<string>, state: State, record: number | undefined): Generator<JsonText | ErrorRecord> {
  for (const json of rows) {
    if (state.remaining <= 0) return;
    if (state.filter) {
      const verdict = state.filter(JSON.parse(json) as ADUser, record);
      if (verdict !== true) {
        if (verdict !== false) yield verdict;
        continue;
      }
    }
    state.remaining--;
    yield new JsonText(json);
  }
}

function compileLdap(text: string): SqlCondition {
  try {
    return compileLdapFilter(parseLdapFilter(text));
  } catch (error) {
    if (error instanceof LdapFilterError) throw usageError(error.errorId, cmdletMessages[error.errorId].parameter('LdapFilter', error.message), echo(text));
    throw error;
  }
}

/**
 * Prepares the search once before anything is read: a filter that SQLite still cannot take (the
 * compiler keeps within its limits, so this is the last guard) is a usage error, not a crash mid-way.
 */
function checkStatement(session: Session, where: SqlCondition[]): void {
  const condition = combine(where);
  if (condition === undefined) return;
  try {
    session.db.prepare(`SELECT 1 FROM users u WHERE ${condition.sql}`);
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'SqliteError') throw error;
    throw usageError('FilterTooComplex', cmdletMessages.FilterTooComplex.query(error.message));
  }
}

function compileUserFilter(text: string): UserFilter {
  return compileRecordFilter(text, 'Filter', (user) => `user "${echo((user as ADUser).Identity)}"`);
}

function combine(conditions: SqlCondition[]): SqlCondition | undefined {
  if (conditions.length === 0) return undefined;
  return { sql: conditions.map((c) => `(${c.sql})`).join(' AND '), params: conditions.flatMap((c) => c.params) };
}

function scope(where: SqlCondition[], ou: string | undefined): SqlCondition | undefined {
  return combine(ou === undefined ? where : [...where, subtreeCondition(ou)]);
}

import { NOT_CONVERTIBLE, SwitchType, TerminatingError, echo, errorRecord, nullableType, type ErrorRecord, type ParamType } from '../core/index.js';
import { ADUSER_TYPE, adUserOf } from '../directory/index.js';
import { parsePerUserPolicyName } from '../pins/index.js';
import { mandatoryIdentityParameter } from './parameters.js';
import { ALL_USERS, REDMOND, adUser } from './sampleObjects.js';
import { defineServiceCmdlet, type Services } from './services.js';
import { checkTargets } from './targets.js';
import { cmdletMessages } from './messages.js';

interface State {
  services: Services;
  /** The policy name without `tag:`, or null to unassign. */
  policyName: string | null;
}

/** A per-user policy name, `Name` or `tag:Name`, as the name without `tag:`; a site name or a wildcard is a usage error. */
const PolicyNameType: ParamType<string> = {
  name: 'String',
  accepts: (value) => typeof value === 'string',
  convert: (value) => {
    const parsed = typeof value === 'string' ? parsePerUserPolicyName(value) : undefined;
    return parsed && 'name' in parsed ? parsed.name : NOT_CONVERTIBLE;
  },
  describe: (text) => {
    const parsed = parsePerUserPolicyName(text);
    return 'problem' in parsed ? parsed.problem : cmdletMessages.CannotConvertArgument.perUserPolicyName(text);
  },
};

function policyNotFound(name: string, record?: number): ErrorRecord {
  return errorRecord({
    errorId: 'PolicyNotFound',
    category: 'ObjectNotFound',
    message: cmdletMessages.PolicyNotFound(name),
    target: name,
    record,
  });
}

export default defineServiceCmdlet({
  services: { directory: true, pins: 'write' },
  name: 'Grant-CsPinPolicy',
  synopsis: 'Assigns a client personal identification number (PIN) policy to a user or group of users.',
  description:
    'PIN policies can be configured at the global or the site scope; in addition, PIN policies can be configured at the per-user scope and then assigned to a user or a specified set of users. In order to assign a per-user policy you must use Grant-CsPinPolicy. A per-user policy takes precedence over the site policy of the user\'s registrar pool, which takes precedence over the global policy.',
  parameters: {
    Identity: mandatoryIdentityParameter,
    PolicyName: {
      type: nullableType(PolicyNameType),
      position: 2,
      description:
        '"Name" of the policy to be assigned: the policy Identity minus the "tag:" prefix (a policy with the Identity tag:Redmond has the PolicyName Redmond). It must name an existing per-user policy. To unassign a per-user policy previously assigned to a user, omit PolicyName or set it to null: in bash, -PolicyName \'$Null\' (quoted), an empty value or -PolicyName: (what an unquoted $Null becomes).',
    },
    PassThru: {
      type: SwitchType,
      description: 'Enables you to pass a user object through the pipeline that represents the user being assigned the policy (the ADUser object Get-CsUser writes). By default, Grant-CsPinPolicy does not pass objects through the pipeline.',
    },
  },
  shouldProcess: { confirmImpact: 'Medium' },
  inputTypes: ['String value, Microsoft.Rtc.Management.ADConnect.Schema.ADUser or Microsoft.Rtc.Management.UserPinService.PinInfoDetails object (any object with an Identity, SipAddress, UserPrincipalName or DistinguishedName property).'],
  outputType: `None; with -PassThru, ${ADUSER_TYPE}.`,
  notes: [
    'A display name without a wildcard that matches several users is refused (AmbiguousIdentity) and changes nothing; a * wildcard assigns the policy to every match.',
    'A PolicyName that can never name a per-user policy (site:Redmond, a wildcard, a name with ":") is a usage error (exit 2); one that names no existing per-user policy is PolicyNotFound (exit 1). Either way no user is changed.',
    'Get-CsUser shows the assignment as PinPolicy: the policy name without "tag:", spelled as the policy is. -DomainController is not supported.',
  ],
  examples: [
    {
      title: 'A per-user policy for one user',
      code: 'New-CsPinPolicy -Identity RedmondUsersPinPolicy && Grant-CsPinPolicy -Identity "kenmyer@litwareinc.com" -PolicyName RedmondUsersPinPolicy',
      remarks: 'Assigns the policy RedmondUsersPinPolicy (created first on the sample directory) to the user kenmyer@litwareinc.com.',
      expect: {
        stdout: '',
        then: { code: 'Get-CsUser -Identity "kenmyer@litwareinc.com"', objects: [adUser('kenmyer', { PinPolicy: 'RedmondUsersPinPolicy' })] },
      },
    },
    {
      title: 'Unassigning a per-user policy',
      code: "New-CsPinPolicy -Identity RedmondUsersPinPolicy && Grant-CsPinPolicy kenmyer@litwareinc.com RedmondUsersPinPolicy && Grant-CsPinPolicy -Identity kenmyer@litwareinc.com -PolicyName '$Null'",
      remarks: "Unassigns any per-user PIN policy previously assigned to the user kenmyer@litwareinc.com: setting the policy name to a null value removes it. In bash quote '$Null' (an unquoted $Null expands to nothing).",
      expect: { stdout: '', then: { code: 'Get-CsUser -Identity "kenmyer@litwareinc.com"', objects: [adUser('kenmyer', { PinPolicy: null })] } },
    },
    {
      title: 'A policy for everyone in a city',
      code: 'New-CsPinPolicy -Identity RedmondUsersPinPolicy && Get-CsUser -LdapFilter "l=Redmond" | Grant-CsPinPolicy -PolicyName RedmondUsersPinPolicy',
      remarks: 'Assigns the policy RedmondUsersPinPolicy to all the users who work in the city of Redmond: Get-CsUser -LdapFilter "l=Redmond" (l, a lowercase L, is the locality) returns them, and Grant-CsPinPolicy assigns each of them the policy.',
      expect: {
        stdout: '',
        then: {
          code: 'Get-CsUser',
          // The users in Seattle keep no policy.
          objects: ALL_USERS.map((logon) => adUser(logon, { PinPolicy: REDMOND.includes(logon) ? 'RedmondUsersPinPolicy' : null })),
        },
      },
    },
    {
      title: 'A policy for everyone without one',
      code: "New-CsPinPolicy -Identity RedmondUsersPinPolicy && Get-CsUser -Filter '{PinPolicy -eq $Null}' | Grant-CsPinPolicy -PolicyName RedmondUsersPinPolicy",
      remarks: 'Assigns the policy RedmondUsersPinPolicy to all the users who have not been assigned a per-user PIN policy (their PinPolicy property is null). Single-quote the filter in bash.',
      expect: {
        stdout: '',
        then: { code: 'Get-CsUser', objects: ALL_USERS.map((logon) => adUser(logon, { PinPolicy: 'RedmondUsersPinPolicy' })) },
      },
    },
    {
      title: 'The user object back (PassThru)',
      code: 'New-CsPinPolicy -Identity RedmondUsersPinPolicy && Grant-CsPinPolicy -Identity "litwareinc\\kenmyer" -PolicyName RedmondUsersPinPolicy -PassThru',
      remarks: 'Assigns the policy and writes the user object, whose PinPolicy is now RedmondUsersPinPolicy.',
      expect: { objects: [adUser('kenmyer', { PinPolicy: 'RedmondUsersPinPolicy' })] },
    },
  ],

  begin(params, _context, services): Omit<State, 'services'> {
    const policyName = params.PolicyName ?? null;
    if (policyName !== null && !services.pins.policies.get(`tag:${policyName}`)) throw new TerminatingError(policyNotFound(policyName));
    return { policyName };
  },

  async *process(records, state, context) {
    const items = records.map((r) => ({ identity: r.params.Identity, record: r.record }));
    const targets = checkTargets(await state.services.directory.resolve(items.map((item) => item.identity)), items);
    for (const [index, target] of targets.entries()) {
      const { params, record } = records[index] ?? {};
      if ('error' in target) {
        yield target.error;
        continue;
      }
      for (const user of target.users) {
        if (!context.shouldProcess(user.sip ?? user.dn)) continue;
        const assigned = state.services.pins.policies.assign(user.key, state.policyName);
        if (!assigned) {
          yield policyNotFound(state.policyName ?? '', record);
          continue;
        }
        const sip = echo(user.sip ?? user.dn);
        context.writeVerbose(assigned.name === null ? `Unassigned the per-user PIN policy of ${sip}.` : `Granted tag:${echo(assigned.name)} to ${sip}.`);
        if (params?.PassThru) yield adUserOf(user, assigned.name);
      }
    }
  },
});

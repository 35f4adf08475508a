import { StringType, usageError } from '../core/index.js';
import { FilterError } from '../core/filterError.js';
import { wildcardRegExp } from '../core/compare.js';
import { configurationNotFound } from '../directory/messages.js';
import { PIN_POLICY_PROPERTIES, PIN_POLICY_TYPE, PolicyIdentityType, pinPolicyObject } from '../pins/index.js';
import { policyState, type PolicySession } from './pinPolicyParameters.js';
import { defineServiceCmdlet } from './services.js';
import { pinPolicy } from './sampleObjects.js';
import { cmdletMessages } from './messages.js';

interface State extends PolicySession {
  filter: RegExp | undefined;
}

export default defineServiceCmdlet({
  services: { pins: 'read' },
  name: 'Get-CsPinPolicy',
  synopsis: 'Returns information about the client personal identification number (PIN) policies configured for use in your organization.',
  description:
    'PIN authentication enables users to access the system by providing a PIN instead of a user name and password. PIN policies manage PIN authentication properties, such as the minimum length for a PIN and whether PINs may use "common patterns" such as consecutive digits (for example, a PIN like 123456). Get-CsPinPolicy retrieves the PIN policies configured at the global, site and per-user scopes.',
  parameters: {
    Identity: {
      type: PolicyIdentityType,
      validateNotNullOrWhiteSpace: true,
      position: 2,
      description:
        'Unique identity assigned to the policy when it was created: Global, site:<Site> (for example, site:Redmond) or, for a per-user policy, tag:<Name> or just the name (for example, RedmondPolicy). Wildcard characters cannot be used with the Identity parameter: use the Filter parameter instead. If neither Identity nor Filter is specified, every PIN policy is returned, Global first.',
    },
    Filter: {
      type: StringType,
      description:
        'Enables you to do a wildcard search for PIN policies: site:* finds all the site policies, site:S* the site policies whose names start with S, tag:* all the per-user policies. This parameter filters on the Identity property only, case-insensitively.',
    },
  },
  mutuallyExclusive: [['Identity', 'Filter']],
  outputType: PIN_POLICY_TYPE,
  outputProperties: PIN_POLICY_PROPERTIES,
  notes: [
    '-LocalStore and -Tenant are not supported: cspin has one store and no online tenants.',
    'The output objects carry Identity, Description, MinPasswordLength, PINHistoryCount, AllowCommonPatterns, PINLifetime and MaximumLogonAttempts, in that order (null for an unset Description or MaximumLogonAttempts).',
  ],
  examples: [
    {
      title: 'All the PIN policies',
      code: 'Get-CsPinPolicy',
      remarks: 'Returns a collection of all the PIN policies configured for use in the organization. Calling Get-CsPinPolicy without any parameters always returns the complete set of PIN policies; on the sample directory that is the default global policy.',
      expect: { objects: [pinPolicy('Global')] },
    },
    {
      title: 'One PIN policy',
      code: 'cspin site set red-cs-001.litwareinc.com Redmond && New-CsPinPolicy -Identity "site:Redmond" && Get-CsPinPolicy -Identity "site:Redmond"',
      remarks: 'Returns a single PIN policy: the policy with the Identity site:Redmond. The sample directory has only the global policy, so the example first puts the pool red-cs-001 in the site Redmond and creates the site policy.',
      expect: { objects: [pinPolicy('site:Redmond')] },
    },
    {
      title: 'The per-user PIN policies',
      code: 'New-CsPinPolicy -Identity RedmondUsersPinPolicy && New-CsPinPolicy -Identity tag:Contractors && Get-CsPinPolicy -Filter "tag:*"',
      remarks: 'Uses the Filter parameter to return all the policies configured at the per-user scope: the filter value "tag:*" returns only the policies whose Identity begins with the characters "tag:".',
      expect: { objects: [pinPolicy('tag:Contractors'), pinPolicy('tag:RedmondUsersPinPolicy')] },
    },
  ],

  check(params) {
    policyFilter(params.Filter);
  },

  begin(params, _context, services): Omit<State, 'services'> {
    return { ...policyState(services), filter: policyFilter(params.Filter) };
  },

  *process(records, state) {
    for (const { params, record } of records) {
      if (params.Identity !== undefined) {
        const policy = state.store.get(params.Identity);
        yield policy ? pinPolicyObject(policy) : configurationNotFound(params.Identity, record);
        continue;
      }
      for (const policy of state.store.list()) {
        if (!state.filter || state.filter.test(policy.identity)) yield pinPolicyObject(policy);
      }
    }
  },

});

/** -Filter as a wildcard; a bad one is a usage error. */
function policyFilter(text: string | undefined): RegExp | undefined {
  try {
    return text === undefined ? undefined : wildcardRegExp(text);
  } catch (error) {
    if (error instanceof FilterError) throw usageError('InvalidFilter', cmdletMessages.InvalidFilter.policyFilter(text, error.reason), text);
    throw error;
  }
}

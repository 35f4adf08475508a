import { NOT_CONVERTIBLE, echo, errorRecord, isPSObject, type PSObject, type ParamType } from '../core/index.js';
import { GLOBAL, PIN_POLICY_TYPE, PolicyIdentityType, readPolicyInstance } from '../pins/index.js';
import { changesOf, checkLifetimeRule, forceParameter, policyState, policyError, policyPropertyParameters, shouldChangePolicy, warnIfSiteHasNoPools, type PolicySession } from './pinPolicyParameters.js';
import { defineServiceCmdlet } from './services.js';
import { pinInfo, pinPolicy } from './sampleObjects.js';

/** A policy object: from the pipeline, or as JSON text on the command line. */
const PSObjectType: ParamType<PSObject> = {
  name: 'PSObject',
  accepts: isPSObject,
  convert: (value) => (isPSObject(value) ? value : NOT_CONVERTIBLE),
  parse: (text) => {
    try {
      const value: unknown = JSON.parse(text);
      return isPSObject(value) ? value : NOT_CONVERTIBLE;
    } catch {
      return NOT_CONVERTIBLE;
    }
  },
  describe: (text) => `Cannot convert value "${echo(text)}" to type "PSObject": give a policy object as JSON, or pipe the objects Get-CsPinPolicy writes.`,
};

export default defineServiceCmdlet({
  services: { pins: 'write' },
  name: 'Set-CsPinPolicy',
  synopsis: 'Modifies one or more existing client personal identification number (PIN) policies.',
  description:
    'PIN authentication enables users to access the system by providing a PIN instead of a user name and password. PIN policies can be configured at the global, site and per-user scopes; Set-CsPinPolicy modifies the property values of any of them. Each policy is changed in one transaction, and the combination rule (a PINLifetime greater than 0 needs a PINHistoryCount greater than 0) is checked on the policy that results.',
  parameters: {
    Identity: {
      type: PolicyIdentityType,
      validateNotNullOrWhiteSpace: true,
      position: 2,
      description:
        'Unique identifier assigned to the policy when it was created: Global, site:<Site> (for example, site:Redmond) or a per-user policy, tag:<Name> or just the name (for example, RedmondPinPolicy). If you do not specify an Identity (or an Instance), Set-CsPinPolicy modifies the global policy.',
    },
    Instance: {
      type: PSObjectType,
      valueFromPipeline: true,
      description:
        'Allows you to pass a reference to an object to the cmdlet rather than set individual parameter values: the policy objects that Get-CsPinPolicy (or New-CsPinPolicy -InMemory) writes. The object names the policy by its Identity; its property values are stored, then the property parameters given on the command line override them. A site or per-user policy that does not exist yet is created from it.',
    },
    ...policyPropertyParameters,
    Force: forceParameter,
  },
  mutuallyExclusive: [['Identity', 'Instance']],
  shouldProcess: { confirmImpact: 'Medium' },
  inputTypes: [`${PIN_POLICY_TYPE} object (any object with an Identity property and some of the policy properties).`],
  outputType: 'None.',
  notes: [
    'Like the Microsoft cmdlet, Set-CsPinPolicy writes nothing to stdout; -Verbose says what it changed and Get-CsPinPolicy reads the policy back.',
    'A command line whose own values break the rule (-PINLifetime 30 -PINHistoryCount 0) is a usage error (exit 2) and changes nothing; a value that breaks it together with the stored policy\'s other value is a PinLifetimeRequiresHistory error for that policy (exit 1), which is left unchanged.',
    'Policy objects piped in bind to -Instance, so `Get-CsPinPolicy > policies.ndjson` and later `Set-CsPinPolicy < policies.ndjson` restores the saved values (and re-creates removed site and per-user policies). -Tenant is not supported.',
  ],
  examples: [
    {
      title: 'A longer minimum PIN for a site',
      code: 'cspin site set red-cs-001.litwareinc.com Redmond && New-CsPinPolicy -Identity site:Redmond && Set-CsPinPolicy -Identity site:Redmond -MinPasswordLength 10',
      remarks: 'Modifies the PIN policy assigned to the Redmond site (created first on the sample directory): new PINs will have to contain at least 10 digits.',
      expect: {
        stdout: '',
        then: { code: 'Get-CsPinPolicy', objects: [pinPolicy('Global'), pinPolicy('site:Redmond', { MinPasswordLength: 10 })] },
      },
    },
    {
      title: 'Two properties of a per-user policy',
      code: "New-CsPinPolicy -Identity RedmondUsersPinPolicy && Set-CsPinPolicy -Identity RedmondUsersPinPolicy -MinPasswordLength 10 -AllowCommonPatterns '$True'",
      remarks: "Modifies the MinPasswordLength and AllowCommonPatterns properties of the per-user PIN policy RedmondUsersPinPolicy. In bash, quote '$True' (or write True): an unquoted $True expands to nothing.",
      expect: {
        stdout: '',
        then: { code: 'Get-CsPinPolicy', objects: [pinPolicy('Global'), pinPolicy('tag:RedmondUsersPinPolicy', { MinPasswordLength: 10, AllowCommonPatterns: true })] },
      },
    },
    {
      title: 'Every policy at once',
      code: 'Get-CsPinPolicy | Set-CsPinPolicy -MinPasswordLength 10 && Get-CsPinPolicy',
      remarks: 'Changes the MinPasswordLength of all the PIN policies configured for use in the organization: Get-CsPinPolicy retrieves them all, and Set-CsPinPolicy modifies each policy in the collection.',
      expect: { objects: [pinPolicy('Global', { MinPasswordLength: 10 })] },
    },
    {
      title: 'PINs that expire after 30 days (cspin example)',
      code: 'Set-CsPinPolicy -PINHistoryCount 1 -PINLifetime 30 && Get-CsClientPinInfo -Identity "litwareinc\\kenmyer"',
      remarks: 'Without an Identity, Set-CsPinPolicy changes the global policy. A lifetime needs a history of at least 1. Get-CsClientPinInfo then reports a PinExpirationTime 30 days after the last PIN change.',
      // Ken Myer's PIN changed on 2012-09-25T13:35:03Z; 30 days later.
      expect: { objects: [pinInfo('kenmyer', { PinExpirationTime: '2012-10-25T13:35:03.000Z' })] },
    },
    {
      title: 'Back to the computed logon limit (cspin example)',
      code: "Set-CsPinPolicy -MaximumLogonAttempts 25 && Set-CsPinPolicy -MaximumLogonAttempts '$null'",
      remarks: "Sets a local logon limit of 25 on the global policy, then clears it again. In bash, '$null' (quoted), an empty value or -MaximumLogonAttempts: sets null.",
      expect: { stdout: '', then: { code: 'Get-CsPinPolicy', objects: [pinPolicy('Global', { MaximumLogonAttempts: null })] } },
    },
  ],

  check(params) {
    checkLifetimeRule(changesOf(params), false);
  },

  begin(_params, _context, services): Omit<PolicySession, 'services'> {
    return policyState(services);
  },

  *process(records, state, context) {
    for (const { params, record } of records) {
      let identity = params.Identity ?? GLOBAL;
      let changes = changesOf(params);
      if (params.Instance) {
        const instance = readPolicyInstance(params.Instance);
        if ('problem' in instance) {
          yield errorRecord({ errorId: instance.errorId, category: 'InvalidData', message: instance.problem, target: params.Instance, record });
          continue;
        }
        identity = instance.identity;
        changes = { ...instance.changes, ...changes };
      }
      const outcome = shouldChangePolicy(context, identity, (write) => state.store.update(identity, changes, params.Instance !== undefined, write));
      if (!outcome) continue;
      if (!outcome.ok) {
        yield policyError(outcome, identity, record);
        continue;
      }
      context.writeVerbose(`${outcome.created ? 'Created' : 'Changed'} the PIN policy ${echo(outcome.policy.identity)}.`);
      if (outcome.created && !params.Force) warnIfSiteHasNoPools(state, identity, context);
    }
  },

});

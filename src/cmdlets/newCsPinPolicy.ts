import { SwitchType, echo } from '../core/index.js';
import {
  GLOBAL,
  PIN_POLICY_TYPE,
  POLICY_DEFAULTS,
  PolicyIdentityType,
  lifetimeRuleViolation,
  pinPolicyObject,
} from '../pins/index.js';
import { changesOf, checkLifetimeRule, forceParameter, policyState, policyError, policyPropertyParameters, shouldChangePolicy, warnIfSiteHasNoPools, type PolicySession } from './pinPolicyParameters.js';
import { defineServiceCmdlet } from './services.js';
import { pinPolicy } from './sampleObjects.js';

export default defineServiceCmdlet({
  services: { pins: 'write' },
  name: 'New-CsPinPolicy',
  synopsis: 'Creates a new client personal identification number (PIN) policy.',
  description:
    'PIN authentication enables users to access the system by providing a PIN instead of a user name and password. PIN policies manage PIN authentication properties, such as the minimum length for a PIN and whether PINs may use "common patterns" such as consecutive digits. New-CsPinPolicy creates PIN policies at the site or the per-user scope. There is also a global PIN policy; however, you cannot create a second global PIN policy: all you can do is modify the existing one.',
  parameters: {
    Identity: {
      type: PolicyIdentityType,
      validateNotNullOrWhiteSpace: true,
      mandatory: true,
      position: 2,
      description:
        'Indicates the unique Identity to be assigned to the policy. To create a policy at the site scope use -Identity site:Redmond; to create a policy at the per-user scope use -Identity RedmondPinPolicy (the same as tag:RedmondPinPolicy).',
    },
    ...policyPropertyParameters,
    Force: forceParameter,
    InMemory: {
      type: SwitchType,
      description:
        'Creates an object reference without actually committing the object as a permanent change: the policy object is written to stdout and nothing is stored. Pipe it to Set-CsPinPolicy, which creates the policy from it.',
    },
  },
  shouldProcess: { confirmImpact: 'Medium' },
  outputType: `None; with -InMemory, ${PIN_POLICY_TYPE}.`,
  notes: [
    'Like the Microsoft cmdlet, New-CsPinPolicy writes nothing to stdout (use -Verbose to see what it did, Get-CsPinPolicy to read the policy back), except with -InMemory.',
    'A policy whose PINLifetime is greater than 0 needs a PINHistoryCount greater than 0: such a command fails with PinLifetimeRequiresHistory, a usage error (exit 2), and creates nothing.',
    'Creating a site policy for a site that no registrar pool is in warns (cspin site set maps pools to sites); -Force or -WarningAction SilentlyContinue silences the warning. -Tenant is not supported.',
  ],
  examples: [
    {
      title: 'A site policy with a longer minimum PIN',
      code: 'cspin site set red-cs-001.litwareinc.com Redmond && New-CsPinPolicy -Identity "site:Redmond" -MinPasswordLength 10',
      remarks:
        'Creates a new PIN policy with the Identity site:Redmond; MinPasswordLength is set to 10 and all the remaining policy properties get their default values. The sample directory has no sites, so the example first puts the pool red-cs-001.litwareinc.com in the site Redmond.',
      expect: {
        stdout: '',
        then: { code: 'Get-CsPinPolicy', objects: [pinPolicy('Global'), pinPolicy('site:Redmond', { MinPasswordLength: 10 })] },
      },
    },
    {
      title: 'A site policy with three property values',
      code: 'cspin site set red-cs-001.litwareinc.com Redmond && New-CsPinPolicy -Identity "site:Redmond" -MinPasswordLength 10 -PINHistoryCount 10 -PINLifetime 30 && Get-CsPinPolicy -Identity site:Redmond',
      remarks: 'Creates a new policy with the Identity site:Redmond and explicitly configures MinPasswordLength, PINHistoryCount and PINLifetime; Get-CsPinPolicy then shows it.',
      expect: { objects: [pinPolicy('site:Redmond', { MinPasswordLength: 10, PINHistoryCount: 10, PINLifetime: 30 })] },
    },
    {
      title: 'A policy built in memory, then created by Set-CsPinPolicy',
      code: 'cspin site set red-cs-001.litwareinc.com Redmond && New-CsPinPolicy -Identity "site:Redmond" -InMemory | Set-CsPinPolicy -MinPasswordLength 10 -PINHistoryCount 10 -PINLifetime 30',
      remarks:
        'New-CsPinPolicy -InMemory writes the policy object without storing it; Set-CsPinPolicy takes it from the pipeline (its Instance parameter), changes three properties and turns the in-memory policy into an actual PIN policy.',
      expect: {
        stdout: '',
        then: { code: 'Get-CsPinPolicy', objects: [pinPolicy('Global'), pinPolicy('site:Redmond', { MinPasswordLength: 10, PINHistoryCount: 10, PINLifetime: 30 })] },
      },
    },
    {
      title: 'A per-user policy',
      code: 'New-CsPinPolicy -Identity RedmondUsersPinPolicy -MinPasswordLength 7 -AllowCommonPatterns False',
      remarks: 'Creates the per-user policy tag:RedmondUsersPinPolicy, which Grant-CsPinPolicy can then assign to users. (In bash, write True or False, or quote \'$False\'.)',
      expect: {
        stdout: '',
        then: { code: 'Get-CsPinPolicy', objects: [pinPolicy('Global'), pinPolicy('tag:RedmondUsersPinPolicy', { MinPasswordLength: 7, AllowCommonPatterns: false })] },
      },
    },
  ],

  check(params) {
    checkLifetimeRule(changesOf(params), true);
  },

  begin(_params, _context, services): Omit<PolicySession, 'services'> {
    return policyState(services);
  },

  *process(records, state, context) {
    for (const { params, record } of records) {
      const identity = params.Identity;
      const changes = changesOf(params);
      if (params.InMemory) {
        if (identity === GLOBAL) {
          yield policyError({ ok: false, reason: 'GlobalExists' }, identity, record);
          continue;
        }
        const policy = { identity, ...POLICY_DEFAULTS, ...changes };
        const problem = lifetimeRuleViolation(policy);
        yield problem ? policyError({ ok: false, reason: 'LifetimeNeedsHistory', message: problem }, identity, record) : pinPolicyObject(policy);
        continue;
      }
      const outcome = shouldChangePolicy(context, identity, (write) => state.store.create(identity, changes, write));
      if (!outcome) continue;
      if (!outcome.ok) {
        yield policyError(outcome, identity, record);
        continue;
      }
      context.writeVerbose(`Created the PIN policy ${echo(identity)}.`);
      if (!params.Force) warnIfSiteHasNoPools(state, identity, context);
    }
  },

});

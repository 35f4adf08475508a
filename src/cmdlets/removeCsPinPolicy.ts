import { echo } from '../core/index.js';
import { configurationNotFound } from '../directory/messages.js';
import { PIN_POLICY_TYPE, PolicyIdentityType } from '../pins/index.js';
import { forceParameter, policyState, shouldChangePolicy, type PolicySession } from './pinPolicyParameters.js';
import { defineServiceCmdlet } from './services.js';
import { pinPolicy } from './sampleObjects.js';

export default defineServiceCmdlet({
  services: { pins: 'write' },
  name: 'Remove-CsPinPolicy',
  synopsis: 'Removes the specified personal identification number (PIN) policy.',
  description:
    'Remove-CsPinPolicy removes PIN policies configured at the site or the per-user scope: they are deleted, and the users they applied to inherit the next policy in the hierarchy (per-user, then site, then global). A per-user policy is also unassigned from every user it was granted to, in the same transaction. The global policy cannot be deleted: removing it resets all its properties to their default values (for example, a minimum PIN length of 11 goes back to 5).',
  parameters: {
    Identity: {
      type: PolicyIdentityType,
      validateNotNullOrWhiteSpace: true,
      mandatory: true,
      position: 2,
      valueFromPipelineByPropertyName: true,
      description:
        'Unique identifier assigned to the policy when it was created: Global, site:<Site> (for example, site:Redmond) or a per-user policy, tag:<Name> or just the name (for example, RedmondPINPolicy).',
    },
    Force: forceParameter,
  },
  shouldProcess: { confirmImpact: 'Medium' },
  inputTypes: [`${PIN_POLICY_TYPE} object (any object with an Identity property).`],
  outputType: 'None.',
  notes: [
    'ConfirmImpact is Medium, as for the other policy cmdlets: Remove-CsPinPolicy does not prompt unless -Confirm is given, so the documented pipelines run unattended; -WhatIf shows what would be removed.',
    'Removing a per-user policy that is granted to users clears their PinPolicy and warns how many users were affected (-Force or -WarningAction SilentlyContinue silences the warning). -Tenant is not supported.',
  ],
  examples: [
    {
      title: 'A per-user policy',
      code: 'New-CsPinPolicy -Identity RedmondUsersPinPolicy && Remove-CsPinPolicy -Identity RedmondUsersPinPolicy',
      remarks: 'Removes the per-user PIN policy with the Identity RedmondUsersPinPolicy (created first on the sample directory).',
      expect: { stdout: '', then: { code: 'Get-CsPinPolicy', objects: [pinPolicy('Global')] } },
    },
    {
      title: 'Every site policy',
      code: 'cspin site set red-cs-001.litwareinc.com Redmond && New-CsPinPolicy -Identity site:Redmond && Get-CsPinPolicy -Filter "site:*" | Remove-CsPinPolicy && Get-CsPinPolicy',
      remarks: 'Removes all the PIN policies configured at the site scope: Get-CsPinPolicy -Filter "site:*" returns the policies whose Identity begins with "site:", and Remove-CsPinPolicy deletes each of them. Only the global policy is left.',
      expect: { objects: [pinPolicy('Global')] },
    },
    {
      title: 'Every policy, the global one reset',
      code: 'Set-CsPinPolicy -MinPasswordLength 11 && New-CsPinPolicy -Identity Contractors && Get-CsPinPolicy | Remove-CsPinPolicy && Get-CsPinPolicy',
      remarks: 'Deletes all the PIN policies configured at the per-user and site scopes. The global policy is in the collection too, but it is not deleted: all its properties are reset to their default values (MinPasswordLength goes back from 11 to 5).',
      expect: { objects: [pinPolicy('Global')] },
    },
  ],

  begin(_params, _context, services): Omit<PolicySession, 'services'> {
    return policyState(services);
  },

  *process(records, state, context) {
    for (const { params, record } of records) {
      const identity = params.Identity;
      const outcome = shouldChangePolicy(context, identity, (write) => state.store.remove(identity, write));
      if (!outcome) continue;
      if (!outcome.ok) {
        yield configurationNotFound(identity, record);
        continue;
      }
      context.writeVerbose(outcome.reset ? 'Reset the global PIN policy to its default values.' : `Removed the PIN policy ${echo(identity)}.`);
      if (outcome.unassigned > 0 && !params.Force) {
        context.writeWarning(`The PIN policy ${echo(identity)} was granted to ${outcome.unassigned} user(s); their PinPolicy is now empty, so their site or global policy applies.`);
      }
    }
  },

});

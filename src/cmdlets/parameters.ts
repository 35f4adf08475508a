/** Parameters that several cmdlets declare the same way. */
import type { ParameterDecl } from '../core/index.js';
import { UserIdParameterType, type UserId } from '../directory/index.js';

const IDENTITY_DESCRIPTION =
  'Indicates the Identity of the user account. User Identities can be specified by using one of four formats: 1) the user\'s SIP address; 2) the user\'s user principal name (UPN); 3) the user\'s domain name and logon name, in the form domain\\logon (for example, litwareinc\\kenmyer); and, 4) the user\'s Active Directory display name (for example, Ken Myer). You can also reference a user account by using the user\'s Active Directory distinguished name. You can use the asterisk (*) wildcard character when using the Display Name as the user Identity. For example, the Identity "* Smith" returns all the users who have a display name that ends with the string value " Smith". cspin extension: the aliases SipAddress, UserPrincipalName and DistinguishedName let rows of AD exports bind by property name.';

/** Pipeline-capable -Identity, position 1, with the export-friendly aliases. */
export const identityParameter = {
  type: UserIdParameterType,
  description: IDENTITY_DESCRIPTION,
  position: 1,
  valueFromPipeline: true,
  valueFromPipelineByPropertyName: true,
  aliases: ['SipAddress', 'UserPrincipalName', 'DistinguishedName'],
} as const satisfies ParameterDecl<UserId>;

/** The same, mandatory. */
export const mandatoryIdentityParameter = { ...identityParameter, mandatory: true } as const satisfies ParameterDecl<UserId>;

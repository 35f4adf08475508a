/** Parameters that several cmdlets declare the same way. */
import { usageError, type ParameterDecl } from '../core/index.js';
import { UserIdParameterType, type UserId } from '../directory/index.js';
import { isPinFormat } from '../pins/index.js';
import { cmdletMessages } from './messages.js';


/**
 * Checks a -Pin given on the command line, before anything is read: one that is not a PIN is a
 * usage error (exit 2) in every cmdlet that takes one. A piped Pin is checked per record instead.
 * @param params the command line's parameters (Pin absent when it comes from the pipeline)
 * @throws TerminatingError InvalidPinFormat, exit status 2
 */
export function checkPinArgument(params: { Pin?: string | undefined }): void {
  if (params.Pin !== undefined && !isPinFormat(params.Pin)) throw usageError('InvalidPinFormat', cmdletMessages.InvalidPinFormat.argument);
}

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
  // '' and '  ' name nobody: a usage error on the command line, a record's error in the pipeline.
  validateNotNullOrWhiteSpace: true,
} as const satisfies ParameterDecl<UserId>;

/** The same, mandatory. */
export const mandatoryIdentityParameter = { ...identityParameter, mandatory: true } as const satisfies ParameterDecl<UserId>;

/**
 * Errors about users and containers, with Lync's wording where it is known. An identity is shown
 * through {@link shownIdentity}: escaped and cut, and never with digits that could be a PIN.
 */
import { TerminatingError, echo, errorRecord, redact, DIGITS_HIDDEN, type ErrorRecord } from '../core/index.js';

/** How many candidates an ambiguity error names; the rest are counted. */
const CANDIDATES_SHOWN = 3;

/**
 * A user identity as messages show it, in every cmdlet: `"kenmyer"`, or for an identity that could be a
 * PIN (only digits, or a run of 4+ digits standing alone, as in a `user,PIN` line piped by mistake)
 * `"<8 digits>" (digits not shown: they could be a PIN)`.
 * @param identity the identity as given
 * @returns the quoted text, and the target for JSON errors (the same text, unquoted)
 */
export function shownIdentity(identity: string): { quoted: string; target: string } {
  const { text, hidden } = redact(identity);
  return { quoted: `"${text}"${hidden ? DIGITS_HIDDEN : ''}`, target: text };
}

/**
 * The documented not-found error: `Management object not found for identity "<value>".`
 * @param identity the user identity as given
 * @param record the input line, if any
 * @returns a non-terminating error record
 */
export function identityNotFound(identity: string, record?: number): ErrorRecord {
  const { quoted, target } = shownIdentity(identity);
  return notFound(quoted, target, record);
}

/**
 * The same error for a configuration object (a PIN policy): its identity is shown as it is, escaped.
 * @param identity the canonical policy identity
 * @param record the input line, if any
 * @returns a non-terminating error record
 */
export function configurationNotFound(identity: string, record?: number): ErrorRecord {
  return notFound(`"${echo(identity)}"`, identity, record);
}

function notFound(quoted: string, target: string, record: number | undefined): ErrorRecord {
  return errorRecord({
    errorId: 'ManagementObjectNotFound',
    category: 'ObjectNotFound',
    message: `Management object not found for identity ${quoted}.`,
    target,
    record,
  });
}

/**
 * A non-wildcard identity that names several users.
 * @param identity the identity as given
 * @param candidates the DNs of the users it matches
 * @param record the input line, if any
 * @returns a non-terminating error record
 */
export function ambiguousIdentity(identity: string, candidates: readonly string[], record?: number): ErrorRecord {
  const { quoted, target } = shownIdentity(identity);
  const shown = candidates.slice(0, CANDIDATES_SHOWN).map((dn) => `"${echo(dn)}"`);
  if (candidates.length > CANDIDATES_SHOWN) shown.push(`and ${candidates.length - CANDIDATES_SHOWN} more`);
  return errorRecord({
    errorId: 'AmbiguousIdentity',
    category: 'InvalidArgument',
    message: `Identity ${quoted} matches ${candidates.length} users, so nothing was changed: ${shown.join(', ')}. Use the SIP address, user principal name or distinguished name, or a * wildcard to act on all of them.`,
    target,
    record,
  });
}

/**
 * An -OU that names no container in the directory.
 * @param ou the DN given
 * @returns a terminating error (exit status 1)
 */
export function organizationalUnitNotFound(ou: string): TerminatingError {
  return new TerminatingError({
    errorId: 'OrganizationalUnitNotFound',
    category: 'ObjectNotFound',
    message: `Management object not found for identity "${echo(ou)}": no organizational unit or container has that distinguished name.`,
    target: ou,
  });
}

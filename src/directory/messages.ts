/** Errors about users and containers, with Lync's wording where it is known. */
import { TerminatingError, errorRecord, type ErrorRecord } from '../core/index.js';

/**
 * The documented not-found error: `Management object not found for identity "<value>".`
 * @param identity the identity as given
 * @param record the input line, if any
 * @returns a non-terminating error record
 */
export function identityNotFound(identity: string, record?: number): ErrorRecord {
  return errorRecord({
    errorId: 'ManagementObjectNotFound',
    category: 'ObjectNotFound',
    message: `Management object not found for identity "${identity}".`,
    target: identity,
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
    message: `Management object not found for identity "${ou}": no organizational unit or container has that distinguished name.`,
    target: ou,
  });
}

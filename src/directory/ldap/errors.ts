/** Errors raised while parsing or compiling an LDAP filter. */
import { directoryMessages } from '../messages.js';

/**
 * The stable id of an LDAP filter error: a malformed filter (InvalidLdapFilter), one nested deeper
 * than the limit (FilterTooDeep), or one beyond what one SQLite statement can hold (FilterTooComplex).
 */
export type LdapFilterErrorId = 'InvalidLdapFilter' | 'FilterTooDeep' | 'FilterTooComplex';

/**
 * A malformed or unsupported LDAP filter. `position` is a 0-based index into the text the user
 * typed (never into a wrapped or trimmed copy), so callers can point at the offending character;
 * -1 when the error concerns the filter as a whole. Text of the filter in `reason` is escaped and cut.
 */
export class LdapFilterError extends Error {
  /** 0-based index into the original filter text, or -1. */
  readonly position: number;
  /** What went wrong, without the "Invalid LDAP filter at position N" prefix. */
  readonly reason: string;
  /** The id the cmdlet reports it under. */
  readonly errorId: LdapFilterErrorId;

  constructor(position: number, reason: string, errorId: LdapFilterErrorId = 'InvalidLdapFilter') {
    super(position >= 0 ? directoryMessages.InvalidLdapFilter.at(position, reason) : directoryMessages.InvalidLdapFilter.whole(reason));
    this.name = 'LdapFilterError';
    this.position = position;
    this.reason = reason;
    this.errorId = errorId;
  }
}

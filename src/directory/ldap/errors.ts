/** Errors raised while parsing an LDAP filter. */

/**
 * A malformed or unsupported LDAP filter. `position` is a 0-based index into the text the user
 * typed (never into a wrapped or trimmed copy), so callers can point at the offending character.
 */
export class LdapFilterError extends Error {
  /** 0-based index into the original filter text. */
  readonly position: number;
  /** What went wrong, without the "Invalid LDAP filter at position N" prefix. */
  readonly reason: string;

  constructor(position: number, reason: string) {
    super(`Invalid LDAP filter at position ${position}: ${reason}`);
    this.name = 'LdapFilterError';
    this.position = position;
    this.reason = reason;
  }
}

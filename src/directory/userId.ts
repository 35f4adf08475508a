/**
 * UserIdParameter: the identity forms every user cmdlet accepts (SIP address, UPN, domain\logon, DN,
 * display name with optional * wildcards), and how pipeline values convert to one.
 */
import { NOT_CONVERTIBLE, isPSObject, type ParamType } from '../core/index.js';
import { ADUSER_TYPE } from './adUser.js';
import { dnKey, looksLikeDn } from './dn.js';

/** An identity as the user gave it. */
export class UserId {
  /** @param text the identity text */
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** How an identity is looked up: which indexed key, and its value. */
export type IdentityForm =
  | { kind: 'sip' | 'upn' | 'logon' | 'dn' | 'display'; key: string }
  | { kind: 'displayWildcard'; glob: string };

/**
 * Recognises the form of an identity.
 * @param text the identity text
 * @returns its form and lookup key
 */
export function classifyIdentity(text: string): IdentityForm {
  const value = text.trim();
  const folded = value.toLowerCase();
  if (folded.startsWith('sip:')) return { kind: 'sip', key: folded };
  if (value.includes('*')) return { kind: 'displayWildcard', glob: toGlob(folded) };
  // DN before domain\logon: "CN=Smith\,John,OU=IT,DC=x" has the logon shape too; '=' is never in a logon.
  if (looksLikeDn(value)) return { kind: 'dn', key: dnKey(value) };
  if (/^[^\\\s]+\\[^\\\s]+$/.test(value)) return { kind: 'logon', key: folded };
  if (/^[^@\s]+@[^@\s]+$/.test(value)) return { kind: 'upn', key: folded };
  return { kind: 'display', key: folded };
}

/** `*` stays a wildcard; GLOB's other metacharacters are literal in display names. */
function toGlob(folded: string): string {
  return folded.replace(/[?[]/g, (ch) => `[${ch}]`);
}

/** The UserIdParameter type: strings convert; an ADUser object converts to its Identity (its DN). */
export const UserIdParameterType: ParamType<UserId> = {
  name: 'UserIdParameter',
  accepts: (value) => value instanceof UserId,
  convert: (value) => {
    if (value instanceof UserId) return value;
    if (typeof value === 'string') return new UserId(value);
    if (typeof value === 'number') return new UserId(String(value));
    if (isPSObject(value) && value.PSTypeName === ADUSER_TYPE) {
      // The SIP address names the same user as the DN, and its index is smaller.
      const identity = nonEmpty(value.SipAddress) ?? nonEmpty(value.Identity);
      if (identity !== undefined) return new UserId(identity);
    }
    return NOT_CONVERTIBLE;
  },
};

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

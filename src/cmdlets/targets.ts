/**
 * The users a state-changing cmdlet acts on, per record: like the Get-* cmdlets, except that a
 * display name without a wildcard that matches several users is refused (PowerShell's single-user
 * cmdlets fail and change nothing); a deliberate wildcard acts on every match.
 */
import type { ErrorRecord } from '../core/index.js';
import { classifyIdentity, type IdentityResolver, type UserId } from '../directory/index.js';
import { ambiguousIdentity, identityNotFound } from '../directory/messages.js';

/** What one record resolves to: its users, or the error to write instead. */
export type Targets<Row> = { users: Row[] } | { error: ErrorRecord };

/**
 * Resolves a chunk's identities in one query and checks each for ambiguity.
 * @param resolver the resolver (its shape must select the DN, to name the candidates)
 * @param items each record's identity and input line
 * @returns per item, in order, its users or an error (not found, ambiguous)
 */
export function resolveTargets<Row extends { dn: string }>(
  resolver: IdentityResolver<Row>,
  items: readonly { identity: UserId; record?: number }[],
): Targets<Row>[] {
  const found = resolver.resolve(items.map((item) => item.identity));
  return items.map(({ identity, record }, index) => {
    const users = found.get(index);
    if (!users) return { error: identityNotFound(identity.text, record) };
    if (users.length > 1 && classifyIdentity(identity.text).kind !== 'displayWildcard') {
      return { error: ambiguousIdentity(identity.text, users.map((u) => u.dn), record) };
    }
    return { users };
  });
}

/**
 * The users a state-changing cmdlet acts on, per record: like the Get-* cmdlets, except that a
 * display name without a wildcard that matches several users is refused (PowerShell's single-user
 * cmdlets fail and change nothing); a deliberate wildcard acts on every match.
 */
import type { ErrorRecord } from '../core/index.js';
import { classifyIdentity, type DirectoryUser, type UserId } from '../directory/index.js';
import { ambiguousIdentity, identityNotFound } from '../directory/messages.js';
import { pinTargetOf, type PinTargetRow } from '../pins/index.js';
import type { Services } from './services.js';

/** What one record resolves to: its users, or the error to write instead. */
export type Targets<Row> = { users: Row[] } | { error: ErrorRecord };

/** A record's identity and input line. */
export interface TargetItem {
  identity: UserId;
  record?: number;
}

/**
 * Checks each record's matches for ambiguity.
 * @param found input index → matches (as UserDirectory.resolve gives them)
 * @param items each record's identity and input line
 * @returns per item, in order, its users or an error (not found, ambiguous)
 */
export function checkTargets<Row extends { dn: string }>(found: Map<number, Row[]>, items: readonly TargetItem[]): Targets<Row>[] {
  return items.map(({ identity, record }, index) => {
    const users = found.get(index);
    if (!users) return { error: identityNotFound(identity.text, record) };
    if (users.length > 1 && classifyIdentity(identity.text).kind !== 'displayWildcard') {
      return { error: ambiguousIdentity(identity.text, users.map((u) => u.dn), record) };
    }
    return { users };
  });
}

/**
 * Resolves a chunk's identities with their PIN state: one joined lookup when the store holds the
 * directory too, else one directory lookup and one PIN-state read for the chunk.
 * @param services the directory and the PIN store
 * @param items each record's identity and input line
 * @returns per item, in order, its users or an error
 */
export async function resolvePinTargets(services: Services, items: readonly TargetItem[]): Promise<Targets<PinTargetRow>[]> {
  const ids = items.map((item) => item.identity);
  const views = services.pins.joinedWith?.(services.directory);
  if (views) return checkTargets(views.targets.resolve(ids), items);
  const found = await services.directory.resolve(ids);
  const states = await services.pins.states(keysOf(found));
  const rows = new Map([...found].map(([index, users]) => [index, users.flatMap((user) => pinTargetOf(user, states.get(user.key)) ?? [])]));
  return checkTargets(rows, items);
}

/**
 * The distinct keys of a lookup's users.
 * @param found what UserDirectory.resolve gave
 * @returns the keys
 */
export function keysOf(found: Map<number, readonly DirectoryUser[]>): string[] {
  return [...new Set([...found.values()].flatMap((users) => users.map((user) => user.key)))];
}

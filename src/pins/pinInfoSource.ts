/**
 * Get-CsClientPinInfo's output for any directory and PIN store: a chunk's identities resolved in one
 * directory lookup, their PIN states read in one call, then one PinInfoDetails line per user.
 */
import { JsonText } from '../core/index.js';
import type { DirectoryUser, UserDirectory } from '../directory/index.js';
import { identityNotFound } from '../directory/messages.js';
import { pinInfoJson, type PinInfoRow } from './pinInfo.js';
import type { IdentityItem, PinInfoSource, PinStore, StoredPin } from './pinStore.js';
import type { PolicyResolver } from './policy.js';
import { pinTargetOf } from './pinTarget.js';

type ShouldProcess = (target: string) => boolean;

/** The generic PinInfoSource (no joined fast path). */
export class GenericPinInfo implements PinInfoSource {
  readonly #directory: UserDirectory;
  readonly #pins: PinStore;
  readonly #policies: PolicyResolver;

  /**
   * @param directory where the users are
   * @param pins where their PIN states are
   * @param policies the policies, loaded once
   */
  constructor(directory: UserDirectory, pins: PinStore, policies: PolicyResolver) {
    this.#directory = directory;
    this.#pins = pins;
    this.#policies = policies;
  }

  async chunk(items: readonly IdentityItem[], shouldProcess: ShouldProcess): Promise<unknown[]> {
    const found = await this.#directory.resolve(items.map((item) => item.identity));
    const keys = [...new Set([...found.values()].flatMap((users) => users.map((user) => user.key)))];
    const states = await this.#pins.states(keys);
    const rows = new Map([...found].map(([index, users]) => [index, users.flatMap((user) => pinInfoRowOf(user, states.get(user.key)) ?? [])]));
    return pinInfoOutput(items, rows, this.#policies, shouldProcess);
  }

  drain(): unknown[] {
    return [];
  }

  close(): void {}
}

/**
 * A chunk's output: each user's PinInfoDetails line, and not-found errors in their places.
 * An array per chunk, not a generator: nothing here waits, and a yield per user costs more.
 * @param items the chunk's identities
 * @param found input index → rows
 * @param policies the policies
 * @param shouldProcess -WhatIf/-Confirm
 * @returns the output, in input order
 */
export function pinInfoOutput(items: readonly IdentityItem[], found: Map<number, PinInfoRow[]>, policies: PolicyResolver, shouldProcess: ShouldProcess): unknown[] {
  const output: unknown[] = [];
  for (let index = 0; index < items.length; index++) {
    const matches = found.get(index);
    if (!matches) {
      const { identity, record } = items[index] as IdentityItem;
      output.push(identityNotFound(identity.text, record));
      continue;
    }
    for (const user of matches) {
      if (!shouldProcess(user.sip)) continue;
      output.push(new JsonText(pinInfoJson(user, policies.effective(user).pin_lifetime)));
    }
  }
  return output;
}

function pinInfoRowOf(user: DirectoryUser, stored: StoredPin | undefined): PinInfoRow | undefined {
  const target = pinTargetOf(user, stored);
  if (!target) return undefined;
  const { id, key, sip, hash, locked, changed_at, pin_policy, registrar_pool } = target;
  return { id, key, sip, pin_set: hash === null ? 0 : 1, locked, changed_at, pin_policy, registrar_pool };
}

/** The row the PIN-changing cmdlets work on: who the user is, what rules apply, and the PIN state. */
import type { DirectoryUser } from '../directory/index.js';
import type { StoredPin } from './pinStore.js';

/** A user with their PIN state (pins columns are null/0 when the user never had a PIN). */
export interface PinTargetRow {
  /** The row id in the embedded directory's lookups; 0 elsewhere. */
  id: number;
  /** The user's stable key (PIN state and grants hang on it). */
  key: string;
  sip: string;
  dn: string;
  line_uri: string | null;
  pin_policy: string | null;
  registrar_pool: string | null;
  hash: string | null;
  changed_at: number | null;
  locked: number;
  local_failures: number;
  global_failures: number;
  window_start: number | null;
  locked_until: number | null;
}

/**
 * A directory user and what the store holds for them, as the row the PIN cmdlets work on.
 * @param user the user (a user without a SIP address has no PIN: undefined)
 * @param stored the PIN state and grant, if any
 * @returns the row
 */
export function pinTargetOf(user: DirectoryUser, stored: StoredPin | undefined): PinTargetRow | undefined {
  if (user.sip === null) return undefined;
  const pin = stored?.pin;
  return {
    id: 0,
    key: user.key,
    sip: user.sip,
    dn: user.dn,
    line_uri: user.lineUri,
    pin_policy: stored?.policy ?? null,
    registrar_pool: user.registrarPool,
    hash: pin?.hash ?? null,
    changed_at: pin?.changed_at ?? null,
    locked: pin?.locked ?? 0,
    local_failures: pin?.local_failures ?? 0,
    global_failures: pin?.global_failures ?? 0,
    window_start: pin?.window_start ?? null,
    locked_until: pin?.locked_until ?? null,
  };
}

/** What a PIN logon works on and gives, whichever store records it (see PinStore.attempt). */
import type { LockoutLimits, LockoutState, LogonResult } from './lockout.js';
import type { PinTargetRow } from './pinTarget.js';

/** The user a logon is for: their key and what decides their policy. */
export interface LogonUser {
  key: string;
  pin_policy: string | null;
  registrar_pool: string | null;
}

/** What one attempt did. */
export interface LogonAttempt {
  result: LogonResult;
  /** The state after the attempt (unchanged unless Success or WrongPin). */
  state: LockoutState;
  limits: LockoutLimits;
}

/** A user's pins row as a logon reads it. */
export type PinRow = Pick<PinTargetRow, 'hash' | 'changed_at' | 'locked' | 'local_failures' | 'global_failures' | 'window_start' | 'locked_until'> & {
  pin_length: number | null;
};

const DAY_MS = 86_400_000;

/**
 * The lockout state of a stored PIN row.
 * @param row the row (undefined: no PIN was ever set)
 * @param lifetimeDays PINLifetime of the user's effective policy
 * @returns the state
 */
export function toState(row: PinRow | undefined, lifetimeDays: number): LockoutState {
  if (!row) return { isSet: false, expiresAt: null, locked: false, localFailures: 0, globalFailures: 0, windowStart: null, lockedUntil: null };
  return {
    isSet: row.hash !== null,
    expiresAt: lifetimeDays > 0 && row.changed_at !== null ? row.changed_at + lifetimeDays * DAY_MS : null,
    locked: row.locked === 1,
    localFailures: row.local_failures,
    globalFailures: row.global_failures,
    windowStart: row.window_start,
    lockedUntil: row.locked_until,
  };
}

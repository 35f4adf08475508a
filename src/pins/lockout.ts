/**
 * The dial-in PIN logon rules, as a pure function of the PIN state, the time, the limits and whether
 * the PIN matched (the documented two-tier lockout of New-/Set-CsPinPolicy, MaximumLogonAttempts):
 *
 * - the first failure opens a 30-minute window; each failure adds 1 to a local and a global counter;
 * - reaching the local limit inside the window locks the PIN for 1 hour (even the right PIN fails);
 *   when the hour ends the local counter is back to 0, the global counter stays;
 * - a failure after the window has run out opens a new window with the local counter at 1;
 * - a success resets the local counter and closes the window;
 * - reaching the global limit locks the PIN (IsLockedOut) until an admin unlocks it.
 *
 * Attempts that cannot tell a right PIN from a wrong one (locked, no PIN, expired, temporarily
 * locked) change nothing and are not counted: they give an attacker no information.
 */

/** What a logon attempt gives. */
export type LogonResult = 'Success' | 'WrongPin' | 'TemporarilyLockedOut' | 'LockedOut' | 'Expired' | 'NotSet';

/** Every logon result, in the order they are checked (Success and WrongPin last). */
export const LOGON_RESULTS: readonly LogonResult[] = ['LockedOut', 'NotSet', 'Expired', 'TemporarilyLockedOut', 'Success', 'WrongPin'];

/** A user's PIN state as the rules see it (times in ms since the epoch). */
export interface LockoutState {
  /** A PIN hash is stored. */
  isSet: boolean;
  /** When the PIN expires (last change + PINLifetime), or null when it never does. */
  expiresAt: number | null;
  /** Locked by an admin or by the global limit (pins.locked). */
  locked: boolean;
  localFailures: number;
  globalFailures: number;
  /** When the current observation window opened (its first failure), or null. */
  windowStart: number | null;
  /** End of a temporary lockout, or null. */
  lockedUntil: number | null;
}

/** The failure limits that apply to a PIN. */
export interface LockoutLimits {
  local: number;
  global: number;
}

/** The observation window opened by a first failure. */
export const WINDOW_MS = 30 * 60_000;
/** How long reaching the local limit locks the PIN. */
export const TEMPORARY_LOCKOUT_MS = 60 * 60_000;

/**
 * The limits for a PIN. The docs give 4 digits: 10 local / 100 global, 5: 25 / 1000, "greater than
 * 6": 25 / 5000; length 6 is unstated and takes the 6+ row (the next step after 5, as the local limit
 * already is). An unknown length (a PIN stored before lengths were recorded) takes the 4-digit row:
 * never looser than the PIN's real limits.
 * @param pinLength the PIN's number of digits, or null when unknown
 * @param maximumLogonAttempts MaximumLogonAttempts of the effective policy: replaces the local limit only
 * @returns the local and global limits
 */
export function lockoutLimits(pinLength: number | null, maximumLogonAttempts: number | null): LockoutLimits {
  const byLength = pinLength === null || pinLength <= 4 ? { local: 10, global: 100 } : pinLength === 5 ? { local: 25, global: 1000 } : { local: 25, global: 5000 };
  return maximumLogonAttempts === null ? byLength : { ...byLength, local: maximumLogonAttempts };
}

/**
 * The result an attempt gets before the PIN is checked, if the state alone decides it.
 * @param state the PIN state
 * @param now the time of the attempt
 * @returns LockedOut, NotSet, Expired or TemporarilyLockedOut; undefined when the PIN must be checked
 */
export function gateResult(state: LockoutState, now: number): LogonResult | undefined {
  if (state.locked) return 'LockedOut';
  if (!state.isSet) return 'NotSet';
  if (state.expiresAt !== null && state.expiresAt <= now) return 'Expired';
  if (state.lockedUntil !== null && now < state.lockedUntil) return 'TemporarilyLockedOut';
  return undefined;
}

/**
 * Applies one logon attempt.
 * @param state the PIN state before the attempt
 * @param now the time of the attempt
 * @param limits the PIN's limits
 * @param verified whether the PIN given matched the stored hash (ignored when the state decides alone)
 * @returns the state after the attempt and the attempt's result
 */
export function applyLogon(state: LockoutState, now: number, limits: LockoutLimits, verified: boolean): { state: LockoutState; result: LogonResult } {
  const gate = gateResult(state, now);
  if (gate) return { state, result: gate };
  if (verified) return { state: { ...state, localFailures: 0, windowStart: null, lockedUntil: null }, result: 'Success' };
  // A finished temporary lockout or a run-out window leaves the local counter at 0.
  const windowOpen = state.windowStart !== null && state.lockedUntil === null && now < state.windowStart + WINDOW_MS;
  const localFailures = (windowOpen ? state.localFailures : 0) + 1;
  const globalFailures = state.globalFailures + 1;
  return {
    state: {
      ...state,
      localFailures,
      globalFailures,
      windowStart: windowOpen ? state.windowStart : now,
      lockedUntil: localFailures >= limits.local ? now + TEMPORARY_LOCKOUT_MS : null,
      locked: globalFailures >= limits.global,
    },
    result: 'WrongPin',
  };
}

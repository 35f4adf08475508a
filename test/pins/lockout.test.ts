/**
 * The two-tier lockout rules as a pure function: limits by PIN length, the order of the checks, the
 * 30-minute window, the 1-hour temporary lockout, the global lock, and properties that hold for any
 * sequence of attempts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TEMPORARY_LOCKOUT_MS,
  WINDOW_MS,
  applyLogon,
  gateResult,
  lockoutLimits,
  type LockoutLimits,
  type LockoutState,
  type LogonResult,
} from '../../src/pins/lockout.js';

const T0 = Date.UTC(2026, 0, 31, 12, 0, 0);
const MINUTE = 60_000;
const CLEAN: LockoutState = { isSet: true, expiresAt: null, locked: false, localFailures: 0, globalFailures: 0, windowStart: null, lockedUntil: null };
const LIMITS: LockoutLimits = { local: 3, global: 7 };

/** Runs attempts [minutes after T0, PIN right?] from a state; returns the results and the final state. */
function run(attempts: readonly (readonly [number, boolean])[], state: LockoutState = CLEAN, limits = LIMITS) {
  const results: LogonResult[] = [];
  for (const [minutes, verified] of attempts) {
    const next = applyLogon(state, T0 + minutes * MINUTE, limits, verified);
    results.push(next.result);
    state = next.state;
  }
  return { results, state };
}

describe('lockoutLimits', () => {
  it.each([
    [4, null, 10, 100],
    [5, null, 25, 1000],
    [6, null, 25, 5000],
    [7, null, 25, 5000],
    [24, null, 25, 5000],
    [null, null, 10, 100],
    [6, 3, 3, 5000],
    [4, 999, 999, 100],
    [null, 50, 50, 100],
  ])('a PIN of length %s with MaximumLogonAttempts %s has local limit %i and global limit %i', (length, maximum, local, global) => {
    expect(lockoutLimits(length, maximum)).toEqual({ local, global });
  });
});

describe('gateResult: what the state alone decides, in order', () => {
  it.each<[string, Partial<LockoutState>, LogonResult | undefined]>([
    ['a locked PIN, even when none is set', { locked: true, isSet: false }, 'LockedOut'],
    ['a locked PIN that is also expired and temporarily locked', { locked: true, expiresAt: T0, lockedUntil: T0 + MINUTE }, 'LockedOut'],
    ['no PIN, even when an old expiry is recorded', { isSet: false, expiresAt: T0 - MINUTE }, 'NotSet'],
    ['a PIN that expires exactly now', { expiresAt: T0 }, 'Expired'],
    ['an expired PIN that is also temporarily locked', { expiresAt: T0 - 1, lockedUntil: T0 + MINUTE }, 'Expired'],
    ['a PIN temporarily locked for one more millisecond', { lockedUntil: T0 + 1 }, 'TemporarilyLockedOut'],
    ['a PIN whose temporary lockout ends now', { lockedUntil: T0 }, undefined],
    ['a PIN that expires in one millisecond', { expiresAt: T0 + 1 }, undefined],
    ['a clean PIN', {}, undefined],
  ])('%s', (_case, change, want) => {
    expect(gateResult({ ...CLEAN, ...change }, T0)).toBe(want);
  });
});

describe('applyLogon: the window, the temporary lockout and the global lock', () => {
  it('the first failure opens a 30-minute window with both counters at 1', () => {
    expect(applyLogon(CLEAN, T0, LIMITS, false)).toEqual({
      result: 'WrongPin',
      state: { ...CLEAN, localFailures: 1, globalFailures: 1, windowStart: T0 },
    });
  });

  it('reaching the local limit inside the window locks the PIN for one hour, even for the right PIN', () => {
    const { results, state } = run([[0, false], [10, false], [29, false], [30, true], [88, true]]);
    expect(results).toEqual(['WrongPin', 'WrongPin', 'WrongPin', 'TemporarilyLockedOut', 'TemporarilyLockedOut']);
    expect(state).toEqual({ ...CLEAN, localFailures: 3, globalFailures: 3, windowStart: T0, lockedUntil: T0 + 29 * MINUTE + TEMPORARY_LOCKOUT_MS });
  });

  it('when the hour ends the right PIN succeeds and the local counter is 0; the global counter stays', () => {
    const { results, state } = run([[0, false], [1, false], [2, false], [62, true]]);
    expect(results).toEqual(['WrongPin', 'WrongPin', 'WrongPin', 'Success']);
    expect(state).toEqual({ ...CLEAN, globalFailures: 3 });
  });

  it('a failure after the hour starts a new window with the local counter at 1', () => {
    const { results, state } = run([[0, false], [1, false], [2, false], [62, false]]);
    expect(results).toEqual(['WrongPin', 'WrongPin', 'WrongPin', 'WrongPin']);
    expect(state).toEqual({ ...CLEAN, localFailures: 1, globalFailures: 4, windowStart: T0 + 62 * MINUTE });
  });

  it('a failure exactly 30 minutes after the first starts a new window; one millisecond earlier still counts in the old one', () => {
    const early = run([[0, false], [1, false]]).state;
    expect(applyLogon(early, T0 + WINDOW_MS - 1, LIMITS, false).state).toMatchObject({ localFailures: 3, windowStart: T0, lockedUntil: T0 + WINDOW_MS - 1 + TEMPORARY_LOCKOUT_MS });
    expect(applyLogon(early, T0 + WINDOW_MS, LIMITS, false).state).toMatchObject({ localFailures: 1, globalFailures: 3, windowStart: T0 + WINDOW_MS, lockedUntil: null });
  });

  it('failures spread over more than the window never reach the local limit', () => {
    const { results, state } = run([[0, false], [20, false], [30, false], [50, false], [60, false], [80, false]]);
    expect(results.every((r) => r === 'WrongPin')).toBe(true);
    expect(state).toEqual({ ...CLEAN, localFailures: 2, globalFailures: 6, windowStart: T0 + 60 * MINUTE });
  });

  it('a success resets the local counter and closes the window; the global counter stays', () => {
    const { results, state } = run([[0, false], [1, false], [2, true], [3, false], [4, false]]);
    expect(results).toEqual(['WrongPin', 'WrongPin', 'Success', 'WrongPin', 'WrongPin']);
    expect(state).toEqual({ ...CLEAN, localFailures: 2, globalFailures: 4, windowStart: T0 + 3 * MINUTE });
  });

  it('reaching the global limit locks the PIN: every later attempt is LockedOut and changes nothing', () => {
    const before = { ...CLEAN, globalFailures: LIMITS.global - 1 };
    const { results, state } = run([[0, false], [1, true], [500, true]], before);
    expect(results).toEqual(['WrongPin', 'LockedOut', 'LockedOut']);
    expect(state).toEqual({ ...CLEAN, locked: true, localFailures: 1, globalFailures: LIMITS.global, windowStart: T0 });
  });

  it('a failure that reaches both limits at once sets both locks', () => {
    const { state } = run([[0, false]], { ...CLEAN, localFailures: 2, windowStart: T0, globalFailures: 6 });
    expect(state).toMatchObject({ locked: true, lockedUntil: T0 + TEMPORARY_LOCKOUT_MS, globalFailures: 7 });
  });

  it('a local limit lowered below the current count locks at the next failure', () => {
    const { state } = run([[0, false]], { ...CLEAN, localFailures: 5, windowStart: T0 - MINUTE, globalFailures: 5 });
    expect(state.lockedUntil).toBe(T0 + TEMPORARY_LOCKOUT_MS);
  });

  it.each<[string, Partial<LockoutState>, LogonResult]>([
    ['NotSet', { isSet: false }, 'NotSet'],
    ['Expired', { expiresAt: T0 - 1 }, 'Expired'],
    ['TemporarilyLockedOut', { localFailures: 3, windowStart: T0 - MINUTE, lockedUntil: T0 + MINUTE }, 'TemporarilyLockedOut'],
  ])('a wrong PIN on a PIN that is %s is not counted', (_case, change, want) => {
    const before = { ...CLEAN, globalFailures: 2, ...change };
    expect(applyLogon(before, T0, LIMITS, false)).toEqual({ result: want, state: before });
  });
});

const stateArb: fc.Arbitrary<LockoutState> = fc.record({
  isSet: fc.boolean(),
  expiresAt: fc.option(fc.integer({ min: T0 - 100 * MINUTE, max: T0 + 2000 * MINUTE }), { nil: null, freq: 3 }),
  locked: fc.boolean(),
  localFailures: fc.nat(30),
  globalFailures: fc.nat(200),
  windowStart: fc.option(fc.integer({ min: T0 - 100 * MINUTE, max: T0 }), { nil: null }),
  lockedUntil: fc.option(fc.integer({ min: T0 - 100 * MINUTE, max: T0 + 60 * MINUTE }), { nil: null }),
});
const limitsArb = fc.record({ local: fc.integer({ min: 1, max: 30 }), global: fc.integer({ min: 1, max: 200 }) });
/** Attempts: minutes since the previous one (0 to 2 hours) and whether the PIN was right. */
const attemptsArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 120 * MINUTE }), fc.boolean()), { maxLength: 60 });

/** Every step of a run: the state before, the time, the PIN check, and what applyLogon gave. */
function steps(start: LockoutState, limits: LockoutLimits, attempts: readonly (readonly [number, boolean])[]) {
  let state = start;
  let now = T0;
  return attempts.map(([delay, verified]) => {
    now += delay;
    const before = state;
    const after = applyLogon(before, now, limits, verified);
    state = after.state;
    return { before, now, verified, ...after };
  });
}

describe('applyLogon properties (any state, limits and sequence of attempts)', () => {
  it('counters are never negative', () => {
    fc.assert(
      fc.property(stateArb, limitsArb, attemptsArb, (start, limits, attempts) =>
        steps(start, limits, attempts).every(({ state }) => state.localFailures >= 0 && state.globalFailures >= 0),
      ),
    );
  });

  it('the global counter never decreases, and grows by exactly 1 on WrongPin and only then', () => {
    fc.assert(
      fc.property(stateArb, limitsArb, attemptsArb, (start, limits, attempts) =>
        steps(start, limits, attempts).every(({ before, state, result }) => state.globalFailures - before.globalFailures === (result === 'WrongPin' ? 1 : 0)),
      ),
    );
  });

  it('a locked PIN stays locked (only an admin unlocks)', () => {
    fc.assert(fc.property(stateArb, limitsArb, attemptsArb, (start, limits, attempts) => steps(start, limits, attempts).every(({ before, state }) => !before.locked || state.locked)));
  });

  it('a success always leaves the local counter at 0 and no window', () => {
    fc.assert(
      fc.property(stateArb, limitsArb, attemptsArb, (start, limits, attempts) =>
        steps(start, limits, attempts)
          .filter(({ result }) => result === 'Success')
          .every(({ state }) => state.localFailures === 0 && state.windowStart === null && state.lockedUntil === null),
      ),
    );
  });

  it('only a right PIN succeeds and only a wrong one is WrongPin; any other result changes nothing', () => {
    fc.assert(
      fc.property(stateArb, limitsArb, attemptsArb, (start, limits, attempts) =>
        steps(start, limits, attempts).every(({ before, verified, state, result }) => {
          if (result === 'Success') return verified;
          if (result === 'WrongPin') return !verified;
          return state === before;
        }),
      ),
    );
  });

  it('from a clean PIN, wrong PINs give at most the global limit of WrongPin results, then only LockedOut', () => {
    fc.assert(
      fc.property(limitsArb, fc.array(fc.integer({ min: 0, max: 120 * MINUTE }), { maxLength: 300 }), (limits, delays) => {
        const results = steps(CLEAN, limits, delays.map((d) => [d, false] as const)).map((s) => s.result);
        const wrong = results.filter((r) => r === 'WrongPin').length;
        const firstLock = results.indexOf('LockedOut');
        return wrong <= limits.global && (firstLock === -1 || results.slice(firstLock).every((r) => r === 'LockedOut'));
      }),
    );
  });

  it('from a clean PIN, the local counter never exceeds the local limit and a reached limit holds for exactly one hour', () => {
    fc.assert(
      fc.property(limitsArb, attemptsArb, (limits, attempts) => {
        const run = steps(CLEAN, limits, attempts);
        return run.every(({ state, now, result, before }) => {
          if (state.localFailures > limits.local) return false;
          const reached = result === 'WrongPin' && state.localFailures === limits.local;
          if (reached && state.lockedUntil !== now + TEMPORARY_LOCKOUT_MS) return false;
          const inLock = before.lockedUntil !== null && now < before.lockedUntil && !before.locked;
          return !inLock || result === 'TemporarilyLockedOut';
        });
      }),
    );
  });
});

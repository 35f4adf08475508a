/**
 * PIN logon against the SQLite store: read the user's PIN state, check the PIN (async scrypt, slow)
 * outside any transaction, then apply the outcome in one immediate transaction that re-reads the
 * state, so concurrent logons on one database never lose a failure count. If the PIN was changed
 * meanwhile the attempt is checked again against the new hash.
 */
import type { Statement } from 'better-sqlite3';
import { TerminatingError } from '../../core/index.js';
import { KEY_ID_OF_SQL, type DirectoryDatabase } from '../../directory/index.js';
import { verifyPin } from '../hash.js';
import { pinMessages } from '../messages.js';
import { applyLogon, gateResult, lockoutLimits, type LockoutLimits } from '../lockout.js';
import { toState, type LogonAttempt, type LogonUser, type PinRow } from '../logon.js';
import { assertPepperCurrent } from '../pepper.js';
import type { PolicyResolver } from '../policy.js';

/** A PIN changed this many times during one attempt is being reset in a loop: give up on it. */
const MAX_RECHECKS = 5;

/** Checks PINs and records the outcome. */
export class PinLogon {
  readonly #db: DirectoryDatabase;
  readonly #pepper: Buffer;
  readonly #policies: PolicyResolver;
  readonly #now: () => number;
  readonly #read: Statement<[string], PinRow>;
  readonly #write: Statement<[number, number, number, number | null, number | null, number | null, string]>;

  /**
   * @param db the database
   * @param pepper the PIN key (see loadPepper)
   * @param policies the policies, for MaximumLogonAttempts and PINLifetime
   * @param now the clock (see clockOf)
   */
  constructor(db: DirectoryDatabase, pepper: Buffer, policies: PolicyResolver, now: () => number) {
    this.#db = db;
    this.#pepper = pepper;
    this.#policies = policies;
    this.#now = now;
    this.#read = db.prepare<[string], PinRow>(
      `SELECT hash, changed_at, locked, local_failures, global_failures, window_start, locked_until, pin_length
       FROM pins WHERE key_id = ${KEY_ID_OF_SQL}`,
    );
    this.#write = db.prepare(
      `UPDATE pins SET locked = ?, local_failures = ?, global_failures = ?, window_start = ?, locked_until = ?,
         pin_length = coalesce(pin_length, ?) WHERE key_id = ${KEY_ID_OF_SQL}`,
    );
  }

  /**
   * One logon attempt.
   * @param user the user
   * @param pin the digits given
   * @returns the result, the state after it and the limits that applied
   * @throws TerminatingError when the PIN key was rotated while the command ran
   */
  async attempt(user: LogonUser, pin: string): Promise<LogonAttempt> {
    const policy = this.#policies.effective(user);
    const stateOf = (row: PinRow | undefined) => toState(row, policy.pin_lifetime);
    for (let check = 0; check < MAX_RECHECKS; check++) {
      const before = this.#read.get(user.key);
      const gate = gateResult(stateOf(before), this.#now());
      if (gate || !before?.hash) return { result: gate ?? 'NotSet', state: stateOf(before), limits: this.#limits(before, policy.maximum_logon_attempts, null) };
      const checked = before.hash;
      const verified = await verifyPin(pin, checked, this.#pepper);
      const applied = this.#db
        .transaction((): LogonAttempt | undefined => {
          const current = this.#read.get(user.key);
          if (current?.hash !== checked) return undefined;
          assertPepperCurrent(this.#db, this.#pepper);
          // A matching PIN tells its length: PINs stored before lengths were recorded learn it here.
          const learned = verified ? pin.length : null;
          const limits = this.#limits(current, policy.maximum_logon_attempts, learned);
          const { state, result } = applyLogon(stateOf(current), this.#now(), limits, verified);
          if (result === 'Success' || result === 'WrongPin') {
            this.#write.run(Number(state.locked), state.localFailures, state.globalFailures, state.windowStart, state.lockedUntil, learned, user.key);
          }
          return { result, state, limits };
        })
        .immediate();
      if (applied) return applied;
    }
    throw new TerminatingError({
      errorId: 'PinChangedDuringLogon',
      category: 'ResourceUnavailable',
      message: pinMessages.PinChangedDuringLogon(MAX_RECHECKS),
    });
  }

  #limits(row: PinRow | undefined, maximumLogonAttempts: number | null, knownLength: number | null): LockoutLimits {
    return lockoutLimits(row?.pin_length ?? knownLength, maximumLogonAttempts);
  }
}

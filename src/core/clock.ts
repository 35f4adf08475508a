/**
 * The current time. `CSPIN_NOW` (ISO 8601, or milliseconds since the epoch) fixes it, so tests of
 * time rules (lockout windows, expiry) run without sleeping.
 */
import { usageError } from './errors.js';

/**
 * Reads the clock the environment asks for.
 * @param env the environment (CSPIN_NOW)
 * @returns a function giving the time in ms since the epoch
 * @throws TerminatingError (usage, exit 2) when CSPIN_NOW is not a time
 */
export function clockOf(env: NodeJS.ProcessEnv): () => number {
  const fixed = env.CSPIN_NOW;
  if (fixed === undefined || fixed === '') return Date.now;
  const ms = /^\d+$/.test(fixed) ? Number(fixed) : Date.parse(fixed);
  if (!Number.isFinite(ms)) throw usageError('InvalidClock', `CSPIN_NOW="${fixed}" is not a time: give ISO 8601 (2026-01-31T12:00:00Z) or milliseconds since the epoch.`);
  return () => ms;
}

/**
 * The current time. `CSPIN_NOW` (ISO 8601, or milliseconds since the epoch) fixes it, so tests of
 * time rules (lockout windows, expiry) run without sleeping.
 */
import { usageError } from './errors.js';
import { coreMessages } from './messages.js';

// Years 1970 to 9999: before the epoch no PIN was ever set, and ISO 8601 dates have four-digit years.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
// ISO 8601 as Date.parse reads it: a date, or a date and time with an optional zone. Anything else
// Date.parse may still turn into some date ("-5" is May 2001), so it is refused first.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Reads the clock the environment asks for.
 * @param env the environment (CSPIN_NOW)
 * @returns a function giving the time in ms since the epoch
 * @throws TerminatingError (usage, exit 2) when CSPIN_NOW is not a time, or not in the years 1970 to 9999
 */
export function clockOf(env: NodeJS.ProcessEnv): () => number {
  const fixed = env.CSPIN_NOW;
  if (fixed === undefined || fixed === '') return Date.now;
  const ms = /^\d+$/.test(fixed) ? Number(fixed) : ISO_8601.test(fixed) ? Date.parse(fixed) : NaN;
  if (!Number.isFinite(ms)) throw usageError('InvalidClock', coreMessages.InvalidClock.notATime(fixed), 'CSPIN_NOW');
  if (ms < EARLIEST || ms > LATEST) throw usageError('InvalidClock', coreMessages.InvalidClock.outOfRange(fixed), 'CSPIN_NOW');
  return () => ms;
}

/**
 * The environment variables that change how every command behaves, checked before anything is read:
 * a value cspin does not know is a usage error (exit 2), never silently ignored.
 */
import { clockOf } from './clock.js';
import { usageError } from './errors.js';
import { budgetOf } from './memoryBudget.js';
import { coreMessages } from './messages.js';

/** How output objects are written: NDJSON, PowerShell's list or table view, or by the terminal (auto). */
export type OutputFormat = 'auto' | 'ndjson' | 'list' | 'table';

const OUTPUT_FORMATS: Readonly<Record<string, OutputFormat>> = { auto: 'auto', ndjson: 'ndjson', json: 'ndjson', list: 'list', table: 'table' };

/**
 * The output format `CSPIN_FORMAT` asks for (case-insensitive; unset or empty: auto).
 * @param env the environment
 * @returns the format
 * @throws TerminatingError (InvalidOutputFormat, exit 2) for any other value
 */
export function outputFormatOf(env: NodeJS.ProcessEnv): OutputFormat {
  const value = env.CSPIN_FORMAT ?? '';
  const format = value === '' ? 'auto' : OUTPUT_FORMATS[value.toLowerCase()];
  if (format) return format;
  throw usageError('InvalidOutputFormat', coreMessages.InvalidOutputFormat(value), 'CSPIN_FORMAT');
}

/**
 * The error format `CSPIN_ERROR_FORMAT` asks for (case-insensitive; unset or empty: text).
 * @param env the environment
 * @returns json or text
 * @throws TerminatingError (InvalidErrorFormat, exit 2) for any other value
 */
export function errorFormatOf(env: NodeJS.ProcessEnv): 'json' | 'text' {
  const value = (env.CSPIN_ERROR_FORMAT ?? '').toLowerCase();
  if (value === 'json' || value === 'text') return value;
  if (value === '') return 'text';
  throw usageError('InvalidErrorFormat', coreMessages.InvalidErrorFormat(env.CSPIN_ERROR_FORMAT), 'CSPIN_ERROR_FORMAT');
}

/**
 * Whether `CSPIN_PROGRESS` allows the progress line (unset, empty or 1: on a terminal; 0: never).
 * @param env the environment
 * @returns false for 0
 * @throws TerminatingError (InvalidProgressSetting, exit 2) for any other value
 */
export function progressAllowed(env: NodeJS.ProcessEnv): boolean {
  const value = (env.CSPIN_PROGRESS ?? '').trim();
  if (value === '' || value === '1') return true;
  if (value === '0') return false;
  throw usageError('InvalidProgressSetting', coreMessages.InvalidProgressSetting(value), 'CSPIN_PROGRESS');
}

/**
 * Checks every cspin environment variable a command may use, before it reads or changes anything.
 * @param env the environment
 * @throws TerminatingError (exit 2) for the first bad value
 */
export function checkEnvironment(env: NodeJS.ProcessEnv): void {
  errorFormatOf(env);
  outputFormatOf(env);
  progressAllowed(env);
  clockOf(env);
  budgetOf(0, env);
}

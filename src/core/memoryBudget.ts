/**
 * The memory a holding cmdlet may use for what it holds (Sort-Object's run, Group-Object's groups,
 * Select-Object -Last's queue, ConvertTo-Json's text, Format-Table -AutoSize's rows). The bins run V8 with a 64 MiB old space: a cmdlet that holds input
 * counts what it holds here, and past its declared budget it stops with MemoryBudgetExceeded, which
 * names the limit and the way out, instead of dying of V8's out-of-memory crash.
 */
import { TerminatingError, usageError } from './errors.js';
import { coreMessages } from './messages.js';

/** What a holding cmdlet declares (CmdletDecl.holds): shown by help, used by the engine. */
export interface HoldsDecl {
  /** What it holds, for help: "every input object until the end (one count per group with -NoElement)". */
  readonly what: string;
  /** For a cmdlet that holds only under some parameters, when, for help: "only with -Last, -SkipLast or -Unique; otherwise it streams". */
  readonly when?: string;
  /** The most bytes it may hold (estimated with {@link approximateSize}). */
  readonly budget: number;
  /** What to do when the budget is not enough, for the error: "use -NoElement". */
  readonly wayOut: string;
}

/** Lowers every holding cmdlet's budget (bytes, or with a K/M/G suffix): tests force small runs with it. */
export const BUDGET_VARIABLE = 'CSPIN_MEMORY_BUDGET';

/**
 * The budget in force: the declared one, or CSPIN_MEMORY_BUDGET when that is lower (tests force small
 * runs with it). It never raises a budget: the declared ones are what the bins' 64 MiB heap allows,
 * with room for copying what is held on its way out.
 * @param declared the declaration's budget in bytes
 * @param env the environment
 * @returns bytes
 * @throws TerminatingError (exit 2) for a value that is not a size
 */
export function budgetOf(declared: number, env: NodeJS.ProcessEnv): number {
  const text = env[BUDGET_VARIABLE]?.trim() ?? '';
  if (text === '') return declared;
  const m = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(text);
  if (!m) throw usageError('InvalidMemoryBudget', coreMessages.InvalidMemoryBudget(BUDGET_VARIABLE, text), BUDGET_VARIABLE);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.min(Number(m[1]) * unit, declared);
}

/** Shows a byte count for people: 512 KiB, 24 MiB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/** Counts what a cmdlet holds against its budget. */
export class MemoryBudget {
  #held = 0;

  /**
   * @param command the cmdlet's name, for the error
   * @param limit bytes it may hold
   * @param wayOut what to do past it
   */
  constructor(
    readonly command: string,
    readonly limit: number,
    readonly wayOut: string,
  ) {}

  /** Bytes held now. */
  get held(): number {
    return this.#held;
  }

  /**
   * Whether holding that much more would pass the budget (for a cmdlet that spills instead of failing).
   * @param bytes the size of what would be added
   */
  wouldExceed(bytes: number): boolean {
    return this.#held + bytes > this.limit;
  }

  /**
   * Counts more held bytes.
   * @param bytes the size of what is now held
   * @throws TerminatingError MemoryBudgetExceeded past the budget
   */
  hold(bytes: number): void {
    this.#held += bytes;
    if (this.#held > this.limit) {
      throw new TerminatingError({
        errorId: 'MemoryBudgetExceeded',
        category: 'LimitsExceeded',
        message: coreMessages.MemoryBudgetExceeded(this.command, formatBytes(this.limit), this.wayOut),
        target: this.limit,
      });
    }
  }

  /**
   * Counts bytes no longer held.
   * @param bytes the size of what was let go
   */
  release(bytes: number): void {
    this.#held = Math.max(0, this.#held - bytes);
  }
}

/**
 * Roughly what a parsed JSON value costs on V8's heap: object and array headers, 8 bytes per slot,
 * string headers and characters. Property names are shared between records of one shape and not counted.
 * @param value any JSON value
 * @returns an estimate in bytes
 */
export function approximateSize(value: unknown): number {
  if (typeof value === 'string') return 16 + value.length;
  if (typeof value !== 'object' || value === null) return 8;
  let size = 24;
  if (Array.isArray(value)) {
    for (const element of value as unknown[]) size += 8 + approximateSize(element);
    return size;
  }
  for (const key in value) size += 8 + approximateSize((value as Record<string, unknown>)[key]);
  return size;
}

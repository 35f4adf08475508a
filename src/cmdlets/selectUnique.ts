/**
 * -Unique's set of what Select-Object kept. PowerShell compares each new object with every kept one
 * (quadratic: 1M distinct values never end); here values that can only equal their own kind, compared
 * as PowerShell would (non-numeric, non-date text case-sensitively; numbers by value; null; any object)
 * are found by a key, and only the rest (numeric or date-like text, Booleans, arrays) are compared one
 * by one, with PowerShell's rule (sameWritten).
 */
import { dateLike } from '../core/dateOperands.js';
import { isPSObject } from '../core/index.js';
import { sameWritten, type Written } from './selectProjection.js';

export class UniqueSet {
  /** What was kept, in order, for the end. */
  readonly kept: Written[] = [];
  readonly #keys = new Set<string>();
  /** Kept objects without a key: compared one by one. */
  readonly #others: Written[] = [];

  /** How many objects it holds. */
  get size(): number {
    return this.kept.length;
  }

  /**
   * Keeps an object unless it is a duplicate of one kept before.
   * @param next the object about to be written
   * @returns whether it was kept
   */
  add(next: Written): boolean {
    const key = keyOf(next);
    if (key !== undefined) {
      if (this.#keys.has(key) || this.#others.some((kept) => sameWritten(next, kept))) return false;
      this.#keys.add(key);
    } else {
      if (this.kept.some((kept) => sameWritten(next, kept))) return false;
      this.#others.push(next);
    }
    this.kept.push(next);
    return true;
  }
}

/** A key that two objects share exactly when PowerShell finds them the same, or undefined. */
function keyOf(written: Written): string | undefined {
  const base = valueKey(written.value, written.notes.length > 0);
  if (base === undefined) return undefined;
  const parts = [base];
  for (const note of written.notes) {
    const value = valueKey(note.value, false);
    if (value === undefined) return undefined;
    parts.push(note.name.toLowerCase(), value);
  }
  return JSON.stringify(parts);
}

function valueKey(value: unknown, selected: boolean): string | undefined {
  if (value === null || value === undefined) return 'z';
  // Two objects are always the same base (PowerShell cannot compare PSCustomObjects).
  if (isPSObject(value)) return selected ? 'o' : 'r';
  if (typeof value === 'number') return Number.isFinite(value) ? `n${value}` : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  // Text that converts to a number, a date or a Boolean can equal values of other kinds.
  if (text === '' || !Number.isNaN(Number(text)) || /^\$?(true|false)$/i.test(text) || dateLike(value) !== undefined) return undefined;
  return `s${value.normalize('NFC')}`;
}

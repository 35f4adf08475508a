/**
 * The pieces behind Sort-Object's order: .NET's introsort (sorts, and leaves ties where .NET does),
 * PowerShell's comparer over NDJSON values, and the memory budget's arithmetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { introSort } from '../../src/core/introSort.js';
import { MemoryBudget, budgetOf, formatBytes } from '../../src/core/memoryBudget.js';
import { compareSortValues, sortValue } from '../../src/core/objectCompare.js';

describe('introSort', () => {
  it('sorts any array of numbers (a permutation, in order)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 300 }), (items) => {
        const sorted = [...items];
        introSort(sorted, (a, b) => a - b);
        expect(sorted).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it("sorts three items with .NET's swap network: not stable (PowerShell's Pester test)", () => {
    // smith/smith/smyth descending: .NET leaves the second smith first.
    const items = [
      { n: 'smith', f: 1 },
      { n: 'smith', f: 2 },
      { n: 'smyth', f: 3 },
    ];
    introSort(items, (a, b) => -a.n.localeCompare(b.n));
    expect(items.map((i) => i.f)).toEqual([3, 2, 1]);
  });

  it('keeps ties in input order from 4 to 16 items (insertion sort)', () => {
    const items = Array.from({ length: 16 }, (_, i) => ({ k: i % 2, i }));
    introSort(items, (a, b) => a.k - b.k);
    expect(items.map((x) => x.i)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15]);
  });
});

describe("PowerShell's comparer", () => {
  const compare = (a: unknown, b: unknown, caseSensitive = false) => Math.sign(compareSortValues(sortValue(a), sortValue(b), caseSensitive));

  const cases: [unknown, unknown, number, string][] = [
    [null, -1, 1, '$null is greater than a negative number'],
    [null, 0, -1, '$null is less than zero'],
    [null, 'a', -1, '$null is less than a string'],
    ['a', 'A', 0, 'strings ignore case'],
    [10, '9', 1, 'a string is converted to the number on the left'],
    ['10', 9, -1, 'a number is converted to the string on the left'],
    [true, 'x', 0, 'a non-empty string is True'],
    ['2012-09-25T13:35:03.000Z', '2012-09-25T09:00:00.000-08:00', -1, 'ISO 8601 texts compare as instants'],
    [[1, 2], [1, 3], -1, 'arrays compare as their text'],
    [{ a: 2 }, { a: 1 }, 0, 'objects compare equal (their base text is empty)'],
  ];
  it.each(cases)('%j against %j: %i (%s)', (a, b, want) => {
    expect(compare(a, b)).toBe(want);
  });

  it('-CaseSensitive puts lower case first', () => {
    expect(compare('a', 'A', true)).toBe(-1);
  });
});

describe('memory budget', () => {
  it('CSPIN_MEMORY_BUDGET lowers a budget, never raises it, and must be a size', () => {
    expect(budgetOf(16 * 1024 ** 2, {})).toBe(16 * 1024 ** 2);
    expect(budgetOf(16 * 1024 ** 2, { CSPIN_MEMORY_BUDGET: '64K' })).toBe(64 * 1024);
    expect(budgetOf(16 * 1024 ** 2, { CSPIN_MEMORY_BUDGET: '1G' })).toBe(16 * 1024 ** 2);
    expect(() => budgetOf(1, { CSPIN_MEMORY_BUDGET: 'lots' })).toThrow(/not a size/);
  });

  it('throws MemoryBudgetExceeded past the limit, naming it and the way out', () => {
    const budget = new MemoryBudget('Group-Object', 1024, 'use -NoElement');
    budget.hold(1000);
    expect(budget.wouldExceed(100)).toBe(true);
    budget.release(500);
    budget.hold(500);
    expect(() => budget.hold(100)).toThrow(/1 KiB.*use -NoElement/);
    expect(formatBytes(16 * 1024 ** 2)).toBe('16 MiB');
  });
});

/**
 * .NET's List<T>.Sort (ArraySortHelper's introspective sort), step for step: Sort-Object without
 * -Stable uses it, and it is not stable, so equal objects come out in the order .NET leaves them in
 * (3 items are sorted by a swap network, 4 to 16 by insertion, more by quicksort with a median of
 * three, heapsort past the depth limit). Same input, same comparisons: same order as PowerShell.
 */

/** A comparison: negative, 0 or positive. */
export type Comparison<T> = (a: T, b: T) => number;

/**
 * Sorts items in place as .NET's Array.Sort(T[], Comparison<T>) does.
 * @param items the array to sort
 * @param compare the comparison
 */
export function introSort<T>(items: T[], compare: Comparison<T>): void {
  if (items.length > 1) sortRange(items, 0, items.length, 2 * (Math.floor(Math.log2(items.length)) + 1), compare);
}

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i] as T;
  a[i] = a[j] as T;
  a[j] = t;
}

function swapIfGreater<T>(a: T[], compare: Comparison<T>, i: number, j: number): void {
  if (compare(a[i] as T, a[j] as T) > 0) swap(a, i, j);
}

/** IntroSort over a[lo, lo + length). */
function sortRange<T>(a: T[], lo: number, length: number, depthLimit: number, compare: Comparison<T>): void {
  let size = length;
  while (size > 1) {
    if (size <= 16) {
      if (size === 2) {
        swapIfGreater(a, compare, lo, lo + 1);
        return;
      }
      if (size === 3) {
        swapIfGreater(a, compare, lo, lo + 1);
        swapIfGreater(a, compare, lo, lo + 2);
        swapIfGreater(a, compare, lo + 1, lo + 2);
        return;
      }
      insertionSort(a, lo, size, compare);
      return;
    }
    if (depthLimit === 0) {
      heapSort(a, lo, size, compare);
      return;
    }
    depthLimit--;
    const p = pickPivotAndPartition(a, lo, size, compare);
    sortRange(a, lo + p + 1, size - (p + 1), depthLimit, compare);
    size = p;
  }
}

function pickPivotAndPartition<T>(a: T[], lo: number, size: number, compare: Comparison<T>): number {
  const hi = size - 1;
  const middle = hi >> 1;
  swapIfGreater(a, compare, lo, lo + middle);
  swapIfGreater(a, compare, lo, lo + hi);
  swapIfGreater(a, compare, lo + middle, lo + hi);
  const pivot = a[lo + middle] as T;
  swap(a, lo + middle, lo + hi - 1);
  let left = 0;
  let right = hi - 1;
  while (left < right) {
    while (compare(a[lo + ++left] as T, pivot) < 0);
    while (compare(pivot, a[lo + --right] as T) < 0);
    if (left >= right) break;
    swap(a, lo + left, lo + right);
  }
  if (left !== hi - 1) swap(a, lo + left, lo + hi - 1);
  return left;
}

function insertionSort<T>(a: T[], lo: number, size: number, compare: Comparison<T>): void {
  for (let i = 0; i < size - 1; i++) {
    const t = a[lo + i + 1] as T;
    let j = i;
    while (j >= 0 && compare(t, a[lo + j] as T) < 0) {
      a[lo + j + 1] = a[lo + j] as T;
      j--;
    }
    a[lo + j + 1] = t;
  }
}

function heapSort<T>(a: T[], lo: number, n: number, compare: Comparison<T>): void {
  for (let i = n >> 1; i >= 1; i--) downHeap(a, lo, i, n, compare);
  for (let i = n; i > 1; i--) {
    swap(a, lo, lo + i - 1);
    downHeap(a, lo, 1, i - 1, compare);
  }
}

function downHeap<T>(a: T[], lo: number, i: number, n: number, compare: Comparison<T>): void {
  const d = a[lo + i - 1] as T;
  while (i <= n >> 1) {
    let child = 2 * i;
    if (child < n && compare(a[lo + child - 1] as T, a[lo + child] as T) < 0) child++;
    if (!(compare(d, a[lo + child - 1] as T) < 0)) break;
    a[lo + i - 1] = a[lo + child - 1] as T;
    i = child;
  }
  a[lo + i - 1] = d;
}

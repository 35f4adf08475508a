/**
 * Screen cells of text as PowerShell's formatter counts them (`DisplayCells`): one per UTF-16 unit, two
 * for an East Asian wide or fullwidth character. A surrogate pair counts two, as in PowerShell.
 */

/**
 * The cells one UTF-16 unit takes.
 * @param code a UTF-16 code unit
 * @returns 2 for wide characters, else 1
 */
export function unitCells(code: number): number {
  const wide =
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6));
  return wide ? 2 : 1;
}

/**
 * The cells a text takes from an offset on.
 * @param text the text
 * @param offset the first UTF-16 unit counted
 * @returns the cell count
 */
export function cellLength(text: string, offset = 0): number {
  let cells = 0;
  for (let i = offset; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Plain ASCII is the common case: skip the range checks.
    cells += code < 0x1100 ? 1 : unitCells(code);
  }
  return cells;
}

/**
 * How many UTF-16 units from `offset` fit in `cells` cells (PowerShell's GetHeadSplitLength / TruncateTail).
 * @param text the text
 * @param offset where to start
 * @param cells the cells available
 * @returns the number of units that fit
 */
export function headFit(text: string, offset: number, cells: number): number {
  let used = 0;
  let i = offset;
  for (; i < text.length; i++) {
    used += unitCells(text.charCodeAt(i));
    if (used > cells) break;
  }
  return i - offset;
}

/**
 * Where the tail of a text that fits in `cells` cells starts (PowerShell's TruncateHead).
 * @param text the text
 * @param cells the cells available
 * @returns the offset of the first unit kept
 */
export function tailStart(text: string, cells: number): number {
  let used = 0;
  let i = text.length - 1;
  for (; i >= 0; i--) {
    used += unitCells(text.charCodeAt(i));
    if (used > cells) break;
  }
  return i + 1;
}

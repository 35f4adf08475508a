/**
 * PowerShell's line splitting for wrapped table cells and list values (StringManipulationHelper.GenerateLines,
 * the word-wrapping variant used for English): breaks at spaces and tabs, keeps the delimiter at the end of
 * the line, and cuts a word longer than a line.
 */
import { cellLength, unitCells } from './displayCells.js';

const SOFT_HYPHEN = '\u00ad';

/**
 * Splits text on `\n`, dropping every `\r` first (PowerShell's SplitLines).
 * @param text the text
 * @returns its lines
 */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.replaceAll('\r', '').split('\n') : text.split('\n');
}

interface Word {
  word: string;
  delim: string;
}

function words(line: string): Word[] {
  const out: Word[] = [];
  let current = '';
  for (const ch of line) {
    if (ch === ' ' || ch === '\t' || ch === SOFT_HYPHEN) {
      out.push({ word: current, delim: ch });
      current = '';
    } else if (ch === '\u2011' || ch === '\u00a0') {
      out.push({ word: current, delim: '' });
      current = '';
    } else {
      current += ch;
    }
  }
  out.push({ word: current, delim: '' });
  return out;
}

/**
 * Wraps text into lines of at most `firstWidth` cells, then `width` cells.
 * @param text the value's text
 * @param firstWidth the first line's cells
 * @param width the following lines' cells
 * @returns the lines (one empty line for empty text)
 */
export function wrapLines(text: string, firstWidth: number, width: number): string[] {
  if (text === '') return [''];
  const out: string[] = [];
  for (const line of splitLines(text)) {
    if (cellLength(line) <= firstWidth) {
      out.push(line);
      continue;
    }
    wrapLine(line, firstWidth, width, out);
  }
  return out;
}

function wrapLine(line: string, firstWidth: number, width: number, out: string[]): void {
  let spacesLeft = firstWidth;
  let lineWidth = firstWidth;
  let firstLine = true;
  let current = '';
  const nextLine = (): void => {
    if (firstLine) {
      firstLine = false;
      lineWidth = width;
    }
  };
  for (const { word, delim } of words(line)) {
    let toAdd = word;
    if (delim === SOFT_HYPHEN) {
      if (cellLength(word) + 1 === spacesLeft) toAdd += '-';
    } else {
      toAdd += delim;
    }
    const wordWidth = cellLength(toAdd);
    if (lineWidth === 0) {
      nextLine();
      if (lineWidth === 0) break;
      spacesLeft = lineWidth;
    }
    if (wordWidth > lineWidth) {
      // A word wider than a line is cut character by character.
      for (let i = 0; i < toAdd.length; i++) {
        let ch = toAdd[i] ?? '';
        let chWidth = unitCells(toAdd.charCodeAt(i));
        if (chWidth > lineWidth) {
          ch = '?';
          chWidth = 1;
        }
        if (chWidth > spacesLeft) {
          out.push(current);
          current = ch;
          nextLine();
          spacesLeft = lineWidth - chWidth;
        } else {
          current += ch;
          spacesLeft -= chWidth;
        }
      }
    } else if (wordWidth > spacesLeft) {
      out.push(current);
      current = toAdd;
      nextLine();
      spacesLeft = lineWidth - wordWidth;
    } else {
      current += toAdd;
      spacesLeft -= wordWidth;
    }
  }
  out.push(current);
}

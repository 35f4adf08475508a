/**
 * PowerShell's list view (Format-List): one `Name : value` line per property, one object after another.
 */
import { displayedProperties, formatValue, type FormatRecord } from './formatValue.js';

/**
 * Formats one record as list-view lines, followed by the blank line PowerShell puts after each object.
 * Names are padded to the longest displayed name of this record; lines of a multi-line value after the
 * first are indented under the value column.
 * @param record - the record to show.
 * @returns the text for the record, ending with an empty line (`...\n\n`).
 */
export function formatListEntry(record: FormatRecord): string {
  const names = displayedProperties(record);
  const nameWidth = Math.max(0, ...names.map((name) => name.length));
  const indent = ' '.repeat(nameWidth + 3);
  const lines = names.map((name) => {
    const [first = '', ...rest] = formatValue(record[name]).split(/\r?\n/);
    // An empty value would leave "Name : " with a trailing space; trim it as the brief allows.
    const head = `${name.padEnd(nameWidth)} : ${first}`.trimEnd();
    return [head, ...rest.map((line) => `${indent}${line}`.trimEnd())].join('\n');
  });
  return `${lines.join('\n')}\n\n`;
}

/**
 * Reads users from CSV (Export-Csv of Get-ADUser, csvde): the generic Import-Csv reader, with rows
 * sorted by their objectClass column when there is one (csvde lists OUs, groups and computers too).
 */
import { csvRecords } from '../../core/csv/csvRecords.js';
import { isErrorRecord } from '../../core/errors.js';
import { classify, errorRow, type SourceRow } from './sourceRow.js';
import { directoryMessages } from '../messages.js';

/**
 * Reads CSV users. A row with more or fewer fields than the header is refused
 * (`CsvFieldCountMismatch`: an unquoted comma would shift every column after it). A row whose
 * objectClass (csvde writes `top;person;organizationalPerson;user`) names no user class becomes
 * a container (by its DN or DistinguishedName column) or a skipped row.
 * @param input - the CSV bytes
 * @returns the rows, numbered by the line they start on
 */
export async function* readCsvUsers(input: NodeJS.ReadableStream): AsyncIterable<SourceRow> {
  for await (const item of csvRecords(input, { strictColumns: true })) {
    if (isErrorRecord(item)) {
      yield errorRow(item);
      continue;
    }
    const entries = Object.entries(item.record).filter((entry): entry is [string, string] => entry[1] !== null);
    const raw = Object.fromEntries(entries);
    const value = (name: string): string | undefined => entries.find(([key]) => key.trim().toLowerCase() === name)?.[1];
    const classes = (value('objectclass') ?? '').split(';').filter((c) => c.trim() !== '');
    const kind = classify(classes);
    if (kind === 'user') {
      yield { row: item.row, raw };
    } else if (kind === 'container') {
      const dn = value('dn') ?? value('distinguishedname') ?? '';
      yield dn === '' ? { row: item.row, error: directoryMessages.InvalidImportRow.containerWithoutDn, errorId: 'InvalidImportRow' } : { row: item.row, container: dn };
    } else {
      yield { row: item.row, skipped: kind.skipped };
    }
  }
}

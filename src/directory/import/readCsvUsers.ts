/**
 * Reads users from CSV (Export-Csv of Get-ADUser, csvde): the generic Import-Csv reader, with rows
 * sorted by their objectClass column when there is one (csvde lists OUs, groups and computers too).
 */
import { csvRecords } from '../../core/csv/csvRecords.js';
import { isErrorRecord } from '../../core/errors.js';
import { classify, errorRow, type SourceRow } from './sourceRow.js';
import { directoryMessages } from '../messages.js';
import { isRecordColumn } from './normalizeUser.js';

/**
 * What Export-Csv writes for a value whose ToString() is its .NET type's name: lists
 * (`Microsoft.ActiveDirectory.Management.ADPropertyValueCollection`), bytes (`System.Byte[]`), a
 * security descriptor (`System.DirectoryServices.ActiveDirectorySecurity`), generics (`...HashSet`1[System.String]`).
 * Each part after the root starts with a capital, so `Microsoft.com` is data.
 */
const TYPE_NAME = /^(?:System|Microsoft)(?:\.[A-Z][\w`+]*)+(?:\[[\w.`+,[\]]*\])?$/;

/**
 * Whether a CSV value is a .NET type name standing where Export-Csv lost the value: two parts
 * after the root at least, or a bracket (`System.Byte[]`), so that `Microsoft.Office` stays data.
 * @param value the field
 * @returns true for such a placeholder
 */
export function isTypeNamePlaceholder(value: string): boolean {
  const first = value.charCodeAt(0);
  // S or M: most fields are decided here, without the pattern.
  if ((first !== 0x53 && first !== 0x4d) || !TYPE_NAME.test(value)) return false;
  return value.includes('[') || value.split('.').length >= 3;
}

/** A row's fields less the absent ones and the type names (their columns go to `lost`); the row itself when it has neither. */
function valuesOf(record: Readonly<Record<string, string | null>>, lost: Set<string>): Record<string, string> {
  let clean = true;
  for (const key in record) {
    const field = record[key];
    if (field === null || field === undefined || isTypeNamePlaceholder(field)) clean = false;
  }
  if (clean) return record as Record<string, string>;
  const raw: Record<string, string> = {};
  for (const key in record) {
    const field = record[key];
    if (field === null || field === undefined) continue;
    if (!isTypeNamePlaceholder(field)) raw[key] = field;
    else if (!isRecordColumn(key)) lost.add(key);
  }
  return raw;
}

const FOLDED = new Map<string, string>();

/** A column's name trimmed and lower-cased, once per name. */
function folded(key: string): string {
  let name = FOLDED.get(key);
  if (name === undefined) {
    name = key.trim().toLowerCase();
    if (FOLDED.size < 4096) FOLDED.set(key, name);
  }
  return name;
}

/**
 * Reads CSV users. A row with more or fewer fields than the header is refused
 * (`CsvFieldCountMismatch`: an unquoted comma would shift every column after it). A row whose
 * objectClass (csvde writes `top;person;organizationalPerson;user`) names no user class becomes
 * a container (by its DN or DistinguishedName column) or a skipped row. A .NET type name in place
 * of a value ({@link isTypeNamePlaceholder}) is no value: it is left out, and its column named once.
 * @param input - the CSV bytes
 * @param lostColumns - told once, at the end, of the columns that held type names (none: not called)
 * @returns the rows, numbered by the line they start on
 */
export async function* readCsvUsers(input: NodeJS.ReadableStream, lostColumns?: (columns: readonly string[]) => void): AsyncIterable<SourceRow> {
  const lost = new Set<string>();
  for await (const item of csvRecords(input, { strictColumns: true })) {
    if (isErrorRecord(item)) {
      yield errorRow(item);
      continue;
    }
    const raw = valuesOf(item.record, lost);
    const value = (name: string): string | undefined => {
      for (const key in raw) if (folded(key) === name) return raw[key];
      return undefined;
    };
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
  if (lost.size > 0) lostColumns?.([...lost]);
}

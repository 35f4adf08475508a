/** Picks the reader for a directory export by its format, told by the file extension or --format. */
import { extname } from 'node:path';
import { usageError } from '../../core/errors.js';
import { readCsvUsers } from './readCsvUsers.js';
import { readLdifUsers } from './readLdif.js';
import { readNdjsonUsers } from './readNdjson.js';
import type { SourceRow } from './sourceRow.js';
import { directoryMessages } from '../messages.js';

export type { SourceRow } from './sourceRow.js';

/** The formats `cspin import` reads. */
export type ImportFormat = 'csv' | 'ndjson' | 'ldif';

const FORMATS: readonly ImportFormat[] = ['csv', 'ndjson', 'ldif'];
const EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'ndjson',
  '.ldif': 'ldif',
  '.ldf': 'ldif',
};

/**
 * Tells the format of a source: `explicit` when given, else the extension (any case).
 * @param path - the file name, or `-` for standard input
 * @param explicit - the --format value, if any
 * @returns the format
 * @throws TerminatingError (a usage error) for an unknown format or extension, or for `-`
 *   without `explicit`
 */
export function formatOf(path: string, explicit?: string): ImportFormat {
  if (explicit !== undefined) {
    const format = FORMATS.find((f) => f === explicit.toLowerCase());
    if (!format) throw usageError('UnknownImportFormat', directoryMessages.UnknownImportFormat.unknown(explicit, FORMATS), explicit);
    return format;
  }
  if (path === '-') throw usageError('UnknownImportFormat', directoryMessages.UnknownImportFormat.stdin, path);
  const format = EXTENSIONS[extname(path).toLowerCase()];
  if (!format) {
    const known = Object.keys(EXTENSIONS).join(', ');
    throw usageError('UnknownImportFormat', directoryMessages.UnknownImportFormat.extension(path, known), path);
  }
  return format;
}

/**
 * Reads the rows of a source.
 * @param input - the bytes of the source
 * @param format - its format; see {@link formatOf}
 * @param lostColumns - told, after the last row, of the CSV columns that held .NET type names where
 *   Export-Csv lost the values (see readCsvUsers)
 * @returns the rows, streamed
 */
export function readUsers(input: NodeJS.ReadableStream, format: ImportFormat, lostColumns?: (columns: readonly string[]) => void): AsyncIterable<SourceRow> {
  switch (format) {
    case 'csv':
      return readCsvUsers(input, lostColumns);
    case 'ndjson':
      return readNdjsonUsers(input);
    case 'ldif':
      return readLdifUsers(input);
  }
}

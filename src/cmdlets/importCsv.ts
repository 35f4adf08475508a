import { createReadStream } from 'node:fs';
import { csvRecords } from '../core/csv/csvRecords.js';
import { StringType, defineCmdlet, echo, errorRecord, isErrorRecord, recordEntries, recordFromEntries, usageError } from '../core/index.js';
import { stdinReadError } from '../core/stream/readChunks.js';

export default defineCmdlet({
  name: 'Import-Csv',
  synopsis: 'Creates table-like custom objects from the items in a character-separated value (CSV) file.',
  description:
    'Each row of the file becomes an object whose properties are the column headers and whose values, all strings, are the fields: so `Import-Csv users.csv | Get-CsClientPinInfo` binds rows by property name. An empty field is an empty string; a missing trailing field is null. A first line "#TYPE Name" sets the objects\' type to "CSV:Name". A malformed row is reported with its line number and skipped: a row with bytes that are not UTF-8, and a quoted value that is never closed, or closed by a quote followed by more text on a later line (an unmatched quote), which is reported at the line the quote opens on, the lines after it being read again as rows (PowerShell would read them into the quoted value).',
  parameters: {
    Path: {
      type: StringType,
      mandatory: true,
      position: 0,
      valueFromPipeline: true,
      valueFromPipelineByPropertyName: true,
      aliases: ['PSPath', 'LP'],
      description: 'The path of the CSV file to import; - reads standard input (cspin extension).',
    },
    Delimiter: { type: StringType, description: 'The character that separates the fields; @default ",".' },
    Header: {
      type: StringType,
      description: 'Column headers to use instead of the first line, comma-separated (the file\'s first line is then data).',
    },
  },
  inputTypes: ['System.String (a path).'],
  outputType: 'System.Management.Automation.PSCustomObject',
  examples: [
    {
      title: 'Rows of a CSV file as objects',
      code: 'printf "Name,Title\\nKen Myer,Manager\\n" > people.csv && Import-Csv people.csv',
      remarks: 'Each row becomes an object with the properties Name and Title.',
    },
    {
      title: 'PIN information for the users of an AD export',
      code: `printf 'DistinguishedName\\n"CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com"\\n' > export.csv && Import-Csv export.csv | Get-CsClientPinInfo`,
      remarks: 'The DistinguishedName column binds to -Identity by property name (cspin extension).',
      expect: { identities: ['sip:kenmyer@litwareinc.com'] },
    },
  ],

  begin(params) {
    if (params.Delimiter !== undefined && params.Delimiter.length !== 1) {
      throw usageError('InvalidDelimiter', `Cannot bind parameter 'Delimiter'. "${echo(params.Delimiter)}" is not one character.`, echo(params.Delimiter));
    }
    return undefined;
  },

  async *process(records) {
    for (const { params, record } of records) {
      const stdin = params.Path === '-';
      const input = stdin ? process.stdin : createReadStream(params.Path);
      const header = params.Header?.split(',').map((h) => h.trim());
      const path = echo(params.Path);
      try {
        for await (const item of csvRecords(input, { delimiter: params.Delimiter, header })) {
          if (isErrorRecord(item)) yield errorRecord({ ...item, message: `${path}: ${item.message}` });
          else yield item.typeName ? recordFromEntries([['PSTypeName', `CSV:${item.typeName}`], ...recordEntries(item.record)]) : item.record;
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code !== 'string' || !(error instanceof Error)) throw error;
        if (stdin) throw stdinReadError(error);
        // Node's message quotes the path raw: keep its meaning only.
        const meaning = /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? 'read failed';
        const opening = (error as NodeJS.ErrnoException).syscall === 'open' || code === 'EISDIR';
        yield errorRecord({
          errorId: opening ? 'FileOpenFailure' : 'FileReadError',
          category: code === 'ENOENT' ? 'ObjectNotFound' : code === 'EACCES' || code === 'EPERM' ? 'PermissionDenied' : 'InvalidOperation',
          message: `Could not ${opening ? 'open' : 'read'} file '${path}': ${meaning} (${code}).`,
          target: path,
          record,
        });
      }
    }
  },
});

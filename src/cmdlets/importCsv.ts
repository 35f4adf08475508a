import { createReadStream } from 'node:fs';
import { csvRecords } from '../core/csv/csvRecords.js';
import { StringType, defineCmdlet, errorRecord, isErrorRecord, usageError } from '../core/index.js';

export default defineCmdlet({
  name: 'Import-Csv',
  synopsis: 'Creates table-like custom objects from the items in a character-separated value (CSV) file.',
  description:
    'Each row of the file becomes an object whose properties are the column headers and whose values, all strings, are the fields: so `Import-Csv users.csv | Get-CsClientPinInfo` binds rows by property name. An empty field is an empty string; a missing trailing field is null. A first line "#TYPE Name" sets the objects\' type to "CSV:Name". A malformed row is reported with its line number and skipped.',
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
    if (params.Delimiter !== undefined && [...params.Delimiter].length !== 1) {
      throw usageError('InvalidDelimiter', `Cannot bind parameter 'Delimiter'. "${params.Delimiter}" is not one character.`, params.Delimiter);
    }
    return undefined;
  },

  async *process(records) {
    for (const { params, record } of records) {
      const input = params.Path === '-' ? process.stdin : createReadStream(params.Path);
      const header = params.Header?.split(',').map((h) => h.trim());
      try {
        for await (const item of csvRecords(input, { delimiter: params.Delimiter, header })) {
          if (isErrorRecord(item)) yield errorRecord({ ...item, message: `${params.Path}: ${item.message}` });
          else yield item.typeName ? { PSTypeName: `CSV:${item.typeName}`, ...item.record } : item.record;
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EISDIR') throw error;
        yield errorRecord({
          errorId: 'FileOpenFailure',
          category: code === 'ENOENT' ? 'ObjectNotFound' : 'PermissionDenied',
          message: `Could not open file '${params.Path}': ${(error as Error).message}`,
          target: params.Path,
          record,
        });
      }
    }
  },
});

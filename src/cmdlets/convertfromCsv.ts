import { Readable } from 'node:stream';
import { csvRecords } from '../core/csv/csvRecords.js';
import { StringType, TYPE_NAME_PROPERTY, TerminatingError, defineCmdlet, errorRecord, isErrorRecord, recordEntries, recordFromEntries, usageError } from '../core/index.js';
import { coreMessages } from '../core/messages.js';
import { NameListType } from '../core/propertyType.js';
import { checkDelimiter } from './csvOutput.js';
import { headerList } from './importCsv.js';
import { cmdletMessages } from './messages.js';
import { classifyStdin } from '../core/pipelineInput.js';

export default defineCmdlet({
  name: 'ConvertFrom-Csv',
  synopsis: 'Converts object properties in character-separated value (CSV) format into CSV versions of the original objects.',
  description:
    'Reads CSV text and writes one object per row, as Import-Csv reads a file: the first line is the header (unless -Header), every value is a string, an empty cell is "" and a missing trailing cell null; a first line "#TYPE Name" types the objects Name (PowerShell\'s first type name). The text is standard input (what ConvertTo-Csv or any CSV tool writes) or -InputObject.',
  parameters: {
    InputObject: {
      type: StringType,
      position: 0,
      description: 'CSV text; without it, standard input is read as CSV text (cspin: a pipe carries text, so the lines are not NDJSON records here).',
    },
    Delimiter: { type: StringType, position: 1, description: 'The character between values; @default ",".' },
    Header: { type: NameListType, description: 'Column names to use instead of the first line, a comma list (the first line is then data).' },
  },
  inputTypes: ['CSV text.'],
  outputType: 'System.Management.Automation.PSCustomObject',
  notes: ['Rows are read with Import-Csv\'s reader: a malformed row (an unmatched quote, bytes that are not UTF-8) is reported with its line number and skipped, and the rows after it go on.'],
  examples: [
    {
      title: 'CSV text back into objects',
      code: 'Get-CsClientPinInfo -Identity "litwareinc\\\\kenmyer" | ConvertTo-Csv | ConvertFrom-Csv',
      remarks: 'Every value comes back as a string: "True", the date as text, "" for what was null.',
      expect: {
        objects: [{ Identity: 'sip:kenmyer@litwareinc.com', IsPinSet: 'True', IsLockedOut: 'False', LastPinChangeTime: '9/25/2012 1:35:03 PM', PinExpirationTime: '' }],
      },
    },
    {
      title: 'Rows without a header line',
      code: `printf 'kenmyer;Finance\\npilar;Finance\\n' | ConvertFrom-Csv -Delimiter ';' -Header Logon,Department`,
      remarks: 'The header names the columns; both lines are data.',
      expect: { objects: [{ Logon: 'kenmyer', Department: 'Finance' }, { Logon: 'pilar', Department: 'Finance' }] },
    },
  ],

  begin(params) {
    checkDelimiter(params.Delimiter);
    headerList(params.Header);
    if (params.InputObject === undefined && classifyStdin() === 'terminal') {
      throw usageError('MissingMandatoryParameter', coreMessages.MissingMandatoryParameter(['InputObject']), 'InputObject');
    }
    return undefined;
  },

  async *process(records) {
    for (const { params } of records) {
      const input = params.InputObject === undefined ? process.stdin : Readable.from([Buffer.from(params.InputObject)]);
      const header = headerList(params.Header);
      for await (const item of csvRecords(input, { delimiter: params.Delimiter, header })) {
        // As in PowerShell, a column named twice ends the command (its members cannot be made).
        if (isErrorRecord(item) && item.errorId === 'DuplicateCsvHeader') throw new TerminatingError({ ...item, errorId: 'AlreadyPresentPSMemberInfoInternalCollectionAdd', message: cmdletMessages.AlreadyPresentPSMemberInfoInternalCollectionAdd.csvInput(item.message) });
        if (isErrorRecord(item)) yield errorRecord({ ...item, message: cmdletMessages.MalformedCsvRow.csvInput(item.message) });
        else yield item.typeName ? recordFromEntries([[TYPE_NAME_PROPERTY, item.typeName], ...recordEntries(item.record)]) : item.record;
      }
    }
  },
});

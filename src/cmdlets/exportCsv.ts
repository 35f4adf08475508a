import { StringType, SwitchType, defineCmdlet, enumType, usageError } from '../core/index.js';
import { ReportFile, type ReportEncoding } from '../core/reportFile.js';
import { CSV_PARAMETERS, CsvLines, checkCsvShape, headerOf } from './csvOutput.js';
import { cmdletMessages } from './messages.js';

interface State {
  file: ReportFile | undefined;
  csv: CsvLines;
}

const H5 = '"Identity","IsPinSet","IsLockedOut","LastPinChangeTime","PinExpirationTime"';
const row = (sam: string, set: boolean, locked: boolean, changed = '') =>
  `"sip:${sam}@litwareinc.com","${set ? 'True' : 'False'}","${locked ? 'True' : 'False'}",${changed ? `"${changed}"` : ''},`;
const NO_PIN = ['aidan', 'jsmith', 'cpreston', 'tonip', 'kima', 'nuriag', 'sanjays', 'tyc', 'zrinkam', 'confroom1'];

export default defineCmdlet({
  name: 'Export-Csv',
  synopsis: 'Converts objects into a series of character-separated value (CSV) strings and saves the strings to a file.',
  description:
    'Writes one CSV line per input object to a file, after a header line. The columns are the properties of the first object; a later object\'s missing property is an empty cell, and its extra properties are dropped. A value is written as PowerShell\'s ToString() in the en-US culture: True/False, a date as 9/25/2012 1:35:03 PM in the local time zone, an array as System.Object[], a nested object as @{Name=value}; $null is an empty cell, never quoted. Every header and value is in double quotes unless -UseQuotes or -QuoteFields say otherwise. The file is UTF-8 without a BOM, with LF line ends. Nothing is written to standard output.',
  parameters: {
    Path: { type: StringType, position: 0, description: 'The file to write. Relative to the working folder.' },
    LiteralPath: { type: StringType, aliases: ['PSPath', 'LP'], description: 'The same as -Path (cspin expands no wildcards in either).' },
    ...CSV_PARAMETERS,
    Append: { type: SwitchType, description: 'Adds the rows to the end of the file, under its header and in its column order; a column the first object lacks is an error unless -Force.' },
    Force: { type: SwitchType, description: 'With -Append, writes rows whose properties differ from the file\'s columns (missing ones empty); also replaces a read-only file, which stays read-only.' },
    NoClobber: { type: SwitchType, aliases: ['NoOverwrite'], description: 'Refuses to replace an existing file.' },
    Encoding: { type: enumType<ReportEncoding>('Encoding', { utf8: 0, utf8BOM: 1, unicode: 2 }), description: 'utf8 (the default, no BOM), utf8BOM, or unicode (UTF-16LE with a BOM).' },
  },
  mutuallyExclusive: [['Path', 'LiteralPath']],
  shouldProcess: { confirmImpact: 'Medium' },
  inputTypes: ['Any object, one per NDJSON line.'],
  outputType: 'None: the file is the output.',
  notes: [
    'The file appears whole or not at all: the rows go to a temporary file in the same folder, renamed over the target at the end. An error, Ctrl-C (SIGINT) or SIGTERM removes the temporary file and leaves the old file as it was; kill -9 can leave the temporary file (named .<file>.<random>.tmp) but never a half report. -Append copies the old file and appends to the copy, so the old rows are safe too. PowerShell writes the file as the objects arrive.',
    'A missing folder, a folder in place of the file, or a folder or file that cannot be written is one FileOpenFailure error naming the path, before any input is read (exit 1); -NoClobber on an existing file is a NoClobber error and the file is left as it was.',
    'Dates come from NDJSON as ISO 8601 strings and are written in the local time zone (PowerShell writes a date that ConvertFrom-Json read with a Z in UTC). The en-US time is written with a plain space before AM/PM, as Windows does (.NET on Linux with recent ICU writes U+202F).',
  ],
  examples: [
    {
      title: 'Users without a PIN, for HR',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet -eq False | Export-Csv -Path nopin.csv -NoTypeInformation',
      remarks: 'One row per user without a PIN; the dates of a PIN never set are empty cells.',
      expect: { files: { 'nopin.csv': `${[H5, ...NO_PIN.map((sam) => row(sam, false, false))].join('\n')}\n` } },
    },
    {
      title: 'Locked users of an HR export',
      code: 'printf "UserPrincipalName\\npilar@litwareinc.com\\nkenmyer@litwareinc.com\\n" > hr.csv && Import-Csv hr.csv | Get-CsClientPinInfo | Where-Object IsLockedOut -eq True | Export-Csv locked.csv',
      remarks: 'Rows bind by property name; only Pilar is locked. Dates are written as PowerShell\'s en-US ToString() (here TZ is whatever the test runs with: UTC).',
      expect: { files: { 'locked.csv': `${H5}\n${row('pilar', true, true, '8/14/2012 9:12:40 AM')}\n` } },
    },
    {
      title: 'Adding rows to a report',
      code: `printf '{"Name":"a","Count":1}\\n' | Export-Csv counts.csv && printf '{"Count":2,"Name":"b","Extra":0}\\n' | Export-Csv counts.csv -Append -UseQuotes AsNeeded`,
      remarks: 'The appended row follows the file\'s columns (Name, Count); its extra property is dropped.',
      expect: { files: { 'counts.csv': '"Name","Count"\n"a","1"\nb,2\n' } },
    },
  ],

  begin(params, context): State {
    checkCsvShape(params);
    const path = params.Path ?? params.LiteralPath;
    if (path === undefined || path === '') {
      throw usageError('CannotSpecifyPathAndLiteralPath', cmdletMessages.CannotSpecifyPathAndLiteralPath);
    }
    if (!context.shouldProcess(path)) return { file: undefined, csv: new CsvLines(params) };
    const file = new ReportFile(path, { append: params.Append, noClobber: params.NoClobber, force: params.Force, encoding: params.Encoding });
    const columns = file.existingHead === undefined ? undefined : headerOf(file.existingHead, params.Delimiter ?? ',');
    const append = columns && { columns, force: params.Force === true, path };
    return { file, csv: new CsvLines(params, append) };
  },

  *process(records, state) {
    const { file, csv } = state;
    if (!file) return;
    let text = '';
    for (const { params } of records) {
      for (const line of csv.lines(params.InputObject)) text += `${line}\n`;
    }
    file.write(text);
  },

  end(state) {
    state.file?.commit();
  },

  clean(state) {
    state.file?.discard();
  },
});

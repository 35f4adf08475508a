import { createReadStream } from 'node:fs';
import { arrayType } from '../core/commaList.js';
import { NameListType } from '../core/propertyType.js';
import { checkDelimiter } from './csvOutput.js';
import { csvRecords } from '../core/csv/csvRecords.js';
import { ENCODING_NAMES, isKnownEncoding, utf8Input } from '../core/csv/recode.js';
import { StringType, SwitchType, TYPE_NAME_PROPERTY, TerminatingError, defineCmdlet, echo, errorRecord, isErrorRecord, recordEntries, recordFromEntries, usageError } from '../core/index.js';
import { stdinReadError } from '../core/stream/readChunks.js';
import { cmdletMessages } from './messages.js';

/** PowerShell's id for a column named twice (ExtendedTypeSystem's member collection). */
const DUPLICATE_COLUMN = 'AlreadyPresentPSMemberInfoInternalCollectionAdd';

/** PowerShell's warning (CsvCommandStrings.UseDefaultNameForUnspecifiedHeader). */
const UNNAMED_COLUMNS = 'One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.';
/** -UseCulture: cspin's culture is en-US, whatever LANG says. */
const EN_US_LIST_SEPARATOR = ',';

interface State {
  delimiter: string | undefined;
  header: string[] | undefined;
  onUnnamedColumns: () => void;
}

export default defineCmdlet({
  name: 'Import-Csv',
  synopsis: 'Creates table-like custom objects from the items in a character-separated value (CSV) file.',
  description:
    'Each row of the file becomes an object whose properties are the column headers and whose values, all strings, are the fields: so `Import-Csv users.csv | Get-CsClientPinInfo` binds rows by property name. An empty field is an empty string; a missing trailing field is null, and so is an empty field the file ends in (`1,` without a last newline), as in PowerShell. A first line that starts with # is read as a line: "#TYPE Name" sets the objects\' type to "Name" (PowerShell\'s first type name; Export-Csv -IncludeTypeInformation writes it back as "#TYPE Name"). Other lines that start with # before the header are skipped, except "#Fields: " (the W3C extended log format), whose list is the header. A blank first line is, as in PowerShell, a header of one unnamed column; unnamed columns are named H1, H2… with a warning. A malformed row is reported with its line number and skipped: a row with bytes that are not UTF-8, and a quoted value that is never closed, or closed by a quote followed by more text on a later line (an unmatched quote), which is reported at the line the quote opens on, the lines after it being read again as rows (PowerShell would read them into the quoted value).',
  parameters: {
    Path: {
      type: arrayType(StringType),
      mandatory: true,
      position: 0,
      valueFromPipeline: true,
      valueFromPipelineByPropertyName: true,
      description: 'The paths of the CSV files to import, a comma list (a.csv,b.csv) read one after another; - reads standard input (cspin extension). A piped string, or an object with a Path property, binds to it. A file that cannot be opened ends the command (FileOpenFailure), as in PowerShell: the paths after it are not read.',
    },
    LiteralPath: {
      type: arrayType(StringType),
      mandatory: true,
      valueFromPipelineByPropertyName: true,
      aliases: ['PSPath', 'LP'],
      description: 'The paths of the CSV files to import, a comma list, used exactly as written (cspin expands no wildcards in either path). An object with a LiteralPath, PSPath or LP property binds to it by property name.',
    },
    Delimiter: { type: StringType, position: 1, description: 'The character that separates the fields; @default ",".' },
    UseCulture: {
      type: SwitchType,
      description: 'Uses the list separator of the current culture as the delimiter: cspin formats as en-US, whose list separator is ",".',
    },
    Header: {
      type: NameListType,
      description: 'Column headers to use instead of the first line, a comma list (the file\'s first line is then data). As in PowerShell, an empty name (ParameterArgumentValidationError) or a name given twice, in any case (AlreadyPresentPSMemberInfoInternalCollectionAdd), is refused before reading.',
    },
    Encoding: {
      type: StringType,
      description: `The encoding of the file: ${ENCODING_NAMES.join(', ')}; @default utf8. A byte order mark (UTF-8, UTF-16) wins over it, as in PowerShell.`,
    },
  },
  mutuallyExclusive: [
    ['Path', 'LiteralPath'],
    ['Delimiter', 'UseCulture'],
  ],
  inputTypes: ['System.String (a path, to -Path).', 'Objects with a Path property (to -Path) or a LiteralPath, PSPath or LP property (to -LiteralPath).'],
  outputType: 'System.Management.Automation.PSCustomObject',
  examples: [
    {
      title: 'Rows of a CSV file as objects',
      code: 'printf "Name,Title\\nKen Myer,Manager\\n" > people.csv && Import-Csv people.csv',
      remarks: 'Each row becomes an object with the properties Name and Title.',
      expect: { objects: [{ Name: 'Ken Myer', Title: 'Manager' }] },
    },
    {
      title: 'Another delimiter, by position',
      code: 'printf "Name;Title\\nKen Myer;Manager\\n" > people.csv && Import-Csv people.csv \';\'',
      remarks: 'The second positional argument is -Delimiter, as in PowerShell.',
      expect: { objects: [{ Name: 'Ken Myer', Title: 'Manager' }] },
    },
    {
      title: 'Files named by the objects of another command',
      code: 'printf "Name\\nKen Myer\\n" > a.csv && printf "Name\\nPilar Ackerman\\n" > b.csv && printf \'{"PSPath":"a.csv"}\\n{"LiteralPath":"b.csv"}\\n\' | Import-Csv',
      remarks: 'An object with a PSPath, LiteralPath or LP property (a Get-ChildItem object, say) binds to -LiteralPath by property name; a plain string or a Path property binds to -Path.',
      expect: { objects: [{ Name: 'Ken Myer' }, { Name: 'Pilar Ackerman' }] },
    },
    {
      title: 'An IIS log in the W3C extended log format',
      code: 'printf "#Software: Microsoft Internet Information Services\\n#Fields: date,cs-uri-stem,sc-status\\n2012-09-25,/abs/handler,200\\n" > iis.log && Import-Csv iis.log',
      remarks: 'Lines that start with # before the header are skipped, except "#Fields: ", whose list is the header.',
      expect: { objects: [{ date: '2012-09-25', 'cs-uri-stem': '/abs/handler', 'sc-status': '200' }] },
    },
    {
      title: 'PIN information for the users of an AD export',
      code: `printf 'DistinguishedName\\n"CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com"\\n' > export.csv && Import-Csv export.csv | Get-CsClientPinInfo`,
      remarks: 'The DistinguishedName column binds to -Identity by property name (cspin extension).',
      expect: {
        // Ken Myer's PIN state in samples/litwareinc-pins.csv.
        objects: [
          {
            PSTypeName: 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails',
            Identity: 'sip:kenmyer@litwareinc.com',
            IsPinSet: true,
            IsLockedOut: false,
            LastPinChangeTime: '2012-09-25T13:35:03.000Z',
            PinExpirationTime: null,
          },
        ],
      },
    },
  ],

  begin(params, context): State {
    checkDelimiter(params.Delimiter);
    if (params.Encoding !== undefined && !isKnownEncoding(params.Encoding)) {
      const message = cmdletMessages.ParameterArgumentTransformationError.encoding(params.Encoding, ENCODING_NAMES);
      throw usageError('ParameterArgumentTransformationError', message, echo(params.Encoding));
    }
    let warned = false;
    // PowerShell warns once per command, whatever the number of files.
    const onUnnamedColumns = () => {
      if (!warned) context.writeWarning(UNNAMED_COLUMNS);
      warned = true;
    };
    // PowerShell: -UseCulture:$false still picks its parameter set, where the delimiter is then NUL.
    const culture = params.UseCulture === undefined ? undefined : params.UseCulture ? EN_US_LIST_SEPARATOR : '\0';
    return { delimiter: culture ?? params.Delimiter, onUnnamedColumns, header: headerList(params.Header) };
  },

  async *process(records, state) {
    for (const { params, record } of records) {
      // Path and LiteralPath are each mandatory in their own parameter set: one of them is bound.
      const paths = (params.Path as string[] | undefined) ?? params.LiteralPath;
      for (const path of paths) yield* importFile(path, params.Path !== undefined && path === '-', params.Encoding, state, record);
    }
  },
});

/** One file's rows; a file that cannot be read ends the command, as in PowerShell. */
async function* importFile(path: string, stdin: boolean, encoding: string | undefined, state: State, record: number | undefined) {
  const shown = echo(path);
  try {
    const input = utf8Input(stdin ? process.stdin : createReadStream(path), encoding);
    for await (const item of csvRecords(input, { delimiter: state.delimiter, header: state.header, onUnnamedColumns: state.onUnnamedColumns })) {
      if (!isErrorRecord(item)) yield item.typeName ? typed(item.record, item.typeName) : item.record;
      // As in PowerShell, a column named twice ends the command (its members cannot be made).
      else if (item.errorId === 'DuplicateCsvHeader') throw new TerminatingError({ ...item, errorId: DUPLICATE_COLUMN, message: cmdletMessages[DUPLICATE_COLUMN].inFile(path, item.message) });
      else yield errorRecord({ ...item, message: cmdletMessages.MalformedCsvRow.inFile(path, item.message) });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !(error instanceof Error)) throw error;
    if (stdin) throw stdinReadError(error);
    // Node's message quotes the path raw: keep its meaning only.
    const meaning = /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? cmdletMessages.FileReadError.unknown;
    const opening = (error as NodeJS.ErrnoException).syscall === 'open' || code === 'EISDIR';
    throw new TerminatingError({
      errorId: opening ? 'FileOpenFailure' : 'FileReadError',
      category: code === 'ENOENT' ? 'ObjectNotFound' : code === 'EACCES' || code === 'EPERM' ? 'PermissionDenied' : 'InvalidOperation',
      message: cmdletMessages.FileReadError[opening ? 'open' : 'read'](path, meaning, code),
      target: shown,
      record,
    });
  }
}

/** A row of a file whose first line is `#TYPE T`: PowerShell's TypeNames are [T, CSV:T]; cspin carries the first. */
function typed(record: Record<string, string | null>, typeName: string): Record<string, unknown> {
  return recordFromEntries([[TYPE_NAME_PROPERTY, typeName], ...recordEntries(record)]);
}

/**
 * -Header's comma list (quoted names may hold commas). As in PowerShell, an empty name refuses the
 * parameter (ParameterArgumentValidationError) and a name given twice fails the command.
 */
export function headerList(names: readonly string[] | undefined): string[] | undefined {
  if (names === undefined) return undefined;
  const text = names.join(',');
  if (names.some((name) => name === '')) throw usageError('ParameterArgumentValidationError', cmdletMessages.ParameterArgumentValidationError.emptyHeader(text), echo(text));
  const seen = new Set<string>();
  for (const name of names) {
    const folded = name.toLowerCase();
    if (seen.has(folded)) throw usageError(DUPLICATE_COLUMN, cmdletMessages[DUPLICATE_COLUMN].header(name), echo(name));
    seen.add(folded);
  }
  return [...names];
}

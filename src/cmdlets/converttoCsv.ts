import { defineCmdlet } from '../core/index.js';
import { CSV_PARAMETERS, CsvLines, checkCsvShape } from './csvOutput.js';

export default defineCmdlet({
  name: 'ConvertTo-Csv',
  synopsis: 'Converts objects into a series of character-separated value (CSV) strings.',
  description:
    'Writes the objects as CSV text on standard output, as Export-Csv would write the file: a header line from the first object\'s properties, then one line per object; values as PowerShell\'s en-US ToString(), $null as an empty unquoted cell. The output is text, not NDJSON: `ConvertFrom-Csv` reads it back, as does any CSV tool. A line that would be empty (an object with no properties) is not written, as in PowerShell.',
  parameters: { ...CSV_PARAMETERS, InputObject: { ...CSV_PARAMETERS.InputObject, position: 0 } },
  inputTypes: ['Any object, one per NDJSON line.'],
  outputType: 'System.String: CSV lines, as text.',
  writesText: true,
  examples: [
    {
      title: 'PIN information as CSV text',
      code: 'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer" | ConvertTo-Csv',
      remarks: 'Every value quoted; the date in en-US form; the PIN that never expires an empty cell.',
      expect: { stdout: '"Identity","IsPinSet","IsLockedOut","LastPinChangeTime","PinExpirationTime"\n"sip:kenmyer@litwareinc.com","True","False","9/25/2012 1:35:03 PM",\n' },
    },
    {
      title: 'Only the quotes a value needs, with a semicolon',
      code: `printf '{"Name":"a;b","Count":1,"Note":null}\\n{"Name":"c","Count":2,"Note":"say \\\\"hi\\\\""}\\n' | ConvertTo-Csv -UseQuotes AsNeeded -Delimiter ';'`,
      remarks: 'A value is quoted only when it holds the delimiter, a double quote or a newline; $null stays empty.',
      expect: { stdout: 'Name;Count;Note\n"a;b";1;\nc;2;"say ""hi"""\n' },
    },
  ],

  begin(params) {
    checkCsvShape(params);
    return new CsvLines(params);
  },

  *process(records, csv) {
    const lines: string[] = [];
    for (const { params } of records) {
      for (const line of csv.lines(params.InputObject)) if (line !== '') lines.push(line);
    }
    // One text per chunk of input: the writer copies it as it is.
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
  },
});

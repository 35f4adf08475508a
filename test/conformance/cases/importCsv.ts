/**
 * Import-Csv against PowerShell, over real files: quoting, BOM, line ends, ragged rows, header-only and
 * empty files, duplicate and blank headers, -Delimiter, -Header, #TYPE and #Fields lines, paths.
 */
import type { ConformanceCase } from '../case.js';

/** `Import-Csv data.csv <args>` over a file with the given text. */
function file(name: string, text: string, args = '', extra: Partial<ConformanceCase> = {}): ConformanceCase {
  return { name, files: { 'data.csv': text }, pipeline: `Import-Csv data.csv${args === '' ? '' : ` ${args}`}`, output: 'objects', ...extra };
}

const EMPTY_NAME =
  "bash hands X,'' over as X, (and X,'',Z as X,,Z): cspin reads a comma list with a missing element as PowerShell reads X, (MissingExpression); an empty name written -Header \"X,'',Z\" is ParameterArgumentValidationError, as in PowerShell";

const reading: ConformanceCase[] = [
  file('plain rows', 'Name,Title\nKen Myer,Manager\nPilar Ackerman,Clerk\n'),
  file('no final line end', 'Name,Title\nKen Myer,Manager'),
  file('CRLF line ends', 'Name,Title\r\nKen Myer,Manager\r\nPilar,Clerk\r\n'),
  file('mixed line ends', 'A,B\r\n1,2\n3,4\r\n'),
  file('a UTF-8 BOM', '\uFEFFName,Title\nKen,Manager\n'),
  file('a BOM and CRLF', '\uFEFFName,Title\r\nKen,Manager\r\n'),
  file('quoted fields', '"Name","Title"\n"Ken Myer","Manager"\n'),
  file('a quoted comma', 'Name,Title\n"Myer, Ken",Manager\n'),
  file('doubled quotes', 'Name,Quote\nKen,"He said ""hi"""\n'),
  file('a line end inside quotes', 'Name,Note\nKen,"line one\nline two"\nPilar,x\n'),
  file('a CRLF inside quotes', 'Name,Note\r\nKen,"line one\r\nline two"\r\n'),
  file('a quote inside an unquoted field', 'Name,Note\nKen,a"b\n'),
  file('text after a closing quote', 'Name,Note\nKen,"ab"cd\n'),
  file('an empty quoted field', 'A,B\n"",x\n'),
  file('empty fields', 'A,B,C\n,,\n1,,3\n'),
  file('spaces around fields', 'A, B ,C\n 1 , 2 ,3 \n'),
  file('spaces before a quote', 'A,B\n1, "2"\n'),
  file('a short row: missing fields are null', 'A,B,C\n1,2\n1\n'),
  file('a long row: extra fields dropped', 'A,B\n1,2,3,4\n'),
  file('ragged rows', 'A,B,C\n1\n1,2,3,4\n\n1,2\n'),
  file('header only', 'A,B,C\n'),
  file('header only, no line end', 'A,B,C'),
  file('an empty file', ''),
  file('only a BOM', '\uFEFF'),
  file('blank lines between rows', 'A,B\n1,2\n\n3,4\n\n'),
  file('a line of spaces', 'A,B\n1,2\n   \n3,4\n'),
  file('one column', 'Name\nKen\nPilar\n'),
  file('a trailing delimiter', 'A,B,\n1,2,3\n'),
  file('a blank header', 'A,,C\n1,2,3\n'),
  file('two blank headers', ',\n1,2\n'),
  file('a quoted blank header', 'A,"",C\n1,2,3\n'),
  file('duplicate headers', 'A,B,A\n1,2,3\n', '', { errors: ['AlreadyPresentPSMemberInfoInternalCollectionAdd'] }),
  file('duplicate headers differing in case', 'A,B,a\n1,2,3\n', '', { errors: ['AlreadyPresentPSMemberInfoInternalCollectionAdd'] }),
  file('Unicode', 'Név,Título,名前\nÁrvíztűrő,Señor,日本 語\n'),
  file('integer-like headers keep their order', 'b,2,a,1\nx,y,z,w\n'),
  file('a header with spaces and punctuation', '"First Name","e-mail (work)"\nKen,ken@x\n'),
  file('numbers and booleans stay strings', 'N,B,D\n5,True,2016-01-01T00:00:00Z\n'),
  file('a #TYPE line', '#TYPE Contoso.User\nName\nKen\n'),
  file('a #TYPE line with a quoted header', '#TYPE Contoso.User\n"Name","Title"\n"Ken","Boss"\n'),
  file('a # line that is not #TYPE', '#comment\nName\nKen\n'),
  file('a #Fields line', '#Fields: Name,Title\nKen,Manager\n'),
  file('a W3C log: #Version and #Fields lines', '#Version: 1.0\n#Fields: a b c\n1 2 3\n', "-Delimiter ' '"),
  file('-Delimiter " with quoted-looking data', 'A"B\n"1""2"\n3"4\n', "-Delimiter '\"'"),
  file('a header that starts with #', '#Name,Title\nKen,Manager\n'),
  file('a quoted value that is never closed', 'A,B\n1,"2\n3,4\n', '', {
    deliberate:
      'cspin reports a quote that is never closed (MalformedCsvRow, at the line it opens on) and reads the lines after it as rows; PowerShell reads the rest of the file into that one value, silently: a runaway quote would swallow the rest of a million-line export without a word',
  }),
];

const options: ConformanceCase[] = [
  file('-Delimiter ;', 'A;B\n1;2\n"x;y";z\n', '-Delimiter ";"'),
  file('-Delimiter | with commas in the data', 'A|B\n1,5|2\n', "-Delimiter '|'"),
  {
    name: '-Delimiter tab',
    files: { 'data.csv': 'A\tB\n1\t2\n' },
    pipeline: "Import-Csv data.csv -Delimiter $'\\t'",
    pwsh: 'Import-Csv data.csv -Delimiter "`t"',
    output: 'objects',
  },
  file('-Delimiter prefix -Delim', 'A;B\n1;2\n', '-Delim ";"'),
  file('-Delimiter a letter', 'AxB\n1x2\n', '-Delimiter x'),
  file('-Delimiter that is not in the file', 'A,B\n1,2\n', '-Delimiter ";"'),
  file('-Delimiter of two characters', 'A,B\n1,2\n', '-Delimiter ";;"', { errors: ['CannotConvertArgumentNoMessage'] }),
  file('-Delimiter empty', 'A,B\n1,2\n', "-Delimiter ''", { errors: ['CannotConvertArgumentNoMessage'] }),
  file('-Header x, y (two arguments)', '1,2\n3,4\n', '-Header x, y'),
  file('-Delimiter ", positional', 'A;B\n1;2\n', '";"'),
  file('-Delimiter "', 'A"B\n1"2\n', "-Delimiter '\"'"),
  file('-UseCulture', 'A,B\n1,2\n', '-UseCulture'),
  file('-Header names the columns; line one is data', 'A,B\n1,2\n', '-Header X,Y'),
  file('-Header with fewer names than fields', 'A,B,C\n1,2,3\n', '-Header X'),
  file('-Header with more names than fields', 'A,B\n1,2\n', '-Header X,Y,Z'),
  file('-Header and a #TYPE line', '#TYPE T\nA,B\n', '-Header X,Y'),
  file('-Header with quoted names', 'a,b\n', '-Header "First Name","Last Name"'),
  file('-Header and -Delimiter', 'A;B\n1;2\n', '-Header X,Y -Delimiter ";"'),
  file('-Header with a duplicate name', 'a,b\n', '-Header X,X', { errors: ['AlreadyPresentPSMemberInfoInternalCollectionAdd'] }),
  { ...file('-Header with an empty name', 'a,b\n', "-Header X,''", { errors: ['ParameterArgumentValidationError'] }), deliberate: EMPTY_NAME },
  { ...file('-Header with an empty name in the middle', 'a,b,c\n', "-Header X,'',Z", { errors: ['ParameterArgumentValidationError'] }), deliberate: EMPTY_NAME },
  file('-Header naming a column twice in another case', 'a,b\n', '-Header X,x', { errors: ['AlreadyPresentPSMemberInfoInternalCollectionAdd'] }),
  file('-Header with a quoted name holding a comma', 'a,b\n', `-Header '"x,y"',z`, { pwsh: "Import-Csv data.csv -Header 'x,y',z" }),
  file('a #TYPE line written back by ConvertTo-Csv -IncludeTypeInformation', '#TYPE Contoso.User\nName\nKen\n', '| ConvertTo-Csv -IncludeTypeInformation', { output: 'text' }),
  file('parameter names are case-insensitive', 'A;B\n1;2\n', '-DELIMITER ";"'),
  file('-Encoding utf8', 'A\nä\n', '-Encoding utf8'),
];

const paths: ConformanceCase[] = [
  { name: '-Path named', files: { 'a.csv': 'A\n1\n' }, pipeline: 'Import-Csv -Path a.csv', output: 'objects' },
  { name: '-Path prefix -Pa', files: { 'a.csv': 'A\n1\n' }, pipeline: 'Import-Csv -Pa a.csv', output: 'objects' },
  { name: 'two files in one -Path', files: { 'a.csv': 'A\n1\n', 'b.csv': 'B\n2\n' }, pipeline: 'Import-Csv a.csv,b.csv', output: 'objects' },
  { name: '-LiteralPath', files: { 'a.csv': 'A\n1\n' }, pipeline: 'Import-Csv -LiteralPath a.csv', output: 'objects' },
  { name: '-LP alias', files: { 'a.csv': 'A\n1\n' }, pipeline: 'Import-Csv -LP a.csv', output: 'objects' },
  { name: '-PSPath alias', files: { 'a.csv': 'A\n1\n' }, pipeline: 'Import-Csv -PSPath a.csv', output: 'objects' },
  { name: 'paths by value', files: { 'a.csv': 'A\n1\n', 'b.csv': 'A\n2\n' }, input: ['"a.csv"', '"b.csv"'], pipeline: 'Import-Csv', output: 'objects' },
  { name: 'Path by property name', files: { 'a.csv': 'A\n1\n' }, input: ['{"Path":"a.csv"}'], pipeline: 'Import-Csv', output: 'objects' },
  { name: 'LiteralPath by property name', files: { 'a.csv': 'A\n1\n' }, input: ['{"LiteralPath":"a.csv"}'], pipeline: 'Import-Csv', output: 'objects' },
  { name: 'PSPath by property name', files: { 'a.csv': 'A\n1\n' }, input: ['{"PSPath":"a.csv"}'], pipeline: 'Import-Csv', output: 'objects' },
  { name: 'a missing file', pipeline: 'Import-Csv nope.csv', output: 'objects', errors: ['FileOpenFailure'] },
  {
    name: 'a missing file among others',
    files: { 'a.csv': 'A\n1\n' },
    input: ['"nope.csv"', '"a.csv"'],
    pipeline: 'Import-Csv',
    output: 'objects',
    errors: ['FileOpenFailure'],
  },
  { name: 'a missing file in a -Path list ends the command', files: { 'a.csv': 'A\n1\n' }, pipeline: 'Import-Csv a.csv,nope.csv,a.csv', output: 'objects', errors: ['FileOpenFailure'] },
  { name: 'a file naming a column twice ends the command', files: { 'a.csv': 'A\n1\n', 'd.csv': 'A,a\n1,2\n' }, pipeline: 'Import-Csv a.csv,d.csv,a.csv', output: 'objects', errors: ['AlreadyPresentPSMemberInfoInternalCollectionAdd'] },
  { name: '-LiteralPath with two files', files: { 'a.csv': 'A\n1\n', 'b.csv': 'B\n2\n' }, pipeline: 'Import-Csv -LiteralPath a.csv,b.csv', output: 'objects' },
  { name: 'a folder', files: {}, pipeline: 'Import-Csv .', output: 'objects', errors: ['FileOpenFailure'] },
  {
    name: 'no path and no input',
    pipeline: 'Import-Csv',
    output: 'objects',
    errors: ['MissingMandatoryParameter'],
    deliberate: 'bash gives every command a stdin: with no path and stdin not a terminal (here /dev/null), cspin reads paths from it, where PowerShell knows there is no pipeline',
  },
  { name: 'an unknown parameter', files: { 'a.csv': 'A\n1\n' }, pipeline: 'Import-Csv a.csv -Nope', output: 'objects', errors: ['NamedParameterNotFound'] },
  { name: '-E is -Encoding, not a common parameter', files: { 'a.csv': 'A\n1\n' }, pipeline: 'Import-Csv a.csv -E', output: 'objects', errors: ['MissingArgument'] },
  { name: 'Where-Object after Import-Csv', files: { 'a.csv': 'A,B\n1,x\n2,y\n10,z\n' }, pipeline: 'Import-Csv a.csv | Where-Object A -gt 2', output: 'objects' },
];

export default [...reading, ...options, ...paths] satisfies ConformanceCase[];

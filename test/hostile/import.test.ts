/**
 * Hostile directory exports for `cspin import` (CSV, LDIF, NDJSON) and hostile CSV for Import-Csv:
 * ragged rows, unmatched quotes, bad bytes, odd line ends, empty and huge files, binary LDIF values.
 * An import case lists the users it added with Get-CsUser (their sAMAccountNames start with qa).
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { runCorpus, type HostileCase } from './corpus.js';
import { PIN, adUser, files } from './fixtures.js';

const OU = 'OU=T,DC=litwareinc,DC=com';
const HEADER = 'DN,SamAccountName,SipAddress,DisplayName';
/** A CSV row for user qa<i>. */
const row = (i: number, name = `Qa ${i}`) => `"CN=Qa${i},${OU}",qa${i},sip:qa${i}@litwareinc.com,${name}`;
const user = (i: number, displayName = `Qa ${i}`) => adUser({ dn: `CN=Qa${i},${OU}`, sip: `sip:qa${i}@litwareinc.com`, sam: `qa${i}`, displayName });
/** Imports the file, lists the qa users, exits with the import's status. */
const importing = (file: string, options = '') => `cspin import ${options} ${file}; status=$?; Get-CsUser -LdapFilter '(sAMAccountName=qa*)'; exit $status`;
const csv = (...lines: string[]) => files({ 'in.csv': `${lines.join('\n')}\n` });

const csvImport: HostileCase[] = [
  { name: 'a row with an unquoted comma is CsvFieldCountMismatch, the others go in', run: importing('in.csv'), setup: csv(HEADER, row(1), row(2, 'Qa, Two'), row(3)), changes: true, expect: { code: 1, objects: [user(1), user(3)], errors: ['CsvFieldCountMismatch'], records: [3] } },
  { name: 'a row with a field missing is CsvFieldCountMismatch', run: importing('in.csv'), setup: csv(HEADER, `"CN=Qa1,${OU}",qa1,sip:qa1@litwareinc.com`, row(2)), changes: true, expect: { code: 1, objects: [user(2)], errors: ['CsvFieldCountMismatch'], records: [2] } },
  { name: 'an unterminated quote is one error at its line and the next rows go in', run: importing('in.csv'), setup: csv(HEADER, row(1), row(2, '"Qa Two'), row(3), row(4)), changes: true, expect: { code: 1, objects: [user(1), user(3), user(4)], errors: ['MalformedCsvRow'], records: [3] } },
  { name: 'an unterminated quote on the last row is one error', run: importing('in.csv'), setup: csv(HEADER, row(1), row(2, '"Qa Two')), changes: true, expect: { code: 1, objects: [user(1)], errors: ['MalformedCsvRow'], records: [3] } },
  { name: 'an unterminated quote before a quoted field does not swallow it', run: importing('in.csv'), setup: csv(HEADER, row(1, '"Qa One'), row(2, '"Qa Two"'), row(3)), changes: true, expect: { code: 1, objects: [user(2, 'Qa Two'), user(3)], errors: ['MalformedCsvRow'], records: [2] } },
  { name: 'a thousand unterminated quotes are a thousand errors, quickly', run: importing('in.csv'), setup: csv(HEADER, ...Array.from({ length: 1000 }, (_, i) => row(i, '"open')), row(1000)), changes: true, expect: { code: 1, objects: [user(1000)], errors: Array(1000).fill('MalformedCsvRow'), records: Array.from({ length: 1000 }, (_, i) => i + 2) } },
  { name: 'a quote inside an unquoted field is text', run: importing('in.csv'), setup: csv(HEADER, row(1, 'Qa "The" One')), changes: true, expect: { code: 0, objects: [user(1, 'Qa "The" One')] } },
  { name: 'a legal quoted field over two lines goes in, and the next row keeps its number', run: importing('in.csv'), setup: csv(HEADER, row(1, '"Qa\nOne"'), row(2, 'Qa, Two')), changes: true, expect: { code: 1, objects: [user(1, 'Qa\nOne')], errors: ['CsvFieldCountMismatch'], records: [4] } },
  { name: 'a BOM and CRLF line ends are read', run: importing('in.csv'), setup: files({ 'in.csv': `\uFEFF${HEADER}\r\n${row(1)}\r\n${row(2)}\r\n` }), changes: true, expect: { code: 0, objects: [user(1), user(2)] } },
  { name: 'lone CR line ends are read', run: importing('in.csv'), setup: files({ 'in.csv': `${HEADER}\r${row(1)}\r${row(2)}` }), changes: true, expect: { code: 0, objects: [user(1), user(2)] } },
  { name: 'blank lines are skipped and counted', run: importing('in.csv'), setup: csv(HEADER, '', row(1), '   ', row(2, 'x,y')), changes: true, expect: { code: 1, objects: [user(1)], errors: ['CsvFieldCountMismatch'], records: [5] } },
  { name: 'an empty file imports nothing, exit 0', run: importing('in.csv'), setup: files({ 'in.csv': '' }), expect: { code: 0 } },
  { name: 'a header alone imports nothing, exit 0', run: importing('in.csv'), setup: csv(HEADER), expect: { code: 0 } },
  { name: 'a header that names a column twice is DuplicateCsvHeader and nothing goes in', run: importing('in.csv'), setup: csv(`${HEADER},dn`, `${row(1)},x`), expect: { code: 1, errors: ['DuplicateCsvHeader'], records: [1] } },
  { name: 'a row with bytes that are not UTF-8 is InvalidUtf8, the others go in', run: importing('in.csv'), setup: files({ 'in.csv': Buffer.concat([Buffer.from(`${HEADER}\n${row(1)}\n"CN=Qa2,${OU}",qa2,sip:qa2@litwareinc.com,Q`), Buffer.from([0xff]), Buffer.from(`\n${row(3)}\n`)]) }), changes: true, expect: { code: 1, objects: [user(1), user(3)], errors: ['InvalidUtf8'], records: [3] } },
  { name: '10,000 columns go in as attributes', run: importing('in.csv'), setup: csv(`${HEADER},${Array.from({ length: 9996 }, (_, i) => `c${i}`).join(',')}`, `${row(1)},${Array.from({ length: 9996 }, (_, i) => i).join(',')}`), changes: true, expect: { code: 0, objects: [user(1)] } },
  { name: 'a DN with control characters is refused with them escaped', run: importing('in.csv'), setup: csv(HEADER, `"\u001b[2J",qa1,sip:qa1@litwareinc.com,Q`), expect: { code: 1, errors: ['InvalidImportRow'], records: [2], stderr: /\\e\[2J/ } },
  { name: 'a row without a DN is InvalidImportRow', run: importing('in.csv'), setup: csv(HEADER, ',qa1,sip:qa1@litwareinc.com,Q', row(2)), changes: true, expect: { code: 1, objects: [user(2)], errors: ['InvalidImportRow'], records: [2] } },
  { name: 'a #TYPE line before the header is read as the type', run: importing('in.csv'), setup: csv('#TYPE Selected.Microsoft.ActiveDirectory.Management.ADUser', HEADER, row(1)), changes: true, expect: { code: 0, objects: [user(1)] } },
  // cspin's own errors are JSON lines under CSPIN_ERROR_FORMAT=json, as the cmdlets' are.
  { name: 'a directory on stdin is a usage error', run: 'cspin import --format csv - < .', expect: { code: 2, errors: ['StdinReadError'], check: (r) => expect(r.stderr).toMatch(/^\{"command":"cspin","errorId":"StdinReadError",.*"message":"Cannot read standard input: it is a directory \(EISDIR\)\."[^\n]*\n$/) } },
];

const ldif = (...lines: string[]) => files({ 'in.ldif': `${lines.join('\n')}\n` });
const entry = (i: number, ...extra: string[]) => [`dn: CN=Qa${i},${OU}`, 'objectClass: user', `sAMAccountName: qa${i}`, `msRTCSIP-PrimaryUserAddress: sip:qa${i}@litwareinc.com`, ...extra, ''];
const ldifUser = (i: number, displayName?: string) => adUser({ dn: `CN=Qa${i},${OU}`, sip: `sip:qa${i}@litwareinc.com`, sam: `qa${i}`, displayName });
const b64 = (bytes: number[] | string) => (typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes)).toString('base64');
const GUID = b64([0xff, 0xfe, 0, 1, 0xc3, 0x28, 0x80, 0x90, 0, 0, 0, 0, 0, 0, 0, 2]);
/** The stored values of one attribute of user qa1. */
const attribute = (name: string) => (_: unknown, { db }: { db: string }) => {
  const open = new Database(db, { readonly: true });
  try {
    return open.prepare("SELECT a.value FROM user_attrs a JOIN users u ON u.id = a.user_id WHERE u.sam = 'qa1' AND a.name = ?").pluck().all(name.toLowerCase());
  } finally {
    open.close();
  }
};

const ldifImport: HostileCase[] = [
  { name: 'LDIF folded lines are joined', run: importing('in.ldif'), setup: ldif(...entry(1, 'displayName: Qa', '  One')), changes: true, expect: { code: 0, objects: [ldifUser(1, 'Qa One')] } },
  { name: 'LDIF base64 UTF-8 text is decoded', run: importing('in.ldif'), setup: ldif(...entry(1, `displayName:: ${b64('Qä Øne')}`)), changes: true, expect: { code: 0, objects: [ldifUser(1, 'Qä Øne')] } },
  { name: 'LDIF base64 text that is not UTF-8 is InvalidUtf8 for that entry only', run: importing('in.ldif'), setup: ldif(...entry(1, `displayName:: ${b64([0x51, 0xff])}`), ...entry(2)), changes: true, expect: { code: 1, objects: [ldifUser(2)], errors: ['InvalidUtf8'], records: [1], stderr: /CN=Qa1,OU=T.*displayName/ } },
  { name: 'LDIF objectGUID bytes are kept as base64, never null', run: importing('in.ldif'), setup: ldif(...entry(1, `objectGUID:: ${GUID}`)), changes: true, expect: { code: 0, objects: [ldifUser(1)], check: (r, c) => expect(attribute('objectGUID')(r, c)).toEqual([GUID]) } },
  { name: 'LDIF objectSid, thumbnailPhoto and ;binary values are kept as base64', run: importing('in.ldif'), setup: ldif(...entry(1, `objectSid:: ${b64([1, 5, 0xff])}`, `thumbnailPhoto:: ${b64([0xff, 0xd8, 0xff])}`, `userCertificate;binary:: ${b64([0x30, 0x82, 0xff])}`)), changes: true, expect: { code: 0, objects: [ldifUser(1)], check: (r, c) => expect([attribute('objectSid')(r, c), attribute('thumbnailPhoto')(r, c), attribute('userCertificate')(r, c)]).toEqual([['AQX/'], ['/9j/'], ['MIL/']]) } },
  { name: 'LDIF base64 that is not base64 is InvalidBase64', run: importing('in.ldif'), setup: ldif(...entry(1, 'displayName:: not*base64'), ...entry(2)), changes: true, expect: { code: 1, objects: [ldifUser(2)], errors: ['InvalidBase64'], records: [1] } },
  { name: 'an LDIF record without a dn is InvalidLdifRecord', run: importing('in.ldif'), setup: ldif('objectClass: user', 'sAMAccountName: qa1', '', ...entry(2)), changes: true, expect: { code: 1, objects: [ldifUser(2)], errors: ['InvalidLdifRecord'], records: [1] } },
  { name: 'LDIF with the same dn twice adds then updates', run: importing('in.ldif'), setup: ldif(...entry(1), ...entry(1, 'displayName: Again')), changes: true, expect: { code: 0, objects: [ldifUser(1, 'Again')], check: (r) => expect(r.stderr).toContain('cspin: 1 added, 1 updated, 0 rejected') } },
  { name: 'LDIF comments, version and changetype add are read; modify with - separators is refused', run: importing('in.ldif'), setup: ldif('# export', 'version: 1', '', `dn: CN=Qa1,${OU}`, 'changetype: modify', 'replace: mail', 'mail: a@x', '-', '', `dn: CN=Qa2,${OU}`, 'changetype: add', ...entry(2).slice(1)), changes: true, expect: { code: 1, objects: [ldifUser(2)], errors: ['UnsupportedLdifRecord'], records: [4] } },
  { name: 'an LDIF value read from a URL is UnsupportedLdifRecord', run: importing('in.ldif'), setup: ldif(...entry(1, 'jpegPhoto:< file:///etc/passwd'), ...entry(2)), changes: true, expect: { code: 1, objects: [ldifUser(2)], errors: ['UnsupportedLdifRecord'], records: [1] } },
  { name: 'a second dn in an LDIF record (a blank line missing) is InvalidLdifRecord', run: importing('in.ldif'), setup: ldif(...entry(1).slice(0, -1), ...entry(2)), expect: { code: 1, errors: ['InvalidLdifRecord'], records: [1] } },
  { name: 'an LDIF line that does not start with an attribute name is InvalidLdifRecord, unquoted', run: importing('in.ldif'), setup: ldif(...entry(1, `:${PIN}`), ...entry(2)), secrets: [PIN], changes: true, expect: { code: 1, objects: [ldifUser(2)], errors: ['InvalidLdifRecord'], records: [1] } },
  { name: 'LDIF with a BOM and CRLF is read', run: importing('in.ldif'), setup: files({ 'in.ldif': `\uFEFF${entry(1).join('\r\n')}\r\n` }), changes: true, expect: { code: 0, objects: [ldifUser(1)] } },
  { name: 'LDIF line bytes that are not UTF-8 fail their entry', run: importing('in.ldif'), setup: files({ 'in.ldif': Buffer.concat([Buffer.from(`${entry(1).slice(0, -1).join('\n')}\ncn: `), Buffer.from([0xff, 0x0a, 0x0a]), Buffer.from(`${entry(2).join('\n')}\n`)]) }), changes: true, expect: { code: 1, objects: [ldifUser(2)], errors: ['InvalidUtf8'], records: [1] } },
];

const ndjsonImport: HostileCase[] = [
  { name: 'an NDJSON line that is malformed with a PIN inside is MalformedJson, unquoted', run: importing('in.ndjson'), setup: files({ 'in.ndjson': `{"dn":"CN=Qa1,${OU}","Pin":'${PIN}'}\n{"dn":"CN=Qa2,${OU}","SamAccountName":"qa2","SipAddress":"sip:qa2@litwareinc.com"}\n` }), secrets: [PIN], changes: true, expect: { code: 1, objects: [ldifUser(2)], errors: ['MalformedJson'], records: [1] } },
  { name: 'an NDJSON object with a repeated key is DuplicateKeysInJsonString', run: importing('in.ndjson'), setup: files({ 'in.ndjson': `{"dn":"CN=Qa1,${OU}","dn":"CN=Other,${OU}"}\n` }), expect: { code: 1, errors: ['DuplicateKeysInJsonString'], records: [1] } },
  { name: 'an NDJSON line that is not an object is ImportRowNotObject, unquoted', run: importing('in.ndjson'), setup: files({ 'in.ndjson': `"${PIN}"\n` }), secrets: [PIN], expect: { code: 1, errors: ['ImportRowNotObject'], records: [1] } },
];

const importCsv: HostileCase[] = [
  { name: 'Import-Csv drops extra fields, as PowerShell does', run: 'Import-Csv in.csv', setup: csv('a,b', '1,2,3'), expect: { code: 0, objects: [{ a: '1', b: '2' }] } },
  { name: 'Import-Csv gives missing fields null, as PowerShell does', run: 'Import-Csv in.csv', setup: csv('a,b,c', '1'), expect: { code: 0, objects: [{ a: '1', b: null, c: null }] } },
  { name: 'Import-Csv reports an unterminated quote at its line and reads the rows after', run: 'Import-Csv in.csv', setup: csv('a,b', '1,"x', '2,y', '3,z'), expect: { code: 1, objects: [{ a: '2', b: 'y' }, { a: '3', b: 'z' }], errors: ['MalformedCsvRow'], records: [2] } },
  { name: 'Import-Csv reports a quoted field closed mid-text on a later line and does not swallow it', run: 'Import-Csv in.csv', setup: csv('a,b', '1,"x', '2,"y"', '3,z'), expect: { code: 1, objects: [{ a: '2', b: 'y' }, { a: '3', b: 'z' }], errors: ['MalformedCsvRow'], records: [2] } },
  { name: 'Import-Csv keeps text after a closing quote on the same line, as PowerShell does', run: 'Import-Csv in.csv', setup: csv('a,b', '"x" y,2'), expect: { code: 0, objects: [{ a: 'x y', b: '2' }] } },
  { name: 'Import-Csv keeps a quote inside an unquoted field', run: 'Import-Csv in.csv', setup: csv('a,b', 'O"Brien,"q ""r"""'), expect: { code: 0, objects: [{ a: 'O"Brien', b: 'q "r"' }] } },
  { name: 'Import-Csv reads a BOM and CRLF', run: 'Import-Csv in.csv', setup: files({ 'in.csv': '\uFEFFa,b\r\n1,2\r\n' }), expect: { code: 0, objects: [{ a: '1', b: '2' }] } },
  { name: 'Import-Csv of an empty file writes nothing', run: 'Import-Csv in.csv', setup: files({ 'in.csv': '' }), expect: { code: 0 } },
  { name: 'Import-Csv of a header alone writes nothing', run: 'Import-Csv in.csv', setup: csv('a,b'), expect: { code: 0 } },
  { name: 'Import-Csv with a column named twice is AlreadyPresentPSMemberInfoInternalCollectionAdd (PowerShell\'s id)', run: 'Import-Csv in.csv', setup: csv('a,b,A', '1,2,3'), expect: { code: 1, errors: ['AlreadyPresentPSMemberInfoInternalCollectionAdd'], records: [1] } },
  { name: 'Import-Csv of 10,000 columns', run: 'Import-Csv in.csv', setup: csv(Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(','), Array.from({ length: 10_000 }, (_, i) => i).join(',')), expect: { code: 0, objects: [Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`c${i}`, String(i)]))] } },
  { name: 'Import-Csv refuses a row of bytes that are not UTF-8', run: 'Import-Csv in.csv', setup: files({ 'in.csv': Buffer.concat([Buffer.from('a\n1\n'), Buffer.from([0xc3, 0x28]), Buffer.from('\n3\n')]) }), expect: { code: 1, objects: [{ a: '1' }, { a: '3' }], errors: ['InvalidUtf8'], records: [3] } },
  { name: 'Import-Csv of a missing file is FileOpenFailure', run: 'Import-Csv nope.csv', expect: { code: 1, errors: ['FileOpenFailure'] } },
  { name: 'Import-Csv of a directory is FileOpenFailure', run: 'Import-Csv .', expect: { code: 1, errors: ['FileOpenFailure'] } },
  { name: 'Import-Csv with a two-character delimiter is CannotConvertArgumentNoMessage', run: 'Import-Csv in.csv -Delimiter ab', setup: csv('a'), expect: { code: 2, errors: ['CannotConvertArgumentNoMessage'] } },
  { name: 'Import-Csv with a quote as the delimiter reads it as PowerShell does', run: 'Import-Csv in.csv -Delimiter \'"\'', setup: csv('a"b', 'x"y'), expect: { code: 0, objects: [{ a: 'x', b: 'y' }] } },
  { name: 'Import-Csv rows with a ragged Pin column never set a shifted PIN through Set-CsClientPin -WhatIf', run: 'Import-Csv in.csv | Set-CsClientPin -WhatIf', setup: csv('SipAddress,Pin', `sip:kenmyer@litwareinc.com,"${PIN}`, 'sip:pilar@litwareinc.com,52907314'), secrets: [PIN, '52907314'], expect: { code: 0, errors: ['MalformedCsvRow'], records: [2], check: (r) => expect(r.stderr).toContain('What if: Performing the operation "Set-CsClientPin" on target "sip:pilar@litwareinc.com"') } },
];

runCorpus('hostile import: cspin import CSV', csvImport);
runCorpus('hostile import: cspin import LDIF and NDJSON', [...ldifImport, ...ndjsonImport]);
runCorpus('hostile import: Import-Csv', importCsv);

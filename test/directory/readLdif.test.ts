import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLdifUsers } from '../../src/directory/import/readLdif.js';
import type { SourceRow } from '../../src/directory/import/sourceRow.js';

async function read(chunks: (string | Buffer)[]): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const row of readLdifUsers(Readable.from(chunks))) out.push(row);
  return out;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The shape of `ldifde -f users.ldf -d "DC=litwareinc,DC=com"`: a blank first line, CRLF, folding at 80. */
const LDIFDE = [
  '',
  'dn: DC=litwareinc,DC=com',
  'changetype: add',
  'objectClass: top',
  'objectClass: domain',
  'objectClass: domainDNS',
  'distinguishedName: DC=litwareinc,DC=com',
  '',
  'dn: OU=Finance,DC=litwareinc,DC=com',
  'changetype: add',
  'objectClass: top',
  'objectClass: organizationalUnit',
  'ou: Finance',
  '',
  'dn: CN=Zoe Odegard,OU=Finance,DC=litwareinc,DC=com',
  'changetype: add',
  'objectClass: top',
  'objectClass: person',
  'objectClass: organizationalPerson',
  'objectClass: user',
  'cn: Zoe Odegard',
  `displayName:: ${b64('Zoë Ødegård')}`,
  'objectGUID:: 3q2+7wAAAAAAAAAAAAAAAA==',
  'sAMAccountName: zoe',
  'msRTCSIP-PrimaryUserAddress: sip:zoe@litwareinc.com',
  'msRTCSIP-Line: tel:+14255550199',
  'proxyAddresses: SMTP:zoe@litwareinc.com',
  'proxyAddresses: sip:zoe@litwareinc.com',
  '',
  'dn: CN=Finance Team,OU=Finance,DC=litwareinc,DC=com',
  'changetype: add',
  'objectClass: top',
  'objectClass: group',
  '',
  'dn: CN=ATL-CS-001,OU=Servers,DC=litwareinc,DC=com',
  'changetype: add',
  'objectClass: top',
  'objectClass: person',
  'objectClass: organizationalPerson',
  'objectClass: user',
  'objectClass: computer',
  '',
].join('\r\n');

describe('readLdifUsers', () => {
  it('readLdifUsers reads an ldifde export into users, containers and skipped entries', async () => {
    expect(await read([LDIFDE])).toEqual([
      { row: 2, container: 'DC=litwareinc,DC=com' },
      { row: 9, container: 'OU=Finance,DC=litwareinc,DC=com' },
      {
        row: 15,
        raw: {
          dn: 'CN=Zoe Odegard,OU=Finance,DC=litwareinc,DC=com',
          objectClass: ['top', 'person', 'organizationalPerson', 'user'],
          cn: 'Zoe Odegard',
          displayName: 'Zoë Ødegård',
          objectGUID: '3q2+7wAAAAAAAAAAAAAAAA==',
          sAMAccountName: 'zoe',
          'msRTCSIP-PrimaryUserAddress': 'sip:zoe@litwareinc.com',
          'msRTCSIP-Line': 'tel:+14255550199',
          proxyAddresses: ['SMTP:zoe@litwareinc.com', 'sip:zoe@litwareinc.com'],
        },
      },
      { row: 30, skipped: 'neither a user nor a container (objectClass: top, group)' },
      { row: 35, skipped: 'a computer account' },
    ]);
  });

  it('readLdifUsers gives the same rows however the input is cut into chunks', async () => {
    const expected = await read([LDIFDE]);
    const bytes = Buffer.from(LDIFDE, 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 10 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        expect(await read(points.slice(1).map((end, i) => bytes.subarray(points[i], end)))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('readLdifUsers reads ldapsearch output: comments, version, folded lines and the result summary', async () => {
    const text = [
      '# extended LDIF',
      '#',
      '# LDAPv3',
      '# base <dc=litwareinc,dc=com> with scope subtree',
      '# filter: (objectClass=inetOrgPerson)',
      '#',
      '',
      'version: 1',
      '',
      '# kenmyer, People, litwareinc.com',
      'dn: uid=kenmyer,ou=People,dc=litwareinc,d',
      ' c=com',
      'objectClass: inetOrgPerson',
      'displayName: Ken',
      '  Myer',
      'mail: kenmyer@litwareinc.com',
      '',
      '# search result',
      'search: 2',
      'result: 0 Success',
      '',
      '# numResponses: 2',
      '# numEntries: 1',
      '',
    ].join('\n');
    // Cut inside the folded dn and inside the folded displayName.
    const at = [text.indexOf('litwareinc,d\n') + 5, text.indexOf('  Myer') + 1];
    expect(await read([text.slice(0, at[0]), text.slice(at[0], at[1]), text.slice(at[1])])).toEqual([
      {
        row: 11,
        raw: { dn: 'uid=kenmyer,ou=People,dc=litwareinc,dc=com', objectClass: 'inetOrgPerson', displayName: 'Ken Myer', mail: 'kenmyer@litwareinc.com' },
      },
      { row: 19, skipped: 'the ldapsearch result summary' },
    ]);
  });

  it('readLdifUsers decodes a base64 value cut across chunks, and a base64 dn', async () => {
    const value = b64('Zoë Ødegård');
    const text = `dn:: ${b64('CN=Zoë,DC=x')}\ndisplayName:: ${value}\n`;
    const mid = text.indexOf(value) + 5;
    expect(await read([text.slice(0, mid), text.slice(mid)])).toEqual([{ row: 1, raw: { dn: 'CN=Zoë,DC=x', displayName: 'Zoë Ødegård' } }]);
  });

  it('readLdifUsers ignores a folded comment and joins names case-insensitively, keeping the first spelling', async () => {
    const text = 'dn: CN=a,DC=x\n# a comment\n  that goes on\nobjectClass: top\nobjectclass: user\nMail: a@x\nmail: b@x\n';
    expect(await read([text])).toEqual([{ row: 1, raw: { dn: 'CN=a,DC=x', objectClass: ['top', 'user'], Mail: ['a@x', 'b@x'] } }]);
  });

  it('readLdifUsers takes an entry without objectClass (a selective export) for a user', async () => {
    expect(await read(['version: 1\ndn: CN=a,DC=x\nsAMAccountName: a\n'])).toEqual([{ row: 2, raw: { dn: 'CN=a,DC=x', sAMAccountName: 'a' } }]);
  });

  it('readLdifUsers reports a change record other than add and goes on', async () => {
    const text = 'dn: CN=a,DC=x\nchangetype: modify\nreplace: mail\nmail: a@x\n-\n\ndn: CN=b,DC=x\nchangetype: Add\nobjectClass: user\n';
    expect(await read([text])).toEqual([
      { row: 1, error: 'only content records or changetype: add are supported (line 2)', errorId: 'UnsupportedLdifRecord' },
      { row: 7, raw: { dn: 'CN=b,DC=x', objectClass: 'user' } },
    ]);
  });

  it('readLdifUsers reports a record that does not start with dn:, or has a second one', async () => {
    expect(await read(['cn: a\ndn: CN=a,DC=x\n\ndn: CN=b,DC=x\ndn: CN=c,DC=x\n\ndn: CN=d,DC=x\n'])).toEqual([
      { row: 1, error: 'the record does not start with a dn: line', errorId: 'InvalidLdifRecord' },
      { row: 4, error: 'a second dn: line (is a blank line missing?) (line 5)', errorId: 'InvalidLdifRecord' },
      { row: 7, raw: { dn: 'CN=d,DC=x' } },
    ]);
  });

  it('readLdifUsers rejects a user with a URL value, attribute options or bad base64, naming the line', async () => {
    const rows = await read([
      'dn: CN=a,DC=x\nobjectClass: user\njpegPhoto:< file:///tmp/a.jpg\n\n',
      'dn: CN=b,DC=x\nobjectClass: user\ncn;lang-en: b\n\n',
      'dn: CN=c,DC=x\nobjectClass: user\ndisplayName:: not*base64\n\n',
      'dn:< file:///dn\n',
    ]);
    expect(rows).toEqual([
      { row: 1, error: 'CN=a,DC=x: jpegPhoto:< (a value read from a URL) is not supported (line 3)', errorId: 'UnsupportedLdifRecord' },
      { row: 5, error: 'CN=b,DC=x: attribute options are not supported (cn;lang-en) (line 7)', errorId: 'UnsupportedLdifRecord' },
      { row: 9, error: 'CN=c,DC=x: the value of displayName is not valid base64 (line 11)', errorId: 'InvalidBase64' },
      { row: 13, error: 'dn:< (a value read from a URL) is not supported', errorId: 'UnsupportedLdifRecord' },
    ]);
  });

  it('readLdifUsers still records a container whose attributes it cannot read', async () => {
    expect(await read(['dn: OU=a,DC=x\nobjectClass: organizationalUnit\nmember;range=0-1499: CN=b\n'])).toEqual([
      { row: 1, container: 'OU=a,DC=x' },
    ]);
  });

  it('readLdifUsers removes exactly one leading space from a continuation line', async () => {
    expect(await read(['dn: CN=a,DC=x\ndescription: one\n  two\n three\n'])).toEqual([
      { row: 1, raw: { dn: 'CN=a,DC=x', description: 'one twothree' } },
    ]);
  });

  it('readLdifUsers reports a continuation line with nothing before it', async () => {
    expect(await read(['\n continued\ndn: CN=a,DC=x\n'])).toEqual([{ row: 2, error: 'a continuation line with no line before it', errorId: 'InvalidLdifRecord' }]);
  });

  it('readLdifUsers reports an unsupported version and a line without a colon', async () => {
    expect(await read(['version: 2\n\ndn: CN=a,DC=x\nnonsense\n\ndn: CN=b,DC=x\n'])).toEqual([
      { row: 1, error: 'unsupported LDIF version 2', errorId: 'InvalidLdifRecord' },
      { row: 3, error: 'expected "attribute: value": the line has no attribute name and colon (line 4)', errorId: 'InvalidLdifRecord' },
      { row: 6, raw: { dn: 'CN=b,DC=x' } },
    ]);
  });

  it('readLdifUsers reports a record holding a line that is not UTF-8 and reads the next one', async () => {
    const bad = Buffer.concat([Buffer.from('dn: CN=a,DC=x\ncn: '), Buffer.from([0xff, 0xfe]), Buffer.from('\n\ndn: CN=b,DC=x\n')]);
    expect(await read([bad])).toEqual([
      { row: 1, error: 'invalid UTF-8 at byte 5 (line 2)', errorId: 'InvalidUtf8' },
      { row: 4, raw: { dn: 'CN=b,DC=x' } },
    ]);
  });

  it('readLdifUsers keeps a record with several blank lines and a BOM numbered by physical line', async () => {
    const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n\n\ndn: CN=a,DC=x\r\n\r\n\r\n\r\ndn: CN=b,DC=x')]);
    expect(await read([text])).toEqual([
      { row: 4, raw: { dn: 'CN=a,DC=x' } },
      { row: 8, raw: { dn: 'CN=b,DC=x' } },
    ]);
  });

  it('readLdifUsers yields nothing for an empty file or comments alone', async () => {
    expect(await read([])).toEqual([]);
    expect(await read(['# nothing\n\n# here\n'])).toEqual([]);
  });

  it('readLdifUsers keeps binary attributes as the base64 of their bytes, whatever the bytes, and ;binary under the plain name', async () => {
    const guid = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28, 0x80, 0x90, 0, 0, 0, 0, 0, 0, 0, 1]).toString('base64');
    const text = `dn: CN=a,DC=x\nobjectClass: user\nobjectGUID:: ${guid}\nobjectSid:: AQUAAAAAAAUVAAAA\nuserCertificate;binary:: MIIB\nmsExchMailboxGuid:: ${guid}\n`;
    expect(await read([text])).toEqual([
      { row: 1, raw: { dn: 'CN=a,DC=x', objectClass: 'user', objectGUID: guid, objectSid: 'AQUAAAAAAAUVAAAA', userCertificate: 'MIIB', msExchMailboxGuid: guid } },
    ]);
  });

  it('readLdifUsers refuses a user whose text attribute has base64 that is not UTF-8, naming the dn and attribute', async () => {
    const notUtf8 = Buffer.from([0x4b, 0xff, 0x65, 0x6e]).toString('base64');
    const rows = await read([`dn: CN=a,DC=x\nobjectClass: user\ndisplayName:: ${notUtf8}\n\ndn: CN=b,DC=x\nobjectClass: user\n`]);
    expect(rows).toEqual([
      { row: 1, error: 'CN=a,DC=x: the base64 value of displayName is not UTF-8 text (and displayName is not a binary attribute) (line 3)', errorId: 'InvalidUtf8' },
      { row: 5, raw: { dn: 'CN=b,DC=x', objectClass: 'user' } },
    ]);
  });

  it('readLdifUsers keeps a base64 text value with a line break (LDIF must encode one) as text', async () => {
    expect(await read([`dn: CN=a,DC=x\ndescription:: ${b64('line one\nline two')}\n`])).toEqual([{ row: 1, raw: { dn: 'CN=a,DC=x', description: 'line one\nline two' } }]);
  });

  it('readLdifUsers drops a BOM at the start of a later line (two files concatenated)', async () => {
    expect(await read(['dn: CN=a,DC=x\n\n\uFEFFdn: CN=b,DC=x\n'])).toEqual([
      { row: 1, raw: { dn: 'CN=a,DC=x' } },
      { row: 3, raw: { dn: 'CN=b,DC=x' } },
    ]);
  });

  it('readLdifUsers reads any text to the end: rows in line order, every failure a typed error row', async () => {
    const piece = fc.constantFrom('dn: CN=a,DC=x', 'dn:: Q049Yg==', 'objectClass: user', 'cn:: /w==', 'objectGUID:: /w==', 'x;binary:: AA==', 'changetype: modify', '-', 'version: 1', '# c', ' fold', '\n', '\r\n', '\n\n', ':', 'a', 'dn:< file:x', '\uFEFF', '\u0000');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.uint8Array({ maxLength: 8 }), async (parts, noise) => {
        const rows = await read([Buffer.concat([Buffer.from(parts.join('')), Buffer.from(noise)])]);
        let last = 0;
        for (const row of rows) {
          expect(row.row).toBeGreaterThanOrEqual(last);
          last = row.row;
          if ('error' in row) {
            expect(row.errorId).toMatch(/^(InvalidLdifRecord|UnsupportedLdifRecord|InvalidBase64|InvalidUtf8|LineTooLong)$/);
            expect(row.error).not.toMatch(/[\u0000-\u0008\u000a-\u001f]/);
          } else {
            expect(Object.keys(row)).toHaveLength(2);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

/**
 * The LDAP connection against a scripted server on a real socket: answers split at every byte, long
 * lengths, multi-valued and binary attributes, the paged cookie, result codes, malformed and
 * unsolicited messages, and the operation timeout counted from the server's last word.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NoSuchObjectError, PresenceFilter, ResultCodeError } from 'ldapts';
import { ConnectionClosedError, LdapConnection, LdapTimeoutError, searchAll } from '../../../src/directory/ldapServer/wire/connection.js';
import { MalformedMessageError } from '../../../src/directory/ldapServer/wire/ber.js';
import type { LdapEntry } from '../../../src/directory/ldapServer/wire/responses.js';

/** BER, written out by hand here so the test does not share the decoder's assumptions. */
function tlv(tag: number, ...content: (Buffer | string)[]): Buffer {
  const body = Buffer.concat(content.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));
  const n = body.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
const int = (tag: number, value: number) => tlv(tag, Buffer.from([value]));
const message = (id: number, op: Buffer, controls?: Buffer) => tlv(0x30, int(0x02, id), op, ...(controls ? [controls] : []));
const attribute = (type: string, ...values: (string | Buffer)[]) => tlv(0x30, tlv(0x04, type), tlv(0x31, ...values.map((v) => tlv(0x04, v))));
const entry = (id: number, dn: string, ...attributes: Buffer[]) => message(id, tlv(0x64, tlv(0x04, dn), tlv(0x30, ...attributes)));
const done = (id: number, status: number, diagnostic = '', extra: Buffer[] = [], controls?: Buffer) =>
  message(id, tlv(0x65, int(0x0a, status), tlv(0x04, ''), tlv(0x04, diagnostic), ...extra), controls);
const pagedControl = (cookie: string) =>
  tlv(0xa0, tlv(0x30, tlv(0x04, '1.2.840.113556.1.4.319'), tlv(0x04, tlv(0x30, int(0x02, 0), tlv(0x04, cookie)))));

/** The message id of a request (the first INTEGER inside the outer SEQUENCE). */
function requestId(bytes: Buffer): number {
  const lengthBytes = (bytes[1] ?? 0) >= 0x80 ? (bytes[1] ?? 0) & 0x7f : 0;
  const at = 2 + lengthBytes;
  return bytes[at + 2] ?? 0;
}

type Script = (id: number, socket: Socket) => void;
const servers: Server[] = [];

/** A server that runs `script` for each request it reads (one request per chunk here). */
async function scripted(script: Script): Promise<string> {
  const server = createServer((socket) => socket.on('data', (request) => script(requestId(request), socket)).on('error', () => undefined));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `ldap://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Writes the bytes one at a time, each in its own TCP write, so every boundary falls somewhere. */
async function trickle(socket: Socket, bytes: Buffer): Promise<void> {
  for (const byte of bytes) {
    socket.write(Buffer.from([byte]));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const open = (url: string, timeoutMs = 2000) => LdapConnection.open(url, { connectTimeoutMs: 2000, timeoutMs, tls: {} });
const ANY = new PresenceFilter({ attribute: 'objectClass' });
const search = { base: 'dc=x', scope: 'sub' as const, filter: ANY, attributes: ['cn'] };

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe('LDAP connection: decoding', () => {
  it('reads entries split at every byte: long lengths, several values, binary types, types in any case, an empty value set left out', async () => {
    const long = 'L'.repeat(300);
    const guid = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex');
    const url = await scripted((id, socket) => {
      const answer = Buffer.concat([
        entry(id, 'CN=Ng\\2C Wei,DC=x', attribute('CN', 'Ng, Wei'), attribute('description', long), attribute('Mail', 'a@x', 'b@x'), attribute('objectGUID', guid), attribute('empty')),
        entry(id, 'cn=Ü,dc=x', attribute('cn', 'Ü')),
        done(id, 0, '', [], pagedControl('next-page')),
      ]);
      void trickle(socket, answer);
    });
    const connection = await open(url);
    const entries: LdapEntry[] = [];
    const result = await connection.search({ ...search, binary: new Set(['objectguid']), paged: { size: 2 } }, (e) => entries.push(e));
    connection.close();
    expect(result.status).toBe(0);
    expect(result.cookie?.toString()).toBe('next-page');
    expect(entries.map((e) => e.dn)).toEqual(['CN=Ng\\2C Wei,DC=x', 'cn=Ü,dc=x']);
    expect(entries[0]?.types).toEqual(['cn', 'description', 'mail', 'objectguid']);
    expect(entries[0]?.values).toEqual(['Ng, Wei', long, ['a@x', 'b@x'], guid]);
    expect(entries[1]?.values).toEqual(['Ü']);
  });

  it('collects every page with searchAll, sending each cookie back', async () => {
    let pages = 0;
    const url = await scripted((id, socket) => {
      pages += 1;
      socket.write(Buffer.concat([entry(id, `cn=${pages},dc=x`, attribute('cn', String(pages))), done(id, 0, '', [], pagedControl(pages < 3 ? `c${pages}` : ''))]));
    });
    const connection = await open(url);
    const { entries } = await searchAll(connection, { ...search, paged: { size: 1 } });
    connection.close();
    expect(entries.map((e) => e.dn)).toEqual(['cn=1,dc=x', 'cn=2,dc=x', 'cn=3,dc=x']);
  });
});

describe('LDAP connection: results and faults', () => {
  it("throws ldapts's error class for a result code; a referral's reason is where it points", async () => {
    const url = await scripted((id, socket) => {
      socket.write(id === 1 ? done(id, 32, 'no such object') : done(id, 10, '', [tlv(0xa3, tlv(0x04, 'ldap://elsewhere/dc=x'))]));
    });
    const connection = await open(url);
    await expect(connection.search(search, () => undefined)).rejects.toBeInstanceOf(NoSuchObjectError);
    const referral: unknown = await connection.search(search, () => undefined).catch((e: unknown) => e);
    connection.close();
    expect(referral).toBeInstanceOf(ResultCodeError);
    expect((referral as ResultCodeError).code).toBe(10);
    expect((referral as Error).message).toContain('ldap://elsewhere/dc=x');
  });

  it('a malformed message (indefinite length) ends the connection with MalformedMessageError', async () => {
    const url = await scripted((_id, socket) => socket.write(Buffer.from([0x30, 0x80, 0x02, 0x01, 0x01])));
    const connection = await open(url);
    await expect(connection.search(search, () => undefined)).rejects.toBeInstanceOf(MalformedMessageError);
    expect(connection.isConnected).toBe(false);
    await expect(connection.search(search, () => undefined)).rejects.toBeInstanceOf(MalformedMessageError);
  });

  it('a notice of disconnection (message id 0) fails what is awaited with ConnectionClosedError', async () => {
    const notice = message(0, tlv(0x78, int(0x0a, 52), tlv(0x04, ''), tlv(0x04, 'going down'), tlv(0x8a, '1.3.6.1.4.1.1466.20036')));
    const url = await scripted((_id, socket) => socket.write(notice));
    const connection = await open(url);
    await expect(connection.search(search, () => undefined)).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('the server closing mid-answer fails the search with ConnectionClosedError', async () => {
    const url = await scripted((id, socket) => socket.end(entry(id, 'cn=a,dc=x', attribute('cn', 'a'))));
    const connection = await open(url);
    const seen: string[] = [];
    await expect(connection.search(search, (e) => seen.push(e.dn))).rejects.toBeInstanceOf(ConnectionClosedError);
    expect(seen).toEqual(['cn=a,dc=x']);
  });

  it('times out on silence, not on a slow answer that keeps coming', async () => {
    const url = await scripted((id, socket) => {
      if (id === 2) return; // the second search is never answered
      let sent = 0;
      const timer = setInterval(() => {
        sent += 1;
        socket.write(sent < 6 ? entry(id, `cn=${sent},dc=x`, attribute('cn', String(sent))) : done(id, 0));
        if (sent === 6) clearInterval(timer);
      }, 100);
    });
    const connection = await open(url, 350);
    const seen: string[] = [];
    const started = Date.now();
    await connection.search(search, (e) => seen.push(e.dn));
    expect(seen).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThan(500);
    const silentStart = Date.now();
    await expect(connection.search(search, () => undefined)).rejects.toBeInstanceOf(LdapTimeoutError);
    expect(Date.now() - silentStart).toBeGreaterThanOrEqual(340);
    expect(connection.isConnected).toBe(false);
  });
});

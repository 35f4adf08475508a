/**
 * One LDAP connection: requests are encoded with ldapts's message classes, answers are framed and
 * decoded here as they arrive (entries go to the caller one by one, nothing is held per page). Every
 * operation fails once the server has been silent for `timeoutMs` while an answer is awaited.
 */
import { isIP, connect as connectPlain, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { BindRequest, ExtendedRequest, PagedResultsControl, SearchRequest, SearchResponse, StatusCodeParser, UnbindRequest, type Filter } from 'ldapts';
import { BerCursor, elementLength } from './ber.js';
import { messageIdOf, readResponse, TypeNames, type LdapEntry, type LdapResult } from './responses.js';
import { directoryMessages } from '../../messages.js';

const wire = directoryMessages.LdapConnectionLost;

/** The server stayed silent for longer than the operation timeout; the connection is closed. */
export class LdapTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(wire.silent(timeoutMs / 1000));
    this.name = 'LdapTimeoutError';
  }
}

/** The connection ended before the answer came. */
export class ConnectionClosedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ConnectionClosedError';
  }
}

export interface SearchParameters {
  readonly base: string;
  readonly scope: 'base' | 'one' | 'sub';
  readonly filter: Filter;
  readonly attributes: readonly string[];
  /** Attribute types whose values stay bytes. */
  readonly binary?: ReadonlySet<string>;
  /** RFC 2696 paging: the page size, and the cookie of the page before. */
  readonly paged?: { readonly size: number; readonly cookie?: Buffer };
}

interface Pending {
  readonly binary: ReadonlySet<string>;
  readonly onEntry: ((entry: LdapEntry) => void) | undefined;
  readonly onReference: ((uris: readonly string[]) => void) | undefined;
  resolve(result: LdapResult): void;
  reject(error: Error): void;
}

interface Request {
  messageId: number;
  write(): Buffer;
}

const NO_BINARY: ReadonlySet<string> = new Set();
const START_TLS = '1.3.6.1.4.1.1466.20037';
const MAX_MESSAGE_ID = 2 ** 31 - 1;

export class LdapConnection {
  #socket: Socket;
  readonly #timeoutMs: number;
  readonly #pending = new Map<number, Pending>();
  #lastId = 0;
  #closed: Error | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastActivity = Date.now();
  readonly #types = new TypeNames();
  /** How the server spells the attribute types it has sent (lower-cased name → spelling). */
  get typeSpellings(): ReadonlyMap<string, string> {
    return this.#types.spellings;
  }
  /** A message not complete yet: its chunks, their length, and the length needed (0: unknown). */
  #chunks: Buffer[] = [];
  #chunksLength = 0;
  #needed = 0;

  /**
   * Connects (TLS from the start for ldaps://).
   * @throws the socket's error, or an Error when connectTimeoutMs passes first
   */
  static open(url: string, options: { connectTimeoutMs: number; timeoutMs: number; tls: ConnectionOptions }): Promise<LdapConnection> {
    const parsed = new URL(url);
    const secure = parsed.protocol.toLowerCase() === 'ldaps:';
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(parsed.port === '' ? (secure ? 636 : 389) : parsed.port);
    return new Promise((resolve, reject) => {
      const socket = secure ? connectTls({ ...options.tls, host, port, ...(isIP(host) ? {} : { servername: host }) }) : connectPlain({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer within ${options.connectTimeoutMs} ms`));
      }, options.connectTimeoutMs);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new LdapConnection(socket, options.timeoutMs));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      });
    });
  }

  private constructor(socket: Socket, timeoutMs: number) {
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    this.#listen(socket);
  }

  get isConnected(): boolean {
    return this.#closed === undefined;
  }

  /**
   * StartTLS (RFC 4511 §4.14), then the TLS handshake over the same socket.
   * @throws ResultCodeError when the server refuses; the handshake's error (certificate codes)
   */
  async startTls(options: ConnectionOptions): Promise<void> {
    await this.#expectSuccess(await this.#send(new ExtendedRequest({ messageId: this.#nextId(), oid: START_TLS }), NO_BINARY));
    const plain = this.#socket;
    plain.removeAllListeners('data').removeAllListeners('close').removeAllListeners('error').on('error', () => undefined);
    this.#socket = await new Promise<Socket>((resolve, reject) => {
      const secure = connectTls({ ...options, socket: plain });
      secure.once('secureConnect', () => {
        secure.removeAllListeners('error');
        resolve(secure);
      });
      secure.once('error', (error) => {
        secure.destroy();
        plain.destroy();
        this.#fail(new ConnectionClosedError(wire.handshake));
        reject(error);
      });
    });
    this.#listen(this.#socket);
  }

  /** A simple bind. @throws ResultCodeError (InvalidCredentialsError…) */
  async bind(dn: string, password: string): Promise<void> {
    await this.#expectSuccess(await this.#send(new BindRequest({ messageId: this.#nextId(), dn, password }), NO_BINARY));
  }

  /**
   * One search request (one page when paged): entries and references go to the callbacks as they arrive.
   * @returns the result, with the paged-results cookie
   * @throws ResultCodeError for any result but success; LdapTimeoutError; ConnectionClosedError
   */
  async search(parameters: SearchParameters, onEntry: (entry: LdapEntry) => void, onReference?: (uris: readonly string[]) => void): Promise<LdapResult> {
    const { paged } = parameters;
    const request = new SearchRequest({
      messageId: this.#nextId(),
      baseDN: parameters.base,
      scope: parameters.scope,
      filter: parameters.filter,
      attributes: [...parameters.attributes],
      ...(paged ? { controls: [new PagedResultsControl({ value: { size: paged.size, cookie: paged.cookie ?? Buffer.alloc(0) } })] } : {}),
    });
    return this.#expectSuccess(await this.#send(request, parameters.binary ?? NO_BINARY, onEntry, onReference));
  }

  /** Unbinds and closes; what is still awaited fails with ConnectionClosedError. */
  close(): void {
    if (this.#closed) return;
    this.#fail(new ConnectionClosedError(wire.clientClosed), false);
    this.#socket.end(new UnbindRequest({ messageId: this.#nextId() }).write());
  }

  #nextId(): number {
    this.#lastId = this.#lastId >= MAX_MESSAGE_ID ? 1 : this.#lastId + 1;
    return this.#lastId;
  }

  #expectSuccess(result: LdapResult): LdapResult {
    if (result.status === 0) return result;
    // A referral's "reason" is where it refers to.
    const errorMessage = result.status === 10 ? (result.referrals[0] ?? result.diagnostic) : result.diagnostic;
    throw StatusCodeParser.parse(new SearchResponse({ messageId: 0, status: result.status, errorMessage }));
  }

  #send(request: Request, binary: ReadonlySet<string>, onEntry?: (entry: LdapEntry) => void, onReference?: (uris: readonly string[]) => void): Promise<LdapResult> {
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => {
      this.#pending.set(request.messageId, { binary, onEntry, onReference, resolve, reject });
      this.#lastActivity = Date.now();
      this.#socket.write(request.write());
      this.#timer ??= this.#arm(this.#timeoutMs);
    });
  }

  /** One timer for all operations, re-armed for what is left of the silence allowed. */
  #checkSilence = (): void => {
    this.#timer = undefined;
    if (this.#pending.size === 0 || this.#closed) return;
    const silent = Date.now() - this.#lastActivity;
    if (silent < this.#timeoutMs) {
      this.#timer = this.#arm(this.#timeoutMs - silent);
      return;
    }
    this.#fail(new LdapTimeoutError(this.#timeoutMs));
  };

  /** The silence timer; unref'd, as the socket keeps the process alive while an answer is awaited. */
  #arm(ms: number): NodeJS.Timeout {
    return setTimeout(this.#checkSilence, ms).unref();
  }

  #listen(socket: Socket): void {
    socket.on('data', this.#onData);
    socket.on('error', (error: Error) => this.#fail(error));
    socket.on('close', () => this.#fail(new ConnectionClosedError(wire.serverClosed)));
  }

  #onData = (chunk: Buffer): void => {
    this.#lastActivity = Date.now();
    try {
      let buffer = chunk;
      let pos = 0;
      if (this.#chunks.length > 0) {
        this.#chunks.push(chunk);
        this.#chunksLength += chunk.length;
        if (this.#needed === 0) {
          // Even the length was cut off: join what there is and read it again.
          buffer = Buffer.concat(this.#chunks, this.#chunksLength);
          this.#chunks = [];
        } else {
          if (this.#chunksLength < this.#needed) return;
          // Only the message that spans chunks is copied; the rest of this chunk is read where it lies.
          pos = this.#needed - (this.#chunksLength - chunk.length);
          const message = Buffer.concat([...this.#chunks.slice(0, -1), chunk.subarray(0, pos)], this.#needed);
          this.#chunks = [];
          this.#dispatch(new BerCursor(message, 0, message.length));
        }
      }
      while (pos < buffer.length) {
        const length = elementLength(buffer, pos);
        if (length === undefined || pos + length > buffer.length) {
          this.#chunks = [buffer.subarray(pos)];
          this.#chunksLength = buffer.length - pos;
          this.#needed = length ?? 0;
          return;
        }
        this.#dispatch(new BerCursor(buffer, pos, pos + length));
        pos += length;
      }
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
    }
  };

  #dispatch(cursor: BerCursor): void {
    const id = messageIdOf(cursor);
    // Id 0: an unsolicited notification (RFC 4511 §4.4), in practice the server hanging up.
    if (id === 0) throw new ConnectionClosedError(wire.notice);
    const pending = this.#pending.get(id);
    if (!pending) return;
    const response = readResponse(cursor, pending.binary, this.#types);
    if (response.kind === 'entry') pending.onEntry?.(response.entry);
    else if (response.kind === 'reference') pending.onReference?.(response.uris);
    else {
      this.#pending.delete(id);
      if (this.#pending.size === 0) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
      }
      pending.resolve(response.result);
    }
  }

  /** Ends the connection: every operation awaited fails with `error`. */
  #fail(error: Error, destroy = true): void {
    if (this.#closed) return;
    this.#closed = error;
    clearTimeout(this.#timer);
    if (destroy) this.#socket.destroy();
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

/**
 * Every entry a search finds (all pages when paged), for the small searches: the root DSE, a
 * container, a chunk of identities.
 */
export async function searchAll(connection: LdapConnection, parameters: SearchParameters): Promise<{ entries: LdapEntry[]; references: string[] }> {
  const entries: LdapEntry[] = [];
  const references: string[] = [];
  let cookie: Buffer | undefined;
  do {
    const paged = parameters.paged ? { size: parameters.paged.size, ...(cookie ? { cookie } : {}) } : undefined;
    const result = await connection.search({ ...parameters, ...(paged ? { paged } : {}) }, (entry) => entries.push(entry), (uris) => references.push(...uris));
    cookie = result.cookie;
  } while (parameters.paged && cookie !== undefined && cookie.length > 0);
  return { entries, references };
}

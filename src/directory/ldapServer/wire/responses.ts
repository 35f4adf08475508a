/**
 * The server's answers (RFC 4511 §4): search entries are decoded straight into an attribute map, never
 * into intermediate message objects, so a page costs one small object per entry.
 */
import { BerCursor, MalformedMessageError } from './ber.js';
import { directoryMessages } from '../../messages.js';

export type LdapValue = string | Buffer;

/**
 * An entry: its DN, its attribute types lower-cased (servers answer in their own case) and each type's
 * values, a single value as it is (most are single: no array for them).
 */
export interface LdapEntry {
  readonly dn: string;
  readonly types: readonly string[];
  readonly values: readonly (LdapValue | readonly LdapValue[])[];
}

const NO_VALUES: readonly LdapValue[] = [];

/** The values of a type (lower case). */
export function entryValues(entry: LdapEntry, type: string): readonly LdapValue[] {
  const index = entry.types.indexOf(type);
  const values = index < 0 ? undefined : entry.values[index];
  return values === undefined ? NO_VALUES : typeof values === 'string' || Buffer.isBuffer(values) ? [values] : values;
}

/** The first value of a type (lower case). */
export function firstEntryValue(entry: LdapEntry, type: string): LdapValue | undefined {
  const index = entry.types.indexOf(type);
  const values = index < 0 ? undefined : entry.values[index];
  return values === undefined || typeof values === 'string' || Buffer.isBuffer(values) ? values : values[0];
}

/** The end of an operation: LDAPResult, plus the paged-results cookie when the server sent one. */
export interface LdapResult {
  readonly status: number;
  readonly diagnostic: string;
  readonly referrals: readonly string[];
  /** RFC 2696's cookie; empty: the last page. */
  readonly cookie: Buffer | undefined;
}

export type LdapResponse =
  | { readonly kind: 'entry'; readonly entry: LdapEntry }
  | { readonly kind: 'reference'; readonly uris: readonly string[] }
  | { readonly kind: 'result'; readonly result: LdapResult };

const SEQUENCE = 0x30;
const OCTET_STRING = 0x04;
const SET = 0x31;
const INTEGER = 0x02;
const ENUMERATED = 0x0a;
const SEARCH_ENTRY = 0x64;
const SEARCH_REFERENCE = 0x73;
const REFERRAL = 0xa3;
const CONTROLS = 0xa0;
const PAGED_RESULTS = '1.2.840.113556.1.4.319';
/** Operations whose answer is an LDAPResult (bind, search done, modify… extended). */
const RESULT_OPERATIONS = new Set([0x61, 0x65, 0x67, 0x69, 0x6b, 0x6d, 0x6f, 0x78]);

/** An LDAPMessage's header: its id, and where its protocolOp starts. */
export function messageIdOf(cursor: BerCursor): number {
  cursor.enter(SEQUENCE);
  return cursor.integer(INTEGER);
}

/**
 * The protocolOp (and controls) at the cursor.
 * @param binary attribute types (lower case) whose values stay bytes
 * @param types the connection's decoded attribute types
 * @throws MalformedMessageError
 */
export function readResponse(cursor: BerCursor, binary: ReadonlySet<string>, types: TypeNames): LdapResponse {
  const operation = cursor.peek();
  if (operation === SEARCH_ENTRY) return { kind: 'entry', entry: readEntry(cursor, binary, types) };
  if (operation === SEARCH_REFERENCE) {
    const end = cursor.enter();
    const uris: string[] = [];
    while (cursor.pos < end) uris.push(cursor.text());
    return { kind: 'reference', uris };
  }
  if (!RESULT_OPERATIONS.has(operation)) throw new MalformedMessageError(directoryMessages.LdapConnectionLost.unknownOperation(operation));
  const end = cursor.enter();
  const status = cursor.integer(ENUMERATED);
  cursor.skip(); // matchedDN
  const diagnostic = cursor.text();
  const referrals: string[] = [];
  if (cursor.peek(end) === REFERRAL) {
    const referralEnd = cursor.enter();
    while (cursor.pos < referralEnd) referrals.push(cursor.text());
  }
  cursor.pos = end; // an extended response's name and value, a bind's SASL credentials: not needed
  const cookie = cursor.peek() === CONTROLS ? pagedCookie(cursor) : undefined;
  return { kind: 'result', result: { status, diagnostic, referrals, cookie } };
}

/**
 * Attribute types as lower-cased names, decoded once: a server sends the same few types in every
 * entry, so each is matched against the bytes seen before instead of decoded again.
 */
export class TypeNames {
  readonly #seen: { bytes: Buffer; name: string }[] = [];
  /** The server's spelling of each type decoded (lower-cased name → spelling), for display. */
  readonly spellings = new Map<string, string>();
  /** Where the last match was: the next type is most often the one seen after it. */
  #next = 0;

  read(cursor: BerCursor): string {
    const end = cursor.enter(OCTET_STRING);
    const { buffer, pos } = cursor;
    cursor.pos = end;
    const seen = this.#seen;
    for (let tried = 0, i = this.#next; tried < seen.length; tried++, i = i + 1 === seen.length ? 0 : i + 1) {
      const candidate = seen[i];
      if (candidate !== undefined && sameBytes(candidate.bytes, buffer, pos, end)) {
        this.#next = i + 1 === seen.length ? 0 : i + 1;
        return candidate.name;
      }
    }
    const spelled = buffer.toString('utf8', pos, end);
    const name = spelled.toLowerCase();
    if (!this.spellings.has(name) && this.spellings.size < MAX_SPELLINGS) this.spellings.set(name, spelled);
    if (seen.length < MAX_TYPES_SEEN) seen.push({ bytes: Buffer.from(buffer.subarray(pos, end)), name });
    return name;
  }

  /** One entry's types, collected in a reused array. */
  readonly #entryTypes: string[] = [];
  #lastTypes: readonly string[] = [];

  startEntry(): void {
    this.#entryTypes.length = 0;
  }

  addToEntry(type: string): void {
    this.#entryTypes.push(type);
  }

  /** The entry's types: the array of the entry before when they are the same, as they mostly are. */
  endEntry(): readonly string[] {
    const types = this.#entryTypes;
    const last = this.#lastTypes;
    let same = types.length === last.length;
    for (let i = 0; same && i < types.length; i++) same = types[i] === last[i];
    if (!same) this.#lastTypes = types.slice();
    return this.#lastTypes;
  }
}

/** Short byte strings compared in JavaScript: cheaper than a native call for each. */
function sameBytes(bytes: Buffer, buffer: Buffer, pos: number, end: number): boolean {
  if (bytes.length !== end - pos) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buffer[pos + i]) return false;
  return true;
}

const MAX_TYPES_SEEN = 64;
/** A bound on a hostile server's distinct types; beyond it names show lower-cased. */
const MAX_SPELLINGS = 4096;

function readEntry(cursor: BerCursor, binary: ReadonlySet<string>, types: TypeNames): LdapEntry {
  cursor.enter(SEARCH_ENTRY);
  const dn = cursor.text();
  const attributesEnd = cursor.enter(SEQUENCE);
  types.startEntry();
  const values: (LdapValue | LdapValue[])[] = [];
  while (cursor.pos < attributesEnd) {
    const attributeEnd = cursor.enter(SEQUENCE);
    const type = types.read(cursor);
    const keepBytes = binary.has(type);
    const valuesEnd = cursor.enter(SET);
    // A type without values (typesOnly) is left out, as if absent.
    if (cursor.pos < valuesEnd) {
      const first = keepBytes ? cursor.bytes() : cursor.text();
      if (cursor.pos < valuesEnd) {
        const several = [first];
        while (cursor.pos < valuesEnd) several.push(keepBytes ? cursor.bytes() : cursor.text());
        values.push(several);
      } else values.push(first);
      types.addToEntry(type);
    }
    cursor.pos = attributeEnd;
  }
  return { dn, types: types.endEntry(), values };
}

/** The paged-results control's cookie among the controls, or undefined when it is not there. */
function pagedCookie(cursor: BerCursor): Buffer | undefined {
  const controlsEnd = cursor.enter(CONTROLS);
  let cookie: Buffer | undefined;
  while (cursor.pos < controlsEnd) {
    const controlEnd = cursor.enter(SEQUENCE);
    const type = cursor.text();
    if (cursor.peek(controlEnd) === 0x01) cursor.skip(); // criticality
    if (type === PAGED_RESULTS && cursor.peek(controlEnd) === 0x04) {
      const valueEnd = cursor.enter(0x04);
      const value = new BerCursor(cursor.buffer, cursor.pos, valueEnd);
      value.enter(SEQUENCE);
      value.integer(INTEGER); // the server's size estimate
      cookie = value.bytes();
    }
    cursor.pos = controlEnd;
  }
  return cookie;
}

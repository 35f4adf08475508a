/**
 * What JSON.parse does not tell: where a malformed line goes wrong (its own messages quote the
 * input, which may hold a PIN), and whether an object repeats a key (it silently keeps the last).
 * PowerShell's ConvertFrom-Json refuses repeated keys, and keys that differ only in case, since
 * properties are looked up case-insensitively: which `Pin` of `{"Pin":"1","pin":"2"}` is meant?
 */

import { inputMessages } from '../messages/input.js';
import { restoreKeyOrder } from '../record.js';

const REASON = inputMessages.MalformedJson;

/** The deepest nesting a record may have, as ConvertFrom-Json's default -Depth. */
export const MAX_JSON_DEPTH = 1024;

/** Why a JSON line is refused, and where: never any of its text but a key name. */
export interface JsonProblem {
  errorId: 'MalformedJson' | 'DuplicateKeysInJsonString' | 'KeysWithDifferentCasingInJsonString' | 'JsonDepthExceeded';
  /** UTF-16 offset in the line where the problem is. */
  offset: number;
  reason: string;
  /** The repeated key, for the duplicate-key problems. */
  key?: string;
}

/** The top-level keys of the last line that passed {@link checkParsed}: lines of one stream share them. */
let knownKeys: string[] = [];

/**
 * The fast check of a line JSON.parse accepted: true when it has no repeated key (nor keys that
 * differ only in case) and is nested at most {@link MAX_JSON_DEPTH} deep. It proves the first by
 * length: a compact line without escapes or numbers is exactly as long as its value printed
 * compactly, and a dropped repeated member would make the line longer. False means "not proved":
 * the caller scans the line with {@link scanJson}.
 * @param text the line
 * @param value what JSON.parse made of it
 * @returns whether the line is proved free of those problems
 */
export function checkParsed(text: string, value: unknown): boolean {
  if (text.indexOf('\\') !== -1) return false;
  return compactLength(value, 0) === text.length;
}

/** The length of the value printed compactly, or -1 when that is not provable cheaply (numbers, depth, case-folded keys). */
function compactLength(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null) return scalarLength(value);
  if (depth >= MAX_JSON_DEPTH) return -1;
  if (Array.isArray(value)) {
    let length = value.length > 0 ? value.length + 1 : 2;
    for (const element of value) {
      const part = compactLength(element, depth + 1);
      if (part < 0) return -1;
      length += part;
    }
    return length;
  }
  let length = 1;
  let count = 0;
  let known = depth === 0;
  for (const key in value) {
    // JavaScript lists integer-like keys first: the scan recovers the line's own order.
    if (count === 0 && key.charCodeAt(0) <= 0x39 && key.charCodeAt(0) >= 0x30) return -1;
    if (known && knownKeys[count] !== key) known = false;
    count++;
    const member = (value as Record<string, unknown>)[key];
    // Scalars inline: this loop runs for every property of every record.
    const part = typeof member === 'string' ? member.length + 2 : typeof member === 'object' ? compactLength(member, depth + 1) : scalarLength(member);
    if (part < 0) return -1;
    length += key.length + 4 + part;
  }
  if (count === 0) return 2;
  // Keys seen before (interned strings: a pointer comparison each) are known to differ in more than case.
  if (known && count === knownKeys.length) return length;
  if (!distinctIgnoringCase(Object.keys(value))) return -1;
  if (depth === 0) knownKeys = Object.keys(value);
  return length;
}

function scalarLength(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || value === true) return 4;
  if (value === false) return 5;
  // A number's text may differ from its value's (1e3, 1.0): not provable by length.
  return -1;
}

function distinctIgnoringCase(keys: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const key of keys) {
    const folded = key.toLowerCase();
    if (seen.has(folded)) return false;
    seen.add(folded);
  }
  return true;
}

/** A container being scanned; objects remember their keys, folded, with the spelling first seen. */
interface Frame {
  object: boolean;
  keys?: Map<string, string>;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Scans a line as JSON without recursion (a megabyte of `[` is fine) and finds its first problem.
 * @param text the line
 * @param objects receives each object's keys (folded → as written), in document order of the objects' openings
 * @returns the problem, or undefined for a valid line with no repeated keys
 */
export function scanJson(text: string, objects?: Map<string, string>[]): JsonProblem | undefined {
  const stack: Frame[] = [];
  let i = skipSpace(text, 0);
  const fail = (reason: string, at = i): JsonProblem => ({ errorId: 'MalformedJson', offset: at, reason: at >= text.length ? REASON.endsInside : reason });
  for (;;) {
    // A value is expected at i.
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= MAX_JSON_DEPTH) return { errorId: 'JsonDepthExceeded', offset: i, reason: inputMessages.JsonDepthExceeded.reason(MAX_JSON_DEPTH) };
      const object = c === 0x7b;
      const keys = object ? new Map<string, string>() : undefined;
      if (keys) objects?.push(keys);
      stack.push({ object, keys });
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === (object ? 0x7d : 0x5d)) {
        stack.pop();
        i++;
      } else if (object) {
        const key = scanKey(text, i, stack);
        if ('errorId' in key) return key;
        i = key.next;
        continue;
      } else {
        continue;
      }
    } else {
      const end = scanScalar(text, i);
      if (typeof end !== 'number') return fail(end);
      i = end;
    }
    // After a value: close containers, or find the next element.
    for (;;) {
      i = skipSpace(text, i);
      const frame = stack[stack.length - 1];
      if (!frame) return i === text.length ? undefined : fail(REASON.textAfter);
      const d = text.charCodeAt(i);
      if (d === (frame.object ? 0x7d : 0x5d)) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 0x2c /* , */) return fail(frame.object ? REASON.expectedCommaOrBrace : REASON.expectedCommaOrBracket);
      i = skipSpace(text, i + 1);
      if (frame.object) {
        const key = scanKey(text, i, stack);
        if ('errorId' in key) return key;
        i = key.next;
      }
      break;
    }
  }
}

/** Reads `"key" :` at i for the innermost object; checks the key against the object's others. */
function scanKey(text: string, i: number, stack: Frame[]): { next: number } | JsonProblem {
  if (text.charCodeAt(i) !== 0x22) return { errorId: 'MalformedJson', offset: i, reason: i >= text.length ? REASON.endsInside : REASON.expectedKey };
  const end = scanString(text, i);
  if (typeof end !== 'number') return { errorId: 'MalformedJson', offset: i, reason: end };
  const raw = text.slice(i, end);
  const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  const keys = stack[stack.length - 1]?.keys ?? new Map<string, string>();
  const folded = key.toLowerCase();
  const earlier = keys.get(folded);
  if (earlier !== undefined) {
    return earlier === key
      ? { errorId: 'DuplicateKeysInJsonString', offset: i, reason: inputMessages.DuplicateKeysInJsonString.reason, key }
      : { errorId: 'KeysWithDifferentCasingInJsonString', offset: i, reason: inputMessages.KeysWithDifferentCasingInJsonString.reason, key };
  }
  keys.set(folded, key);
  const colon = skipSpace(text, end);
  if (text.charCodeAt(colon) !== 0x3a) return { errorId: 'MalformedJson', offset: colon, reason: colon >= text.length ? REASON.endsInside : REASON.expectedColon };
  return { next: skipSpace(text, colon + 1) };
}

/** The end of the string, literal or number at i, or why there is none. */
function scanScalar(text: string, i: number): number | string {
  const c = text.charCodeAt(i);
  if (c === 0x22) return scanString(text, i);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return scanNumber(text, i);
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return i + word.length;
  return REASON.unexpectedCharacter;
}

/** The index after the closing quote of the string that opens at i, or why it is malformed. */
function scanString(text: string, i: number): number | string {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return REASON.controlCharacter;
    if (c !== 0x5c) continue;
    const e = text.charCodeAt(++j);
    if (e === 0x75 /* u */) {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 1, j + 5))) return REASON.unicodeEscape;
      j += 4;
    } else if (!'"\\/bfnrt'.includes(text.charAt(j)) || Number.isNaN(e)) {
      return REASON.invalidEscape;
    }
  }
  return REASON.unclosedString;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanNumber(text: string, i: number): number | string {
  NUMBER.lastIndex = i;
  return NUMBER.test(text) ? NUMBER.lastIndex : REASON.malformedNumber;
}

function skipSpace(text: string, i: number): number {
  while (WHITESPACE.has(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The 1-based column of an offset, counting characters (a surrogate pair is one).
 * @param text the line
 * @param offset a UTF-16 offset in it
 * @returns the column
 */
export function columnOf(text: string, offset: number): number {
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= offset) column++;
  }
  return column;
}

/**
 * JSON.parse that keeps every object's key order (see src/core/record.ts), for JSON cspin wrote itself.
 * @param text JSON text
 * @returns the value
 */
export function parseJsonOrdered(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!checkParsed(text, value)) {
    const objects: Map<string, string>[] = [];
    if (!scanJson(text, objects)) restoreKeyOrder(value, objects);
  }
  return value;
}

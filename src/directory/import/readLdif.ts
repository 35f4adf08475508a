/**
 * Reads users from RFC 2849 LDIF, as `ldifde -f` and `ldapsearch` write it, one record at a time:
 * memory holds one record, never the file.
 */
import { isErrorRecord, type ErrorRecord } from '../../core/errors.js';
import type { Line } from '../../core/stream/records.js';
import { classify, inputLines, type SourceRow } from './sourceRow.js';

/** A record past this size is rejected and the rest of it is not kept. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;
// Options are RFC 2849's letters, digits and `-`, plus AD's range retrieval (`member;range=0-*`).
const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9=*-]+)*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The record being read. */
interface Entry {
  row: number;
  dn?: string;
  /** Attributes by lower-cased name (LDAP names ignore case), spelled as first seen. */
  attributes: Map<string, { name: string; values: string[] }>;
  /** Makes the whole record unreadable; the rest of its lines are ignored. */
  error?: string;
  /** Make a user record unreadable, but do not matter for a container or a skipped entry. */
  problems: string[];
  skipped?: string;
  size: number;
}

/**
 * Reads LDIF users. Records are separated by blank lines and start with `dn:` (or `dn::`
 * base64); folded lines are joined; `#` comments, a first `version: 1` and `changetype: add` are
 * ignored. Entries whose objectClass names a person class become rows (attribute → value, or an
 * array for several values, plus `dn`); OUs, containers and domains become containers; other
 * entries are skipped. A bad record (no dn, another changetype, a `:<` URL value, attribute
 * options, bad base64) becomes an error row, and reading goes on.
 * @param input - the LDIF bytes (UTF-8, LF or CRLF)
 * @returns one row per record, numbered by the line the record starts on
 */
export async function* readLdifUsers(input: NodeJS.ReadableStream): AsyncIterable<SourceRow> {
  const reader = new LdifReader();
  for await (const line of inputLines(input)) yield* reader.push(line);
  yield* reader.end();
}

class LdifReader {
  /** Number of the last line seen: a jump means blank lines, which end a record. */
  private lastLine = 0;
  /** The logical line being unfolded. */
  private pending: { n: number; text: string } | undefined;
  private entry: Entry | undefined;
  /** Nothing but comments seen yet: a `version:` line is still allowed. */
  private atStart = true;

  push(line: Line | ErrorRecord): SourceRow[] {
    const out: SourceRow[] = [];
    const n = isErrorRecord(line) ? (line.record ?? this.lastLine + 1) : line.n;
    const afterBlank = n > this.lastLine + 1;
    this.lastLine = n;
    if (!isErrorRecord(line) && line.text.startsWith(' ') && !afterBlank && this.pending) {
      // A folded line: drop exactly the one leading space. An oversized record stops growing.
      if (this.pending.text.length <= MAX_RECORD_CHARS) this.pending.text += line.text.slice(1);
      return out;
    }
    this.flush();
    if (afterBlank) this.endEntry(out);
    if (isErrorRecord(line)) this.fail(this.open(n), line.message.replace(/^line \d+: /, ''), n);
    else if (line.text.startsWith(' ')) this.fail(this.open(n), 'a continuation line with no line before it', n);
    else this.pending = { n, text: line.text };
    return out;
  }

  end(): SourceRow[] {
    const out: SourceRow[] = [];
    this.flush();
    this.endEntry(out);
    return out;
  }

  /** The current record, started at line `n` if there is none. */
  private open(n: number): Entry {
    this.atStart = false;
    this.entry ??= { row: n, attributes: new Map(), problems: [], size: 0 };
    return this.entry;
  }

  private fail(entry: Entry, reason: string, n: number): void {
    entry.error ??= n === entry.row ? reason : `${reason} (line ${n})`;
  }

  /** Adds the unfolded line to the current record. */
  private flush(): void {
    const line = this.pending;
    this.pending = undefined;
    if (!line || line.text.startsWith('#')) return;
    const { n, text } = line;
    if (this.atStart && /^version:/i.test(text)) {
      this.atStart = false;
      if (text.slice(8).trim() !== '1') this.fail(this.open(n), `unsupported LDIF ${text.trim()}`, n);
      return;
    }
    const entry = this.open(n);
    const first = entry.size === 0;
    entry.size += text.length;
    if (entry.error !== undefined || entry.skipped !== undefined) return;
    if (entry.size > MAX_RECORD_CHARS) return this.fail(entry, `the record is longer than ${MAX_RECORD_CHARS} characters`, n);
    const colon = text.indexOf(':');
    const name = colon > 0 ? text.slice(0, colon) : '';
    if (!ATTRIBUTE_NAME.test(name)) return this.fail(entry, `expected "attribute: value", got ${JSON.stringify(text.slice(0, 60))}`, n);
    const key = name.toLowerCase();
    if (first && key === 'search') {
      entry.skipped = 'the ldapsearch result summary';
      return;
    }
    if (first !== (key === 'dn')) {
      return this.fail(entry, first ? 'the record does not start with a dn: line' : 'a second dn: line (is a blank line missing?)', n);
    }
    const value = decode(text.slice(colon + 1));
    if (key === 'changetype' || key === 'control') {
      const add = key === 'changetype' && typeof value === 'string' && value.trim().toLowerCase() === 'add';
      if (!add) this.fail(entry, 'only content records or changetype: add are supported', n);
      return;
    }
    const problem =
      value === URL ? `${name}:< (a value read from a URL) is not supported`
      : value === INVALID ? `the value of ${name} is not valid base64`
      : name.includes(';') ? `attribute options are not supported (${name})`
      : undefined;
    if (key === 'dn') {
      if (typeof value === 'string' && problem === undefined) entry.dn = value;
      else this.fail(entry, problem ?? 'the dn is not UTF-8 text', n);
    } else if (problem !== undefined) {
      entry.problems.push(n === entry.row ? problem : `${problem} (line ${n})`);
    } else if (typeof value === 'string') {
      // BINARY values (objectGUID, objectSid, thumbnailPhoto in every ldifde export) are dropped: rows carry text.
      const attribute = entry.attributes.get(key) ?? { name, values: [] };
      attribute.values.push(value);
      entry.attributes.set(key, attribute);
    }
  }

  /** Ends the current record and reports it. */
  private endEntry(out: SourceRow[]): void {
    if (this.entry) out.push(report(this.entry));
    this.entry = undefined;
  }
}

/** The row for a finished record. */
function report(entry: Entry): SourceRow {
  const { row, dn } = entry;
  if (entry.error !== undefined) return { row, error: entry.error };
  if (entry.skipped !== undefined) return { row, skipped: entry.skipped };
  if (dn === undefined) return { row, error: 'the record has no dn: line' };
  const kind = classify(entry.attributes.get('objectclass')?.values ?? []);
  if (kind === 'container') return { row, container: dn };
  if (kind !== 'user') return { row, skipped: kind.skipped };
  if (entry.problems.length > 0) return { row, error: entry.problems.join('; ') };
  const raw: Record<string, string | string[]> = { dn };
  for (const { name, values } of entry.attributes.values()) raw[name] = values.length === 1 ? (values[0] ?? '') : values;
  return { row, raw };
}

const URL = Symbol('url');
const INVALID = Symbol('invalid base64');
const BINARY = Symbol('binary');

/** Decodes what follows `attr:`: ` text`, `: base64` (UTF-8 text, or BINARY), or `< URL`. */
function decode(rest: string): string | typeof URL | typeof INVALID | typeof BINARY {
  if (rest.startsWith('<')) return URL;
  if (!rest.startsWith(':')) return rest.replace(/^ +/, '');
  const base64 = rest.slice(1).trim();
  if (!BASE64.test(base64)) return INVALID;
  let text: string;
  try {
    text = utf8.decode(Buffer.from(base64, 'base64'));
  } catch {
    return BINARY;
  }
  // Random bytes (a GUID) can happen to be valid UTF-8; control characters give them away.
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? BINARY : text;
}

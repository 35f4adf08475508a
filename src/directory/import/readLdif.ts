/**
 * Reads users from RFC 2849 LDIF, as `ldifde -f` and `ldapsearch` write it, one record at a time:
 * memory holds one record, never the file.
 */
import { isErrorRecord, type ErrorRecord } from '../../core/errors.js';
import type { Line } from '../../core/stream/records.js';
import { classify, inputLines, type SourceRow } from './sourceRow.js';
import type { ErrorId } from '../../core/index.js';
import { directoryMessages } from '../messages.js';

/** A record past this size is rejected and the rest of it is not kept. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;
// Options are RFC 2849's letters, digits and `-`, plus AD's range retrieval (`member;range=0-*`).
const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9=*-]+)*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Attributes whose values are bytes (AD's Octet String and SID syntaxes), as user exports carry
 * them: kept as the base64 text of their bytes, never decoded as text. Also any name ending in
 * GUID or Sid, and any attribute with the `;binary` option.
 */
const BINARY_ATTRIBUTES = new Set([
  'objectguid', 'objectsid', 'sidhistory', 'ms-ds-consistencyguid', 'msexchmailboxguid', 'msexcharchiveguid',
  'msexchmasteraccountsid', 'msexchmailboxsecuritydescriptor', 'msexchsafesendershash', 'msexchblockedsendershash',
  'msexchsaferecipientshash', 'jpegphoto', 'thumbnailphoto', 'photo', 'usercertificate', 'usersmimecertificate',
  'cacertificate', 'msmqsigncertificates', 'msmqdigests', 'logonhours', 'userparameters', 'securityidentifier',
  'replpropertymetadata', 'msds-generationid', 'tokengroups',
]);

/** Why a record is refused: the importer's errorId and the reason. */
interface Problem {
  errorId: ErrorId;
  reason: string;
}

/** The record being read. */
interface Entry {
  row: number;
  dn?: string;
  /** Attributes by lower-cased name (LDAP names ignore case), spelled as first seen. */
  attributes: Map<string, { name: string; values: string[] }>;
  /** Makes the whole record unreadable; the rest of its lines are ignored. */
  error?: Problem;
  /** Make a user record unreadable, but do not matter for a container or a skipped entry. */
  problems: Problem[];
  skipped?: string;
  size: number;
}

/**
 * Reads LDIF users. Records are separated by blank lines and start with `dn:` (or `dn::`
 * base64); folded lines are joined; `#` comments, a first `version: 1` and `changetype: add` are
 * ignored. Entries whose objectClass names a person class become rows (attribute → value, or an
 * array for several values, plus `dn`); OUs, containers and domains become containers; other
 * entries are skipped. Values of binary attributes (objectGUID, objectSid, thumbnailPhoto, any
 * `;binary`) are kept as the base64 text of their bytes. A bad record (no dn, another changetype,
 * a `:<` URL value, other attribute options, bad base64, a text value whose base64 is not UTF-8)
 * becomes an error row, and reading goes on.
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
    if (isErrorRecord(line)) this.fail(this.open(n), { errorId: line.errorId, reason: line.message.replace(/^line \d+: /, '') }, n);
    else if (line.text.startsWith(' ')) this.fail(this.open(n), invalid(directoryMessages.InvalidLdifRecord.continuation), n);
    // A BOM at the start of a later line is where two files were concatenated.
    else this.pending = { n, text: line.text.charCodeAt(0) === 0xfeff ? line.text.slice(1) : line.text };
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

  private fail(entry: Entry, problem: Problem, n: number): void {
    entry.error ??= at(problem, n, entry.row);
  }

  /** Adds the unfolded line to the current record. */
  private flush(): void {
    const line = this.pending;
    this.pending = undefined;
    if (!line || line.text.startsWith('#')) return;
    const { n, text } = line;
    if (this.atStart && /^version:/i.test(text)) {
      this.atStart = false;
      const version = text.slice(8).trim();
      if (version !== '1') this.fail(this.open(n), invalid(directoryMessages.InvalidLdifRecord.version(version)), n);
      return;
    }
    const entry = this.open(n);
    const first = entry.size === 0;
    entry.size += text.length;
    if (entry.error !== undefined || entry.skipped !== undefined) return;
    if (entry.size > MAX_RECORD_CHARS) return this.fail(entry, invalid(directoryMessages.InvalidLdifRecord.tooLong(MAX_RECORD_CHARS)), n);
    const colon = text.indexOf(':');
    const name = colon > 0 ? text.slice(0, colon) : '';
    if (!ATTRIBUTE_NAME.test(name)) return this.fail(entry, invalid(directoryMessages.InvalidLdifRecord.noAttribute), n);
    const key = name.toLowerCase();
    if (first && key === 'search') {
      entry.skipped = 'the ldapsearch result summary';
      return;
    }
    if (first !== (key === 'dn')) {
      return this.fail(entry, invalid(first ? directoryMessages.InvalidLdifRecord.noDnFirst : directoryMessages.InvalidLdifRecord.secondDn), n);
    }
    const [base, ...options] = key.split(';');
    const binary = options.length === 1 && options[0] === 'binary';
    const value = decode(text.slice(colon + 1), binary || isBinaryAttribute(base ?? ''));
    if (key === 'changetype' || key === 'control') {
      const add = key === 'changetype' && typeof value === 'string' && value.trim().toLowerCase() === 'add';
      if (!add) this.fail(entry, unsupported(directoryMessages.UnsupportedLdifRecord.changeRecord), n);
      return;
    }
    const problem =
      value === URL ? unsupported(directoryMessages.UnsupportedLdifRecord.url(name))
      : value === INVALID ? { errorId: 'InvalidBase64' as const, reason: directoryMessages.InvalidBase64(name) }
      : value === NOT_UTF8 ? { errorId: 'InvalidUtf8' as const, reason: directoryMessages.InvalidUtf8(name) }
      : options.length > 0 && !binary ? unsupported(directoryMessages.UnsupportedLdifRecord.options(name))
      : undefined;
    if (key === 'dn') {
      if (typeof value === 'string' && problem === undefined) entry.dn = value;
      else this.fail(entry, problem ?? invalid(directoryMessages.InvalidLdifRecord.dnNotUtf8), n);
    } else if (problem !== undefined) {
      entry.problems.push(at(problem, n, entry.row));
    } else if (typeof value === 'string') {
      // `userCertificate;binary` is stored as userCertificate, the attribute it is a value of.
      const stored = binary ? name.slice(0, name.indexOf(';')) : name;
      const attribute = entry.attributes.get(base ?? key) ?? { name: stored, values: [] };
      attribute.values.push(value);
      entry.attributes.set(base ?? key, attribute);
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
  if (entry.error !== undefined) return { row, ...refusal(entry.error) };
  if (entry.skipped !== undefined) return { row, skipped: entry.skipped };
  if (dn === undefined) return { row, ...refusal(invalid(directoryMessages.InvalidLdifRecord.noDn)) };
  const kind = classify(entry.attributes.get('objectclass')?.values ?? []);
  if (kind === 'container') return { row, container: dn };
  if (kind !== 'user') return { row, skipped: kind.skipped };
  const [problem] = entry.problems;
  if (problem) return { row, errorId: problem.errorId, error: directoryMessages.InvalidLdifRecord.record(dn, entry.problems.map((p) => p.reason)) };
  const raw: Record<string, string | string[]> = { dn };
  for (const { name, values } of entry.attributes.values()) raw[name] = values.length === 1 ? (values[0] ?? '') : values;
  return { row, raw };
}

function refusal(problem: Problem): { error: string; errorId: ErrorId } {
  return { error: problem.reason, errorId: problem.errorId };
}

function invalid(reason: string): Problem {
  return { errorId: 'InvalidLdifRecord', reason };
}

function unsupported(reason: string): Problem {
  return { errorId: 'UnsupportedLdifRecord', reason };
}

/** The problem, naming its line when that is not the record's first. */
function at(problem: Problem, n: number, row: number): Problem {
  return n === row ? problem : { ...problem, reason: directoryMessages.InvalidLdifRecord.at(problem.reason, n) };
}

function isBinaryAttribute(folded: string): boolean {
  return BINARY_ATTRIBUTES.has(folded) || folded.endsWith('guid') || folded.endsWith('sid');
}

const URL = Symbol('url');
const INVALID = Symbol('invalid base64');
const NOT_UTF8 = Symbol('not UTF-8');

/**
 * Decodes what follows `attr:`: ` text`, `: base64`, or `< URL`. Base64 is UTF-8 text, or for a
 * binary attribute the base64 itself (its bytes, losslessly, in the text the store keeps).
 */
function decode(rest: string, binary: boolean): string | typeof URL | typeof INVALID | typeof NOT_UTF8 {
  if (rest.startsWith('<')) return URL;
  if (!rest.startsWith(':')) return rest.replace(/^ +/, '');
  const base64 = rest.slice(1).trim();
  if (!BASE64.test(base64)) return INVALID;
  if (binary) return base64;
  try {
    return utf8.decode(Buffer.from(base64, 'base64'));
  } catch {
    return NOT_UTF8;
  }
}

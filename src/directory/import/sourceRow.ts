/**
 * What the directory readers (CSV, NDJSON, LDIF) produce, and the pieces they share: framed input
 * lines and the objectClass test that tells users from containers.
 */
import type { ErrorRecord } from '../../core/errors.js';
import { LineFramer } from '../../core/stream/lineFramer.js';
import { chunksOf, unreadableInput } from '../../core/stream/readChunks.js';
import type { Line } from '../../core/stream/records.js';
import type { RawUser } from './normalizeUser.js';
import type { ErrorId } from '../../core/index.js';

/**
 * One entry of a source, numbered with the line it starts on: a user row to import, a container
 * (OU, domain) to record, an entry that is neither (and why), or the reason a row is unreadable.
 */
export type SourceRow =
  | { row: number; raw: RawUser }
  | { row: number; container: string }
  | { row: number; skipped: string }
  | { row: number; error: string; errorId: ErrorId };

const USER_CLASSES = new Set(['user', 'person', 'inetorgperson', 'organizationalperson']);
const CONTAINER_CLASSES = new Set(['organizationalunit', 'container', 'domain', 'domaindns', 'dcobject', 'organization']);

/**
 * Sorts a directory entry by its objectClass values (case-insensitive, as in LDAP).
 * @param classes - the objectClass values; none means the export left the column out, so the
 *   entry is taken for a user and the importer judges it
 * @returns `user`, `container`, or the reason the entry is skipped
 */
export function classify(classes: readonly string[]): 'user' | 'container' | { skipped: string } {
  if (classes.length === 0) return 'user';
  const folded = classes.map((c) => c.trim().toLowerCase());
  // AD computer accounts derive from user; they never have a PIN.
  if (folded.includes('computer')) return { skipped: 'a computer account' };
  if (folded.some((c) => USER_CLASSES.has(c))) return 'user';
  if (folded.some((c) => CONTAINER_CLASSES.has(c))) return 'container';
  return { skipped: `neither a user nor a container (objectClass: ${classes.join(', ')})` };
}

/**
 * Frames a byte stream into numbered lines with the core {@link LineFramer}; blank lines are
 * left out (their numbers are skipped). Pulled with `for await`, so reading waits for the consumer.
 * @param input - the bytes (a leading BOM is dropped)
 * @returns the lines, and an error record for each line that is not UTF-8 or too long
 */
export async function* inputLines(input: NodeJS.ReadableStream): AsyncIterable<Line | ErrorRecord> {
  const unreadable = unreadableInput(input);
  if (unreadable) throw unreadable;
  const framer = new LineFramer();
  for await (const chunk of chunksOf(input)) yield* framer.push(chunk);
  yield* framer.end();
}

/**
 * The error row for an error record.
 * @param error - a framing or parsing error
 * @param row - its row when the record does not say
 * @returns the row, with the record's errorId; the reason loses its `line N: ` prefix (keeping a
 *   column), as the importer prints the row itself
 */
export function errorRow(error: ErrorRecord, row = 0): SourceRow {
  return { row: error.record ?? row, error: error.message.replace(/^line \d+(?=[:,])(?::\s*|,\s*)/, ''), errorId: error.errorId };
}

/**
 * Loads users into the directory: upserts by distinguished name, a transaction per batch, so a bad
 * row is reported with its row number and skipped while the rest go in. A row needs no savepoint of
 * its own (one cost 45 % of an import): it is checked before it writes, and of its writes only the
 * first can fail (UserWriter.upsert), which SQLite then undoes alone.
 */
import { oneLine } from '../../core/echo.js';
import type { DirectoryDatabase } from '../database.js';
import { dnKey } from '../dn.js';
import { UserConflictError, UserWriter } from '../userStore.js';
import { normalizeUser } from './normalizeUser.js';
import type { ImportSeen } from './pruneUsers.js';
import type { SourceRow } from './sourceRow.js';
import type { ErrorId } from '../../core/index.js';

/** What an import did. */
export interface ImportSummary {
  added: number;
  updated: number;
  rejected: number;
}

/** What else an import does with each stored user, inside the row's transaction. */
export interface ImportHooks {
  /** Marks the user as seen, for --prune. */
  seen?: ImportSeen;
  /** Told of each user added or updated (for --what-if). */
  stored?: (outcome: 'added' | 'updated', dn: string) => void;
}

const BATCH = 1000;

/**
 * Imports rows.
 * @param db the directory database
 * @param rows the rows of one source
 * @param onRejected called with the row number, reason (one line, values echoed) and errorId of every rejected row
 * @param summary the counts to add to: when the import stops on an error (a full disk), they count
 *   the rows of the batches committed before it
 * @param hooks what else to do with each stored user
 * @returns the counts
 */
export async function importUsers(
  db: DirectoryDatabase,
  rows: AsyncIterable<SourceRow>,
  onRejected: (row: number, reason: string, errorId: ErrorId) => void,
  summary: ImportSummary = { added: 0, updated: 0, rejected: 0 },
  hooks: ImportHooks = {},
): Promise<ImportSummary> {
  // Rows stored by the batch in progress: they count once it commits.
  let stored = { added: 0, updated: 0 };
  const writer = new UserWriter(db);
  const addContainer = db.prepare('INSERT OR IGNORE INTO containers (dn_key, dn) VALUES (?, ?)');
  const one = (row: SourceRow) => {
    if ('container' in row) addContainer.run(dnKey(row.container), row.container);
    if (!('raw' in row)) return;
    const user = normalizeUser(row.raw);
    if ('error' in user) throw new RowError(user.error);
    const { outcome, id } = writer.upsert(user);
    stored[outcome]++;
    hooks.seen?.saw(id, user.dn);
    hooks.stored?.(outcome, user.dn);
  };
  const batch = db.transaction((items: SourceRow[]) => {
    for (const row of items) {
      if ('error' in row) {
        reject(row.row, row.error, row.errorId);
        continue;
      }
      try {
        one(row);
      } catch (error) {
        if (!isRowProblem(error)) throw error;
        reject(row.row, error.message, error instanceof RowError ? 'InvalidImportRow' : 'UserConflict');
      }
    }
  });
  const reject = (row: number, reason: string, errorId: ErrorId) => {
    summary.rejected++;
    // The last line of defence: a reason is one line whatever a value in it holds.
    onRejected(row, oneLine(reason), errorId);
  };
  const commit = (items: SourceRow[]) => {
    stored = { added: 0, updated: 0 };
    batch.immediate(items);
    summary.added += stored.added;
    summary.updated += stored.updated;
  };
  let pending: SourceRow[] = [];
  for await (const row of rows) {
    pending.push(row);
    if (pending.length >= BATCH) {
      commit(pending);
      pending = [];
    }
  }
  if (pending.length > 0) commit(pending);
  return summary;
}

class RowError extends Error {}

/** Problems of one row; anything else (disk full, a locked database) stops the import. */
function isRowProblem(error: unknown): error is Error {
  if (error instanceof RowError || error instanceof UserConflictError) return true;
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return code?.startsWith('SQLITE_CONSTRAINT') === true;
}

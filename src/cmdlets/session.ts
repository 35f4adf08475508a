/** Opening the database for a cmdlet (in begin) and closing it (in clean). */
import { databasePath, openDatabase, type DatabaseMode, type DirectoryDatabase } from '../directory/index.js';

/** The open database and where it is. */
export interface Session {
  db: DirectoryDatabase;
  path: string;
}

/**
 * Opens the database named by the environment.
 * @param env the environment (CSPIN_DB)
 * @param mode read for a cmdlet that never writes (a read-only connection: it works on a read-only
 *   database), write for one that may
 * @returns the session
 * @throws TerminatingError (exit status 2) when there is no cspin database there, 1 when it cannot be used
 */
export function openSession(env: NodeJS.ProcessEnv, mode: DatabaseMode): Session {
  const path = databasePath(env);
  return { db: openDatabase(path, mode), path };
}

/** Closes the session's database; safe to call twice. */
export function closeSession(session: Session | undefined): void {
  if (session?.db.open) session.db.close();
}

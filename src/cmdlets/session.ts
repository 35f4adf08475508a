/** Opening the database for a cmdlet (in begin) and closing it (in clean). */
import { databasePath, openDatabase, type DirectoryDatabase } from '../directory/index.js';

/** The open database and where it is. */
export interface Session {
  db: DirectoryDatabase;
  path: string;
}

/**
 * Opens the database named by the environment.
 * @param env the environment (CSPIN_DB)
 * @returns the session
 * @throws TerminatingError (exit status 2) when there is no database yet
 */
export function openSession(env: NodeJS.ProcessEnv): Session {
  const path = databasePath(env);
  return { db: openDatabase(path), path };
}

/** Closes the session's database; safe to call twice. */
export function closeSession(session: Session | undefined): void {
  if (session?.db.open) session.db.close();
}

/**
 * The litwareinc sample directory: users from samples/litwareinc.csv, loaded by the same importer as
 * `cspin import`, and PIN states from samples/litwareinc-pins.csv, set through the PIN store API
 * with random PINs that nobody ever sees.
 */
import { createReadStream, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRecords } from '../core/csv/csvRecords.js';
import { isErrorRecord } from '../core/index.js';
import { IdentityResolver, UserId, type DirectoryDatabase } from '../directory/index.js';
import { importUsers } from '../directory/import/importUsers.js';
import { readUsers, type SourceRow } from '../directory/import/sources.js';
import { SqlitePinWrites, generatePin, hashPin } from '../pins/index.js';
import { sampleUserKey } from './sampleKeys.js';

/** samples/ of the package: found upward from this module, which runs from dist/ or from the bundle. */
function samplesDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'samples', 'litwareinc.csv'))) return join(dir, 'samples');
  }
  throw new Error('The samples folder of the cspin package is missing.');
}

/**
 * Loads the sample directory into a new database.
 * @param db the database
 * @param pepper the PIN key
 * @returns how many users and PINs were created
 */
export async function loadSample(db: DirectoryDatabase, pepper: Buffer): Promise<{ users: number; pins: number }> {
  const problems: string[] = [];
  const rows = withFixedKeys(readUsers(createReadStream(join(samplesDir(), 'litwareinc.csv')), 'csv'));
  const summary = await importUsers(db, rows, (row, reason) =>
    problems.push(`line ${row}: ${reason}`),
  );
  if (problems.length > 0) throw new Error(`The sample directory is broken: ${problems.join('; ')}`);
  const resolver = new IdentityResolver(db);
  const pins = new SqlitePinWrites(db);
  let count = 0;
  for await (const item of csvRecords(createReadStream(join(samplesDir(), 'litwareinc-pins.csv')))) {
    if (isErrorRecord(item)) throw new Error(`The sample PIN states are broken: ${item.message}`);
    const { Identity, PinState, LastPinChangeTime } = item.record;
    const user = resolver.resolve([new UserId(Identity ?? '')]).get(0)?.[0];
    if (!user) throw new Error(`The sample PIN states name an unknown user: ${Identity}`);
    pins.setHash(user.key, await hashPin(generatePin(6), pepper), Date.parse(LastPinChangeTime ?? ''));
    if (PinState === 'Locked') pins.setLocked(user.key, true);
    count++;
  }
  return { users: summary.added, pins: count };
}

/** Each user row with its fixed key, as an export's entryUUID column would carry it. */
async function* withFixedKeys(rows: AsyncIterable<SourceRow>): AsyncIterable<SourceRow> {
  for await (const row of rows) {
    const dn = 'raw' in row ? row.raw.DistinguishedName : undefined;
    yield typeof dn === 'string' && 'raw' in row ? { row: row.row, raw: { ...row.raw, entryUUID: sampleUserKey(dn) } } : row;
  }
}

/**
 * The hostile corpus of the environment: CSPIN_DB naming what is not a cspin database (another
 * application's SQLite file, an empty, truncated or damaged file, a directory, a missing folder),
 * read-only mounts, immutable folders and files, full file systems, PIN key files others can read,
 * and CSPIN_NOW, CSPIN_FORMAT and CSPIN_ERROR_FORMAT values cspin does not know. Each command either
 * works or stops with one line naming the path; nothing it must not touch is touched.
 */
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_GLOBAL_POLICY, KEN_MYER_USER } from '../support/sampleObjects.js';
import type { ShellResult } from '../support/shell.js';
import { NO_MOUNT, runCorpus, type CaseContext, type HostileCase } from './corpus.js';
import { foreignDatabase, immutable, instead, leaveInWal, onTmpfs, overwritePages, primeWal, replaced, runSql } from './faults.js';

const PIN = '18723834';
const KEN_USER = KEN_MYER_USER;
const KEN_PIN_INFO = {
  PSTypeName: 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails',
  Identity: 'sip:kenmyer@litwareinc.com',
  IsPinSet: true,
  IsLockedOut: false,
  LastPinChangeTime: '2012-09-25T13:35:03.000Z',
  PinExpirationTime: null,
};
const GLOBAL_POLICY = DEFAULT_GLOBAL_POLICY;
const KEN_RESET = { PSTypeName: 'cspin.ClientPinReset', Identity: 'sip:kenmyer@litwareinc.com', PIN, PinReset: true };
const KEN_WRONG_PIN = { PSTypeName: 'Cspin.PinLogonResult', Identity: 'sip:kenmyer@litwareinc.com', Result: 'WrongPin' };
const IMPORT_CSV = 'DistinguishedName,SipAddress\n"CN=Hostile,OU=Test,DC=litwareinc,DC=com",sip:hostile@litwareinc.com\n';

interface Command {
  name: string;
  run: string;
  input?: string;
  secrets?: string[];
}

/** Commands that only read the database, and their output on the sample directory. */
const READERS: (Command & { expect: Pick<HostileCase['expect'], 'objects' | 'stdout'> })[] = [
  { name: 'Get-CsUser', run: "Get-CsUser -Identity 'litwareinc\\kenmyer'", expect: { objects: [KEN_USER] } },
  { name: 'Get-CsClientPinInfo', run: "Get-CsClientPinInfo -Identity 'litwareinc\\kenmyer'", expect: { objects: [KEN_PIN_INFO] } },
  { name: 'Get-CsPinPolicy', run: 'Get-CsPinPolicy -Identity Global', expect: { objects: [GLOBAL_POLICY] } },
  { name: 'cspin site list', run: 'cspin site list', expect: { stdout: '' } },
];

/** Commands that write the database (each would change it on a healthy one). */
const WRITERS: Command[] = [
  { name: 'Set-CsClientPin', run: `Set-CsClientPin -Identity 'litwareinc\\kenmyer' -Pin ${PIN}`, secrets: [PIN] },
  { name: 'Get-CsUser | Set-CsClientPin', run: `Get-CsUser -Identity 'litwareinc\\kenmyer' | Set-CsClientPin -Pin ${PIN}`, secrets: [PIN] },
  { name: 'Lock-CsClientPin', run: "Lock-CsClientPin -Identity 'litwareinc\\aidan'" },
  { name: 'Unlock-CsClientPin', run: "Unlock-CsClientPin -Identity 'litwareinc\\pilar'" },
  // A PIN long enough that the key file or the database cannot hold its digits by chance.
  { name: 'Test-CsClientPin', run: "Test-CsClientPin -Identity 'litwareinc\\kenmyer' -Pin 90817263", secrets: ['90817263'] },
  { name: 'New-CsPinPolicy', run: 'New-CsPinPolicy -Identity Hostile -MinPasswordLength 6' },
  { name: 'Set-CsPinPolicy', run: 'Set-CsPinPolicy -Identity Global -MinPasswordLength 6' },
  { name: 'Remove-CsPinPolicy', run: 'Remove-CsPinPolicy -Identity Global' },
  { name: 'Grant-CsPinPolicy', run: "Grant-CsPinPolicy -Identity kenmyer@litwareinc.com -PolicyName '$Null'" },
  { name: 'cspin import', run: 'cspin import - --format csv', input: IMPORT_CSV },
  { name: 'cspin rotate-key', run: 'cspin rotate-key --yes' },
  { name: 'cspin site set', run: 'cspin site set red-cs-001.litwareinc.com Redmond' },
  { name: 'cspin site remove', run: 'cspin site remove red-cs-001.litwareinc.com' },
  { name: 'cspin init --force', run: 'cspin init --force' },
];

const byName = (names: string[]) => [...READERS, ...WRITERS].filter((command) => names.includes(command.name));

/** A reader of each kind, a writer cmdlet and the admin commands: the commands every refused path is tried with. */
const SAMPLED = byName(['Get-CsUser', 'Get-CsClientPinInfo', 'Set-CsClientPin', 'cspin import', 'cspin rotate-key', 'cspin site set']);

/** One case per command, each stopped by one error, with nothing on stdout. */
function refused(fault: string, commands: Command[], errorId: string, code: number, rest: Partial<HostileCase> = {}): HostileCase[] {
  return commands.map(({ name, run, input, secrets }) => ({
    name: `${name}, ${fault}: ${errorId} (exit ${code})`,
    run,
    input,
    secrets,
    ...rest,
    expect: { code, errors: [errorId], ...rest.expect },
  }));
}

/** One case per command, each giving its usual output. */
function working(fault: string, commands: typeof READERS, rest: Partial<HostileCase> = {}): HostileCase[] {
  return commands.map(({ name, run, expect: output }) => ({ name: `${name}, ${fault}: works`, run, ...rest, expect: { code: 0, ...output } }));
}

/** The admin commands, taken in turn by the faults that try only a few commands. */
const ADMIN = byName(['cspin import', 'cspin rotate-key', 'cspin site set', 'cspin site list']);
let turn = 0;
const few = () => [...byName(['Get-CsUser', 'Set-CsClientPin']), ADMIN[turn++ % ADMIN.length] as Command];

/** CSPIN_DB names no usable cspin database: each command refuses it, and the folder stays exactly as it was. */
function notCspin(fault: string, make: (context: CaseContext) => string | void, errorId: string, code: number, sidecars = false, commands = few()): HostileCase[] {
  return commands.flatMap((command) => {
    const { setup, check } = replaced(make, sidecars);
    return refused(fault, [command], errorId, code, { setup, noDatabase: true, expect: { code, check } });
  });
}

const notCspinCases: HostileCase[] = [
  ...notCspin("CSPIN_DB at another application's SQLite file", instead((path) => foreignDatabase(path)), 'NotACspinDatabase', 2, false, SAMPLED),
  ...notCspin('CSPIN_DB at an SQLite file with another application_id', instead((path) => foreignDatabase(path, 0x46534c21)), 'NotACspinDatabase', 2, false, SAMPLED),
  ...notCspin('CSPIN_DB at a zero-byte file', instead((path) => writeFileSync(path, '')), 'NotACspinDatabase', 2),
  ...notCspin('CSPIN_DB at a text file', instead((path) => writeFileSync(path, 'SQLite format 2? No: a shopping list.\n'.repeat(10))), 'NotACspinDatabase', 2),
  ...notCspin('CSPIN_DB at /dev/null', () => '/dev/null', 'NotACspinDatabase', 2),
  ...notCspin('CSPIN_DB at a directory', (c) => c.dir, 'IsADirectory', 2),
  ...notCspin('CSPIN_DB in a folder that does not exist', (c) => join(c.dir, 'missing', 'cspin.db'), 'DatabaseNotFound', 2),
  ...notCspin('CSPIN_DB under a file', (c) => (writeFileSync(join(c.dir, 'plain'), 'x'), join(c.dir, 'plain', 'cspin.db')), 'NotADirectory', 2),
  ...notCspin('CSPIN_DB at a cspin database of a newer schema', (c) => runSql(c.db, 'PRAGMA user_version = 99'), 'DatabaseTooNew', 2),
  ...notCspin('CSPIN_DB at a truncated cspin database', (c) => truncateSync(c.db, 8192), 'DatabaseCorrupt', 1),
  ...notCspin('CSPIN_DB at a cspin database whose pages are overwritten', (c) => overwritePages(c.db), 'DatabaseCorrupt', 1, true),
];

/** Checks that no file of a name, and no temporary file of init (a build, a pending key), is left in the folder. */
const nothingNew = (name: string) => (_result: unknown, context: CaseContext) =>
  expect(readdirSync(context.dir).filter((file) => file.startsWith(name) || /\.init-|\.key\.new-/.test(file))).toEqual([]);

const initCases: HostileCase[] = [
  ...(['directory', 'zero-byte file', "another application's SQLite file"] as const).map((what): HostileCase => {
    const make = { directory: (c: CaseContext) => c.dir, 'zero-byte file': instead((p) => writeFileSync(p, '')), "another application's SQLite file": instead((p) => foreignDatabase(p)) }[what];
    const { setup, check } = replaced(make);
    return { name: `cspin init --force at a ${what}: refused, left as it is (exit 2)`, run: 'cspin init --force', setup, noDatabase: true, expect: { code: 2, errors: [what === 'directory' ? 'IsADirectory' : 'NotACspinDatabase'], check } };
  }),
  {
    name: 'cspin init under a file: NotADirectory (exit 2), nothing created',
    run: 'echo x > plain && CSPIN_DB=plain/new.db cspin init --sample',
    expect: { code: 2, errors: ['NotADirectory'] },
  },
  {
    name: 'cspin init with a malformed CSPIN_PIN_KEY: PinKeyInvalid (exit 2), nothing created',
    run: 'CSPIN_DB=new.db cspin init',
    env: { CSPIN_PIN_KEY: 'not-a-key' },
    expect: { code: 2, errors: ['PinKeyInvalid'], check: nothingNew('new.db') },
  },
  {
    name: 'cspin init --force replaces a truncated cspin database with a whole one',
    run: 'cspin init --force && Get-CsUser',
    setup: (c) => truncateSync(c.db, 8192),
    changes: true,
    expect: { code: 0, stdout: '' },
  },
];

/** Skips a case that needs mounts or chattr where this process cannot use them. */
const MOUNTS: string | false = typeof NO_MOUNT === 'string' ? NO_MOUNT : false;

const READ_ONLY = 'on a read-only mount';
const readOnlyMount = (prime?: (context: CaseContext) => void) => ({ ...onTmpfs({ kib: 1024, prime, readOnly: true }), skip: MOUNTS });
const bigInput = `${'sip:kenmyer@litwareinc.com\n'.repeat(2000)}`;

const readOnlyCases: HostileCase[] = [
  ...working(READ_ONLY, READERS, readOnlyMount()),
  ...refused(READ_ONLY, WRITERS, 'ReadOnlyFileSystem', 1, readOnlyMount()),
  { name: `Get-CsClientPinInfo of 2,000 identities (the lookup thread) ${READ_ONLY}`, run: 'Get-CsClientPinInfo', input: bigInput, ...readOnlyMount(), expect: { code: 0, objects: Array(2000).fill(KEN_PIN_INFO) } },
  {
    name: `Get-CsUser ${READ_ONLY}, its last change still in the -wal: reads it`,
    run: "Get-CsUser -Identity 'litwareinc\\kenmyer'",
    ...readOnlyMount((c) => leaveInWal(c.db, "UPDATE users SET display_name = 'Ken Myer (WAL)' WHERE sam = 'kenmyer'")),
    changes: true,
    expect: { code: 0, objects: [{ ...KEN_USER, DisplayName: 'Ken Myer (WAL)' }] },
  },
  {
    name: `Get-CsClientPinInfo of 2,000 identities ${READ_ONLY}, with changes in the -wal`,
    run: 'Get-CsClientPinInfo',
    input: bigInput,
    ...readOnlyMount((c) => leaveInWal(c.db, "UPDATE pins SET locked = 1 WHERE key_id = (SELECT id FROM users WHERE sam = 'kenmyer')")),
    changes: true,
    expect: { code: 0, objects: Array(2000).fill({ ...KEN_PIN_INFO, IsLockedOut: true }) },
  },
  ...working(`${READ_ONLY}, a database made before cspin marked its files`, byName(['Get-CsUser', 'Get-CsPinPolicy']) as typeof READERS, readOnlyMount((c) => runSql(c.db, 'PRAGMA application_id = 0'))),
  ...refused(`${READ_ONLY}, a database of schema 1 made before the mark`, byName(['Get-CsClientPinInfo', 'cspin site list']), 'DatabaseNeedsUpgrade', 1, {
    ...readOnlyMount((c) => runSql(c.db, 'ALTER TABLE pins DROP COLUMN pin_length; PRAGMA application_id = 0; PRAGMA user_version = 1;')),
    changes: true,
  }),
  ...refused(`${READ_ONLY}, changes in the -wal`, byName(['Set-CsClientPin', 'cspin site set']), 'ReadOnlyFileSystem', 1, readOnlyMount((c) => leaveInWal(c.db, 'UPDATE users SET id = id'))),
  ...refused(`${READ_ONLY}, changes in the -wal but no -shm`, byName(['Get-CsUser', 'Get-CsPinPolicy']), 'CannotOpenDatabase', 1, readOnlyMount((c) => leaveInWal(c.db, 'UPDATE users SET id = id', false))),
  ...refused(`${READ_ONLY}, changes in the -wal but no -shm`, byName(['Lock-CsClientPin']), 'ReadOnlyFileSystem', 1, readOnlyMount((c) => leaveInWal(c.db, 'UPDATE users SET id = id', false))),
];

const IMMUTABLE_FOLDER = 'in an immutable folder';
const immutableFolder = { ...immutable('folder'), skip: MOUNTS };
const immutableFile = { ...immutable('database'), skip: MOUNTS };

const immutableCases: HostileCase[] = [
  ...working(IMMUTABLE_FOLDER, READERS, immutableFolder),
  ...refused(IMMUTABLE_FOLDER, WRITERS, 'PermissionDenied', 1, immutableFolder),
  { name: `cspin init of a new database ${IMMUTABLE_FOLDER}: PermissionDenied (exit 1), nothing created`, run: 'CSPIN_DB=new.db cspin init --sample', ...immutableFolder, expect: { code: 1, errors: ['PermissionDenied'], check: nothingNew('new.db') } },
  ...working('an immutable database file', byName(['Get-CsUser', 'Get-CsPinPolicy']) as typeof READERS, immutableFile),
  ...refused('an immutable database file', byName(['Set-CsClientPin', 'Unlock-CsClientPin', 'cspin import', 'cspin rotate-key']), 'PermissionDenied', 1, immutableFile),
];

const FULL = 'on a full file system';
const fullDisk = (prime = true) => ({ ...onTmpfs({ kib: 512, prime: prime ? primeWal : undefined, full: true }), skip: MOUNTS });

const fullDiskCases: HostileCase[] = [
  ...working(FULL, byName(['Get-CsUser', 'Get-CsClientPinInfo']) as typeof READERS, fullDisk()),
  ...refused(`${FULL}, before any reader made the -shm`, byName(['Get-CsUser']), 'DiskFull', 1, fullDisk(false)),
  ...refused(FULL, byName(['Lock-CsClientPin', 'New-CsPinPolicy', 'cspin import', 'cspin rotate-key', 'cspin site set']), 'DiskFull', 1, fullDisk()),
  // Set-CsClientPin writes a PIN's line before its commit (the line is its only copy): the commit fails, and it says to disregard the line.
  { name: `Set-CsClientPin ${FULL}: the PIN is not saved, ChangeNotSaved (exit 1)`, run: WRITERS[0]?.run ?? '', secrets: [PIN], ...fullDisk(), expect: { code: 1, objects: [KEN_RESET], errors: ['ChangeNotSaved'] } },
  { name: `Test-CsClientPin ${FULL}: the failed attempt cannot be counted, DiskFull (exit 1)`, run: "Test-CsClientPin -Identity 'litwareinc\\kenmyer' -Pin 1234", ...fullDisk(), expect: { code: 1, errors: ['DiskFull'] } },
  ...(['cspin init', 'cspin init --sample'] as const).map((command): HostileCase => ({
    name: `${command} of a new database ${FULL}: DiskFull (exit 1), nothing left behind`,
    run: `CSPIN_DB=new.db ${command}`,
    ...fullDisk(),
    expect: { code: 1, errors: ['DiskFull'], check: nothingNew('new.db') },
  })),
  {
    name: `cspin import of 5,000 users onto a file system that fills up: the batches before keep whole rows, DiskFull (exit 1)`,
    run: 'cspin import - --format csv',
    input: bulkCsv(5000),
    ...onTmpfs({ kib: 2048 }),
    skip: MOUNTS,
    changes: true,
    expect: { code: 1, errors: ['DiskFull'], check: keptWholeBatches },
  },
  { name: `cspin init --force ${FULL}: DiskFull (exit 1), the old database kept`, run: 'cspin init --force --sample', ...fullDisk(), expect: { code: 1, errors: ['DiskFull'], check: nothingNew('new.db') } },
];

/** A CSV export of n users, each with a long Title. */
function bulkCsv(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `"CN=Bulk ${i},OU=Bulk,DC=litwareinc,DC=com",sip:bulk${i}@litwareinc.com,bulk${i},${'Senior engineer '.repeat(8)}${i}`);
  return `DistinguishedName,SipAddress,SamAccountName,Title\n${rows.join('\n')}\n`;
}

/** The import said how many rows it kept, in whole batches of 1,000, and exactly those are there, each with its Title. */
function keptWholeBatches(result: ShellResult, context: CaseContext): void {
  const kept = Number(/the import stopped; kept before it: (\d+) added, 0 updated, 0 rejected/.exec(result.stderr)?.[1]);
  expect(kept % 1000).toBe(0);
  expect(kept).toBeGreaterThan(0);
  const db = new Database(context.db, { readonly: true });
  try {
    expect(db.prepare("SELECT count(*) FROM users WHERE dn LIKE 'CN=Bulk %'").pluck().get()).toBe(kept);
    expect(db.prepare("SELECT count(*) FROM user_attrs a JOIN users u ON u.id = a.user_id WHERE a.name = 'title' AND u.dn LIKE 'CN=Bulk %'").pluck().get()).toBe(kept);
  } finally {
    db.close();
  }
}

const chmodKey = (mode: number) => (c: CaseContext) => chmodSync(`${c.db}.key`, mode);
const keyCases: HostileCase[] = [
  ...[0o644, 0o640, 0o604, 0o660, 0o606].flatMap((mode) =>
    refused(`a key file of mode 0${mode.toString(8)}`, byName([mode === 0o644 ? 'cspin rotate-key' : mode === 0o640 ? 'Test-CsClientPin' : 'Set-CsClientPin']), 'KeyFilePermissions', 1, {
      setup: chmodKey(mode),
      expect: { code: 1, stderr: /chmod 600 / },
    }),
  ),
  { name: 'Set-CsClientPin with a key file of mode 0400: works', run: WRITERS[0]?.run ?? '', secrets: [PIN], setup: chmodKey(0o400), changes: true, expect: { code: 0, objects: [KEN_RESET] } },
  { name: 'Get-CsClientPinInfo with a key file of mode 0644: works (it never reads the key)', run: READERS[1]?.run ?? '', setup: chmodKey(0o644), expect: { code: 0, objects: [KEN_PIN_INFO] } },
  // No secrets to look for: the corpus would read the key "file" for them.
  ...refused('a key file that is a directory', byName(['Set-CsClientPin']), 'KeyFileNotRegular', 1, { secrets: [], setup: (c) => (rmSync(`${c.db}.key`), mkdirSync(`${c.db}.key`)) }),
  ...refused('a key file linked to /dev/zero', byName(['Test-CsClientPin']), 'KeyFileNotRegular', 1, { secrets: [], setup: (c) => (rmSync(`${c.db}.key`), symlinkSync('/dev/zero', `${c.db}.key`)) }),
  {
    name: 'Test-CsClientPin with the key file a link to a 0600 file: works',
    run: "Test-CsClientPin -Identity 'litwareinc\\kenmyer' -Pin 1234",
    setup: (c) => (copyFileSync(`${c.db}.key`, join(c.dir, 'real.key')), chmodSync(join(c.dir, 'real.key'), 0o600), rmSync(`${c.db}.key`), symlinkSync(join(c.dir, 'real.key'), `${c.db}.key`)),
    changes: true,
    expect: { code: 0, objects: [KEN_WRONG_PIN] },
  },
  ...refused('a key file that holds no key', byName(['Set-CsClientPin']), 'PinKeyInvalid', 1, { setup: (c) => writeFileSync(`${c.db}.key`, 'not a key\n', { mode: 0o600 }) }),
  ...refused('no key file', byName(['cspin rotate-key']), 'PinKeyMissing', 1, { setup: (c) => rmSync(`${c.db}.key`) }),
  ...refused('a malformed CSPIN_PIN_KEY', byName(['Set-CsClientPin', 'Test-CsClientPin']), 'PinKeyInvalid', 2, { env: { CSPIN_PIN_KEY: 'abc123' } }),
];

const envCases: HostileCase[] = [
  ...(['1969-12-31T23:59:59Z', '253402300800000', '+010000-01-01T00:00:00Z', 'yesterday', '-5'] as const).flatMap((now) =>
    refused(`CSPIN_NOW=${now}`, byName(['Test-CsClientPin', 'Get-CsUser']), 'InvalidClock', 2, { env: { CSPIN_NOW: now } }),
  ),
  ...refused('CSPIN_NOW=0x10', byName(['cspin site list']), 'InvalidClock', 2, { env: { CSPIN_NOW: '0x10' } }),
  ...working('CSPIN_NOW=0 (1970)', byName(['Get-CsUser']) as typeof READERS, { env: { CSPIN_NOW: '0' } }),
  ...working('CSPIN_NOW=9999-12-31T23:59:59Z', byName(['Get-CsClientPinInfo']) as typeof READERS, { env: { CSPIN_NOW: '9999-12-31T23:59:59Z' } }),
  ...(['xml', 'csv', 'nd-json'] as const).flatMap((format) =>
    refused(`CSPIN_FORMAT=${format}`, byName(['Get-CsUser', 'cspin rotate-key']), 'InvalidOutputFormat', 2, { env: { CSPIN_FORMAT: format } }),
  ),
  ...working('CSPIN_FORMAT=NDJSON', byName(['Get-CsPinPolicy']) as typeof READERS, { env: { CSPIN_FORMAT: 'NDJSON' } }),
  ...working('CSPIN_FORMAT=json', byName(['Get-CsUser']) as typeof READERS, { env: { CSPIN_FORMAT: 'json' } }),
  ...(['xml', 'yes', 'JSONL'] as const).map((format): HostileCase => ({
    name: `Get-CsUser with CSPIN_ERROR_FORMAT=${format}: a usage error in text (exit 2)`,
    run: "Get-CsUser -Identity 'litwareinc\\kenmyer'",
    env: { CSPIN_ERROR_FORMAT: format },
    textErrors: true,
    expect: { code: 2, stderr: /^Get-CsUser : CSPIN_ERROR_FORMAT="[A-Za-z]+" .*\n$/ },
  })),
  { name: 'cspin site list with CSPIN_ERROR_FORMAT=xml: a usage error in text (exit 2)', run: 'cspin site list', env: { CSPIN_ERROR_FORMAT: 'xml' }, textErrors: true, expect: { code: 2, stderr: /^cspin: CSPIN_ERROR_FORMAT="xml" .*\n$/ } },
  ...refused('CSPIN_ERROR_FORMAT=JSON (any case)', byName(['Set-CsClientPin']), 'NotACspinDatabase', 2, { env: { CSPIN_ERROR_FORMAT: 'JSON', CSPIN_DB: '/dev/null' } }),
  {
    name: 'Get-CsUser with CSPIN_ERROR_FORMAT=text: the error in text',
    run: 'CSPIN_DB=/dev/null Get-CsUser',
    env: { CSPIN_ERROR_FORMAT: 'text' },
    textErrors: true,
    expect: { code: 2, stderr: /^Get-CsUser : \/dev\/null is not a cspin database: .*\n$/ },
  },
];

runCorpus('the environment: what CSPIN_DB names, read-only, immutable and full file systems, key files, environment variables', [
  ...notCspinCases,
  ...initCases,
  ...readOnlyCases,
  ...immutableCases,
  ...fullDiskCases,
  ...keyCases,
  ...envCases,
]);

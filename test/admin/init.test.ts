/**
 * `cspin init` end to end: where the database goes, how it is created (0600, WAL, migrated), the
 * refusal to overwrite, the sample directory and its PIN states, and the `cspin` front door.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/directory/schema.js';
import { sampleDirectory, sh } from '../support/shell.js';

const tempDir = (prefix = 'cspin-init-') => mkdtempSync(join(tmpdir(), prefix));

/** Opens a database file read-only for inspection. */
function inspect<T>(path: string, look: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return look(db);
  } finally {
    db.close();
  }
}

/** One sample directory for the whole file (creating it hashes 14 PINs with scrypt). */
let sample: NodeJS.ProcessEnv;
beforeAll(async () => {
  sample = await sampleDirectory();
});

/** A private copy of the sample directory, for tests that change or replace it. */
function sampleCopy(): NodeJS.ProcessEnv {
  const db = join(tempDir('cspin-copy-'), 'cspin.db');
  copyFileSync(sample.CSPIN_DB ?? '', db);
  copyFileSync(`${sample.CSPIN_DB ?? ''}.key`, `${db}.key`);
  return { CSPIN_DB: db };
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** The error records of stderr under CSPIN_ERROR_FORMAT=json. */
const errorIds = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { errorId: string }).errorId);

describe.concurrent('cspin init: where the database goes', () => {
  // Each case: the environment, and the path the database must appear at (relative to a temp dir).
  it.each([
    ['CSPIN_DB', (d: string) => ({ CSPIN_DB: join(d, 'here', 'my.db'), XDG_DATA_HOME: join(d, 'xdg') }), 'here/my.db'],
    ['$XDG_DATA_HOME/cspin/cspin.db when CSPIN_DB is unset', (d: string) => ({ CSPIN_DB: undefined, XDG_DATA_HOME: join(d, 'xdg'), HOME: join(d, 'home') }), 'xdg/cspin/cspin.db'],
    ['~/.local/share/cspin/cspin.db without CSPIN_DB and XDG_DATA_HOME', (d: string) => ({ CSPIN_DB: undefined, XDG_DATA_HOME: undefined, HOME: join(d, 'home') }), 'home/.local/share/cspin/cspin.db'],
  ])('cspin init creates the database at %s, with its key file, both mode 0600', async (_where, envOf, relative) => {
    const dir = tempDir();
    const env = envOf(dir);
    const result = await sh('cspin init', { env });
    expect(result.code, result.stderr).toBe(0);
    const db = join(dir, relative);
    expect(existsSync(db)).toBe(true);
    expect(mode(db)).toBe(0o600);
    expect(mode(`${db}.key`)).toBe(0o600);
    // Nothing was written at the other candidate locations.
    for (const other of ['here/my.db', 'xdg/cspin/cspin.db', 'home/.local/share/cspin/cspin.db'].filter((p) => p !== relative)) {
      expect(existsSync(join(dir, other)), other).toBe(false);
    }
    // The cmdlets find it at the same place.
    const users = await sh('Get-CsUser', { env });
    expect(users.code, users.stderr).toBe(0);
    expect(users.objects).toEqual([]);
  });
});

describe.concurrent('cspin init: the database file', () => {
  let path: string;
  beforeAll(async () => {
    path = join(tempDir(), 'cspin.db');
    const result = await sh('cspin init', { env: { CSPIN_DB: path } });
    expect(result.code, result.stderr).toBe(0);
  });

  it('cspin init leaves the database in WAL journal mode', () => {
    expect(inspect(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('cspin init records every migration in PRAGMA user_version', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    expect(inspect(path, (db) => db.pragma('user_version', { simple: true }))).toBe(MIGRATIONS.length);
  });

  it('cspin init writes a 32-byte hex PIN key file', () => {
    expect(readFileSync(`${path}.key`, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cspin init creates an empty directory without --sample', () => {
    expect(inspect(path, (db) => db.prepare('SELECT count(*) AS n FROM users').get())).toEqual({ n: 0 });
  });
});

describe.concurrent('cspin init: an existing database', () => {
  it('cspin init refuses an existing database without --force (exit 2, file untouched)', async () => {
    const env = sampleCopy();
    const db = env.CSPIN_DB ?? '';
    const before = { bytes: readFileSync(db), key: readFileSync(`${db}.key`), mtime: statSync(db).mtimeMs };
    const result = await sh('cspin init', { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--force');
    expect(readFileSync(db).equals(before.bytes)).toBe(true);
    expect(readFileSync(`${db}.key`).equals(before.key)).toBe(true);
    expect(statSync(db).mtimeMs).toBe(before.mtime);
    expect((await sh('Get-CsUser', { env })).objects).toHaveLength(24);
  });

  it('cspin init --force replaces an existing database and its key', async () => {
    const env = sampleCopy();
    const db = env.CSPIN_DB ?? '';
    const oldKey = readFileSync(`${db}.key`, 'utf8');
    const result = await sh('cspin init --force', { env });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(`${db}.key`, 'utf8')).not.toBe(oldKey);
    expect(mode(db)).toBe(0o600);
    expect(mode(`${db}.key`)).toBe(0o600);
    const users = await sh('Get-CsUser', { env });
    expect(users.code, users.stderr).toBe(0);
    expect(users.objects).toEqual([]);
  });
});

describe.concurrent('cspin init --sample', () => {
  let env: NodeJS.ProcessEnv;
  let path: string;
  beforeAll(() => {
    env = sample;
    path = env.CSPIN_DB ?? '';
  });

  it('cspin init --sample loads 26 users, 24 of them with a SIP address', () => {
    const counts = inspect(path, (db) => db.prepare('SELECT count(*) AS users, count(sip) AS sip FROM users').get());
    expect(counts).toEqual({ users: 26, sip: 24 });
  });

  it('cspin init --sample puts exactly Ken Myer, Pilar Ackerman, Aidan Delaney (Payroll) and Jane Clayton (no SIP) in the Finance OU', () => {
    const rows = inspect(path, (db) =>
      db.prepare("SELECT display_name AS name, dn, sip FROM users WHERE lower(dn) LIKE '%,ou=finance,dc=litwareinc,dc=com' ORDER BY display_name").all(),
    );
    expect(rows).toEqual([
      { name: 'Aidan Delaney', dn: 'CN=Aidan Delaney,OU=Payroll,OU=Finance,DC=litwareinc,DC=com', sip: 'sip:aidan@litwareinc.com' },
      { name: 'Jane Clayton', dn: 'CN=Jane Clayton,OU=Finance,DC=litwareinc,DC=com', sip: null },
      { name: 'Ken Myer', dn: 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com', sip: 'sip:kenmyer@litwareinc.com' },
      { name: 'Pilar Ackerman', dn: 'CN=Pilar Ackerman,OU=Finance,DC=litwareinc,DC=com', sip: 'sip:pilar@litwareinc.com' },
    ]);
  });

  it('cspin init --sample gives Title Manager to Ken, Aidan, Jane and David only', () => {
    const names = inspect(path, (db) =>
      db
        .prepare("SELECT u.display_name AS name FROM users u JOIN user_attrs a ON a.user_id = u.id WHERE a.name = 'title' AND a.value_key = 'manager' ORDER BY 1")
        .pluck()
        .all(),
    );
    expect(names).toEqual(['Aidan Delaney', 'David Longmuir', 'Jane Clayton', 'Ken Myer']);
  });

  it.each([
    ['litwareinc\\kenmyer', 'sip:kenmyer@litwareinc.com', true, false],
    ['litwareinc\\pilar', 'sip:pilar@litwareinc.com', true, true],
    ['litwareinc\\aidan', 'sip:aidan@litwareinc.com', false, false],
  ])('cspin init --sample gives %s (%s) IsPinSet %s, IsLockedOut %s', async (identity, sip, isSet, isLocked) => {
    const result = await sh(`Get-CsClientPinInfo -Identity '${identity}'`, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toHaveLength(1);
    expect(result.objects[0]).toMatchObject({ Identity: sip, IsPinSet: isSet, IsLockedOut: isLocked });
  });

  it('cspin init --sample stores PIN hashes as scrypt$..., never plain digits', () => {
    const rows = inspect(path, (db) => db.prepare('SELECT * FROM pins').all() as Record<string, unknown>[]);
    expect(rows.length).toBeGreaterThan(0);
    const hashes = rows.map((r) => r.hash).filter((h) => h !== null);
    expect(hashes.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    // A plaintext PIN would be a run of digits in some text value. The salt and the key of a hash are
    // base64 of random bytes, where a digit run is chance, not a PIN: only the scheme header is checked.
    // The user key is a UUID: hex digits by chance, not a PIN.
    const texts = rows.flatMap((row) =>
      Object.entries(row)
        .filter(([k]) => k !== 'key_id')
        .map(([, v]) => v)
        .filter((v): v is string => typeof v === 'string')
        .map((v) => (v.startsWith('scrypt$') ? v.split('$').slice(0, 4).join('$') : v)),
    );
    for (const text of texts) expect(text).not.toMatch(/\d{6}/);
    // Nor is a PIN kept as a number.
    const pinSized = rows.flatMap((row) => Object.entries(row)).filter(([k, v]) => k !== 'changed_at' && k !== 'key_id' && typeof v === 'number' && v >= 100000 && v <= 999999);
    expect(pinSized).toEqual([]);
  });
});

describe.concurrent('cspin and the cmdlets without a database', () => {
  it.each([
    ['Get-CsUser', 'Get-CsUser'],
    ['Get-CsClientPinInfo', 'Get-CsClientPinInfo -Identity "litwareinc\\kenmyer"'],
    ['cspin Get-CsUser', 'cspin Get-CsUser -Identity "litwareinc\\kenmyer"'],
  ])('%s with no database prints the cspin init --sample hint and exits 2 (DatabaseNotFound)', async (_name, command) => {
    const db = join(tempDir(), 'missing', 'cspin.db');
    const result = await sh(command, { env: { CSPIN_DB: db, CSPIN_ERROR_FORMAT: 'json' } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(errorIds(result.stderr)).toEqual(['DatabaseNotFound']);
    expect(result.stderr).toContain('cspin init --sample');
    expect(existsSync(db)).toBe(false);
  });

  it('cspin import with no database prints the cspin init --sample hint and exits 2', async () => {
    const dir = tempDir();
    const result = await sh('printf "DN,SipAddress\\n" > u.csv && cspin import u.csv', { env: { CSPIN_DB: join(dir, 'none.db') }, cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cspin init --sample');
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });
});

describe.concurrent('cspin, the administration command', () => {
  it('cspin --help exits 0 and names its commands', async () => {
    const result = await sh('cspin --help');
    expect(result.code).toBe(0);
    for (const command of ['init', 'import', 'commands']) expect(result.stdout + result.stderr).toContain(command);
  });

  it.each([['cspin nosuchcommand'], ['cspin'], ['cspin init --nosuchoption']])('%s is a usage error (exit 2)', async (command) => {
    const dir = tempDir();
    const result = await sh(command, { env: { CSPIN_DB: join(dir, 'cspin.db') } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(existsSync(join(dir, 'cspin.db'))).toBe(false);
  });

  it('cspin Get-CsUser -Identity runs the cmdlet', async () => {
    const result = await sh('cspin Get-CsUser -Identity "litwareinc\\kenmyer"', { env: sample });
    expect(result.code, result.stderr).toBe(0);
    expect(result.objects).toEqual([expect.objectContaining({ Identity: 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com', SipAddress: 'sip:kenmyer@litwareinc.com' })]);
  });

  it('cspin commands lists every cmdlet, one a line', async () => {
    const result = await sh('cspin commands');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining(['Get-CsUser', 'Get-CsClientPinInfo', 'Import-Csv']));
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Za-z]+-[A-Za-z]+$/);
  });
});

/**
 * LineLookup against a real SQLite file and a real worker: the lines SQLite builds are exactly
 * pinInfoJson's, found positions come back in order, and chunks it cannot answer are left to the
 * IdentityResolver.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityResolver, LineLookup, QueryWorker, UserId, UserWriter, createDatabase, type DirectoryDatabase } from '../../src/directory/index.js';
import { PIN_INFO_LINE_SQL, PIN_INFO_SHAPE, SqlitePinWrites, loadPolicyResolver, finishPinInfoLines, pinInfoJson } from '../../src/pins/index.js';

/** PIN change times whose milliseconds and dates are awkward for a text conversion. */
const CHANGED = [0, 1, 999, 1_000, 86_399_999, Date.UTC(2012, 8, 25, 13, 35, 3, 7), Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2099, 11, 31, 0, 0, 0, 500), 1_348_580_103_123, -1, -86_400_001];

let dir: string;
let file: string;
let db: DirectoryDatabase;
const sams: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cspin-lines-'));
  file = join(dir, 'cspin.db');
  db = createDatabase(file);
  const writer = new UserWriter(db);
  const pins = new SqlitePinWrites(db);
  const add = (sam: string, sip: string | null = `sip:${sam}@litwareinc.com`) => {
    sams.push(sam);
    return writer.upsert({ dn: `CN=${sam},OU=Test,DC=litwareinc,DC=com`, domain: 'litwareinc', sam, upn: `${sam}@litwareinc.com`, displayName: `User ${sam}`, sip, enabled: sip !== null, registrarPool: 'pool01.litwareinc.com', lineUri: null, evEnabled: false, pinPolicy: null, attributes: [] }).key;
  };
  CHANGED.forEach((ms, i) => pins.setHash(add(`set${i}`), 'scrypt$placeholder', ms));
  const locked = add('locked');
  pins.setHash(locked, 'scrypt$placeholder', CHANGED[5] ?? 0);
  pins.setLocked(locked, true);
  add('nopin');
  add('quote"back\\slash');
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sip = (sam: string) => new UserId(`sip:${sam}@litwareinc.com`);

describe('LineLookup', () => {
  it('PIN_INFO_LINE_SQL, finished by finishPinInfoLines, gives exactly the line pinInfoJson writes when no PIN expires, for every PIN state', () => {
    const resolver = new IdentityResolver(db, undefined, PIN_INFO_SHAPE);
    const found = resolver.resolve(sams.map(sip));
    const expected = sams.map((_, i) => {
      const row = found.get(i)?.[0];
      if (!row) throw new Error(`not found: ${sams[i]}`);
      return pinInfoJson(row, 0);
    });
    const built = db.prepare<unknown[], string>(`SELECT ${PIN_INFO_LINE_SQL} FROM users u ${PIN_INFO_SHAPE.join ?? ''} WHERE u.sip_key = ?`).pluck();
    expect(sams.map((sam) => finishPinInfoLines(built.get(`sip:${sam}@litwareinc.com`.toLowerCase()) ?? ''))).toEqual(expected);
    expect(finishPinInfoLines(expected.join('\n'))).toBe(expected.join('\n'));
    expect(expected.some((line) => line.includes('"IsLockedOut":true'))).toBe(true);
  });

  it('LineLookup answers a chunk of SIP addresses with the found positions and their lines, in chunk order', () => {
    const worker = new QueryWorker(file);
    try {
      const lookup = new LineLookup(PIN_INFO_LINE_SQL, PIN_INFO_SHAPE.join);
      const everyone = lookup.start(sams.map(sip).reverse(), worker);
      const some = lookup.start([sip('nobody'), sip('set3'), sip('nobody2'), sip('locked')], worker);
      const none = lookup.start([sip('nobody')], worker);
      const all = everyone && lookup.collect(everyone);
      expect(all?.all).toBe(true);
      expect(all?.text.split('\n').map((line) => (JSON.parse(line) as { Identity: string }).Identity)).toEqual(sams.map((sam) => `sip:${sam}@litwareinc.com`).reverse());
      const partial = some && lookup.collect(some);
      expect(partial?.all).toBe(false);
      expect(partial?.found).toEqual([1, 3]);
      expect(partial?.text.split('\n').map((line) => (JSON.parse(line) as { Identity: string }).Identity)).toEqual(['sip:set3@litwareinc.com', 'sip:locked@litwareinc.com']);
      expect(none && lookup.collect(none)).toEqual({ all: false, found: [], text: '' });
    } finally {
      worker.close();
    }
  });

  it('LineLookup answers a chunk of DNs too, and leaves other forms and mixed chunks to the IdentityResolver', () => {
    const worker = new QueryWorker(file);
    try {
      const lookup = new LineLookup(PIN_INFO_LINE_SQL, PIN_INFO_SHAPE.join);
      const dns = lookup.start([new UserId('CN=set1,OU=Test,DC=litwareinc,DC=com'), new UserId('cn=LOCKED, ou=test,dc=litwareinc,dc=com')], worker);
      expect(dns && lookup.collect(dns)?.all).toBe(true);
      for (const ids of [[new UserId('litwareinc\\set1')], [new UserId('User set1')], [new UserId('* set1')], [sip('set1'), new UserId('CN=set1,OU=Test,DC=litwareinc,DC=com')], []]) {
        expect(lookup.start(ids, worker)).toBeUndefined();
      }
    } finally {
      worker.close();
    }
  });

  it('LineLookup gives up on a chunk where one SIP address names two users, so the caller resolves it the general way', () => {
    const other = mkdtempSync(join(tmpdir(), 'cspin-lines-twice-'));
    const twice = createDatabase(join(other, 'cspin.db'));
    const worker = new QueryWorker(join(other, 'cspin.db'));
    try {
      twice.exec(`INSERT INTO users (dn, dn_key, sip, sip_key) VALUES ('CN=a', 'cn=a,', 'sip:same@x', 'sip:same@x'), ('CN=b', 'cn=b,', 'sip:same@x', 'sip:same@x')`);
      const lookup = new LineLookup(PIN_INFO_LINE_SQL, PIN_INFO_SHAPE.join);
      const pending = lookup.start([new UserId('sip:same@x')], worker);
      expect(pending && lookup.collect(pending)).toBeUndefined();
    } finally {
      worker.close();
      twice.close();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('PolicyResolver.neverExpires holds only while no policy sets a PINLifetime', () => {
    expect(loadPolicyResolver(db).neverExpires).toBe(true);
    db.exec("INSERT INTO pin_policies (identity, pin_lifetime, pin_history_count) VALUES ('tag:Short', 7, 1)");
    try {
      expect(loadPolicyResolver(db).neverExpires).toBe(false);
    } finally {
      db.exec("DELETE FROM pin_policies WHERE identity = 'tag:Short'");
    }
  });
});

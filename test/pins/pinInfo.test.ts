/** PinInfoDetails: PIN state, expiration from the effective policy (tag, then site, then Global). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdentityResolver, UserId, UserWriter, createDatabase } from '../../src/directory/index.js';
import { PIN_INFO_SHAPE, SqlitePinWrites, loadPolicyResolver, pinInfoJson } from '../../src/pins/index.js';

const DAY = 86_400_000;
const CHANGED = Date.UTC(2012, 8, 25, 13, 35, 3);

function directory() {
  const db = createDatabase(join(mkdtempSync(join(tmpdir(), 'cspin-pininfo-')), 'cspin.db'));
  const writer = new UserWriter(db);
  const add = (sam: string, pool: string | null, pinPolicy: string | null) =>
    writer.upsert({
      dn: `CN=${sam},OU=Test,DC=litwareinc,DC=com`,
      domain: 'litwareinc',
      sam,
      upn: `${sam}@litwareinc.com`,
      displayName: sam,
      sip: `sip:${sam}@litwareinc.com`,
      enabled: true,
      registrarPool: pool,
      lineUri: null,
      evEnabled: false,
      pinPolicy,
      attributes: [],
    }).key;
  const pins = new SqlitePinWrites(db);
  for (const [sam, pool, tag] of [['global', null, null], ['site', 'red-cs-001.litwareinc.com', null], ['tagged', 'red-cs-001.litwareinc.com', 'Short']] as const) {
    pins.setHash(add(sam, pool, tag), 'scrypt$placeholder', CHANGED);
  }
  const locked = add('locked', null, null);
  pins.setHash(locked, 'scrypt$placeholder', CHANGED);
  pins.setLocked(locked, true);
  add('noPin', null, null);
  db.exec(`UPDATE pin_policies SET pin_lifetime = 30, pin_history_count = 1 WHERE identity = 'Global';
    INSERT INTO pin_policies (identity, pin_lifetime, pin_history_count) VALUES ('site:Redmond', 60, 1), ('tag:Short', 7, 1);
    INSERT INTO pool_sites (pool_key, pool, site) VALUES ('red-cs-001.litwareinc.com', 'red-cs-001.litwareinc.com', 'Redmond');`);
  return db;
}

describe('pinInfoJson', () => {
  const db = directory();
  const resolver = new IdentityResolver(db, undefined, PIN_INFO_SHAPE);
  const policies = loadPolicyResolver(db);
  const info = (sam: string) => {
    const row = resolver.resolve([new UserId(`litwareinc\\${sam}`)]).get(0)?.[0];
    if (!row) throw new Error(`no ${sam}`);
    return JSON.parse(pinInfoJson(row, policies.effective(row).pin_lifetime)) as Record<string, unknown>;
  };

  it.each([
    ['global', 30],
    ['site', 60],
    ['tagged', 7],
  ])('pinInfoJson expires the PIN of %s after the lifetime of its effective policy (%i days)', (sam, days) => {
    expect(info(sam).PinExpirationTime).toBe(new Date(CHANGED + days * DAY).toISOString());
  });

  it('pinInfoJson reports a locked PIN and the last change time', () => {
    expect(info('locked')).toMatchObject({ IsPinSet: true, IsLockedOut: true, LastPinChangeTime: new Date(CHANGED).toISOString() });
  });

  it('pinInfoJson reports a user without a PIN as not set, never changed, never expiring', () => {
    expect(info('noPin')).toEqual({
      PSTypeName: 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails',
      Identity: 'sip:noPin@litwareinc.com',
      IsPinSet: false,
      IsLockedOut: false,
      LastPinChangeTime: null,
      PinExpirationTime: null,
    });
  });

  it('pinInfoJson has no expiration when the effective policy has PINLifetime 0', () => {
    db.exec("UPDATE pin_policies SET pin_lifetime = 0 WHERE identity = 'Global'");
    const fresh = loadPolicyResolver(db);
    const row = resolver.resolve([new UserId('litwareinc\\global')]).get(0)?.[0];
    expect(row && JSON.parse(pinInfoJson(row, fresh.effective(row).pin_lifetime))).toMatchObject({ PinExpirationTime: null });
  });
});

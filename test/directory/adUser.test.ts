/** The ADUser object Get-CsUser streams (built by SQLite) is exactly the documented TypeScript model. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADUSER_JSON_SQL, USER_COLUMNS, adUserOf, createDatabase, UserWriter, type UserRow } from '../../src/directory/index.js';
import { directoryUserOf } from '../../src/directory/sqlite/sqliteDirectory.js';

const base = {
  domain: 'litwareinc',
  sam: 'kenmyer',
  upn: 'kenmyer@litwareinc.com',
  displayName: 'Ken "K" Myer \\ Ünïcødé',
  sip: 'sip:kenmyer@litwareinc.com',
  enabled: true,
  registrarPool: 'atl-cs-001.litwareinc.com',
  lineUri: 'tel:+14255550101;ext=50101',
  evEnabled: true,
  pinPolicy: 'RedmondPinPolicy',
  attributes: [],
};

describe('ADUSER_JSON_SQL', () => {
  const db = createDatabase(join(mkdtempSync(join(tmpdir(), 'cspin-aduser-')), 'cspin.db'));
  const writer = new UserWriter(db);
  writer.upsert({ ...base, dn: 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com' });
  writer.upsert({ ...base, dn: 'CN=Nulls,DC=x', sam: null, upn: null, displayName: null, sip: 'sip:n@x', enabled: null, registrarPool: null, lineUri: null, evEnabled: false, pinPolicy: null });
  writer.upsert({ ...base, dn: 'CN=Off,DC=x', sam: 'off', upn: 'off@x', sip: 'sip:off@x', enabled: false });
  const rows = db.prepare(`SELECT ${USER_COLUMNS}, ${ADUSER_JSON_SQL} AS json FROM users u ORDER BY u.id`).all() as (UserRow & { json: string })[];

  // The SQL-built line (the SQLite fast path) and adUserOf (every other backend) must be one object.
  it.each(rows.map((row) => [row.dn, row] as const))('ADUSER_JSON_SQL builds the same object as adUserOf for %s', (_dn, row) => {
    const { json, ...userRow } = row;
    const generic = adUserOf(directoryUserOf(userRow), userRow.pin_policy);
    expect(JSON.parse(json)).toEqual(generic);
    expect(Object.keys(JSON.parse(json) as object)).toEqual(Object.keys(generic));
  });
});

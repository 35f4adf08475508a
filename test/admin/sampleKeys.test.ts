/** The sample's fixed user keys: `cspin init --sample` and the sample LDIF give each user the same one. */
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleUserKey, uuidV5 } from '../../src/admin/sampleKeys.js';
import { sampleLdif } from '../support/sampleLdif.js';
import { SAMPLE_LDIF, slapdMissing, startSlapd } from '../support/slapd.js';
import { ROOT, sampleDirectory, sh } from '../support/shell.js';

/** dn → entryUUID of an LDIF's entries that have one. */
function entryUuids(ldif: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const entry of ldif.split(/\n\n/)) {
    const dn = /^dn: (.*)$/m.exec(entry)?.[1];
    const uuid = /^entryUUID: (.*)$/m.exec(entry)?.[1];
    if (dn && uuid) keys[dn.toLowerCase()] = uuid;
  }
  return keys;
}

describe('sample user keys', () => {
  it('are RFC 9562 UUID v5 (the RFC\'s own example: DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('follow the DN, whatever its case and spacing', () => {
    expect(sampleUserKey('cn=ken myer, ou=finance,dc=LITWAREINC,dc=com')).toBe(sampleUserKey('CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com'));
    expect(sampleUserKey('CN=Chris Preston,OU=IT,DC=litwareinc,DC=com')).not.toBe(sampleUserKey('CN=Chris Preston,OU=Sales,DC=litwareinc,DC=com'));
  });

  it('test/fixtures/ldap/litwareinc.ldif is what scripts/sample-ldif.mjs makes of samples/litwareinc.csv', () => {
    expect(readFileSync(SAMPLE_LDIF, 'utf8')).toBe(sampleLdif(readFileSync(join(ROOT, 'samples', 'litwareinc.csv'), 'utf8')));
  });

  it('cspin init --sample stores, for every user, the entryUUID of the sample LDIF', async () => {
    const env = await sampleDirectory();
    const db = new Database(String(env.CSPIN_DB), { readonly: true });
    try {
      const rows = db.prepare<[], { dn: string; guid: string }>('SELECT dn, guid FROM users').all();
      const stored = Object.fromEntries(rows.map((r) => [r.dn.toLowerCase(), r.guid]));
      const ldif = entryUuids(readFileSync(SAMPLE_LDIF, 'utf8'));
      expect(Object.keys(ldif)).toHaveLength(26);
      expect(stored).toEqual(ldif);
      expect(new Set(Object.values(stored)).size).toBe(26);
    } finally {
      db.close();
      rmSync(dirname(String(env.CSPIN_DB)), { recursive: true, force: true });
    }
  });
});

describe.skipIf(slapdMissing() !== undefined)('the sample in slapd', () => {
  it.each(['Get-CsUser', 'Get-CsUser | Get-CsClientPinInfo'])('%s gives the same objects from slapd as from the embedded sample', async (command) => {
    const [slapd, env] = await Promise.all([startSlapd({ ldif: [SAMPLE_LDIF] }), sampleDirectory()]);
    try {
      // The PIN states of `cspin init --sample` (Ken set, Pilar locked) apply to slapd's users through their keys.
      const ldap = { ...env, CSPIN_LDAP_URL: slapd.url, CSPIN_LDAP_BASE: 'DC=litwareinc,DC=com' };
      const [embedded, fromSlapd] = await Promise.all([sh(command, { env }), sh(command, { env: ldap })]);
      expect([embedded.code, embedded.stderr, fromSlapd.code, fromSlapd.stderr]).toEqual([0, '', 0, '']);
      const sorted = (objects: Record<string, unknown>[]) => objects.map((o) => JSON.stringify(o)).sort();
      expect(embedded.objects.length).toBe(24);
      expect(sorted(fromSlapd.objects)).toEqual(sorted(embedded.objects));
    } finally {
      await slapd.stop();
      rmSync(dirname(String(env.CSPIN_DB)), { recursive: true, force: true });
    }
  });
});

/**
 * `Get-ADUser -Properties '*'` names an attribute cspin's schema does not know as the directory spells
 * it: on slapd as the server sends its type, on the embedded directory as the imported file did (the same LDIF).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LDIF, slapdMissing, startSlapd, type Slapd } from '../support/slapd.js';
import { sampleDirectory, sh } from '../support/shell.js';

const DN = 'CN=Rooms Tester,OU=Finance,DC=litwareinc,DC=com';
// roomNumber and carLicense are inetOrgPerson's (RFC 2798), not in cspin's schema table.
const LDIF = `dn: ${DN}
objectClass: top
objectClass: person
objectClass: organizationalPerson
objectClass: inetOrgPerson
objectClass: user
cn: Rooms Tester
sn: Tester
sAMAccountName: roomstester
userPrincipalName: roomstester@litwareinc.com
roomNumber: 4/1021
carLicense: WA-123
carLicense: WA-456
`;

let folder: string;
let embedded: NodeJS.ProcessEnv;
let slapd: Slapd | undefined;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cspin-spellings-'));
  embedded = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json', TZ: 'UTC' };
  writeFileSync(join(folder, 'rooms.ldif'), LDIF);
  const imported = await sh(`cspin import ${join(folder, 'rooms.ldif')}`, { env: embedded });
  if (imported.code !== 0) throw new Error(imported.stderr);
  if (slapdMissing() === undefined) slapd = await startSlapd({ ldif: [SAMPLE_LDIF, join(folder, 'rooms.ldif')] });
});
afterAll(async () => {
  await slapd?.stop();
  rmSync(folder, { recursive: true, force: true });
  rmSync(join(String(embedded.CSPIN_DB), '..'), { recursive: true, force: true });
});

const backends = [
  ['the embedded directory', () => embedded],
  ['slapd', () => ({ ...embedded, CSPIN_LDAP_URL: slapd?.url ?? '', CSPIN_LDAP_BASE: 'DC=litwareinc,DC=com' })],
] as const;

describe.each(backends)('-Properties * on %s', (name, envOf) => {
  it.skipIf(name === 'slapd' && slapdMissing() !== undefined)('keeps the spelling of attributes the schema does not know', async () => {
    const result = await sh("Get-ADUser -Identity roomstester -Properties '*'", { env: envOf() });
    expect(result.code, result.stderr).toBe(0);
    const [user] = result.objects;
    expect(user?.roomNumber).toBe('4/1021');
    expect(user?.carLicense).toEqual(['WA-123', 'WA-456']);
    expect(Object.keys(user ?? {}).filter((key) => /^(roomnumber|carlicense)$/i.test(key))).toEqual(['carLicense', 'roomNumber']);
  });
});

/**
 * The LDAP backend's figures: N users (default 100,000) in a throwaway slapd, `Get-CsUser` and
 * `Get-CsUser | Get-CsClientPinInfo` against ldapsearch reading the same entries (paged, 500 a page)
 * in the same run, alternating. Targets: Get-CsUser ≤ 1.5× ldapsearch, peak RSS ≤ 100 MiB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlapd } from '../test/support/slapd.js';

interface Measure {
  seconds: number;
  rssMiB: number[];
  lines: number;
}

export interface LdapBenchOptions {
  users: number;
  runs: number;
  env: NodeJS.ProcessEnv;
  measure(stages: string[], env: NodeJS.ProcessEnv): Measure;
}

const BASE = 'DC=bench,DC=example';
const DEPARTMENTS = ['Finance', 'Sales', 'IT', 'HR', 'Marketing', 'Research', 'Support', 'Legal'];

/** An LDIF of the users, in 40 OUs, every fifth one without a SIP address. */
function writeLdif(path: string, users: number): void {
  const parts = [`dn: ${BASE}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: bench\no: Bench\n`];
  for (let ou = 0; ou < 40; ou++) parts.push(`dn: OU=Unit${ou},${BASE}\nobjectClass: top\nobjectClass: organizationalUnit\nou: Unit${ou}\n`);
  for (let i = 0; i < users; i++) {
    const name = `user${i}`;
    const lines = [
      `dn: CN=User ${i},OU=Unit${i % 40},${BASE}`,
      'objectClass: top',
      'objectClass: person',
      'objectClass: organizationalPerson',
      'objectClass: inetOrgPerson',
      'objectClass: user',
      `cn: User ${i}`,
      `sn: ${i}`,
      `displayName: User ${i}`,
      `sAMAccountName: ${name}`,
      `userPrincipalName: ${name}@bench.example`,
      `department: ${DEPARTMENTS[i % DEPARTMENTS.length]}`,
      `title: ${i % 10 === 0 ? 'Manager' : 'Engineer'}`,
    ];
    if (i % 5 !== 4) lines.push(`msRTCSIP-PrimaryUserAddress: sip:${name}@bench.example`, 'msRTCSIP-UserEnabled: TRUE', `msRTCSIP-OptionFlags: ${i % 2 === 0 ? 128 : 0}`);
    parts.push(`${lines.join('\n')}\n`);
  }
  writeFileSync(path, parts.join('\n'));
}

/**
 * Runs the LDAP scenarios.
 * @returns the lines to print and the checks
 */
export async function benchLdap(options: LdapBenchOptions): Promise<{ lines: string[]; checks: [string, boolean][] }> {
  const work = mkdtempSync(join(tmpdir(), 'cspin-bench-ldap-'));
  const ldif = join(work, 'users.ldif');
  writeLdif(ldif, options.users);
  // Indexed as AD indexes them: unindexed, slapd scans every entry for each chunk of identities.
  const index = 'index msRTCSIP-PrimaryUserAddress,sAMAccountName,userPrincipalName,displayName eq';
  const slapd = await startSlapd({ ldif: [ldif], suffix: BASE, maxSize: 4 * 1024 ** 3, databaseConfig: [index] });
  try {
    const env: NodeJS.ProcessEnv = { ...options.env, CSPIN_DB: join(work, 'pins.db'), CSPIN_LDAP_URL: slapd.url, CSPIN_LDAP_BASE: BASE };
    const init = spawnSync('cspin', ['init'], { env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`cspin init failed: ${init.stderr}`);
    const ldapsearch = `ldapsearch -x -LLL -o ldif-wrap=no -H ${slapd.url} -b ${BASE} -s sub -z 0 -E pr=500/noprompt "(msRTCSIP-PrimaryUserAddress=*)" msRTCSIP-PrimaryUserAddress sAMAccountName userPrincipalName displayName msRTCSIP-UserEnabled msRTCSIP-Line msRTCSIP-PrimaryHomeServer msRTCSIP-OptionFlags entryUUID`;
    const lines: string[] = [`${options.users.toLocaleString('en-US')} users in slapd (${Math.round(options.users * 0.8).toLocaleString('en-US')} with a SIP address)`];
    const checks: [string, boolean][] = [];
    const scenarios = [
      { name: 'Get-CsUser (LDAP)', stages: ['get-csuser'], ratio: 1.5 },
      { name: 'Get-CsUser | Get-CsClientPinInfo (LDAP)', stages: ['get-csuser', 'get-csclientpininfo'], ratio: undefined },
    ];
    for (const scenario of scenarios) {
      const ours: Measure[] = [];
      const reference: Measure[] = [];
      for (let run = 0; run < options.runs; run++) {
        ours.push(options.measure(scenario.stages, env));
        reference.push(options.measure([ldapsearch], env));
      }
      const best = (items: Measure[]) => items.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const [mine, theirs] = [best(ours), best(reference)];
      const peak = Math.max(...ours.flatMap((m) => m.rssMiB));
      const ratio = mine.seconds / theirs.seconds;
      lines.push(`${scenario.name}`, `  cspin:      ${mine.seconds.toFixed(2)} s, ${mine.lines.toLocaleString('en-US')} records; peak RSS ${peak.toFixed(0)} MiB`);
      lines.push(`  ldapsearch: ${theirs.seconds.toFixed(2)} s (cspin/ldapsearch = ${ratio.toFixed(2)}x)`);
      if (scenario.ratio !== undefined) checks.push([`${scenario.name} ≤ ${scenario.ratio}x ldapsearch`, ratio <= scenario.ratio]);
      checks.push([`${scenario.name}: peak RSS ≤ 100 MiB per process`, peak <= 100]);
    }
    return { lines, checks };
  } finally {
    await slapd.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

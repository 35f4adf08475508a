/**
 * The contract: Get-CsUser -LdapFilter, -OU and -Identity, and Get-ADUser's -LDAPFilter and scopes (every
 * user, objectClass=person on slapd), answer as OpenLDAP's slapd does on the same
 * data (contract.ldif, loaded into slapd and into each backend). slapd's answer is the expectation;
 * users are compared by sAMAccountName. Cases where AD and slapd legitimately differ are skipped for
 * backends that answer as AD, with the reason.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bins } from '../../support/shell.js';
import { slapdMissing, startSlapd, type Slapd } from '../../support/slapd.js';
import { BACKENDS, CONTRACT_LDIF, CONTRACT_SCHEMA, CONTRACT_SUFFIX, type LoadedBackend } from './backends.js';
import { FILTERS, IDENTITIES, OUS } from './cases.js';

/** The sAMAccountNames slapd returns, sorted; [] for a base that does not exist. */
function slapdAnswer(url: string, base: string, scope: string, filter: string): string[] {
  const result = spawnSync('ldapsearch', ['-x', '-LLL', '-o', 'ldif-wrap=no', '-H', url, '-b', base, '-s', scope, '-z', '0', filter, 'sAMAccountName'], { encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 32) throw new Error(`ldapsearch ${filter} failed (${String(result.status)}): ${result.stderr}`);
  return result.stdout.split('\n').flatMap((line) => (line.startsWith('sAMAccountName: ') ? [line.slice(16).toLowerCase()] : [])).sort();
}

/** The SamAccountNames a cmdlet writes, sorted, and its exit status. stdin is closed: a pipe would be read as input. */
function cmdletAnswer(env: NodeJS.ProcessEnv, args: readonly string[], command = 'Get-CsUser'): Promise<{ names: string[]; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(bins(), command), args, { env: { ...process.env, CSPIN_FORMAT: '', ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const names = stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => String((JSON.parse(line) as { SamAccountName?: unknown }).SamAccountName).toLowerCase());
      resolve({ names: names.sort(), code: code ?? -1 });
    });
  });
}

/** Get-ADUser runs every third filter (the search differs from Get-CsUser's only in its user condition). */
const AD_FILTERS = FILTERS.filter((_, i) => i % 3 === 0);
const AD_SCOPES = OUS.flatMap((ou) => [[ou, 'OneLevel'], [ou, 'Subtree']] as const);

/** Runs the tasks a few at a time (the machine is shared). */
async function pooled<T>(tasks: readonly (() => Promise<T>)[], width = 3): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await (tasks[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

describe.skipIf(slapdMissing() !== undefined)('the contract: Get-CsUser answers as slapd', () => {
  let slapd: Slapd;
  beforeAll(async () => {
    slapd = await startSlapd({ ldif: [CONTRACT_LDIF], suffix: CONTRACT_SUFFIX, globalConfig: [`include ${CONTRACT_SCHEMA}`] });
  }, 60_000);
  afterAll(async () => slapd?.stop());

  it('asks enough: 150 filters, 20 OUs, the identity forms', () => {
    expect(FILTERS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(OUS.map((ou) => slapdAnswer(slapd.url, ou, 'base', '(objectClass=organizationalUnit)').length)).size).toBeGreaterThan(0);
    expect(OUS.length).toBeGreaterThanOrEqual(20);
    expect(IDENTITIES.length).toBeGreaterThanOrEqual(10);
  });

  for (const backend of BACKENDS) {
    describe(backend.name, () => {
      let loaded: LoadedBackend;
      const filterAnswers: { names: string[]; code: number }[] = [];
      const ouAnswers: { names: string[]; code: number }[] = [];
      const identityAnswers: { names: string[]; code: number }[] = [];
      const adFilterAnswers: { names: string[]; code: number }[] = [];
      const adScopeAnswers: { names: string[]; code: number }[] = [];
      beforeAll(async () => {
        loaded = await backend.load(slapd.url);
        const asked = FILTERS.filter((c) => !(backend.answersAsAd && c.adOnly));
        filterAnswers.push(...(await pooled(asked.map((c) => () => cmdletAnswer(loaded.env, ['-LdapFilter', c.filter])))));
        ouAnswers.push(...(await pooled(OUS.map((ou) => () => cmdletAnswer(loaded.env, ['-OU', ou])))));
        identityAnswers.push(...(await pooled(IDENTITIES.map((c) => () => cmdletAnswer(loaded.env, ['-Identity', c.identity])))));
        const adFilters = AD_FILTERS.filter((c) => !(backend.answersAsAd && c.adOnly));
        adFilterAnswers.push(...(await pooled(adFilters.map((c) => () => cmdletAnswer(loaded.env, ['-LDAPFilter', c.filter], 'Get-ADUser')))));
        const scopes = AD_SCOPES.map(([ou, scope]) => () => cmdletAnswer(loaded.env, ['-Filter', '*', '-SearchBase', ou, '-SearchScope', scope], 'Get-ADUser'));
        adScopeAnswers.push(...(await pooled(scopes)));
      }, 600_000);
      afterAll(() => loaded?.dispose());

      const asked = FILTERS.filter((c) => !(backend.answersAsAd && c.adOnly));
      it.each(asked.map((c, i) => [c.filter, i, c.slapd ?? c.filter] as const))('-LdapFilter %s', (_filter, i, asSlapd) => {
        const answer = filterAnswers[i];
        expect(answer?.code).toBe(0);
        expect(answer?.names).toEqual(slapdAnswer(slapd.url, CONTRACT_SUFFIX, 'sub', `(&(msRTCSIP-PrimaryUserAddress=*)${asSlapd})`));
      });

      it.each(OUS.map((ou, i) => [ou, i] as const))('-OU %s', (ou, i) => {
        expect(ouAnswers[i]?.names).toEqual(slapdAnswer(slapd.url, ou, 'sub', '(msRTCSIP-PrimaryUserAddress=*)'));
      });

      it.each(IDENTITIES.map((c, i) => [c.identity, i] as const))('-Identity %s', (_identity, i) => {
        const c = IDENTITIES[i];
        if (c === undefined) throw new Error('no case');
        expect(identityAnswers[i]?.names).toEqual(slapdAnswer(slapd.url, c.base, c.scope, c.filter));
      });

      const adFilters = AD_FILTERS.filter((c) => !(backend.answersAsAd && c.adOnly));
      it.each(adFilters.map((c, i) => [c.filter, i, c.slapd ?? c.filter] as const))('Get-ADUser -LDAPFilter %s', (_filter, i, asSlapd) => {
        expect(adFilterAnswers[i]?.code).toBe(0);
        expect(adFilterAnswers[i]?.names).toEqual(slapdAnswer(slapd.url, CONTRACT_SUFFIX, 'sub', `(&(objectClass=person)${asSlapd})`));
      });

      it.each(AD_SCOPES.map(([ou, scope], i) => [ou, scope, i] as const))('Get-ADUser -SearchBase %s -SearchScope %s', (ou, scope, i) => {
        expect(adScopeAnswers[i]?.names).toEqual(slapdAnswer(slapd.url, ou, scope === 'OneLevel' ? 'one' : 'sub', '(objectClass=person)'));
      });
    });
  }

  it('skips only the cases where AD and slapd differ, each with its reason', () => {
    const skipped = FILTERS.filter((c) => c.adOnly !== undefined);
    expect(skipped.every((c) => (c.adOnly ?? '').length > 10)).toBe(true);
    expect(skipped.length).toBeLessThan(FILTERS.length / 10);
  });
});

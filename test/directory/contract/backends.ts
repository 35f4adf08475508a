/**
 * The directories the contract suite asks: each loads test/fixtures/ldap/contract.ldif and answers
 * Get-CsUser through the real bins. The LDAP backend joins as a second entry (its env points the bins
 * at the slapd the suite starts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LDAP_FIXTURES } from '../../support/slapd.js';
import { sh } from '../../support/shell.js';

/** The contract directory and its schema beyond ad-lite. */
export const CONTRACT_LDIF = join(LDAP_FIXTURES, 'contract.ldif');
export const CONTRACT_SCHEMA = join(LDAP_FIXTURES, 'contract.schema');
export const CONTRACT_SUFFIX = 'DC=contoso,DC=com';

/** What a loaded backend gives the suite. */
export interface LoadedBackend {
  /** The environment that points the bins at this backend. */
  readonly env: NodeJS.ProcessEnv;
  /** Removes what load() made. */
  readonly dispose: () => void;
}

/** A backend of Get-CsUser. */
export interface Backend {
  readonly name: string;
  /** True when the backend follows AD where AD and the RFC differ (the suite skips `adOnly` cases for the others). */
  readonly answersAsAd: boolean;
  /** @param slapdUrl the URL of the suite's slapd, for a backend that reads it */
  readonly load: (slapdUrl: string) => Promise<LoadedBackend>;
}

const embedded: Backend = {
  name: 'embedded SQLite directory',
  answersAsAd: true,
  load: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cspin-contract-'));
    const env = { CSPIN_DB: join(dir, 'cspin.db') };
    const init = await sh('cspin init', { env });
    const imported = await sh(`cspin import '${CONTRACT_LDIF}'`, { env });
    if (init.code !== 0 || imported.code !== 0) throw new Error(`load failed: ${init.stderr}${imported.stderr}`);
    if (!/ 0 rejected/.test(imported.stderr)) throw new Error(`import rejected rows: ${imported.stderr}`);
    return { env, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  },
};

/** The LDAP server backend, reading the suite's slapd; its PIN store is a fresh, empty cspin database. */
const ldapServer: Backend = {
  name: 'LDAP server backend (slapd)',
  answersAsAd: false,
  load: async (slapdUrl) => {
    const dir = mkdtempSync(join(tmpdir(), 'cspin-contract-'));
    const env = { CSPIN_DB: join(dir, 'cspin.db'), CSPIN_LDAP_URL: slapdUrl, CSPIN_LDAP_BASE: CONTRACT_SUFFIX };
    const init = await sh('cspin init', { env });
    if (init.code !== 0) throw new Error(`load failed: ${init.stderr}`);
    return { env, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  },
};

/** Every backend the contract runs against. */
export const BACKENDS: readonly Backend[] = [embedded, ldapServer];

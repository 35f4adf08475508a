/**
 * `cspin import --prune [--scope] [--what-if]` end to end on the sample directory: the users an export
 * does not contain are removed with their PIN state, only within the scope; --what-if says what would
 * change and changes nothing; rejected rows and unknown scopes prune nothing.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, sampleDirectory, sh } from '../support/shell.js';

const SAMPLE = readFileSync(join(process.cwd(), 'samples/litwareinc.csv'), 'utf8').trimEnd().split('\n');
const HEADER = SAMPLE[0] ?? '';
const FINANCE = 'OU=Finance,DC=litwareinc,DC=com';

/** The sample's CSV rows of these users (by the start of their DN), under the header. */
const exportOf = (...names: string[]) => `${[HEADER, ...names.map((name) => SAMPLE.find((line) => line.startsWith(`"CN=${name},`)) ?? `missing ${name}`)].join('\n')}\n`;

async function sampleWith(file: string): Promise<{ env: NodeJS.ProcessEnv; dir: string }> {
  const env: NodeJS.ProcessEnv = { ...(await sampleDirectory()), CSPIN_ERROR_FORMAT: 'json' };
  const dir = dirname(env.CSPIN_DB ?? '');
  writeFileSync(join(dir, 'export.csv'), file);
  return { env, dir };
}

function state(env: NodeJS.ProcessEnv) {
  const db = new Database(env.CSPIN_DB ?? '', { readonly: true });
  try {
    return {
      users: db.prepare('SELECT sam FROM users ORDER BY sam').pluck().all() as string[],
      pins: db.prepare('SELECT u.sam FROM pins p JOIN users u ON u.id = p.key_id ORDER BY 1').pluck().all() as string[],
      orphans: db.prepare('SELECT count(*) FROM pins WHERE key_id NOT IN (SELECT id FROM users)').pluck().get(),
      keys: db.prepare('SELECT count(*) FROM user_keys').pluck().get(),
      attrs: db.prepare('SELECT count(*) FROM user_attrs WHERE user_id NOT IN (SELECT id FROM users)').pluck().get(),
    };
  } finally {
    db.close();
  }
}

const lines = (stderr: string) => stderr.trimEnd().split('\n');

describe('cspin import --prune', () => {
  it('removes the users missing from the containers the export covers, with their PIN state, and no one else', async () => {
    const { env, dir } = await sampleWith(exportOf('Ken Myer', 'Jane Clayton', 'Aidan Delaney'));
    const before = state(env);
    expect(before.pins).toContain('pilar');
    const result = await sh('cspin import export.csv --prune', { env, cwd: dir });
    expect(result.code).toBe(0);
    expect(lines(result.stderr)).toEqual(['cspin: 0 added, 3 updated, 1 removed, 0 rejected']);
    const after = state(env);
    expect(after.users).toEqual(before.users.filter((sam) => sam !== 'pilar'));
    expect(after.pins).toEqual(before.pins.filter((sam) => sam !== 'pilar'));
    expect(after).toMatchObject({ orphans: 0, attrs: 0, keys: (before.keys as number) - 1 });
  });

  it('leaves a sub-OU none of whose users the export holds (one level per container by default)', async () => {
    const { env, dir } = await sampleWith(exportOf('Ken Myer', 'Pilar Ackerman', 'Jane Clayton'));
    const result = await sh('cspin import export.csv --prune', { env, cwd: dir });
    expect(lines(result.stderr)).toEqual(['cspin: 0 added, 3 updated, 0 removed, 0 rejected']);
    expect(state(env).users).toContain('aidan');
  });

  it('--scope prunes the whole subtree of a container', async () => {
    const { env, dir } = await sampleWith(exportOf('Ken Myer', 'Jane Clayton'));
    const result = await sh(`cspin import export.csv --prune --scope "${FINANCE}"`, { env, cwd: dir });
    expect(lines(result.stderr)).toEqual(['cspin: 0 added, 2 updated, 2 removed, 0 rejected']);
    const users = state(env).users;
    expect(users).not.toContain('pilar');
    expect(users).not.toContain('aidan');
    expect(users).toHaveLength(24);
  });

  it('an export with no users prunes nothing', async () => {
    const { env, dir } = await sampleWith(`${HEADER}\n`);
    const result = await sh('cspin import export.csv --prune', { env, cwd: dir });
    expect(lines(result.stderr)).toEqual(['cspin: 0 added, 0 updated, 0 removed, 0 rejected']);
    expect(state(env).users).toHaveLength(26);
  });

  it('--what-if says each add, update and removal in order, then the counts, and changes nothing', async () => {
    const newcomer = 'CN=New Person,OU=Finance,DC=litwareinc,DC=com';
    const { env, dir } = await sampleWith(`${exportOf('Ken Myer', 'Jane Clayton')}"${newcomer}",newperson,newperson@litwareinc.com,New Person,,True,,,False,,,,,,\n`);
    const before = state(env);
    const bytes = readFileSync(env.CSPIN_DB ?? '');
    const result = await sh(`cspin import export.csv --prune --scope "${FINANCE}" --what-if`, { env, cwd: dir });
    expect(result.code).toBe(0);
    const what = (action: string, dn: string) => `What if: Performing the operation "${action}" on target "${dn}".`;
    expect(lines(result.stderr)).toEqual([
      what('Update user', `CN=Ken Myer,${FINANCE}`),
      what('Update user', `CN=Jane Clayton,${FINANCE}`),
      what('Add user', newcomer),
      what('Remove user', `CN=Pilar Ackerman,${FINANCE}`),
      what('Remove user', `CN=Aidan Delaney,OU=Payroll,${FINANCE}`),
      'cspin: What if: 1 added, 2 updated, 2 removed, 0 rejected (nothing was changed)',
    ]);
    expect(state(env)).toEqual(before);
    expect(readFileSync(env.CSPIN_DB ?? '').equals(bytes)).toBe(true);
  });

  it('prunes nothing when a row was rejected (PruneSkipped, exit 1); the good rows still go in', async () => {
    const { env, dir } = await sampleWith(`${exportOf('Ken Myer')}"not a dn",x,,,,,,,,,,,,,\n`);
    const result = await sh('cspin import export.csv --prune', { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['InvalidImportRow', 'PruneSkipped']);
    expect(result.stderr).toContain('cspin: 0 added, 1 updated, 1 rejected\n');
    expect(state(env).users).toHaveLength(26);
  });

  it('a --scope not in the directory prunes nothing (OrganizationalUnitNotFound, exit 1)', async () => {
    const { env, dir } = await sampleWith(exportOf('Ken Myer'));
    const result = await sh('cspin import export.csv --prune --scope "OU=Nope,DC=litwareinc,DC=com"', { env, cwd: dir });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['OrganizationalUnitNotFound']);
    expect(state(env).users).toHaveLength(26);
  });

  it.each([
    ['--scope without --prune', `--scope "${FINANCE}"`],
    ['a --scope that is not a DN', '--prune --scope Finance'],
  ])('%s is a usage error before anything is read (exit 2)', async (_name, options) => {
    const { env, dir } = await sampleWith(exportOf('Ken Myer'));
    const before = state(env);
    const result = await sh(`cspin import export.csv ${options}`, { env, cwd: dir });
    expect(result.code).toBe(2);
    expect(errorsOf(result).map((e) => e.errorId)).toEqual(['InvalidCommandLine']);
    expect(state(env)).toEqual(before);
  });
});

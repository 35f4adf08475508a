/** `cspin site`: editing the registrar pool → site table end to end. */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOf } from '../support/sampleCopy.js';
import { sampleDirectory, sh } from '../support/shell.js';

let template: string;
beforeAll(async () => {
  template = (await sampleDirectory()).CSPIN_DB ?? '';
});

const fresh = () => copyOf(template);

describe.concurrent('cspin site', () => {
  it('cspin site list is empty on the sample directory', async () => {
    const result = await sh('cspin site list', { env: fresh() });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('cspin site set maps pools quietly; list prints "pool<TAB>site" lines by pool; set again replaces the site', async () => {
    const env = fresh();
    const set = await sh('cspin site set red-cs-001.litwareinc.com Redmond && cspin site set atl-cs-001.litwareinc.com site:Atlanta', { env });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout + set.stderr).toBe('');
    expect((await sh('cspin site list', { env })).stdout).toBe('atl-cs-001.litwareinc.com\tAtlanta\nred-cs-001.litwareinc.com\tRedmond\n');
    await sh('cspin site set RED-CS-001.litwareinc.com Bellevue', { env });
    expect((await sh('cspin site list', { env })).stdout).toBe('atl-cs-001.litwareinc.com\tAtlanta\nRED-CS-001.litwareinc.com\tBellevue\n');
  });

  it('cspin site remove takes a pool out (case-insensitively); a pool in no site is an error (exit 1)', async () => {
    const env = fresh();
    await sh('cspin site set red-cs-001.litwareinc.com Redmond', { env });
    const removed = await sh('cspin site remove Red-CS-001.litwareinc.com', { env });
    expect(removed.code, removed.stderr).toBe(0);
    expect((await sh('cspin site list', { env })).stdout).toBe('');
    const again = await sh('cspin site remove red-cs-001.litwareinc.com', { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('cspin: The pool red-cs-001.litwareinc.com is in no site.\n');
  });

  it('cspin site set warns about a pool no user is homed on, and still maps it', async () => {
    const env = fresh();
    const result = await sh('cspin site set new-pool.litwareinc.com Paris', { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('cspin: warning: no user has the registrar pool new-pool.litwareinc.com (yet)\n');
    expect((await sh('cspin site list', { env })).stdout).toBe('new-pool.litwareinc.com\tParis\n');
  });

  it.each([
    ['an empty site', "cspin site set red-cs-001.litwareinc.com ''"],
    ['a site with a wildcard', "cspin site set red-cs-001.litwareinc.com 'Red*'"],
    ['an empty pool', "cspin site set '' Redmond"],
    ['a missing site', 'cspin site set red-cs-001.litwareinc.com'],
    ['an unknown subcommand', 'cspin site rename a b'],
    ['no subcommand', 'cspin site'],
  ])('cspin site refuses %s with exit 2 and changes nothing', async (_case, command) => {
    const env = fresh();
    const result = await sh(command, { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cspin: /);
    expect((await sh('cspin site list', { env })).stdout).toBe('');
  });

  it('cspin site without a database says how to create one (exit 2)', async () => {
    const result = await sh('cspin site list', { env: { CSPIN_DB: '/nonexistent/cspin/none.db' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cspin init');
  });
});

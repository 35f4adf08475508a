/**
 * `cspin site`: the registrar pool → site table that site PIN policies hang on. A user's site is the
 * site of their RegistrarPool; Lync reads it from the topology, cspin from this table.
 */
import type { Argv, CommandModule } from 'yargs';
import { TerminatingError, echo, type CmdletIO } from '../core/index.js';
import { databasePath, openDatabase, type DatabaseMode } from '../directory/index.js';
import { PoolSites, parseSiteName } from '../pins/index.js';
import { adminMessages } from './messages.js';

/** Thrown for a missing pool: exit status 1, the message on stderr. */
function notMapped(pool: string): TerminatingError {
  return new TerminatingError({ errorId: 'PoolNotMapped', category: 'ObjectNotFound', message: adminMessages.PoolNotMapped(pool), target: pool });
}

/**
 * The `cspin site` command and its subcommands (set, remove, list).
 * @param io the process streams and environment
 * @param say writes a `cspin: ` line on stderr
 * @returns the yargs command module
 */
export function siteCommand(io: CmdletIO, say: (line: string) => void): CommandModule {
  const withDb = <T>(work: (sites: PoolSites) => T, mode: DatabaseMode = 'write'): T => {
    const db = openDatabase(databasePath(io.env), mode);
    try {
      return work(new PoolSites(db));
    } finally {
      db.close();
    }
  };
  return {
    command: 'site <command>',
    describe: 'Map registrar pools to sites (a user\'s site PIN policy is the one of their pool\'s site)',
    builder: (y: Argv) =>
      y
        .command(
          'set <pool> <site>',
          'Put a registrar pool (FQDN) in a site (Redmond or site:Redmond), replacing its previous site',
          (c) => c.positional('pool', { type: 'string', demandOption: true }).positional('site', { type: 'string', demandOption: true }),
          (args) => {
            const parsed = parseSiteName(args.site);
            if ('problem' in parsed) throw new TerminatingError({ errorId: 'InvalidSiteName', category: 'InvalidArgument', message: parsed.problem }, 2);
            const pool = args.pool.trim();
            if (pool === '') throw new TerminatingError({ errorId: 'InvalidPoolName', category: 'InvalidArgument', message: adminMessages.InvalidPoolName }, 2);
            withDb((sites) => {
              sites.set(pool, parsed.site);
              if (!sites.hasUsers(pool)) say(`warning: no user has the registrar pool ${echo(pool)} (yet)`);
            });
          },
        )
        .command(
          'remove <pool>',
          'Take a registrar pool out of its site (its users fall back to the global policy, or their per-user one)',
          (c) => c.positional('pool', { type: 'string', demandOption: true }),
          (args) => {
            if (!withDb((sites) => sites.remove(args.pool.trim()))) throw notMapped(args.pool);
          },
        )
        .command('list', 'List the pools and their sites, one "pool<TAB>site" line each', {}, () => {
          const rows = withDb((sites) => sites.list(), 'read');
          io.stdout.write(rows.map((r) => `${r.pool}\t${r.site}\n`).join(''));
        })
        .demandCommand(1, 'Name a site command: set, remove or list.'),
    handler: () => undefined,
  };
}

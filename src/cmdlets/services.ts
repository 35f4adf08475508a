/**
 * The services a cmdlet works with, opened once per command by the engine: the directory (users)
 * and the PIN store. A cmdlet declares what it needs; begin opens it, clean closes it (also after
 * head closed the pipe, a signal or an error). Cmdlets never open a database themselves.
 */
import { defineCmdlet, type BoundParameters, type CmdletContext, type CmdletDecl, type ParameterDecls } from '../core/index.js';
import { explainDirectoryConfig, openUserDirectory, readDirectoryConfig, type DirectoryConfig, type UserDirectory } from '../directory/index.js';
import { SqlitePinStore, type PinStore } from '../pins/index.js';

/** What a cmdlet needs: the directory, and the PIN store for reading or writing. */
export interface ServiceNeeds {
  readonly directory?: true;
  readonly pins?: 'read' | 'write';
}

/** The open services. */
export interface Services {
  readonly directory: UserDirectory;
  readonly pins: PinStore;
}

/** The services a declaration asked for. */
export type ServicesOf<N extends ServiceNeeds> = (N['directory'] extends true ? Pick<Services, 'directory'> : unknown) &
  (N['pins'] extends 'read' | 'write' ? Pick<Services, 'pins'> : unknown);

/**
 * Which directory a command uses: -DomainController, then CSPIN_LDAP_*, then `cspin directory set`.
 * @param env the environment
 * @param params the command's parameters (Get-CsUser's -DomainController names a server)
 * @returns the directory configuration
 */
export function directoryConfigFor(env: NodeJS.ProcessEnv, params: Readonly<Record<string, unknown>>): DirectoryConfig {
  const domainController = params.DomainController;
  return readDirectoryConfig(env, { domainController: typeof domainController === 'string' ? domainController : undefined });
}

/**
 * Opens what a command needs; on failure closes what it had opened.
 * @param needs the declaration's needs
 * @param context the command's context (environment, warnings)
 * @param params the command's parameters
 * @returns the services
 */
export async function openServices<N extends ServiceNeeds>(needs: N, context: CmdletContext, params: Readonly<Record<string, unknown>>): Promise<ServicesOf<N>> {
  const { env } = context;
  const opened: Partial<{ -readonly [K in keyof Services]: Services[K] }> = {};
  try {
    if (needs.pins) opened.pins = SqlitePinStore.open(env, needs.pins);
    if (needs.directory) {
      const warn = (text: string): void => context.writeWarning(text);
      const config = directoryConfigFor(env, params);
      if (config.kind === 'ldap') context.writeVerbose(`directory: ${explainDirectoryConfig(config)}`);
      opened.directory = await openUserDirectory(config, { env, warn });
    }
    return opened as ServicesOf<N>;
  } catch (error) {
    closeServices(opened);
    throw error;
  }
}

/**
 * Closes the services; safe to call twice, and with some missing.
 * @param services what is open
 */
export function closeServices(services: Partial<Services> | undefined): void {
  try {
    services?.directory?.close();
  } finally {
    services?.pins?.close();
  }
}

/** A cmdlet that works on services: its state carries them as `services`. */
export interface ServiceCmdletDecl<P extends ParameterDecls, N extends ServiceNeeds, S> extends Omit<CmdletDecl<P, S & { services: ServicesOf<N> }>, 'begin' | 'clean'> {
  readonly services: N;
  /** Before anything is opened: checks that need no service (usage errors come first, as before). */
  check?(params: BoundParameters<P>, context: CmdletContext): void;
  /** After the services are open: checks parameters and prepares what the command needs. */
  begin?(params: BoundParameters<P>, context: CmdletContext, services: ServicesOf<N>): S | Promise<S>;
  /** Before the services close. */
  clean?(state: S & { services: ServicesOf<N> }): void;
}

/**
 * Declares a cmdlet whose begin opens its services and whose clean closes them.
 * @param decl the declaration
 * @returns the engine's declaration
 */
export function defineServiceCmdlet<const P extends ParameterDecls, const N extends ServiceNeeds, S extends object>(
  decl: ServiceCmdletDecl<P, N, S>,
): CmdletDecl<P, S & { services: ServicesOf<N> }> {
  const { services: needs, check, begin, clean, ...rest } = decl;
  return defineCmdlet<P, S & { services: ServicesOf<N> }>({
    ...rest,
    async begin(params, context) {
      check?.(params, context);
      const services = await openServices(needs, context, params as Readonly<Record<string, unknown>>);
      try {
        const state = begin ? await begin(params, context, services) : ({} as S);
        return Object.assign(state, { services });
      } catch (error) {
        closeServices(services as Partial<Services>);
        throw error;
      }
    },
    clean(state) {
      try {
        clean?.(state);
      } finally {
        closeServices(state.services as Partial<Services>);
      }
    },
  });
}

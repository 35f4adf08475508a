/** cspin's own error ids (see src/core/errorIds.ts). */
export interface AdminErrorIds {
  ConfirmationRequired: 'a change that needs --yes when there is no terminal';
  InvalidCommandLine: 'a cspin command line that does not parse';
  InvalidPoolName: 'a pool name that is not a host name';
  PoolNotMapped: 'a pool with no site';
  PruneSkipped: 'cspin import --prune that removed nothing because rows were rejected';
  RotationDeclined: 'the key rotation was declined';
}

/** An id of this area. */
export type AdminErrorId = keyof AdminErrorIds;

declare module '../core/errorIds.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the registry is the union of the areas' lists
  interface ErrorIds extends AdminErrorIds {}
}

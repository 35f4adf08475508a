/** cspin's own error ids (see src/core/errorIds.ts). */
declare module '../core/errorIds.js' {
  interface ErrorIds {
    ConfirmationRequired: 'a change that needs --yes when there is no terminal';
    InvalidCommandLine: 'a cspin command line that does not parse';
    InvalidPoolName: 'a pool name that is not a host name';
    InvalidSiteName: 'a site name cspin cannot take';
    PoolNotMapped: 'a pool with no site';
    RotationDeclined: 'the key rotation was declined';
  }
}
export {};

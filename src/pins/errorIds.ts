/** The PIN store's error ids (see src/core/errorIds.ts). */
export interface PinErrorIds {
  InvalidPolicyInstance: 'an -Instance object that is not a PIN policy';
  InvalidSiteName: 'a site name cspin cannot take';
  KeyFileNotRegular: 'the PIN key file is not a plain file';
  KeyFilePermissions: 'the PIN key file can be read by others';
  PinChangedDuringLogon: 'the PIN changed while a logon was checked';
  PinKeyInvalid: 'the PIN key file does not hold a key';
  PinKeyMismatch: 'the PIN key is not the key of this database';
  PinKeyMissing: 'no PIN key';
  PinLifetimeRequiresHistory: 'a PIN lifetime without a PIN history';
  PinPolicyViolation: 'a PIN the policy refuses';
}

/** An id of this area. */
export type PinErrorId = keyof PinErrorIds;

declare module '../core/errorIds.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the registry is the union of the areas' lists
  interface ErrorIds extends PinErrorIds {}
}

/** The PIN store's error ids (see src/core/errorIds.ts). */
declare module '../core/errorIds.js' {
  interface ErrorIds {
    InvalidPolicyInstance: 'an -Instance object that is not a PIN policy';
    KeyFileNotRegular: 'the PIN key file is not a plain file';
    KeyFilePermissions: 'the PIN key file can be read by others';
    PinChangedDuringLogon: 'the PIN changed while a logon was checked';
    PinKeyInvalid: 'the PIN key file does not hold a key';
    PinKeyMismatch: 'the PIN key is not the key of this database';
    PinKeyMissing: 'no PIN key';
  }
}
export {};

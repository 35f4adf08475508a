/** Objects of the litwareinc sample directory as the cmdlets write them, written out by hand from samples/. */

/** Ken Myer as Get-CsUser writes him. */
export const KEN_MYER_USER = {
  PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser',
  Identity: 'CN=Ken Myer,OU=Finance,DC=litwareinc,DC=com',
  SipAddress: 'sip:kenmyer@litwareinc.com',
  UserPrincipalName: 'kenmyer@litwareinc.com',
  SamAccountName: 'kenmyer',
  DisplayName: 'Ken Myer',
  Enabled: true,
  RegistrarPool: 'atl-cs-001.litwareinc.com',
  LineUri: 'tel:+14255550101;ext=50101',
  EnterpriseVoiceEnabled: true,
  PinPolicy: null,
};

/** The global PIN policy with its documented defaults, as Get-CsPinPolicy writes it. */
export const DEFAULT_GLOBAL_POLICY = {
  PSTypeName: 'Microsoft.Rtc.Management.WritableConfig.Policy.UserPin.UserPinPolicy',
  Identity: 'Global',
  Description: null,
  MinPasswordLength: 5,
  PINHistoryCount: 0,
  AllowCommonPatterns: false,
  PINLifetime: 0,
  MaximumLogonAttempts: null,
};

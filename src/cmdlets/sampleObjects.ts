/**
 * The litwareinc sample directory (samples/litwareinc.csv and samples/litwareinc-pins.csv, which
 * `cspin init --sample` loads) written out by hand as the cmdlets write it: the exact expectations of
 * the documented examples. Copied from the CSV files and the documented semantics, never computed by
 * the code the examples test.
 */

/**
 * The clock the example test runs every example with (CSPIN_NOW): when a PIN set by an example
 * changed. The examples also run with TZ=UTC, so text output shows the sample's dates in UTC.
 */
export const EXAMPLE_NOW = '2026-02-01T10:00:00.000Z';

/** The users that have a SIP address (Jane Clayton and Jeff Hay have none), in the CSV's order. */
const USERS = [
  // logon, DN without ",DC=litwareinc,DC=com", Enabled, registrar pool, LineUri, EnterpriseVoiceEnabled
  ['kenmyer', 'CN=Ken Myer,OU=Finance', true, 'atl', 'tel:+14255550101;ext=50101', true],
  ['pilar', 'CN=Pilar Ackerman,OU=Finance', true, 'atl', null, false],
  ['aidan', 'CN=Aidan Delaney,OU=Payroll,OU=Finance', true, 'atl', null, false],
  ['davidl', 'CN=David Longmuir,OU=Sales', true, 'red', 'tel:+14255550201', true],
  ['ellens', 'CN=Ellen Smith,OU=IT', true, 'atl', 'tel:+14255550301', true],
  ['jsmith', 'CN=Jonathan Smith,OU=Sales', true, 'red', null, false],
  ['chrisp', 'CN=Chris Preston,OU=Sales', true, 'red', null, false],
  ['cpreston', 'CN=Chris Preston,OU=IT', true, 'atl', null, false],
  ['tonip', 'CN=Toni Poe,OU=Sales', false, 'red', null, false],
  ['wendyr', 'CN=Wendy Richardson,OU=Sales', true, 'red', 'tel:+14255550205', true],
  ['bobk', 'CN=Bob Kelly,OU=IT', true, 'atl', 'tel:+14255550303', true],
  ['kima', 'CN=Kim Akers,OU=IT', true, 'atl', null, false],
  ['lolaj', 'CN=Lola Jacobsen,OU=HR', true, 'atl', null, false],
  ['markh', 'CN=Mark Hassall,OU=HR', true, 'atl', 'tel:+14255550402', true],
  ['nuriag', 'CN=Nuria Gonzalez,OU=HR', true, 'atl', null, false],
  ['rayc', 'CN=Ray Chow,OU=Marketing', true, 'red', null, false],
  ['sanjays', 'CN=Sanjay Shah,OU=Marketing', true, 'red', 'tel:+14255550502', true],
  ['tyc', 'CN=Ty Loren Carlson,OU=Marketing', true, 'red', null, false],
  ['yanli', 'CN=Yan Li,OU=Labs,OU=Research', true, 'atl', null, false],
  ['zrinkam', 'CN=Zrinka Makovac,OU=Labs,OU=Research', true, 'atl', null, false],
  ['gregw', 'CN=Gregory Weber,OU=Research', true, 'atl', 'tel:+14255550603', true],
  ['hollyh', 'CN=Holly Holt,CN=Users', true, 'atl', null, false],
  ['confroom1', 'CN=Conference Room 1,CN=Users', true, 'atl', 'tel:+14255550799', true],
  ['amys', 'CN=Amy Strande,OU=Legal', true, 'red', null, false],
] as const;

/** A sample user's logon (SamAccountName). */
export type Logon = (typeof USERS)[number][0];

/** Every sample user with a SIP address, in directory order (the order Get-CsUser writes them in). */
export const ALL_USERS: readonly Logon[] = USERS.map((row) => row[0]);

/** samples/litwareinc-pins.csv: the users that have a PIN, whether it is locked, and when it changed. */
const PINS: Partial<Record<Logon, readonly ['Set' | 'Locked', string]>> = {
  kenmyer: ['Set', '2012-09-25T13:35:03.000Z'],
  pilar: ['Locked', '2012-08-14T09:12:40.000Z'],
  davidl: ['Set', '2013-01-07T16:45:00.000Z'],
  ellens: ['Set', '2014-03-02T08:00:11.000Z'],
  chrisp: ['Set', '2014-05-19T10:30:00.000Z'],
  wendyr: ['Locked', '2013-11-28T17:05:55.000Z'],
  bobk: ['Set', '2015-02-11T12:00:00.000Z'],
  lolaj: ['Set', '2015-06-30T14:20:00.000Z'],
  markh: ['Set', '2012-12-12T12:12:12.000Z'],
  rayc: ['Set', '2016-01-04T09:00:00.000Z'],
  yanli: ['Locked', '2015-09-09T09:09:09.000Z'],
  gregw: ['Set', '2016-04-18T11:45:30.000Z'],
  hollyh: ['Set', '2014-10-01T07:30:00.000Z'],
  amys: ['Set', '2016-07-22T15:10:00.000Z'],
};

/** The sample users without a PIN, in directory order. */
export const NO_PIN: readonly Logon[] = ['aidan', 'jsmith', 'cpreston', 'tonip', 'kima', 'nuriag', 'sanjays', 'tyc', 'zrinkam', 'confroom1'];

/** The sample users whose city (l) is Redmond, in directory order; the others are in Seattle. */
export const REDMOND: readonly Logon[] = ['kenmyer', 'pilar', 'aidan', 'ellens', 'cpreston', 'bobk', 'kima', 'lolaj', 'markh', 'nuriag', 'yanli', 'zrinkam', 'gregw', 'hollyh', 'confroom1'];

/** A user's SIP address. */
export const sip = (logon: Logon): string => `sip:${logon}@litwareinc.com`;

function row(logon: Logon): (typeof USERS)[number] {
  const found = USERS.find((r) => r[0] === logon);
  if (!found) throw new Error(`${logon} is not a sample user`);
  return found;
}

/**
 * A sample user as Get-CsUser writes it.
 * @param logon the user
 * @param changes properties an example changed (PinPolicy)
 * @returns the ADUser object
 */
export function adUser(logon: Logon, changes: { PinPolicy?: string | null } = {}): Record<string, unknown> {
  const [, dn, enabled, pool, lineUri, voice] = row(logon);
  return {
    PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser',
    Identity: `${dn},DC=litwareinc,DC=com`,
    SipAddress: sip(logon),
    UserPrincipalName: `${logon}@litwareinc.com`,
    SamAccountName: logon,
    DisplayName: /^CN=([^,]+)/.exec(dn)?.[1],
    Enabled: enabled,
    RegistrarPool: `${pool}-cs-001.litwareinc.com`,
    LineUri: lineUri,
    EnterpriseVoiceEnabled: voice,
    PinPolicy: null,
    ...changes,
  };
}

/** The PinInfoDetails properties an example may change. */
interface PinInfoChanges {
  IsPinSet?: boolean;
  IsLockedOut?: boolean;
  LastPinChangeTime?: string | null;
  PinExpirationTime?: string | null;
}

/**
 * A sample user's PIN state as Get-CsClientPinInfo writes it.
 * @param logon the user
 * @param changes what an example changed
 * @returns the PinInfoDetails object
 */
export function pinInfo(logon: Logon, changes: PinInfoChanges = {}): Record<string, unknown> {
  const [state, changed] = PINS[logon] ?? [];
  return {
    PSTypeName: 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails',
    Identity: sip(logon),
    IsPinSet: state !== undefined,
    IsLockedOut: state === 'Locked',
    LastPinChangeTime: changed ?? null,
    PinExpirationTime: null,
    ...changes,
  };
}

/** The PIN policy properties an example may set. */
interface PolicyChanges {
  Description?: string | null;
  MinPasswordLength?: number;
  PINHistoryCount?: number;
  AllowCommonPatterns?: boolean;
  PINLifetime?: number;
  MaximumLogonAttempts?: number | null;
}

/**
 * A PIN policy as Get-CsPinPolicy writes it: the documented defaults, with an example's changes.
 * @param identity Global, site:X or tag:X
 * @param changes the properties set
 * @returns the UserPinPolicy object
 */
export function pinPolicy(identity: string, changes: PolicyChanges = {}): Record<string, unknown> {
  return {
    PSTypeName: 'Microsoft.Rtc.Management.WritableConfig.Policy.UserPin.UserPinPolicy',
    Identity: identity,
    Description: null,
    MinPasswordLength: 5,
    PINHistoryCount: 0,
    AllowCommonPatterns: false,
    PINLifetime: 0,
    MaximumLogonAttempts: null,
    ...changes,
  };
}

/**
 * What Set-CsClientPin writes for a user.
 * @param logon the user
 * @param pin the PIN given, or `<any>` for a generated one
 * @returns the ClientPinReset object
 */
export const pinReset = (logon: Logon, pin: string): Record<string, unknown> => ({ PSTypeName: 'cspin.ClientPinReset', Identity: sip(logon), PIN: pin, PinReset: true });

/**
 * What Test-CsClientPin writes for a user.
 * @param logon the user
 * @param result Success, WrongPin, TemporarilyLockedOut, LockedOut, Expired or NotSet
 * @returns the PinLogonResult object
 */
export const logonResult = (logon: Logon, result: string): Record<string, unknown> => ({ PSTypeName: 'Cspin.PinLogonResult', Identity: sip(logon), Result: result });

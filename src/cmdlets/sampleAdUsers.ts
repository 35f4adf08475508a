/**
 * The sample directory's users as Get-ADUser writes them, written out by hand from
 * samples/litwareinc.csv (the examples' exact expectations, never computed by the code they test).
 * ObjectGUID is the key `cspin init --sample` gives each user (test/fixtures/ldap/litwareinc.ldif has
 * the same as entryUUID); the sample knows no SIDs.
 */

/** logon → DN without ",DC=litwareinc,DC=com", Enabled, GivenName, Surname, ObjectGUID. */
const ACCOUNTS = {
  kenmyer: ['CN=Ken Myer,OU=Finance', true, 'Ken', 'Myer', '4d883718-cfe9-5023-a3e5-8796301a76fd'],
  pilar: ['CN=Pilar Ackerman,OU=Finance', true, 'Pilar', 'Ackerman', 'e9982514-c53f-5309-98b3-aa7c1eb5463a'],
  aidan: ['CN=Aidan Delaney,OU=Payroll,OU=Finance', true, 'Aidan', 'Delaney', '55d76c48-f3e9-5705-89c6-3598069ed80c'],
  janec: ['CN=Jane Clayton,OU=Finance', null, 'Jane', 'Clayton', '1623ab97-9679-5735-a740-f8554e52aa0e'],
  wendyr: ['CN=Wendy Richardson,OU=Sales', true, 'Wendy', 'Richardson', '4f8b773f-7a5d-51aa-9200-3ff75ad2e5c7'],
  yanli: ['CN=Yan Li,OU=Labs,OU=Research', true, 'Yan', 'Li', '90af365f-dcf1-57ce-8893-c8c9c42f1816'],
} as const;

/** A sample user of {@link ACCOUNTS}. */
export type AdLogon = keyof typeof ACCOUNTS;

/**
 * A sample user as Get-ADUser writes it: the default properties and those given, in the module's
 * case-insensitive alphabetical order.
 * @param logon the user
 * @param extra properties asked for with -Properties, with their values
 * @returns the ADUser object
 */
export function adAccount(logon: AdLogon, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const [dn, enabled, given, surname, guid] = ACCOUNTS[logon];
  const properties: Record<string, unknown> = {
    DistinguishedName: `${dn},DC=litwareinc,DC=com`,
    Enabled: enabled,
    GivenName: given,
    Name: /^CN=([^,]+)/.exec(dn)?.[1],
    ObjectClass: 'user',
    ObjectGUID: guid,
    SamAccountName: logon,
    SID: null,
    Surname: surname,
    UserPrincipalName: `${logon}@litwareinc.com`,
    ...extra,
  };
  const sorted = Object.keys(properties).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  return { PSTypeName: 'Microsoft.ActiveDirectory.Management.ADUser', ...Object.fromEntries(sorted.map((k) => [k, properties[k]])) };
}

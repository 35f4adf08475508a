/**
 * The contract's questions: LDAP filters, OUs and identities, each asked of slapd (the expectation)
 * and of every backend. `adOnly` marks where AD (and so the embedded directory) legitimately differs
 * from slapd; those are skipped for the comparison, with the reason.
 */

/** A filter and, when slapd's answer is not AD's, why. */
export interface FilterCase {
  readonly filter: string;
  readonly adOnly?: string;
  /** What slapd is asked instead (Get-ADUser's property names are cspin's: slapd knows the LDAP names). */
  readonly slapd?: string;
}

const NO_ORDERING = "AD orders every string attribute; slapd's core schema gives this one no ORDERING rule (Undefined)";
const APPROX = '~= is equality in AD; slapd applies its own approximate rule';
const BIT_RULE = "AD's bit rules; slapd does not know the rule";
const CATEGORY = 'AD expands objectCategory=person; slapd compares the DN';
const DN_RULE = 'AD ignores :dn:; slapd also matches the attributes of the DN';
const DN_ATTR = "AD's distinguishedName is the entry's DN; slapd holds no such attribute here";

const BOSS0 = 'CN=Myer\\5c2C Ken 000,OU=Sales\\5c2C EMEA,DC=contoso,DC=com';
const BOSS5 = 'CN=Lo\\5c, Bj\\c3\\b6rn 005,OU=Munchen,DC=contoso,DC=com';

const plain = (filters: readonly string[]): FilterCase[] => filters.map((filter) => ({ filter }));
const adOnly = (reason: string, filters: readonly string[]): FilterCase[] => filters.map((filter) => ({ filter, adOnly: reason }));

/** The filters (at least 150). */
export const FILTERS: readonly FilterCase[] = [
  ...plain([
    '(title=Manager)', '(TITLE=manager)', '(title=Manager, Sales)', '(title=Manager\\2c Sales)', '(title=Man*)', '(title=*ger)',
    '(title=*a*e*)', '(title=Ing\\c3\\a9nieur)', '(title=INGÉNIEUR)', '(title=ingenieur)', '(title=*)', '(!(title=*))',
    '(title=Senior*Engineer)', '(title=*Lead)', '(title=Team Lead)', '(title=Director)', '(!(title=Director))',
    '(department=R&D)', '(department=r&d)', '(department=Sales)', '(department=*s*)', '(!(department=*))',
    '(company=Contoso)', '(company=Contoso*)', '(company=Ünited)', '(company=ünited)', '(company=united)', '(company>=F)', '(company<=Contoso Ltd)',
    '(l=München)', '(l=MÜNCHEN)', '(l=Munchen)', '(l=M\\c3\\bcnchen)', '(l=Zürich)', '(l=São Paulo)', '(l=東京)', '(l=*ü*)', '(l=S*)',
    '(l=Oslo)', '(!(l=Oslo))', '(l=*)', '(!(l=*))',
    '(cn=*\\2c*)', '(cn=Myer\\2c*)', '(cn=*005)', '(cn=Zoë*)', '(cn=zoë*)', '(sn=Müller)', '(sn=MÜLLER)', '(sn=Øster)', '(givenName=José)',
    '(givenName=Jos*)', '(displayName=Ken*)', '(displayName=* Lo *)', '(mail=u00*)', '(mail=*@contoso.com)', '(mail=U010@CONTOSO.COM)',
    '(sAMAccountName=u001)', '(sAMAccountName=U00*)', '(sAMAccountName>=u300)', '(sAMAccountName<=u010)', '(userPrincipalName=u002@contoso.com)',
    '(userPrincipalName=*@CONTOSO.COM)', '(msRTCSIP-PrimaryUserAddress=sip:u004@contoso.com)', '(msRTCSIP-PrimaryUserAddress=sip:u00*)',
    '(msRTCSIP-PrimaryUserAddress>=sip:u2)',
    '(description=\\28parens\\29*)', '(description=*\\5c*)', '(description=star\\2a*)', '(description=*\\2a*)', '(description=ünïcode)',
    '(description=plain text)', '(description=*)',
    '(proxyAddresses=smtp:u003@contoso.com)', '(proxyAddresses=smtp:*@fabrikam.com)', '(proxyAddresses=*fabrikam*)', '(proxyAddresses>=smtp:z)',
    '(&(proxyAddresses=SMTP:*)(proxyAddresses=*fabrikam*))',
    // Strings order as strings, whatever the value looks like.
    '(extensionAttribute1>=5)', '(extensionAttribute1<=5)', '(extensionAttribute1>=10)', '(extensionAttribute1<=100)', '(extensionAttribute1=42)',
    '(extensionAttribute1=abc)', '(extensionAttribute1>=a)', '(extensionAttribute1<=Z)', '(extensionAttribute1=*)', '(!(extensionAttribute1>=5))',
    '(employeeID>=1000)', '(employeeID<=500)', '(employeeID=1*)', '(employeeID>=9)',
    // Integers order as numbers; a value that is no integer is Undefined.
    '(userAccountControl=512)', '(userAccountControl=0512)', '(userAccountControl>=66048)', '(userAccountControl<=514)', '(userAccountControl>=600)',
    '(userAccountControl=abc)', '(!(userAccountControl=abc))', '(userAccountControl>=x)', '(!(userAccountControl<=x))', '(userAccountControl=5*)',
    '(!(userAccountControl=5*))', '(msRTCSIP-OptionFlags=256)', '(msRTCSIP-OptionFlags>=128)', '(msRTCSIP-OptionFlags<=16)', '(!(msRTCSIP-OptionFlags=0))',
    // Booleans: TRUE and FALSE, equality only.
    '(msRTCSIP-UserEnabled=TRUE)', '(msRTCSIP-UserEnabled=FALSE)', '(!(msRTCSIP-UserEnabled=TRUE))', '(msRTCSIP-UserEnabled=*)', '(!(msRTCSIP-UserEnabled=*))',
    '(msRTCSIP-UserEnabled=yes)', '(!(msRTCSIP-UserEnabled=yes))', '(!(msRTCSIP-UserEnabled>=TRUE))', '(msExchHideFromAddressLists=TRUE)',
    '(!(msExchHideFromAddressLists=FALSE))',
    // Generalized time, in any zone and precision.
    '(whenCreated>=20200101000000.0Z)', '(whenCreated<=20180101000000Z)', '(whenCreated>=2020010100Z)', '(whenCreated>=20200101010000+0100)',
    '(whenCreated>=2020)', '(!(whenCreated>=2020))', '(whenCreated=*)', '(&(whenCreated>=20190101000000Z)(whenCreated<=20191231235959Z))',
    // DN-valued: RFC 4514 equality; no substrings.
    `(manager=${BOSS0})`, '(manager=cn=myer\\5c, ken 000 , ou=sales\\5c, emea,dc=contoso,dc=com)', `(manager=${BOSS5})`,
    '(manager=CN=Lo\\5c2C Bj\\c3\\b6rn 005,OU=Munchen,DC=contoso,DC=com)', '(manager=*)', '(!(manager=*))', '(manager=CN=Nobody,DC=contoso,DC=com)',
    '(manager=*Myer*)', '(!(manager=*Myer*))', '(manager=not a dn)', '(!(manager=not a dn))',
    // Undefined (RFC 4511) through !, & and |.
    '(noSuchAttr=x)', '(!(noSuchAttr=x))', '(|(noSuchAttr=x)(title=Manager))', '(!(|(noSuchAttr=x)(title=Manager)))', '(&(noSuchAttr=x)(title=Manager))',
    '(!(&(noSuchAttr=x)(title=Manager)))', '(|(noSuchAttr=x)(!(noSuchAttr=x)))', '(!(!(noSuchAttr=x)))', '(&(!(noSuchAttr=x))(l=Oslo))',
    // Extensible match without a rule, attribute OIDs.
    '(title:=Manager)', '(l:=Oslo)', '(2.5.4.12=Manager)', '(2.5.4.7=Oslo)', '(2.5.4.3=Myer*)',
    // Sets.
    '(&(title=Manager)(l=Redmond))', '(|(title=Manager)(title=Director)(title=Analyst))', '(&(department=Sales)(!(l=Oslo)))',
    '(|(&(title=Manager)(l=Redmond))(&(title=Director)(l=Oslo)))', '(&(objectClass=user)(title=Analyst))', '(objectClass=inetOrgPerson)',
    '(&)', '(|)', '(!(&))', '(!(|))', '(|(sAMAccountName=u001)(sAMAccountName=u002)(sAMAccountName=u003)(sAMAccountName=u400))',
    '(&(msRTCSIP-UserEnabled=TRUE)(|(l=München)(l=Zürich))(!(title=Manager)))',
  ]),
  ...adOnly(NO_ORDERING, ['(title>=M)', '(l<=Oslo)', '(sn>=M)', '(cn<=B)', '(!(title>=M))']),
  ...adOnly(APPROX, ['(title~=Manager)', '(l~=oslo)']),
  ...adOnly(BIT_RULE, ['(userAccountControl:1.2.840.113556.1.4.803:=2)', '(userAccountControl:1.2.840.113556.1.4.804:=514)']),
  ...adOnly(CATEGORY, ['(objectCategory=person)', '(&(objectCategory=person)(objectClass=user)(title=Manager))']),
  ...adOnly(DN_RULE, ['(ou:dn:=Finance)']),
  ...adOnly(DN_ATTR, ['(distinguishedName=CN=Myer\\5c2C Ken 000,OU=Sales\\5c, EMEA,DC=contoso,DC=com)']),
  // Get-ADUser's names for LDAP attributes name the same attribute (an LDAP server is sent the LDAP name).
  ...[
    ['(City=München)', '(l=München)'], ['(city=*ü*)', '(l=*ü*)'], ['(!(City=Oslo))', '(!(l=Oslo))'], ['(Surname=Müller)', '(sn=Müller)'],
    ['(EmailAddress=u00*)', '(mail=u00*)'], ['(Created>=20200101000000.0Z)', '(whenCreated>=20200101000000.0Z)'],
  ].map(([filter, slapd]) => ({ filter: filter ?? '', slapd })),
];

/** The OUs asked with -OU (at least 20), in several spellings each. */
export const OUS: readonly string[] = [
  'OU=Sales\\2C EMEA,DC=contoso,DC=com', 'OU=Sales\\, EMEA,DC=contoso,DC=com', 'ou=sales\\2c emea, dc=contoso, dc=com', 'OU=Sales EMEA,DC=contoso,DC=com',
  'OU=Sales\\, EMEA West,DC=contoso,DC=com', 'OU=Sales\\2CEMEA,DC=contoso,DC=com', 'OU=Nord,OU=Sales\\, EMEA,DC=contoso,DC=com',
  'OU=M\\C3\\BCnchen,DC=contoso,DC=com', 'OU=München,DC=contoso,DC=com', 'OU=MÜNCHEN,DC=contoso,DC=com', 'OU=Munchen,DC=contoso,DC=com',
  'OU=Zürich,DC=contoso,DC=com', 'OU=R&D,DC=contoso,DC=com', 'OU=Labs,OU=R&D,DC=contoso,DC=com', 'OU=R\\+D,DC=contoso,DC=com', 'OU=R\\2BD,DC=contoso,DC=com',
  'OU=Finance,DC=contoso,DC=com', 'OU=finance,DC=contoso,DC=com', 'OU=Finance2,DC=contoso,DC=com', 'OU=Finance-Old,DC=contoso,DC=com',
  'OU=São Paulo,DC=contoso,DC=com', 'OU=東京,DC=contoso,DC=com', 'OU=\\#Hash,DC=contoso,DC=com', 'OU=\\23Hash,DC=contoso,DC=com',
  'OU=Support\\;Tier1,DC=contoso,DC=com', 'OU=Quote\\"Team,DC=contoso,DC=com', 'OU=Ops\\3CEU\\3E,DC=contoso,DC=com',
  'OU=Legal=Compliance,DC=contoso,DC=com', 'OU=Back\\5Cslash,DC=contoso,DC=com', 'OU=HR,DC=contoso,DC=com', 'OU=IT,DC=contoso,DC=com',
  '2.5.4.11=IT,0.9.2342.19200300.100.1.25=contoso,DC=com', 'DC=contoso,DC=com',
];

/** An identity, and the slapd search that finds the same user. */
export interface IdentityCase {
  readonly identity: string;
  readonly base: string;
  readonly scope: 'base' | 'sub';
  readonly filter: string;
}

const dn = (identity: string, base = identity): IdentityCase => ({ identity, base, scope: 'base', filter: '(msRTCSIP-PrimaryUserAddress=*)' });
const by = (identity: string, filter: string): IdentityCase => ({ identity, base: 'DC=contoso,DC=com', scope: 'sub', filter: `(&(msRTCSIP-PrimaryUserAddress=*)${filter})` });

/** The identity forms. */
export const IDENTITIES: readonly IdentityCase[] = [
  dn('CN=Myer\\2C Ken 000,OU=Sales\\2C EMEA,DC=contoso,DC=com'),
  dn('CN=Myer\\, Ken 000,OU=Sales\\, EMEA,DC=contoso,DC=com'),
  dn('cn=myer\\2c ken 000 , ou = sales\\, emea,dc=contoso,dc=com'),
  dn('CN=Lo\\2C Björn 005,OU=Munchen,DC=contoso,DC=com'),
  dn('CN=Lo\\, Bj\\C3\\B6rn 005,OU=Munchen,DC=contoso,DC=com'),
  by('sip:u004@contoso.com', '(msRTCSIP-PrimaryUserAddress=sip:u004@contoso.com)'),
  by('SIP:U004@CONTOSO.COM', '(msRTCSIP-PrimaryUserAddress=sip:u004@contoso.com)'),
  by('u006@contoso.com', '(userPrincipalName=u006@contoso.com)'),
  by('CONTOSO\\u007', '(sAMAccountName=u007)'),
  by('Ken Myer 014', '(displayName=Ken Myer 014)'),
  by('Zoë*', '(displayName=Zoë*)'),
];

/** The directory's error ids (see src/core/errorIds.ts). */
export interface DirectoryErrorIds {
  ADIdentityNotFound: 'no user with that Get-ADUser identity';
  AmbiguousIdentity: 'an identity that matches several users';
  DatabaseExists: 'cspin init over an existing database';
  DatabaseNeedsUpgrade: 'a database older than this cspin, opened read-only';
  DatabaseNotFound: 'no database at CSPIN_DB';
  DatabaseTooNew: 'a database written by a newer cspin';
  FilterTooComplex: 'an LDAP filter past what one statement can hold';
  FilterTooDeep: 'a filter nested past the limit';
  ImportRowNotObject: 'an import line that is not an object';
  InvalidImportRow: 'an import row that is not a usable user';
  InvalidLdapFilter: 'an LDAP filter that does not parse';
  InvalidAdFilter: "a -Filter in the ActiveDirectory module's language that does not parse";
  InvalidBase64: 'an LDIF value that is not valid base64';
  InvalidLdifRecord: 'an LDIF record that does not parse';
  ManagementObjectNotFound: 'no user with that identity';
  OrganizationalUnitNotFound: 'no user under that OU';
  UnknownImportFormat: 'an import file of unknown format';
  UnsupportedLdifRecord: 'an LDIF change record';
  UserConflict: 'an imported user that clashes with another';
  // Choosing the directory: CSPIN_LDAP_*, cspin directory, -DomainController (src/directory/config/).
  InvalidDirectoryUrl: 'a directory URL that is not ldap:// or ldaps://host[:port]';
  InvalidDomainController: 'a -DomainController that is not host[:port]';
  InvalidDirectorySetting: 'a CSPIN_LDAP_* value or cspin directory option that is not valid';
  InvalidAttributeMapping: 'a CSPIN_LDAP_ATTRIBUTES mapping that does not parse';
  InvalidStoredDirectory: 'a stored directory choice that cannot be read';
  PasswordFileNotFound: 'no bind password file at that path';
  PasswordFileNotAFile: 'a bind password file that is not a regular file';
  PasswordFileNotPrivate: 'a bind password file that group or others may read or write';
  PasswordFileEmpty: 'an empty bind password file';
  PasswordFileNotReadable: 'a bind password file cspin may not read';
  CaFileNotUsable: 'a CA file that is missing, unreadable or not PEM';
  LdapServerUnavailable: 'no LDAP server answered within the connect timeout';
  LdapCertificateRefused: "an LDAP server's certificate that does not verify";
  LdapStartTlsFailed: 'an LDAP server that refused StartTLS';
  LdapInvalidCredentials: 'an LDAP bind refused for its credentials';
  LdapNoBase: 'no search base given and none published by the server';
  LdapConnectionLost: 'the LDAP connection closed during a search';
  LdapLimitExceeded: "an LDAP search cut by the server's size or time limit";
  LdapReferral: 'an LDAP search answered with a referral';
  LdapOperationFailed: 'an LDAP operation the server refused';
  DirectorySearchInterrupted: 'a directory search that failed after some users were written';
  LdapServerTimeout: 'an LDAP server that stopped answering an operation within the timeout';
}

/** An id of this area. */
export type DirectoryErrorId = keyof DirectoryErrorIds;

declare module '../core/errorIds.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the registry is the union of the areas' lists
  interface ErrorIds extends DirectoryErrorIds {}
}

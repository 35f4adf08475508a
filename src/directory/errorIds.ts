/** The directory's error ids (see src/core/errorIds.ts). */
export interface DirectoryErrorIds {
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
  InvalidBase64: 'an LDIF value that is not valid base64';
  InvalidLdifRecord: 'an LDIF record that does not parse';
  ManagementObjectNotFound: 'no user with that identity';
  OrganizationalUnitNotFound: 'no user under that OU';
  UnknownImportFormat: 'an import file of unknown format';
  UnsupportedLdifRecord: 'an LDIF change record';
  UserConflict: 'an imported user that clashes with another';
  LdapDirectoryNotAvailable: 'an LDAP directory configured where none can be used';
  DirectorySearchInterrupted: 'a directory search that failed after some users were written';
}

/** An id of this area. */
export type DirectoryErrorId = keyof DirectoryErrorIds;

declare module '../core/errorIds.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the registry is the union of the areas' lists
  interface ErrorIds extends DirectoryErrorIds {}
}

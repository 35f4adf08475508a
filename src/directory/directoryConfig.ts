/**
 * Which directory a command uses, as read from -DomainController, the CSPIN_LDAP_* variables and the
 * choice stored by `cspin directory set` (in that order of precedence). Shared by the reader of the
 * configuration, the engine that opens the directory, and the LDAP backend.
 */

/** AD's attribute names for what cspin reads; a directory that stores them under other names maps them. */
export interface LdapAttributeNames {
  readonly sip: string;
  readonly sam: string;
  readonly upn: string;
  readonly displayName: string;
  readonly enabled: string;
  readonly lineUri: string;
  readonly homeServer: string;
  readonly optionFlags: string;
}

/** An LDAP server to read users from. Credentials are never here: only where the password file is. */
export interface LdapDirectoryConfig {
  readonly kind: 'ldap';
  /** ldap:// or ldaps://, host and port (no path, no credentials). */
  readonly url: string;
  /** The search base; absent: the server's default naming context. */
  readonly base?: string;
  readonly bindDn?: string;
  /** A file holding the bind password (refused when group or others may read it). */
  readonly passwordFile?: string;
  /** PEM file of the CA(s) that sign the server's certificate. */
  readonly caFile?: string;
  /** Upgrade ldap:// with StartTLS. */
  readonly startTls: boolean;
  /** Accept a certificate that does not verify (the user said so explicitly). */
  readonly allowUntrustedCertificate: boolean;
  /** The NetBIOS domain name; absent: AD's partitions container, else the base's first DC label. */
  readonly netbiosName?: string;
  readonly attributes: LdapAttributeNames;
  /** Connect (and bind) timeout in milliseconds. */
  readonly connectTimeoutMs: number;
  /** Entries per page of a paged search (RFC 2696). */
  readonly pageSize: number;
}

/** The embedded directory: users imported into cspin's own SQLite database (CSPIN_DB). */
export interface EmbeddedDirectoryConfig {
  readonly kind: 'embedded';
}

export type DirectoryConfig = EmbeddedDirectoryConfig | LdapDirectoryConfig;

/** AD's names, the default mapping. */
export const AD_ATTRIBUTE_NAMES: LdapAttributeNames = {
  sip: 'msRTCSIP-PrimaryUserAddress',
  sam: 'sAMAccountName',
  upn: 'userPrincipalName',
  displayName: 'displayName',
  enabled: 'msRTCSIP-UserEnabled',
  lineUri: 'msRTCSIP-Line',
  homeServer: 'msRTCSIP-PrimaryHomeServer',
  optionFlags: 'msRTCSIP-OptionFlags',
};

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_PAGE_SIZE = 500;

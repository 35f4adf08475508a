/**
 * The directory's message table, keyed by its error ids (and by the engine's, where the directory
 * words a system condition its own way), with Lync's wording where it is known; and the builders of
 * the user errors every cmdlet reports. An identity is shown through {@link shownIdentity}: escaped
 * and cut, and never with digits that could be a PIN.
 */
import { TerminatingError, echo, errorRecord, redact, DIGITS_HIDDEN, type CoreErrorId, type ErrorRecord, type MessageTable } from '../core/index.js';
import type { DirectoryErrorId } from './errorIds.js';
import { adFilterMessages } from './messages/adFilter.js';

/** How many candidates an ambiguity error names; the rest are counted. */
const CANDIDATES_SHOWN = 3;

const cannotBeDatabase = (path: string) => `${echo(path)} cannot be a database: a part of the path before it is a file, not a directory.`;
/** A reason inside an LDIF record, naming its line when that is not the record's first. */
const ldifAt = (reason: string, line: number | undefined) => (line === undefined ? reason : `${reason} (line ${line})`);

export const directoryMessages = {
  ...adFilterMessages,
  ADIdentityNotFound: (quoted: string, under: string) => `Cannot find an object with identity: ${quoted} under: "${echo(under)}".`,
  ManagementObjectNotFound: (quoted: string) => `Management object not found for identity ${quoted}.`,
  AmbiguousIdentity: (quoted: string, count: number, shown: readonly string[]) =>
    `Identity ${quoted} matches ${count} users, so nothing was changed: ${shown.join(', ')}. Use the SIP address, user principal name or distinguished name, or a * wildcard to act on all of them.`,
  OrganizationalUnitNotFound: (ou: string) =>
    `Management object not found for identity "${echo(ou)}": no organizational unit or container has that distinguished name.`,
  // The database file.
  DatabaseNotFound: (path: string) => `There is no cspin database at ${echo(path)}. Create one with: cspin init --sample (or set CSPIN_DB to its path).`,
  DatabaseTooNew: (path: string, version: number, known: number) =>
    `The database ${echo(path)} was written by a newer cspin (schema ${version}; this one knows ${known}): use that cspin.`,
  DatabaseNeedsUpgrade: (path: string, why: string) =>
    `The database ${echo(path)} has an older schema that this cspin must upgrade, and it cannot be written${why ? ` (${why})` : ''}. Run any cspin command once where it can be written.`,
  DatabaseExists: (path: string) => `A cspin database already exists at ${echo(path)}. Use --force to replace it.`,
  DatabaseCorrupt: (path: string, size: number, claimed: number) =>
    `The database ${echo(path)} is damaged: it is ${size} bytes long where its header says ${claimed} (truncated?). Restore it from a backup.`,
  CannotOpenDatabase: (path: string) =>
    `Cannot read the database ${echo(path)}: its -wal file holds changes not yet checkpointed, and its folder is read-only, so SQLite cannot make the -shm file it needs to read them. Run any cspin command once where the folder can be written.`,
  IsADirectory: (path: string) => `${echo(path)} is a directory, not a cspin database file (CSPIN_DB names the file itself).`,
  NotADirectory: cannotBeDatabase,
  NotACspinDatabase: {
    message: (path: string, why: string, advice: string) => `${echo(path)} is not a cspin database: ${why}. cspin leaves it as it is. ${advice}`,
    advice: "Set CSPIN_DB to cspin's database, or create one with cspin init.",
    notRegular: 'it is not a regular file',
    empty: 'the file is empty (only cspin init creates a database)',
    notSqlite: 'it is not an SQLite database',
    applicationId: (applicationId: number) => `it is another application's SQLite database (application_id 0x${applicationId.toString(16).padStart(8, '0')})`,
    otherApplication: "it is another application's SQLite database",
    noTables: "it is an SQLite database without cspin's tables",
    noSchema: 'it has no cspin schema',
  },
  // LDAP filters (-LdapFilter).
  InvalidLdapFilter: {
    at: (position: number, reason: string) => `Invalid LDAP filter at position ${position}: ${reason}`,
    whole: (reason: string) => `Invalid LDAP filter: ${reason}`,
    found: (expected: string, found: string) => `${expected}, found ${found}`,
    endOfInput: 'end of input',
    character: (ch: string) => `'${echo(ch)}'`,
    expectedFilter: 'expected a filter',
    expectedEnd: 'expected end of filter',
    expectedNext: (bare: boolean) => `expected '(' or ${bare ? 'end of filter' : "')'"}`,
    expectedAfterNot: "expected '(' after '!'",
    expectedOperator: "expected '=', '~=', '>=', '<=' or ':' after the attribute name",
    ruleWithoutAttribute: 'unsupported matching rule: an attribute name is required before it',
    expectedAttribute: 'expected an attribute name',
    attributeOptions: (options: string) => `attribute options are not supported ('${echo(options)}')`,
    ruleWithoutOid: 'unsupported matching rule: a matching rule OID is required',
    unsupportedRule: (rule: string, and: string, or: string) =>
      `unsupported matching rule '${echo(rule)}'; only ${and} (bitwise AND) and ${or} (bitwise OR) are supported`,
    expectedRuleEnd: "expected ':=' after the matching rule",
    expectedInteger: 'expected an integer for the bitwise matching rule',
    unexpectedStar: "unexpected '*' in the value; escape a literal '*' as \\2a",
    notUtf8: 'expected escaped bytes that form UTF-8',
    invalidEscape: (escape: string) => `invalid escape '${echo(escape)}': expected two hex digits after '\\'`,
    unexpectedParenthesis: "unexpected '(' in the value; escape it as \\28",
    expected: (ch: string) => `expected '${ch}'`,
  },
  FilterTooDeep: (max: number) => `the filter is nested more than ${max} levels deep`,
  FilterTooComplex: {
    message: (why: string) => `the filter is too complex: ${why}`,
    tests: (tests: number, max: number) =>
      `it makes ${tests} separate tests, and a query takes at most ${max} (equalities on one attribute, ` +
      'ranges and substrings on one attribute, and conjunctions of equalities on the same attributes count as one)',
    pattern: (maxBytes: number) => `a substring pattern is longer than SQLite matches (${maxBytes} bytes)`,
  },
  // cspin import: the reasons a row is refused (the importer names the file and line).
  UnknownImportFormat: {
    unknown: (format: string, formats: readonly string[]) => `unknown format "${echo(format)}": use ${formats.join(', ')}`,
    stdin: 'cannot tell the format of standard input: use --format',
    extension: (path: string, known: string) => `cannot tell the format of ${echo(path)}: name it ${known}, or use --format`,
  },
  ImportRowNotObject: (kind: string) => `expected a JSON object, got ${kind}`,
  InvalidImportRow: {
    containerWithoutDn: 'a container row without a DN',
    manyValues: (name: string, count: number) => `${echo(name)} has ${count} values; it takes one`,
    disagrees: (name: string, text: string, given: string) =>
      `${echo(name)} "${echo(text)}" disagrees with the value given under another name ("${echo(given)}")`,
    noDn: 'no DistinguishedName (or DN) value',
    notDn: (dn: string) => `"${echo(dn)}" is not a distinguished name`,
    notSip: (sip: string | undefined) => `"${echo(sip)}" is not a SIP address (sip:user@domain)`,
    notUpn: (upn: string) => `"${echo(upn)}" is not a user principal name (user@domain)`,
    notSam: (sam: string) => `"${echo(sam)}" is not a valid SamAccountName`,
    notBoolean: (name: string, text: string | undefined) => `${name} value "${echo(text)}" is not True or False`,
    notInteger: (name: string, text: string | undefined) => `${name} value "${echo(text)}" is not an integer`,
    notTelUri: (uri: string | undefined) => `LineUri "${echo(uri)}" is not a tel: URI`,
  },
  UserConflict: (dn: string) => `the SIP address or UPN is already used by "${echo(dn)}"`,
  InvalidLdifRecord: {
    at: ldifAt,
    record: (dn: string, reasons: readonly string[]) => `${echo(dn)}: ${reasons.join('; ')}`,
    continuation: 'a continuation line with no line before it',
    version: (version: string) => `unsupported LDIF version ${echo(version)}`,
    tooLong: (max: number) => `the record is longer than ${max} characters`,
    noAttribute: 'expected "attribute: value": the line has no attribute name and colon',
    noDnFirst: 'the record does not start with a dn: line',
    secondDn: 'a second dn: line (is a blank line missing?)',
    dnNotUtf8: 'the dn is not UTF-8 text',
    noDn: 'the record has no dn: line',
  },
  UnsupportedLdifRecord: {
    changeRecord: 'only content records or changetype: add are supported',
    url: (name: string) => `${echo(name)}:< (a value read from a URL) is not supported`,
    options: (name: string) => `attribute options are not supported (${echo(name)})`,
  },
  InvalidBase64: (name: string) => `the value of ${echo(name)} is not valid base64`,
  InvalidUtf8: (name: string) => `the base64 value of ${echo(name)} is not UTF-8 text (and ${echo(name)} is not a binary attribute)`,
  // Choosing the directory (src/directory/config/). A URL or -DomainController is never echoed: it may hold a password.
  InvalidDirectoryUrl: {
    message: (source: string, why: string) => `${source} is not a directory URL cspin can use: ${why}.`,
    scheme: (scheme: string) => `its scheme is ${echo(scheme, 20)}; use ldap:// or ldaps://`,
    noUrl: 'write it as ldap://host[:port] or ldaps://host[:port]',
    credentials: 'it holds a user name or password (give --bind-dn and --password-file, or CSPIN_LDAP_BIND_DN and CSPIN_LDAP_PASSWORD_FILE)',
    path: 'it has a path, query or fragment (the search base goes in --base or CSPIN_LDAP_BASE)',
    port: 'its port is not a number from 1 to 65535',
  },
  InvalidDomainController: '-DomainController takes a host name or address with an optional port: dc1.litwareinc.com or dc1.litwareinc.com:3890.',
  InvalidDirectorySetting: {
    message: (source: string, why: string) => `${source}: ${why}.`,
    number: (value: string, min: number, max: number) => `"${echo(value, 20)}" is not a number from ${min} to ${max}`,
    flag: (value: string) => `"${echo(value, 20)}" is not 1 or 0`,
    notDn: 'the value is not a distinguished name (such as DC=litwareinc,DC=com)',
    netbios: 'a NetBIOS domain name is 1 to 15 letters, digits, - or _',
    startTlsOverLdaps: 'StartTLS upgrades an ldap:// connection, and an ldaps:// one is TLS already',
    bindPair: 'a bind DN needs a password file, and a password file a bind DN',
    stored: (path: string) => `the stored directory choice ${echo(path)}`,
    variables: 'the CSPIN_LDAP_* variables',
  },
  InvalidAttributeMapping: {
    message: (why: string, names: string) => `CSPIN_LDAP_ATTRIBUTES: ${why}. Write name=attribute pairs separated by commas, such as sip=mail,enabled=x-enabled (names: ${names}).`,
    pair: (entry: string) => `"${echo(entry, 40)}" is not name=attribute`,
    unknown: (name: string) => `"${echo(name, 40)}" is not a name cspin maps`,
    twice: (name: string) => `${echo(name, 40)} is mapped twice`,
    attribute: (attribute: string) => `"${echo(attribute, 40)}" is not an LDAP attribute name or OID`,
  },
  InvalidStoredDirectory: {
    message: (path: string, why: string) =>
      `The stored directory choice ${echo(path)} cannot be used (${why}). Store it again with cspin directory set <url>, or go back to the embedded directory with cspin directory embedded.`,
    notJson: 'it is not JSON',
    notObject: 'it is not a JSON object',
    field: (field: string) => `${field} has the wrong type`,
    noUrl: 'it has no url',
    writable: 'group or others may write it; chmod 600 it if it is yours',
  },
  PasswordFileNotFound: (path: string) => `The password file ${echo(path)} does not exist.`,
  PasswordFileNotAFile: (path: string) => `The password file ${echo(path)} is not a regular file.`,
  PasswordFileNotPrivate: (path: string, mode: string) =>
    `The password file ${echo(path)} may be read or written by group or others (mode ${mode}): make it private with chmod 600.`,
  PasswordFileEmpty: (path: string) => `The password file ${echo(path)} is empty.`,
  PasswordFileNotReadable: (path: string) => `The password file ${echo(path)} cannot be read (permission denied).`,
  CaFileNotUsable: {
    message: (path: string, why: string) => `The CA file ${echo(path)} cannot be used: ${why}.`,
    missing: 'there is no such file',
    notFile: 'it is not a regular file',
    unreadable: 'it cannot be read (permission denied)',
    notPem: 'it holds no PEM certificate (-----BEGIN CERTIFICATE-----)',
  },
  // The LDAP server backend (URLs never hold credentials; reasons are the server's or Node's, echoed).
  LdapServerUnavailable: (url: string, seconds: number, reason: string) =>
    `Cannot reach the LDAP server ${echo(url)} within ${seconds} s: ${echo(reason)}. Check the URL and that the server is running.`,
  LdapCertificateRefused: (url: string, reason: string) =>
    `The certificate of ${echo(url)} does not verify (${echo(reason)}), so cspin did not send anything. Give the CA that signs it (--ca-file), or allow an untrusted certificate explicitly.`,
  LdapStartTlsFailed: (url: string, reason: string) => `The LDAP server ${echo(url)} refused StartTLS: ${echo(reason)}.`,
  LdapInvalidCredentials: (url: string, bindDn: string) =>
    `The LDAP server ${echo(url)} refused the bind as "${echo(bindDn)}": wrong DN or password (the password file's content is not shown).`,
  LdapNoBase: (url: string) => `The LDAP server ${echo(url)} publishes no naming context: give the search base (--base).`,
  LdapConnectionLost: {
    error: (url: string, reason: string) => `The connection to the LDAP server ${echo(url)} was lost during a search: ${echo(reason)}.`,
    // The reasons the connection gives (src/directory/ldapServer/wire/).
    serverClosed: 'the server closed the connection',
    clientClosed: 'the connection was closed',
    notice: 'the server ended the connection (notice of disconnection)',
    handshake: 'the TLS handshake failed',
    silent: (seconds: number) => `no answer within ${seconds} s`,
    malformed: (detail: string) => `malformed LDAP message: ${detail}`,
    lengthBytes: (bytes: number) => `length of ${bytes} bytes`,
    pastEnd: 'element past the end',
    wrongTag: (found: number, expected: number) => `tag 0x${found.toString(16)} where 0x${expected.toString(16)} belongs`,
    tooLong: 'element longer than its message',
    longInteger: 'integer too long',
    unknownOperation: (operation: number) => `unknown operation 0x${operation.toString(16)}`,
  },
  LdapLimitExceeded: (url: string, reason: string) =>
    `The LDAP server ${echo(url)} cut the search at its limit (${echo(reason)}), even with paged results. Narrow the search (-OU, -LdapFilter) or raise the server's limit.`,
  LdapReferral: {
    error: (url: string, referral: string) => `The LDAP server ${echo(url)} answered with a referral to ${echo(referral)}; cspin does not follow referrals. Search that server directly.`,
    warning: (referral: string) => `Skipped a referral to ${echo(referral)}: cspin does not follow referrals.`,
  },
  LdapOperationFailed: (url: string, reason: string) => `The LDAP server ${echo(url)} refused the operation: ${echo(reason)}.`,
  DirectorySearchInterrupted: (written: number, why: string) =>
    `The directory search stopped after ${written} users were written: ${echo(why)}. Nothing was written twice; run the command again for the rest.`,
  LdapServerTimeout: (url: string, seconds: number) =>
    `The LDAP server ${echo(url)} did not answer within ${seconds} s (CSPIN_LDAP_TIMEOUT), so cspin closed the connection. Check that the server is not overloaded or stopped.`,
} satisfies MessageTable<DirectoryErrorId, CoreErrorId>;

/**
 * A user identity as messages show it, in every cmdlet: `"kenmyer"`, or for an identity that could be a
 * PIN (only digits, or a run of 4+ digits standing alone, as in a `user,PIN` line piped by mistake)
 * `"<8 digits>" (digits not shown: they could be a PIN)`.
 * @param identity the identity as given
 * @returns the quoted text, and the target for JSON errors (the same text, unquoted)
 */
export function shownIdentity(identity: string): { quoted: string; target: string } {
  const { text, hidden } = redact(identity);
  return { quoted: `"${text}"${hidden ? DIGITS_HIDDEN : ''}`, target: text };
}

/**
 * The documented not-found error: `Management object not found for identity "<value>".`
 * @param identity the user identity as given
 * @param record the input line, if any
 * @returns a non-terminating error record
 */
export function identityNotFound(identity: string, record?: number): ErrorRecord {
  const { quoted, target } = shownIdentity(identity);
  return notFound(quoted, target, record);
}

/**
 * Get-ADUser's not-found error: `Cannot find an object with identity: "<value>" under: "<base>".`
 * @param identity the identity as given
 * @param under the search base, or what the directory is
 * @param record the input line, if any
 * @returns a non-terminating error record
 */
export function adIdentityNotFound(identity: string, under: string, record?: number): ErrorRecord {
  const { quoted, target } = shownIdentity(identity);
  return errorRecord({ errorId: 'ADIdentityNotFound', category: 'ObjectNotFound', message: directoryMessages.ADIdentityNotFound(quoted, under), target, record });
}

/**
 * The same error for a configuration object (a PIN policy): its identity is shown as it is, escaped.
 * @param identity the canonical policy identity
 * @param record the input line, if any
 * @returns a non-terminating error record
 */
export function configurationNotFound(identity: string, record?: number): ErrorRecord {
  return notFound(`"${echo(identity)}"`, identity, record);
}

function notFound(quoted: string, target: string, record: number | undefined): ErrorRecord {
  const message = directoryMessages.ManagementObjectNotFound(quoted);
  return errorRecord({ errorId: 'ManagementObjectNotFound', category: 'ObjectNotFound', message, target, record });
}

/**
 * A non-wildcard identity that names several users.
 * @param identity the identity as given
 * @param candidates the DNs of the users it matches
 * @param record the input line, if any
 * @returns a non-terminating error record
 */
export function ambiguousIdentity(identity: string, candidates: readonly string[], record?: number): ErrorRecord {
  const { quoted, target } = shownIdentity(identity);
  const shown = candidates.slice(0, CANDIDATES_SHOWN).map((dn) => `"${echo(dn)}"`);
  if (candidates.length > CANDIDATES_SHOWN) shown.push(`and ${candidates.length - CANDIDATES_SHOWN} more`);
  const message = directoryMessages.AmbiguousIdentity(quoted, candidates.length, shown);
  return errorRecord({ errorId: 'AmbiguousIdentity', category: 'InvalidArgument', message, target, record });
}

/**
 * An -OU that names no container in the directory.
 * @param ou the DN given
 * @returns a terminating error (exit status 1)
 */
export function organizationalUnitNotFound(ou: string): TerminatingError {
  return new TerminatingError({
    errorId: 'OrganizationalUnitNotFound',
    category: 'ObjectNotFound',
    message: directoryMessages.OrganizationalUnitNotFound(ou),
    target: ou,
  });
}

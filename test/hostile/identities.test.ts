/**
 * Hostile identities, given to every cmdlet that takes users, on the command line and piped: digits
 * that could be a PIN (never shown), control characters (escaped), a megabyte identity (cut),
 * ambiguous display names, wildcards that match nothing, blank identities, and -ErrorAction Stop and
 * Inquire (the record named once). The corpus checks one escaped line per message and an unchanged
 * database for every case.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { databaseDigest, runCorpus, type CaseContext, type HostileCase } from './corpus.js';

/** The cmdlets that take user identities, as a command line that reads them from a pipe. */
const CMDLETS = [
  { name: 'Get-CsUser', options: '' },
  { name: 'Get-CsClientPinInfo', options: '' },
  { name: 'Set-CsClientPin', options: '' },
  { name: 'Lock-CsClientPin', options: '' },
  { name: 'Unlock-CsClientPin', options: '' },
  { name: 'Test-CsClientPin', options: ' -Pin 4096' },
  { name: 'Grant-CsPinPolicy', options: " -PolicyName ''" },
] as const;
type Cmdlet = (typeof CMDLETS)[number];

const PIN = '61739284';
const HIDDEN = ' (digits not shown: they could be a PIN)';
const STOPPED = 'The running command stopped because the preference variable "ErrorActionPreference" or common parameter is set to Stop: ';
const NOT_FOUND = 'Management object not found for identity ';

/** A regular expression that matches exactly this text. */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

const CHRIS_USERS = [
  { PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser', Identity: 'CN=Chris Preston,OU=IT,DC=litwareinc,DC=com', SipAddress: 'sip:cpreston@litwareinc.com', UserPrincipalName: 'cpreston@litwareinc.com', SamAccountName: 'cpreston', DisplayName: 'Chris Preston', Enabled: true, RegistrarPool: 'atl-cs-001.litwareinc.com', LineUri: null, EnterpriseVoiceEnabled: false, PinPolicy: null },
  { PSTypeName: 'Microsoft.Rtc.Management.ADConnect.Schema.ADUser', Identity: 'CN=Chris Preston,OU=Sales,DC=litwareinc,DC=com', SipAddress: 'sip:chrisp@litwareinc.com', UserPrincipalName: 'chrisp@litwareinc.com', SamAccountName: 'chrisp', DisplayName: 'Chris Preston', Enabled: true, RegistrarPool: 'red-cs-001.litwareinc.com', LineUri: null, EnterpriseVoiceEnabled: false, PinPolicy: null },
];
const PIN_INFO = 'Microsoft.Rtc.Management.UserPinService.PinInfoDetails';
const CHRIS_PIN_INFO = [
  { PSTypeName: PIN_INFO, Identity: 'sip:cpreston@litwareinc.com', IsPinSet: false, IsLockedOut: false, LastPinChangeTime: null, PinExpirationTime: null },
  { PSTypeName: PIN_INFO, Identity: 'sip:chrisp@litwareinc.com', IsPinSet: true, IsLockedOut: false, LastPinChangeTime: '2014-05-19T10:30:00.000Z', PinExpirationTime: null },
];
const KEN_PIN_INFO = { PSTypeName: PIN_INFO, Identity: 'sip:kenmyer@litwareinc.com', IsPinSet: true, IsLockedOut: false, LastPinChangeTime: '2012-09-25T13:35:03.000Z', PinExpirationTime: null };

/** What the Get-* cmdlets write for a record that names users, where the others refuse or change. */
const readsUsers = (c: Cmdlet) => c.name === 'Get-CsUser' || c.name === 'Get-CsClientPinInfo';
const piped = (c: Cmdlet, more = '') => `cat | ${c.name}${c.options}${more}`;

/** The cases every identity cmdlet gets. */
function casesFor(c: Cmdlet): HostileCase[] {
  const notFound = (record?: number) => ({ code: 1, errors: ['ManagementObjectNotFound'], records: [record] });
  return [
    {
      name: `${c.name}: a piped identity of only digits is never shown`,
      run: piped(c),
      input: `${PIN}\n`,
      secrets: [PIN],
      expect: { ...notFound(1), stderr: exactly(`${NOT_FOUND}"<8 digits>"${HIDDEN}.`) },
    },
    {
      name: `${c.name}: an -Identity of only digits is never shown, nor its target`,
      run: `${c.name}${c.options} -Identity ${PIN}`,
      secrets: [PIN],
      expect: { ...notFound(undefined), check: (r) => expect(r.stderr).toContain('"target":"<8 digits>"') },
    },
    {
      name: `${c.name}: digits grouped by a dash and a space, piped in text errors, are never shown`,
      run: piped(c),
      input: '6173-92 84\n',
      secrets: ['6173', '92 84'],
      textErrors: true,
      expect: { code: 1, stderr: exactly(`${c.name} : ${NOT_FOUND}"<8 digits>"${HIDDEN}. (record 1)\n`) },
    },
    {
      name: `${c.name}: a user,PIN line piped by mistake (not Import-Csv) hides the PIN`,
      run: piped(c),
      input: `sip:kenmyer@litwareinc.com,${PIN}\n`,
      secrets: [PIN],
      expect: { ...notFound(1), stderr: exactly(`${NOT_FOUND}"sip:kenmyer@litwareinc.com,<8 digits>"${HIDDEN}.`) },
    },
    {
      name: `${c.name}: ESC, CR, LF, BEL, DEL, C1 and U+2028 in a piped JSON identity are escaped`,
      run: piped(c),
      input: `${JSON.stringify('ken\u001b[2J\rmyer\n\u0007\u007f\u0085\u2028x')}\n`,
      expect: { ...notFound(1), stderr: exactly(`${NOT_FOUND}"ken\\e[2J\\rmyer\\n\\x07\\x7f\\x85\\u2028x".`) },
    },
    {
      name: `${c.name}: a NUL in a piped line is escaped, one text line per error`,
      run: piped(c),
      input: 'ken\u0000myer\nsip:nobody@litwareinc.com\n',
      textErrors: true,
      expect: {
        code: 1,
        stderr: exactly(`${c.name} : ${NOT_FOUND}"ken\\0myer". (record 1)\n${c.name} : ${NOT_FOUND}"sip:nobody@litwareinc.com". (record 2)\n`),
      },
    },
    {
      name: `${c.name}: a 1 MB piped identity is cut at 120 characters`,
      run: piped(c),
      input: `${'x'.repeat(1_000_000)}\n`,
      expect: { ...notFound(1), stderr: exactly(`${NOT_FOUND}"${'x'.repeat(120)}…".`), check: (r) => expect(r.stderr.length).toBeLessThan(1000) },
    },
    {
      name: `${c.name}: an ambiguous display name ${readsUsers(c) ? 'returns every match' : 'is refused, naming the candidates'}`,
      run: `${c.name}${c.options} -Identity 'Chris Preston'`,
      expect: readsUsers(c)
        ? { code: 0, objects: c.name === 'Get-CsUser' ? CHRIS_USERS : CHRIS_PIN_INFO }
        : { code: 1, errors: ['AmbiguousIdentity'], records: [undefined], stderr: /^Identity "Chris Preston" matches 2 users, .*"CN=Chris Preston,OU=IT,DC=litwareinc,DC=com", "CN=Chris Preston,OU=Sales,DC=litwareinc,DC=com"\./ },
    },
    {
      name: `${c.name}: a wildcard that matches nobody is not found`,
      run: `${c.name}${c.options} 'Zz*'`,
      expect: { ...notFound(undefined), stderr: exactly(`${NOT_FOUND}"Zz*".`) },
    },
    {
      name: `${c.name}: empty, blank and null piped identities are each their record's error`,
      run: piped(c),
      input: '""\n" \\t "\nnull\n',
      expect: {
        code: 1,
        errors: ['ParameterArgumentValidationError', 'ParameterArgumentValidationError', 'ParameterArgumentValidationError'],
        records: [1, 2, 3],
      },
    },
    {
      name: `${c.name}: -ErrorAction Stop names the record once, in text`,
      run: piped(c, ' -ErrorAction Stop'),
      input: 'nobody\nnoone\n',
      textErrors: true,
      expect: { code: 1, stderr: exactly(`${c.name} : ${STOPPED}${NOT_FOUND}"nobody". (record 1)\n`) },
    },
    {
      name: `${c.name}: -ErrorAction Stop keeps the record a field in JSON, not in the message`,
      run: piped(c, ' -ea Stop'),
      input: `${PIN}\nnoone\n`,
      secrets: [PIN],
      expect: { code: 1, errors: ['ManagementObjectNotFound'], records: [1], stderr: exactly(`${STOPPED}${NOT_FOUND}"<8 digits>"${HIDDEN}.`) },
    },
  ];
}

/** Two users whose stored names carry control characters (an export from a hostile source), inserted in setup. */
function evilTwins(): Pick<HostileCase, 'setup' | 'changes'> & { unchanged: (context: CaseContext) => void } {
  let before = '';
  return {
    changes: true,
    setup: ({ db }) => {
      const database = new Database(db);
      const insert = database.prepare(
        `INSERT INTO users (dn, dn_key, domain, sam, upn, display_name, sip, enabled, sam_key, logon_key, upn_key, sip_key, display_key)
         VALUES (@dn, lower(@dn), 'litwareinc', @sam, @upn, @display, @sip, 1, @sam, 'litwareinc\\' || @sam, @upn, lower(@sip), lower(@display))`,
      );
      for (const n of [1, 2]) {
        insert.run({ dn: `CN=Evil\u001b[2J${n},OU=IT,DC=litwareinc,DC=com`, sam: `evil${n}`, upn: `evil${n}@litwareinc.com`, display: 'Evil\u001b]0;pwned\u0007 Twin', sip: `sip:evil${n}\u001b[31m@litwareinc.com` });
      }
      database.close();
      before = databaseDigest(db).digest;
    },
    unchanged: ({ db }) => expect(databaseDigest(db).digest, 'the command changed the database').toBe(before),
  };
}

function storedValueCases(): HostileCase[] {
  const ambiguous = evilTwins();
  const whatIf = evilTwins();
  const verbose = evilTwins();
  return [
    {
      name: 'Lock-CsClientPin: an ambiguous name escapes the identity and the stored DNs of the candidates',
      run: `Lock-CsClientPin "$(printf 'Evil\\033]0;pwned\\007 Twin')"`,
      ...ambiguous,
      expect: { code: 1, errors: ['AmbiguousIdentity'], stderr: /^Identity "Evil\\e\]0;pwned\\x07 Twin" matches 2 users, .*"CN=Evil\\e\[2J1,OU=IT,DC=litwareinc,DC=com", "CN=Evil\\e\[2J2,/, check: (_r, context) => ambiguous.unchanged(context) },
    },
    {
      name: 'Unlock-CsClientPin -WhatIf: What if lines escape stored SIP addresses, one line each',
      run: "Unlock-CsClientPin -WhatIf 'Evil*'",
      ...whatIf,
      expect: {
        code: 0,
        stdout: '',
        check: (r, context) => {
          expect(r.stderr).toBe(['1', '2'].map((n) => `What if: Performing the operation "Unlock-CsClientPin" on target "sip:evil${n}\\e[31m@litwareinc.com".\n`).join(''));
          whatIf.unchanged(context);
        },
      },
    },
    {
      name: 'Get-CsClientPinInfo -Verbose: VERBOSE lines escape stored SIP addresses',
      run: "Get-CsClientPinInfo -Verbose 'Evil*' > /dev/null",
      ...verbose,
      expect: {
        code: 0,
        stdout: '',
        check: (r, context) => {
          expect(r.stderr).toContain('VERBOSE: Performing the operation "Get-CsClientPinInfo" on target "sip:evil1\\e[31m@litwareinc.com".\n');
          verbose.unchanged(context);
        },
      },
    },
  ];
}

/** -ErrorAction Inquire on a pty (util-linux script): the answer H halts; stderr goes to a file, shown after. */
function inquireCases(): HostileCase[] {
  const inquire = (textErrors: boolean): HostileCase => ({
    name: `Get-CsClientPinInfo -ErrorAction Inquire halted: the record named once (${textErrors ? 'text' : 'JSON'})`,
    run: `script -qfec "printf '${PIN}\\nnoone\\n' | Get-CsClientPinInfo -ErrorAction Inquire 2>err" /dev/null > /dev/null; status=$?; cat err >&2; exit $status`,
    input: 'h\n',
    textErrors,
    secrets: [PIN],
    expect: textErrors
      ? { code: 1, stderr: exactly(`Get-CsClientPinInfo : ${NOT_FOUND}"<8 digits>"${HIDDEN}. (record 1)\nGet-CsClientPinInfo : The command was halted at the user's request.\n`) }
      : { code: 1, errors: ['ManagementObjectNotFound', 'ActionPreferenceStop'], records: [1, undefined] },
  });
  return [inquire(false), inquire(true)];
}

const mixed: HostileCase = {
  name: 'Get-CsClientPinInfo: hostile lines between good ones; the good ones still come out, in order',
  run: 'cat | Get-CsClientPinInfo',
  input: `litwareinc\\kenmyer\n${PIN}\n${JSON.stringify('\u001b[H\u001b[2J')}\n${'y'.repeat(200_000)}\nChris Preston\n`,
  secrets: [PIN],
  expect: { code: 1, objects: [KEN_PIN_INFO, ...CHRIS_PIN_INFO], errors: ['ManagementObjectNotFound', 'ManagementObjectNotFound', 'ManagementObjectNotFound'], records: [2, 3, 4] },
};

const commandLine: HostileCase[] = [
  {
    name: 'Lock-CsClientPin: a 100 kB -Identity with an ESC is cut and escaped, in text',
    run: `Lock-CsClientPin -Identity "$(printf '\\033[2J'; head -c 100000 /dev/zero | tr '\\0' z)"`,
    textErrors: true,
    expect: { code: 1, stderr: exactly(`Lock-CsClientPin : ${NOT_FOUND}"\\e[2J${'z'.repeat(116)}…".\n`) },
  },
  {
    name: 'Get-CsUser: an -OU with control characters is escaped in OrganizationalUnitNotFound',
    run: `Get-CsUser -OU "$(printf 'OU=Evil\\033[2J\\007,DC=litwareinc,DC=com')"`,
    expect: { code: 1, errors: ['OrganizationalUnitNotFound'], stderr: /^Management object not found for identity "OU=Evil\\e\[2J\\x07,DC=litwareinc,DC=com": / },
  },
];

runCorpus('hostile identities', [...CMDLETS.flatMap(casesFor), mixed, ...storedValueCases(), ...inquireCases(), ...commandLine]);

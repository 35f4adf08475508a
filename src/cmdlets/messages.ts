/**
 * The cmdlets' message table, keyed by their error ids and by the ids of the areas below that a
 * cmdlet words its own way, with PowerShell's wording where PowerShell has the error. Values from
 * the command line or the input go through echo(); a PIN is never shown.
 */
import { coreMessages, echo, type CoreErrorId, type MessageTable } from '../core/index.js';
import type { DirectoryErrorId } from '../directory/index.js';
import { MAX_PIN_LENGTH, type PinErrorId } from '../pins/index.js';
import type { CmdletErrorId } from './errorIds.js';

/** What a PIN is, for the messages about one that is not (which never show it). */
export const PIN_FORMAT = `A PIN consists of the digits 0-9 only, at most ${MAX_PIN_LENGTH} of them`;

/** PowerShell's ParameterBindingException: "Cannot bind parameter 'X'. <why>". */
const boundParameter = coreMessages.CannotConvertArgument.binding;
/** A script block of a hashtable key (Sort-Object's Expression) that does not parse. */
const invalidScriptBlock = (text: string, reason: string) => `Invalid script block ${echo(text)}: ${reason}.`;
/** A filter that cannot decide one record, naming the record when the cmdlet can. */
const aboutRecord = (message: string, name: string) => `${message} (${name})`;
const conversionFailed = (line: number, column: number, reason: string) => `Conversion from JSON failed: line ${line}, column ${column}: ${reason}.`;
/** Where-Object's comparison statement as it should be written. */
const whereUsage = (property: string, operator: string) => `Where-Object ${echo(property)} -${operator} <Value>`;
/** Where a CSV row's error happened: the file (Import-Csv) or the text (ConvertFrom-Csv). */
const csvSource = {
  inFile: (path: string, message: string) => `${echo(path)}: ${message}`,
  csvInput: (message: string) => `CSV input: ${message}`,
};
const alreadyExisting = (name: string) => `The property cannot be processed because the property "${echo(name)}" already exists.`;

export const cmdletMessages = {
  // Command and help lookup.
  CommandNotFoundException: (pattern: string) =>
    `The term '${echo(pattern)}' is not recognized as a name of a cmdlet. Check the spelling of the name (Get-Command lists them).`,
  HelpNotFound: (name: string) =>
    `Get-Help could not find ${echo(name)} in a help file in this session. The commands are listed by Get-Command (or cspin commands).`,
  NoParmsFound: (pattern: string) => `No parameter matches criteria ${echo(pattern)}.`,
  WildcardPatternInvalid: {
    parameter: boundParameter,
    unknown: 'invalid wildcard pattern',
    help: (pattern: string) => `Cannot bind parameter 'Parameter'. "${echo(pattern)}" is not a valid wildcard pattern.`,
  },
  // Filters: -Filter, Where-Object, Sort-Object's script blocks, -LdapFilter.
  InvalidFilter: {
    parameter: boundParameter,
    scriptBlock: invalidScriptBlock,
    policyFilter: (filter: unknown, reason: string) => `Cannot process the Filter "${echo(filter)}": ${reason}.`,
  },
  FilterTooDeep: { parameter: boundParameter, scriptBlock: invalidScriptBlock },
  ComparisonFailure: { parameter: boundParameter, scriptBlock: invalidScriptBlock, record: aboutRecord },
  BadOperatorArgument: { record: aboutRecord, value: (reason: string) => `Cannot bind parameter 'Value'. ${reason}.` },
  InvalidLdapFilter: { parameter: boundParameter },
  FilterTooComplex: {
    parameter: boundParameter,
    query: (detail: string) => `Cannot bind parameter 'LdapFilter'. The filter is too complex for one query: ${echo(detail)}.`,
  },
  InvalidOrganizationalUnit: (ou: string) => `Cannot bind parameter 'OU': "${echo(ou)}" is not a distinguished name.`,
  // ForEach-Object, Select-Object, Measure-Object.
  AmbiguousParameterSet: {
    foreachProcess: (names: string[]) =>
      `${coreMessages.AmbiguousParameterSet(names)} In bash, put the script block in single quotes: ForEach-Object '{$_.SipAddress}'.`,
    whereScriptBlock: (names: string[]) =>
      `A script block cannot be used with ${names.map((n) => `-${n}`).join(' ')}. In bash, put the whole script block in single quotes: Where-Object '{$_.IsPinSet -eq $False}'.`,
    whereNot: (property: string) => `-Not takes no value: Where-Object -Not ${echo(property)} selects the objects whose ${echo(property)} is false, empty or missing.`,
  },
  AmbiguousPropertyOrMethodName: (name: string, names: string) =>
    `Input name "${echo(name)}" is ambiguous. It can be resolved to multiple matched members. Possible matches include: ${echo(names)}.`,
  EmptyScriptBlockAndNoName: 'A property is an empty script block and does not provide a name.',
  ExpandPropertyNotFound: (name: string) => `Property "${echo(name)}" cannot be found.`,
  MutlipleExpandProperties: 'Multiple properties cannot be expanded.',
  RenamingMultipleResults: 'Cannot rename multiple results.',
  AlreadyExistingUserSpecifiedPropertyExpand: alreadyExisting,
  AlreadyExistingUserSpecifiedPropertyNoExpand: alreadyExisting,
  // Where-Object's comparison statement.
  AmbiguousPropertyName: (property: string, names: readonly string[]) =>
    `The property name "${echo(property)}" matches more than one property: ${echo(names.join(', '))}.`,
  OperatorNotSpecified: (property: string) =>
    `The operator is not specified: write one between the property and the value, as in ${whereUsage(property, 'EQ')}.`,
  ValueNotSpecifiedForWhereObject: (property: string, operator: string) =>
    `The -${operator} operator needs a value: ${whereUsage(property, operator)}. bash expands an unquoted $True, $False or $Null to nothing: write '$False' in single quotes (or False for a Boolean property).`,
  // PowerShell's id for a comparison statement's failed conversion; the text is ComparisonFailure's.
  OperatorFailed: { record: aboutRecord },
  // Import-Csv, ConvertFrom-Csv: a row's error (any id) names its source.
  MalformedCsvRow: csvSource,
  AlreadyPresentPSMemberInfoInternalCollectionAdd: {
    ...csvSource,
    header: (name: string) => `The member "${echo(name)}" is already present: -Header names it twice (names ignore case).`,
  },
  ParameterArgumentValidationError: {
    emptyHeader: (list: string) => `Cannot validate argument on parameter 'Header'. The argument "${echo(list)}" holds an empty name: give every column a name.`,
  },
  ParameterArgumentTransformationError: {
    encoding: (name: string, names: readonly string[]) =>
      coreMessages.ParameterArgumentTransformationError('Encoding', `'${echo(name)}' is not a supported encoding name: cspin reads ${names.join(', ')}.`),
  },
  // A file that cannot be opened (FileOpenFailure) or read; Node's meaning of the errno, and the code.
  FileReadError: {
    open: (path: string, meaning: string, code: string) => `Could not open file '${echo(path)}': ${meaning} (${code}).`,
    read: (path: string, meaning: string, code: string) => `Could not read file '${echo(path)}': ${meaning} (${code}).`,
    unknown: 'read failed',
  },
  NonNumericInputObject: (text: string) => `Input object "${echo(text)}" is not numeric.`,
  // ConvertFrom-Json.
  MalformedJson: { conversion: conversionFailed },
  JsonDepthExceeded: { conversion: conversionFailed },
  DuplicateKeysInJsonString: { conversion: conversionFailed, reason: (key: string) => `the object has the key "${echo(key)}" twice` },
  KeysWithDifferentCasingInJsonString: {
    conversion: conversionFailed,
    reason: (key: string) => `the object has keys that differ only in case ("${echo(key)}")`,
  },
  JsonDocumentTooLarge: (mebibytes: number) =>
    `The JSON document is larger than ${mebibytes} MiB, the most ConvertFrom-Json holds. Give it one document per line (NDJSON: ConvertTo-Json -Compress per object, or no ConvertTo-Json at all), which it reads line by line.`,
  // PINs.
  InvalidPinFormat: {
    argument: `Cannot bind parameter 'Pin'. ${PIN_FORMAT}.`,
    record: `The Pin of this record is not a PIN (${PIN_FORMAT}). Nothing was changed.`,
    test: (quoted: string) => `The PIN given for ${quoted} is not a PIN: a PIN is digits only (0-9). Nothing was checked or counted.`,
  },
  PinPolicyViolation: {
    user: (sip: string, policy: string, broken: string) => `The PIN for ${echo(sip)} does not meet PIN policy "${echo(policy)}": ${broken}. Nothing was changed.`,
  },
  PinOutputClosed:
    'stdout is closed, so the PINs Set-CsClientPin generates would be written nowhere and lost. Redirect stdout to a private file (umask 077; Set-CsClientPin > pins.ndjson), or add -Force to set them anyway. Nothing was changed.',
  // PIN policies.
  PolicyAlreadyExists: (identity: string) => `Cannot create "${echo(identity)}" because a PIN policy with that Identity already exists. Use Set-CsPinPolicy to change it.`,
  GlobalPolicyExists:
    'You cannot create a second global PIN policy: the global policy always exists. Change it with Set-CsPinPolicy, or reset it with Remove-CsPinPolicy -Identity Global.',
  PolicyNotFound: (name: string) =>
    `There is no per-user PIN policy "tag:${echo(name)}". Create it with New-CsPinPolicy -Identity ${echo(name)}, or list them with Get-CsPinPolicy -Filter "tag:*".`,
  PinLifetimeRequiresHistory: {
    commandLine: (lifetime: number, why: string) =>
      `Cannot use -PINLifetime ${lifetime} when ${why}: when PINLifetime is greater than 0, PINHistoryCount must be greater than 0 too. Nothing was changed.`,
    defaultHistory: 'PINHistoryCount is 0 (the default of a new policy)',
    givenHistory: '-PINHistoryCount is 0',
  },
  // The way out of each holding cmdlet's memory budget, for core's MemoryBudgetExceeded text.
  MemoryBudgetExceeded: {
    selectObject: 'give a smaller -Last or -SkipLast, or select fewer properties before -Unique',
    sortObject: 'a full sort spills; -Top or -Bottom with a larger n stops with MemoryBudgetExceeded: give a smaller n',
    convertToJson: 'give a smaller -Depth or -Compress, or convert smaller objects',
    formatTable: 'leave out -AutoSize: Format-Table then sizes the columns from the first rows and streams',
    groupObject: 'use -NoElement to hold only the counts, or group fewer objects',
  },
  // Export-Csv, ConvertTo-Csv.
  CannotConvertArgumentNoMessage: {
    // PowerShell's binding error for a -Delimiter that is not one [char] (the same in all four CSV cmdlets); `shown` is echoed.
    delimiter: (shown: string) =>
      `Cannot bind parameter 'Delimiter'. Cannot convert value "${shown}" to type "System.Char". Error: "String must be exactly one character long."`,
  },
  CannotSpecifyQuoteFieldsAndUseQuotes: 'You must specify either the -UseQuotes or -QuoteFields parameters, but not both.',
  CannotSpecifyBothAppendAndNoHeader: 'You must specify either the -Append or -NoHeader parameters, but not both.',
  CannotSpecifyPathAndLiteralPath: 'You must specify either the -Path or -LiteralPath parameters, but not both.',
  CannotAppendCsvWithMismatchedPropertyNames: (path: string, column: string) =>
    `Cannot append CSV content to the following file: ${echo(path)}. The appended object does not have a property that corresponds to the following column: ${echo(column)}. To continue with mismatched properties, add the -Force parameter, and then retry the command.`,
  // Format-Table, Format-List: calculated properties (the hashtable's text comes echoed).
  FormatStringNotSupported: (shown: string) => `cspin does not support the FormatString key of a calculated property yet: ${shown}.`,
  FormatTableInvalidWidth: (shown: string) => `The Width key needs a whole number of 1 or more: ${shown}.`,
  IllegalAlignmentValueSpecification: (shown: string) => `The Alignment key takes Left, Center or Right: ${shown}.`,
  // Group-Object.
  ArgumentException: {
    asStringWithoutHashTable: 'The -AsString parameter can be used only with the -AsHashTable parameter.',
    hashTableOfSeveral: 'The -AsHashTable parameter needs one property; use -AsString to key the hashtable by the group names.',
  },
  ExpressionGlobbing2: (name: string) => `Group-Object does not take wildcards in -Property: "${echo(name)}". Name the property.`,
  PSObjectCompareTo:
    'Cannot group by a property whose values are objects: PowerShell cannot compare them (they do not implement IComparable). Group by one of their properties instead.',
  CannotConvertArgument: { perUserPolicyName: (text: string) => `"${echo(text)}" is not a per-user policy name.` },
} satisfies MessageTable<CmdletErrorId, CoreErrorId | DirectoryErrorId | PinErrorId>;

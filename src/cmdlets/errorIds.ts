/** The cmdlets' error ids (see src/core/errorIds.ts). */
export interface CmdletErrorIds {
  AmbiguousPropertyName: 'a property wildcard that matches several properties';
  CommandNotFoundException: 'no command of that name';
  HelpNotFound: 'no help for that name';
  NoParmsFound: 'no parameter of that name in the help';
  WildcardPatternInvalid: 'a wildcard pattern that does not parse';
  AlreadyExistingUserSpecifiedPropertyExpand: 'a selected property that the expanded value has already';
  AlreadyExistingUserSpecifiedPropertyNoExpand: 'a selected property given twice';
  AmbiguousPropertyOrMethodName: 'a member name that matches several properties';
  ArgumentException: 'parameters that do not go together (PowerShell gives no better id)';
  ExpressionGlobbing2: 'Group-Object given a wildcard property';
  NonNumericInputObject: 'Measure-Object given a value that is not a number';
  PSObjectCompareTo: 'values that cannot be compared to order groups';
  EmptyScriptBlockAndNoName: 'a calculated property without a name or expression';
  ExpandPropertyNotFound: 'Select-Object -ExpandProperty of a missing property';
  FormatStringNotSupported: 'a calculated column with FormatString';
  FormatTableInvalidWidth: 'a calculated column width that is not positive';
  IllegalAlignmentValueSpecification: 'a calculated column alignment that is not Left, Center or Right';
  MutlipleExpandProperties: 'Select-Object -ExpandProperty matching several properties (PowerShell spells it so)';
  RenamingMultipleResults: 'a calculated property name over a wildcard matching several';
  OperatorFailed: 'a Where-Object comparison that cannot convert the value for one object';
  AlreadyPresentPSMemberInfoInternalCollectionAdd: 'a CSV header (or -Header) naming a column twice, ignoring case';
  BadOperatorArgument: 'a Where-Object operand that does not fit the operator';
  CannotAppendCsvWithMismatchedPropertyNames: 'Export-Csv -Append of an object that lacks a column of the file';
  CannotSpecifyBothAppendAndNoHeader: 'Export-Csv -Append with -NoHeader';
  CannotSpecifyPathAndLiteralPath: 'Export-Csv without one of -Path and -LiteralPath';
  CannotSpecifyQuoteFieldsAndUseQuotes: '-UseQuotes with -QuoteFields';
  FileReadError: 'an input file that cannot be read';
  GlobalPolicyExists: 'the global PIN policy already exists';
  JsonDocumentTooLarge: 'a multi-line JSON document past what ConvertFrom-Json holds';
  InvalidOrganizationalUnit: 'an -OU that is not a distinguished name';
  InvalidPinFormat: 'a PIN that is not digits';
  OperatorNotSpecified: 'Where-Object without an operator';
  PinOutputClosed: 'new PINs with nowhere to go';
  PolicyAlreadyExists: 'a PIN policy that exists already';
  PolicyNotFound: 'no PIN policy with that identity';
  ValueNotSpecifiedForWhereObject: 'a Where-Object operator without a value';
}

/** An id of this area. */
export type CmdletErrorId = keyof CmdletErrorIds;

declare module '../core/errorIds.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the registry is the union of the areas' lists
  interface ErrorIds extends CmdletErrorIds {}
}

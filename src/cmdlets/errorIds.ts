/** The cmdlets' error ids (see src/core/errorIds.ts). */
declare module '../core/errorIds.js' {
  interface ErrorIds {
    AmbiguousPropertyName: 'a property wildcard that matches several properties';
    CommandNotFoundException: 'no command of that name';
    HelpNotFound: 'no help for that name';
    NoParmsFound: 'no parameter of that name in the help';
    WildcardPatternInvalid: 'a wildcard pattern that does not parse';
    BadOperatorArgument: 'a Where-Object operand that does not fit the operator';
    CannotAppendCsvWithMismatchedPropertyNames: 'Export-Csv -Append of an object that lacks a column of the file';
    CannotSpecifyBothAppendAndNoHeader: 'Export-Csv -Append with -NoHeader';
    CannotSpecifyPathAndLiteralPath: 'Export-Csv without one of -Path and -LiteralPath';
    CannotSpecifyQuoteFieldsAndUseQuotes: '-UseQuotes with -QuoteFields';
    FileReadError: 'an input file that cannot be read';
    GlobalPolicyExists: 'the global PIN policy already exists';
    InvalidDelimiter: 'a CSV delimiter that is not one character';
    JsonDocumentTooLarge: 'a multi-line JSON document past what ConvertFrom-Json holds';
    InvalidOrganizationalUnit: 'an -OU that is not a distinguished name';
    InvalidPinFormat: 'a PIN that is not digits';
    OperatorNotSpecified: 'Where-Object without an operator';
    PinLifetimeRequiresHistory: 'a PIN lifetime without a PIN history';
    PinOutputClosed: 'new PINs with nowhere to go';
    PinPolicyViolation: 'a PIN the policy refuses';
    PolicyAlreadyExists: 'a PIN policy that exists already';
    PolicyNotFound: 'no PIN policy with that identity';
    ValueNotSpecifiedForWhereObject: 'a Where-Object operator without a value';
  }
}
export {};

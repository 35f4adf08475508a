/**
 * The directory table's section for the ActiveDirectory module's -Filter language (Get-ADUser
 * -Filter, src/directory/adFilter.ts). Spread into directoryMessages; filter text is echoed.
 */
import { echo, type MessageTable } from '../../core/index.js';
import type { DirectoryErrorId } from '../errorIds.js';

const comparisons = '-eq -ne -like -notlike -gt -ge -lt -le -approx -band -bor';

export const adFilterMessages = {
  InvalidAdFilter: {
    at: (position: number, reason: string) => `Invalid filter at position ${position}: ${reason}`,
    whole: (reason: string) => `Invalid filter: ${reason}`,
    // What was found where something else belongs.
    found: (expected: string, found: string) => `${expected}, found ${found}`,
    endOfFilter: 'the end of the filter',
    token: (text: string) => `'${echo(text)}'`,
    // The reasons.
    empty: 'the filter is empty: write a comparison such as Name -eq "Ken Myer", or * for every user',
    unclosedBrace: (open: number) => `expected '}' to close the '{' at position ${open}`,
    afterBrace: "unexpected text after the closing '}'",
    unclosedString: 'missing the closing quote of this string',
    unclosedParenthesis: (open: number) => `expected ')' to close the '(' at position ${open}`,
    unexpectedText: (text: string) => `unexpected '${echo(text)}'`,
    expectedProperty: 'expected a property name, -not or (',
    expectedOperator: (property: string) => `expected an operator after ${echo(property)} (${comparisons})`,
    expectedValue: (operator: string) => `expected a value after ${echo(operator)}`,
    bashExpansion: ' (if the filter was in double quotes, bash expanded $true, $false or $null to nothing: put it in single quotes)',
    expectedJoin: "expected -and, -or, ')' or the end of the filter",
    unknownOperator: (operator: string) => `unknown operator ${echo(operator)}: -Filter takes ${comparisons}, -and, -or, -not`,
    whereOperator: (operator: string) =>
      `${echo(operator)} is a Where-Object operator, and -Filter does not take it: use ${comparisons}, or pipe to Where-Object`,
    recursiveMatch: '-RecursiveMatch (LDAP_MATCHING_RULE_IN_CHAIN) is not supported',
    variable: (name: string) =>
      `$${echo(name)} is a PowerShell variable, and bash has none to give: write its value in the filter (in double quotes bash expands its own $variables)`,
    currentObject: (name: string) => `$${echo(name)} is Where-Object's current object: -Filter names the property itself (Name -eq "Ken Myer")`,
    nullOperator: (operator: string) => `$null is compared with -eq or -ne only, not ${echo(operator)}`,
    enabled: 'Enabled takes -eq or -ne and $true or $false',
    integer: (operator: string) => `${echo(operator)} takes an integer`,
    date: (attribute: string) => `${echo(attribute)} takes a date such as 2025-01-31, 2025-01-31T08:00:00Z or 1/31/2025 8:00:00 AM`,
    fileTime: (attribute: string) => `${echo(attribute)} takes a date such as 2025-01-31 or 2025-01-31T08:00:00Z, or a FILETIME integer`,
    notUtf8: 'the escaped bytes (\\XX) do not form UTF-8 text',
  },
} satisfies MessageTable<DirectoryErrorId>;

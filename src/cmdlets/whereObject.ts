import { ComparisonFailure, FilterError } from '../core/filterScript.js';
import { numberLiteral } from '../core/filterNumbers.js';
import { StringType, defineCmdlet, echo, errorRecord, usageError, type ErrorRecord } from '../core/index.js';
import { coreMessages } from '../core/messages.js';
import { ObjectType, inputObjectParameter } from '../core/objectType.js';
import { WHERE_OPERATORS, operatorParameters, operatorTest, propertyReader, takesList, type OperatorTest, type WhereOperator } from '../core/whereOperators.js';
import { cmdletMessages } from './messages.js';
import { compileRecordFilter, declaredPropertyType, filterFailure } from './recordFilter.js';

/** Whether an input object passes; an ErrorRecord when that cannot be told for this object. */
type Select = (value: unknown, record: number | undefined) => boolean | ErrorRecord;

interface State {
  select: Select;
}

import { NO_PIN, adUser, pinInfo } from './sampleObjects.js';

export default defineCmdlet({
  name: 'Where-Object',
  synopsis: 'Selects objects from a collection based on their property values.',
  description:
    'Passes on, unchanged, the input objects whose property satisfies a condition: `Where-Object Prop -op Value` (the comparison statement, with one operator switch: -EQ, -NE, -GT, -LT, -GE, -LE, -Like, -NotLike, -Match, -NotMatch, -Contains, -NotContains, -In, -NotIn, their case-sensitive C-forms, or -Not), `Where-Object Prop` (the property is true), or a script block `Where-Object \'{$_.Prop -eq $False}\'`. The value is converted to the type of the property value, as PowerShell does, so dates, numbers and Booleans compare as such. Objects without the property see it as $null. cspin has no parameter sets: the command line must hold a property or a script block, and at most one operator.',
  parameters: {
    Property: {
      type: StringType,
      position: 0,
      description:
        'The name of the property to test, case-insensitive; wildcards (Is*Set) pick the one property they match. A first positional argument that starts with { is the -FilterScript instead (cspin deviation: bash has no script blocks).',
    },
    Value: {
      type: ObjectType,
      position: 1,
      description:
        "The value to compare the property with, converted to the type of the property value. A word that is a PowerShell number literal (5, 5.0, 0x5, 5e0, 1kb, 10l) is that number, as PowerShell reads it unquoted (bash drops the quotes that would keep it text: compare text with the script block, '{$_.Code -eq \"5.0\"}'); a signed -5 stays text, as in PowerShell. An integer compared with a date is .NET ticks. '$True', '$False' and '$Null' in single quotes are those values (bash expands them to nothing unquoted); for a Boolean property True and False also do.",
    },
    FilterScript: {
      type: StringType,
      description:
        "A Where-Object script block, single-quoted in bash: '{$_.IsPinSet -eq $False}', with the operators of Get-CsUser -Filter (-and, -or, -not, comparisons, and -contains -notcontains -in -notin with their c- and i-forms) over $_.Name, $PSItem.Name or bare property names, literals, comma lists ('a','b') and @(...); the braces are optional.",
    },
    InputObject: inputObjectParameter('The objects to filter: each pipeline record (an object, a plain string or null).'),
    ...operatorParameters(),
  },
  mutuallyExclusive: [WHERE_OPERATORS],
  inputTypes: ['Any object, string or null, one per NDJSON line.'],
  outputType: 'The input objects that pass, unchanged.',
  notes: [
    'Objects pass through as they came: the same properties in the same order, PSTypeName included, as compact JSON, so the next command binds them exactly as if Where-Object were not there. A plain text line comes out as a JSON string.',
    'As in PowerShell, $null is less than any value: an object whose property is null or missing passes -LT and -LE (a PIN that never expires has PinExpirationTime $null). Add `Where-Object Prop -ne \'$null\'` before it to drop those.',
    'A property alone (`Where-Object Enabled`, `-Not Enabled`, -and/-or/-not in a script block) is true as in PowerShell: a non-empty string is true, "False" too; compare an Import-Csv column with `Enabled -eq True` for its Boolean meaning.',
    'cspin deviations: compared with a Boolean property the strings False and $false are false (PowerShell reads every non-empty string as true); -Match is a JavaScript regular expression and sets no $Matches; the -Is and -IsNot switches are not supported. -InputObject is mandatory so that Where-Object always reads standard input when it is not a terminal.',
  ],
  examples: [
    {
      title: 'Users without a PIN',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsPinSet -eq False',
      remarks: 'PIN information for every user, then only the users for whom no PIN has been set (IsPinSet is False).',
      expect: { objects: NO_PIN.map((logon) => pinInfo(logon)) },
    },
    {
      title: 'Users without a PIN, with a script block',
      code: "Get-CsUser | Get-CsClientPinInfo | Where-Object '{$_.IsPinSet -eq $False}'",
      remarks: 'The same selection in the script-block form the Lync documentation prints; single quotes keep bash from expanding $_ and $False.',
      expect: { objects: NO_PIN.map((logon) => pinInfo(logon)) },
    },
    {
      title: 'Users whose PIN is locked',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object IsLockedOut',
      remarks: 'A property alone selects the objects where it is true: here the users whose PIN has been locked out.',
      expect: { objects: [pinInfo('pilar'), pinInfo('wendyr'), pinInfo('yanli')] },
    },
    {
      title: 'PINs changed since a date',
      code: 'Get-CsUser | Get-CsClientPinInfo | Where-Object LastPinChangeTime -gt "2016-01-01T00:00:00Z"',
      remarks: 'Dates compare as instants: the users who set or changed their PIN after the start of 2016.',
      expect: { objects: [pinInfo('rayc'), pinInfo('gregw'), pinInfo('amys')] },
    },
    {
      title: 'Users from a list, with a script block',
      code: `Get-CsUser | Where-Object '{$_.SamAccountName -in "kenmyer", "PILAR"}'`,
      remarks: '-in looks for the property value in a comma list (case-insensitively; -cin minds case); -contains looks for a value in a property that holds a list.',
      expect: { objects: [adUser('kenmyer'), adUser('pilar')] },
    },
    {
      title: 'Users by a display name pattern',
      code: 'Get-CsUser | Where-Object DisplayName -like "* Smith"',
      remarks: 'A wildcard match on the display name: every user whose display name ends with " Smith".',
      expect: { objects: [adUser('ellens'), adUser('jsmith')] },
    },
  ],

  begin(params): State {
    const script = params.FilterScript ?? (params.Property?.trimStart().startsWith('{') ? params.Property : undefined);
    // As in PowerShell, an operator switch chooses its parameter set by being there: -EQ:0 is still -EQ.
    const operators = WHERE_OPERATORS.filter((name) => params[name] !== undefined);
    const hasValue = 'Value' in params;
    if (script !== undefined) {
      const others = [params.FilterScript !== undefined && params.Property !== undefined && 'Property', hasValue && 'Value', ...operators];
      const extra = others.filter((name): name is string => typeof name === 'string');
      if (extra.length > 0) {
        throw usageError('AmbiguousParameterSet', cmdletMessages.AmbiguousParameterSet.whereScriptBlock(extra), echo(script));
      }
      return { select: scriptSelector(script) };
    }
    if (params.Property === undefined) throw usageError('MissingMandatoryParameter', coreMessages.MissingMandatoryParameter(['Property']), 'Property');
    if (params.Property === '') throw usageError('ParameterArgumentValidationErrorEmptyStringNotAllowed', coreMessages.ParameterArgumentValidationErrorEmptyStringNotAllowed('Property'), '');
    return { select: comparisonSelector(params.Property, operators[0], hasValue, params.Value) };
  },

  *process(records, state) {
    for (const { params, record } of records) {
      const verdict = state.select(params.InputObject, record);
      if (verdict === true) yield params.InputObject;
      else if (verdict !== false) yield verdict;
    }
  },
});

/** `Where-Object Prop [-op Value]`: checks that operator and value go together, then compiles the test. */
function comparisonSelector(property: string, operator: WhereOperator | undefined, hasValue: boolean, value: unknown): Select {
  if (operator === undefined && hasValue) {
    throw usageError('OperatorNotSpecified', cmdletMessages.OperatorNotSpecified(property), shown(value));
  }
  if (operator !== undefined && operator !== 'Not' && !hasValue) {
    throw usageError('ValueNotSpecifiedForWhereObject', cmdletMessages.ValueNotSpecifiedForWhereObject(property, operator), operator);
  }
  if (operator === 'Not' && hasValue) {
    throw usageError('AmbiguousParameterSet', cmdletMessages.AmbiguousParameterSet.whereNot(property), shown(value));
  }
  let test: OperatorTest;
  try {
    test = operatorTest(operator, operator !== undefined && takesList(operator) ? listValue(value) : argumentValue(value), property);
  } catch (error) {
    throw error instanceof FilterError ? usageError('BadOperatorArgument', cmdletMessages.BadOperatorArgument.value(error.reason), shown(value)) : error;
  }
  const read = propertyReader(property);
  return (input, record) => {
    const found = read(input);
    if ('ambiguous' in found) {
      return errorRecord({
        errorId: 'AmbiguousPropertyName',
        category: 'InvalidArgument',
        message: cmdletMessages.AmbiguousPropertyName(property, found.ambiguous),
        target: shown(input),
        record,
      });
    }
    try {
      // Only a $null value needs the property's declared type.
      return test(found.value, found.value === null ? declaredPropertyType(input, property) : undefined);
    } catch (error) {
      // PowerShell's simplified syntax reports a comparison that cannot convert as OperatorFailed.
      if (error instanceof ComparisonFailure) return filterFailure(error, input, record, undefined, 'OperatorFailed');
      throw error;
    }
  };
}

/** An error's target as JSON error lines show it: text escaped and cut (it may be hostile input). */
function shown(value: unknown): unknown {
  return typeof value === 'string' ? echo(value) : value;
}

/**
 * -In's value: a JSON array is the list of items; so is a comma list (`-In Finance,Sales`, which
 * PowerShell reads as an array: bash cannot tell it from a quoted "Finance,Sales"); anything else is
 * a list of one.
 */
function listValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (!value.trimStart().startsWith('[')) return value.includes(',') ? value.split(',').map((item) => argumentValue(item.trim())) : argumentValue(value);
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * A command-line value as PowerShell's parser reads the unquoted word: a number literal (5.0, 0x5,
 * 5e0, 1kb) is that number; bash has dropped the quotes that would keep it text.
 */
function argumentValue(value: unknown): unknown {
  return typeof value === 'string' ? (numberLiteral(value) ?? value) : value;
}

/** `Where-Object '{...}'`: the -Filter language of Get-CsUser, where $_ is the input object. */
function scriptSelector(text: string): Select {
  // Where-Object's script block is PowerShell's: the string "False" is true.
  return compileRecordFilter(text, 'FilterScript', undefined, true);
}

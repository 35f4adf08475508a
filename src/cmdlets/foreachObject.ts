import { ComparisonFailure, FilterError } from '../core/filterScript.js';
import { StringType, defineCmdlet, echo, errorRecord, isPSObject, usageError } from '../core/index.js';
import { coreMessages } from '../core/messages.js';
import { inputObjectParameter } from '../core/objectType.js';
import { compileScriptBlock, hasWildcard, objectProperties } from '../core/propertyExpression.js';
import { findProperty } from '../core/psobject.js';
import { wildcardRegExp } from '../core/compare.js';
import { FOREACH_EXAMPLES } from './selectObjectExamples.js';
import { cmdletMessages } from './messages.js';

/** What a member name or script block gives for one input object. */
type Operation = (input: unknown, record: number | undefined) => unknown[];

// The string methods a member name can call without arguments (.NET's names, any case).
const STRING_METHODS: Readonly<Record<string, (text: string) => string>> = {
  trim: (t) => t.trim(),
  trimstart: (t) => t.trimStart(),
  trimend: (t) => t.trimEnd(),
  toupper: (t) => t.toUpperCase(),
  tolower: (t) => t.toLowerCase(),
  toupperinvariant: (t) => t.toUpperCase(),
  tolowerinvariant: (t) => t.toLowerCase(),
  tostring: (t) => t,
};

export default defineCmdlet({
  name: 'ForEach-Object',
  synopsis: 'Performs an operation against each item in a collection of input objects.',
  description:
    "With a member name, `ForEach-Object Name` writes the value of the Name property of each input object (each element, when it is an array; $null when the object has no such property), or calls a string method without arguments (Trim, ToUpper, ToLower...). `ForEach-Object -Process '{$_.Name}'` writes the value of a script block's expression for each object. cspin evaluates one expression over $_ (the language of Where-Object's script blocks: $_, $_.Name, quoted strings, numbers, $true/$false/$null, comparisons, -and/-or/-not); a script block beyond it (commands such as Write-Host, assignments, pipelines, arithmetic, method calls) is refused before any object is read.",
  parameters: {
    MemberName: {
      type: StringType,
      position: 0,
      description:
        "The property to write, case-insensitive; a wildcard must match exactly one property. A first positional argument that starts with { is the -Process script block instead (cspin deviation: bash has no script blocks).",
    },
    Process: {
      type: StringType,
      description: "The script block to evaluate for each object, single-quoted in bash: '{$_.SipAddress}'.",
    },
    InputObject: inputObjectParameter('The objects to process: each pipeline record (an object, a plain string or null).'),
  },
  inputTypes: ['Any object, string or null, one per NDJSON line.'],
  outputType: 'The values: a string is written as a JSON string line.',
  notes: [
    'Streams: one input object at a time, nothing held.',
    'cspin deviations: -Begin, -End, -ArgumentList, -Parallel and -RemainingScripts are not supported; methods are the string ones named above; a comparison in a script block that cannot convert its value is an error for that object (PowerShell would also stop there).',
  ],
  examples: FOREACH_EXAMPLES,

  begin(params): Operation {
    const script = params.Process ?? (params.MemberName?.trimStart().startsWith('{') ? params.MemberName : undefined);
    if (params.Process !== undefined && params.MemberName !== undefined) {
      throw usageError('AmbiguousParameterSet', cmdletMessages.AmbiguousParameterSet.foreachProcess(['MemberName', 'Process']), echo(params.Process));
    }
    if (script !== undefined) return scriptOperation(script);
    if (params.MemberName === undefined) throw usageError('MissingMandatoryParameter', coreMessages.MissingMandatoryParameter(['Process']), 'Process');
    if (params.MemberName === '') throw usageError('ParameterArgumentValidationErrorEmptyStringNotAllowed', coreMessages.ParameterArgumentValidationErrorEmptyStringNotAllowed('MemberName'), '');
    return memberOperation(params.MemberName);
  },

  *process(records, operation) {
    for (const { params, record } of records) yield* operation(params.InputObject, record);
  },
});

/** `-Process '{...}'`: the value of the expression; an array is written element by element. */
function scriptOperation(text: string): Operation {
  const evaluate = compileScriptBlock(text.trim().startsWith('{') ? text : `{${text}}`, 'Process');
  return (input, record) => {
    try {
      return unroll(evaluate(input));
    } catch (error) {
      if (!(error instanceof ComparisonFailure)) throw error;
      return [errorRecord({ errorId: error.errorId, category: 'InvalidArgument', message: error.message, target: typeof input === 'string' ? echo(input) : input, record })];
    }
  };
}

/** `ForEach-Object Name`: the property's value (unrolled), a string method's result, or $null. */
function memberOperation(name: string): Operation {
  let pattern: RegExp | undefined;
  try {
    pattern = hasWildcard(name) ? wildcardRegExp(name) : undefined;
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    throw usageError('WildcardPatternException', coreMessages.WildcardPatternException('MemberName', error.reason), echo(name));
  }
  const method = STRING_METHODS[name.toLowerCase()];
  return (input, record) => {
    if (typeof input === 'string' && method !== undefined) return [method(input)];
    if (pattern === undefined) {
      if (typeof input === 'string') return [name.toLowerCase() === 'length' ? input.length : null];
      return unroll(isPSObject(input) ? (findProperty(input, name)?.value ?? null) : null);
    }
    const matches = objectProperties(input).filter(([key]) => pattern.test(key));
    if (matches.length > 1) {
      const names = matches.map(([key]) => key).join(' ');
      const message = cmdletMessages.AmbiguousPropertyOrMethodName(name, names);
      return [errorRecord({ errorId: 'AmbiguousPropertyOrMethodName', category: 'InvalidArgument', message, target: typeof input === 'string' ? echo(input) : input, record })];
    }
    return unroll(matches[0]?.[1] ?? null);
  };
}

function unroll(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value === undefined ? null : value];
}

/**
 * ForEach-Object against PowerShell: -MemberName (case, missing members, arrays unrolled, wildcards,
 * string methods, null input) and -Process script blocks within the expression language.
 */
import type { ConformanceCase } from '../case.js';

const AB = ['{"a":1,"b":"x"}', '{"a":2,"b":"y"}'];

/** A case; `{...}` in single quotes for bash is a bare script block for PowerShell. */
function each(name: string, input: readonly string[], args: string, errors?: readonly string[]): ConformanceCase {
  const pipeline = `ForEach-Object ${args}`;
  const pwsh = pipeline.replace(/'(\{[^']*\})'/g, '$1');
  return { name, input, pipeline, ...(pwsh === pipeline ? {} : { pwsh }), output: 'objects', ...(errors ? { errors } : {}) };
}

const cases: ConformanceCase[] = [
  each('a member name', AB, 'b'),
  each('a member name in another case', AB, 'B'),
  each('the MemberName parameter', AB, '-MemberName a'),
  each('a missing member is null', AB, 'zz'),
  each('a wildcard matching one member', AB, "'b*'"),
  each('a wildcard matching nothing is null', AB, "'q*'"),
  each('an array is unrolled, nulls kept', ['{"a":[1,null,"z"]}'], 'a'),
  each('an empty array writes nothing', ['{"a":[]}'], 'a'),
  each('a null value', ['{"a":null}'], 'a'),
  each('a nested object', ['{"a":{"c":1}}'], 'a'),
  each('the Length of strings', ['"abc"', '""'], 'Length'),
  each('a null input gives null', ['null'], 'Length'),
  each('a string method', ['" x "'], 'Trim'),
  each('a string method in any case', ['"abc"'], 'toupper'),
  each('a date passes through', ['{"When":"2012-09-25T13:35:03.000Z"}'], 'When'),
  each('a script block', AB, "-Process '{$_.a}'"),
  each('a script block by position', AB, "'{$_.b}'"),
  each('PSItem', AB, "'{$PSItem.b}'"),
  each('the object itself', AB, "'{$_}'"),
  each('a comparison', AB, "'{$_.a -eq 1}'"),
  each('a comparison with -and', AB, `'{$_.a -gt 1 -and $_.b -like "y*"}'`),
  each('a script block unrolls an array', ['{"a":[1,2]}'], "'{$_.a}'"),
  each('a literal', AB, `'{"text"}'`),
  each('a missing property in a script block is null', AB, "'{$_.zz}'"),
  each('a wildcard matching several members', ['{"a":1,"ab":2}'], "'a*'", ['AmbiguousPropertyOrMethodName']),
  each('MemberName and Process together', AB, "-MemberName a -Process '{$_.a}'", ['AmbiguousParameterSet']),
];

export default cases;

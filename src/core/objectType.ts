/**
 * PowerShell's [Object] and [PSObject] parameter types: any value binds as it is, null included.
 * Command-line text stays text, except the automatic variables `$true`, `$false` and `$null`: bash
 * passes them on verbatim inside single quotes, and they can mean nothing else there.
 */
import type { ParamType } from './types.js';

const VARIABLES: Readonly<Record<string, unknown>> = { $true: true, $false: false, $null: null };

function anyValue(name: string): ParamType<unknown> {
  return {
    name,
    accepts: () => true,
    convert: (value) => value,
    parse: (text) => {
      const folded = text.trim().toLowerCase();
      return Object.hasOwn(VARIABLES, folded) ? VARIABLES[folded] : text;
    },
  };
}

/** Any value (Where-Object's -Value). */
export const ObjectType = anyValue('Object');

/** Any pipeline object, a plain string or null too (Where-Object's -InputObject). */
export const PSObjectType = anyValue('PSObject');

/**
 * The -InputObject of the object cmdlets (Where-Object, Select-Object, ForEach-Object): every pipeline
 * record, null and "" included. Mandatory, so that the command always reads standard input when it
 * is not a terminal.
 * @param description what the objects are for
 * @returns the parameter declaration
 */
export function inputObjectParameter(description: string) {
  return { type: PSObjectType, mandatory: true, valueFromPipeline: true, allowNull: true, allowEmptyString: true, description } as const;
}

/**
 * Message texts of the engine, after PowerShell's ParameterBinderStrings and CommandBaseStrings.
 * Values from the command line or the input go through echo() (or quoteRedacted, when the value
 * could be a PIN); names from declarations are shown as they are.
 */
import { echo } from './echo.js';
import { quoteRedacted } from './redact.js';

/** The ShouldProcess description of an action, for What if, -Verbose and the -Confirm prompt. */
function performing(action: string, target: string): string {
  return `Performing the operation "${action}" on target "${echo(target)}".`;
}

export const messages = {
  namedParameterNotFound: (name: string) => `A parameter cannot be found that matches parameter name '${echo(name)}'.`,
  ambiguousParameter: (name: string, candidates: string[]) =>
    `Parameter cannot be processed because the parameter name '${echo(name)}' is ambiguous. Possible matches include: ${candidates
      .map((c) => `-${c}`)
      .join(' ')}.`,
  missingArgument: (name: string, type: string) =>
    `Missing an argument for parameter '${name}'. Specify a parameter of type '${type}' and try again.`,
  parameterAlreadyBound: (name: string) =>
    `Cannot bind parameter because parameter '${name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
  positionalParameterNotFound: (arg: string) => `A positional parameter cannot be found that accepts argument ${quoteRedacted(arg, "'")}.`,
  /** Type conversion's detail, for a value that does not convert. */
  cannotConvertValue: (text: string, type: string, hint = '') => `Cannot convert value "${echo(text)}" to type "${type}".${hint ? ` ${hint}` : ''}`,
  emptySwitchValue: (name: string) =>
    `Missing a value after '-${name}:'. bash expands an unquoted $false to nothing: write -${name}:false or '-${name}:$false'.`,
  switchNotString: (name: string, text: string) =>
    `Cannot convert 'System.String' to the type 'System.Management.Automation.SwitchParameter' required by parameter '${name}': "${echo(text)}" is text. Use a number (0 is false), $true or $false (true or false in bash).`,
  cannotConvert: (name: string, detail: string) => `Cannot bind parameter '${name}'. ${detail}`,
  missingMandatory: (names: string[]) =>
    `Cannot process command because of one or more missing mandatory parameters: ${names.join(' ')}.`,
  mutuallyExclusive: (names: string[]) =>
    `Parameter set cannot be resolved using the specified named parameters. ${names.map((n) => `-${n}`).join(' and ')} cannot be used together.`,
  unsupportedCommonParameter: (name: string) =>
    `The common parameter -${name} stores results in a PowerShell variable and has no meaning in bash; use redirection (2>file) or tee instead.`,
  unsupportedActionPreference: (name: string, value: string) =>
    `The ${value} value of -${name} is not supported: use Continue, SilentlyContinue, Ignore, Stop or Inquire.`,
  inputObjectNotBound:
    'The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.',
  inputObjectMissingMandatory: (names: string[]) =>
    `The input object cannot be bound because it did not contain the information required to bind all mandatory parameters: ${names.join(' ')}`,
  nullNotAllowed: (name: string) => `Cannot bind argument to parameter '${name}' because it is null.`,
  belowRange: (name: string, value: number, min: number) =>
    `Cannot validate argument on parameter '${name}'. The ${value} argument is less than the minimum allowed range of ${min}. Supply an argument that is greater than or equal to ${min} and then try the command again.`,
  aboveRange: (name: string, value: number, max: number) =>
    `Cannot validate argument on parameter '${name}'. The ${value} argument is greater than the maximum allowed range of ${max}. Supply an argument that is less than or equal to ${max} and then try the command again.`,
  whiteSpaceNotAllowed: (name: string) =>
    `Cannot validate argument on parameter '${name}'. The argument is null, empty, or consists of only white-space characters. Provide an argument that contains non white-space characters, and then try the command again.`,
  emptyStringNotAllowed: (name: string) => `Cannot bind argument to parameter '${name}' because it is an empty string.`,
  actionPreferenceStop: (message: string) =>
    `The running command stopped because the preference variable "ErrorActionPreference" or common parameter is set to Stop: ${message}`,
  performing,
  whatIf: (action: string, target: string) => `What if: ${performing(action, target)}`,
  noTerminal: (name: string) =>
    `-Confirm needs a terminal to ask on, and there is none (/dev/tty cannot be opened). Run ${name} from a terminal, or use -Confirm:false or -WhatIf.`,
  halted: 'The command was halted at the user\'s request.',
} as const;

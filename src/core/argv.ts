/**
 * The PowerShell argv dialect on top of yargs. yargs-parser cannot match names case-insensitively or
 * by prefix, and it splits `-OU` into short options, so names are resolved here first (PowerShell's
 * rules: exact beats prefix, a cmdlet's own parameter beats a common one) and yargs gets canonical
 * `--Name=value` tokens, with every positional argument after `--` so none is mistaken for an option.
 */
import Parser from 'yargs-parser';
import { gatherCommaList } from './commaList.js';
import { echo } from './echo.js';
import { usageError } from './errors.js';
import { coreMessages } from './messages.js';
import { didYouMean, nearestNames } from './suggest.js';
import { NOT_CONVERTIBLE, booleanArgument } from './types.js';

/** What the argv parser needs to know about a parameter. */
export interface ArgvParameter {
  name: string;
  aliases: readonly string[];
  isSwitch: boolean;
  /** An array parameter: its value is a comma list, which may span arguments (`Name, Count`). */
  isArray?: boolean;
  typeName: string;
  /** A common parameter loses prefix ties against the cmdlet's own parameters. */
  common: boolean;
}

/** Named values (text, or booleans for switches) and positional arguments, in order. */
export interface ParsedArgv {
  named: Map<string, string | boolean>;
  positional: string[];
}

// A parameter token: -Name, --Name, -Name:value, --Name=value. "-1" or "-" are values.
const PARAMETER_TOKEN = /^(--?)([A-Za-z_][A-Za-z0-9_]*)(?::(.*)|(=.*))?$/s;

/**
 * Resolves a typed name to one parameter.
 * @param typed the name as typed, without dashes
 * @param parameters the cmdlet's parameters, common ones included
 * @returns the parameter
 * @throws TerminatingError NamedParameterNotFound or AmbiguousParameter
 */
export function resolveParameterName(typed: string, parameters: readonly ArgvParameter[]): ArgvParameter {
  const folded = typed.toLowerCase();
  const names = (p: ArgvParameter) => [p.name, ...p.aliases].map((n) => n.toLowerCase());
  const exact = parameters.find((p) => names(p).includes(folded));
  if (exact) return exact;
  const hits = parameters.filter((p) => names(p).some((n) => n.startsWith(folded)));
  if (hits.length === 1 && hits[0]) return hits[0];
  const own = hits.filter((p) => !p.common);
  if (own.length === 1 && own[0]) return own[0];
  if (hits.length === 0) {
    throw usageError('NamedParameterNotFound', coreMessages.NamedParameterNotFound(echo(typed)) + didYouMean(suggestParameters(typed, parameters)), echo(typed));
  }
  throw usageError('AmbiguousParameter', coreMessages.AmbiguousParameter(echo(typed), hits.map((p) => p.name)), echo(typed));
}

/** The parameters nearest to a mistyped name (by any of their names), as `-Name`. */
function suggestParameters(typed: string, parameters: readonly ArgvParameter[]): string[] {
  const owner = new Map(parameters.flatMap((p) => [p.name, ...p.aliases].map((n) => [n.toLowerCase(), p.name] as const)));
  const names = nearestNames(typed, [...owner.keys()], 6).map((n) => owner.get(n) ?? n);
  return [...new Set(names)].slice(0, 3).map((n) => `-${n}`);
}

function isParameterToken(token: string, parameters: readonly ArgvParameter[]): boolean {
  // PowerShell: a following "-word" that names no parameter is a value ("-Identity -kenmyer").
  const match = PARAMETER_TOKEN.exec(token);
  const folded = match?.[2]?.toLowerCase();
  // "-OU=x" is a value, as parseArgv reads it; only "--OU=x" names a parameter.
  if (folded === undefined || (match?.[4] !== undefined && match[1] !== '--')) return false;
  return parameters.some((p) => [p.name, ...p.aliases].some((n) => n.toLowerCase().startsWith(folded)));
}

function switchValue(parameter: ArgvParameter, text: string): boolean {
  if (text.trim() === '') throw usageError('SwitchValueMissing', coreMessages.SwitchValueMissing(parameter.name), parameter.name);
  const value = booleanArgument(text);
  if (value !== NOT_CONVERTIBLE) return value;
  // PowerShell's binder: a switch takes a Boolean or a number, never a string (CannotConvertArgument).
  throw usageError('CannotConvertArgument', coreMessages.CannotConvertArgument.switchNotString(parameter.name, text), echo(text));
}

/**
 * Splits argv into canonical named values and positional arguments.
 * @param argv the arguments after the command name
 * @param parameters the cmdlet's parameters, common ones included
 * @returns the parsed arguments
 * @throws TerminatingError (exit status 2) for any command-line mistake
 */
export function parseArgv(argv: readonly string[], parameters: readonly ArgvParameter[]): ParsedArgv {
  const normalized: string[] = [];
  const positional: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const match = PARAMETER_TOKEN.exec(token);
    if (!match?.[2] || (match[4] !== undefined && match[1] !== '--')) {
      positional.push(token);
      continue;
    }
    const parameter = resolveParameterName(match[2], parameters);
    if (seen.has(parameter.name)) throw usageError('ParameterAlreadyBound', coreMessages.ParameterAlreadyBound(parameter.name), parameter.name);
    seen.add(parameter.name);
    const attached = match[3] ?? match[4]?.slice(1);
    if (parameter.isSwitch) {
      normalized.push(`--${parameter.name}=${attached === undefined ? true : switchValue(parameter, attached)}`);
      continue;
    }
    let value = attached;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next === '--' || isParameterToken(next, parameters)) {
        throw usageError('MissingArgument', coreMessages.MissingArgument(parameter.name, parameter.typeName), parameter.name);
      }
      value = next;
      i++;
    }
    if (parameter.isArray) {
      // `-Property Name, Count`: the arguments after a trailing comma belong to the list.
      const list = gatherCommaList(argv, i, value, (token) => token === '--' || isParameterToken(token, parameters));
      value = list.text;
      i = list.next - 1;
    }
    normalized.push(`--${parameter.name}=${value}`);
  }
  return { named: parseWithYargs(normalized, parameters), positional };
}

function parseWithYargs(tokens: string[], parameters: readonly ArgvParameter[]): Map<string, string | boolean> {
  const values = parameters.filter((p) => !p.isSwitch).map((p) => p.name);
  // yargs' own parser (yargs-parser), without yargs' help/i18n layer whose start-up cost every command
  // would pay. narg 1 keeps a value verbatim: for plain `--Name=value` yargs-parser strips surrounding
  // quotes ('"Ken Myer"' would lose them); its narg path does not.
  const parsed = Parser(tokens, {
    boolean: parameters.filter((p) => p.isSwitch).map((p) => p.name),
    string: values,
    narg: Object.fromEntries(values.map((name) => [name, 1])),
    configuration: {
      'short-option-groups': false,
      'camel-case-expansion': false,
      'parse-numbers': false,
      'parse-positional-numbers': false,
      'dot-notation': false,
      'boolean-negation': false,
      'duplicate-arguments-array': false,
      'greedy-arrays': false,
    },
  });
  const named = new Map<string, string | boolean>();
  for (const p of parameters) {
    const value: unknown = parsed[p.name];
    if (typeof value === 'string' || typeof value === 'boolean') named.set(p.name, value);
  }
  return named;
}

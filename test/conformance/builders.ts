/** Builders for the cases of one command: its name, the parameters, the input. */
import type { ConformanceCase, ConformanceOutput } from './case.js';

/** Objects whose values need quoting, escaping or are null or empty (CSV cases). */
export const MIXED = ['{"a":"x,y","b":"q\\"r","c":"l\\nm","d":" s","e":null,"f":"","g":1.5,"h":true}'];

/**
 * Cases that run one command after the input.
 * @param command the command, with any leading parameters
 * @param output what is compared
 * @returns a builder: name, parameters, input lines, other fields
 */
export function runs(command: string, output: ConformanceOutput) {
  return (name: string, parameters: string, input: readonly string[], extra: Partial<ConformanceCase> = {}): ConformanceCase => ({
    name: `${command.split(' ')[0] ?? command}: ${name}`,
    input,
    pipeline: `${command} ${parameters}`.trim(),
    output,
    ...extra,
  });
}

/**
 * Cases of a ConvertFrom-* command given its text as -InputObject (a pipe carries text to cspin, strings to PowerShell).
 * @param command ConvertFrom-Csv or ConvertFrom-Json
 * @returns a builder: name, text, parameters, errors
 */
export function reads(command: string) {
  return (name: string, text: string, parameters = '', errors?: readonly string[]): ConformanceCase => ({
    name: `${command}: ${name}`,
    pipeline: `${command} -InputObject '${text}' ${parameters}`.trim(),
    // The same text for PowerShell: without it the runner would take '{...}' for a quoted script block.
    pwsh: `${command} -InputObject '${text.replace(/'/g, "''")}' ${parameters}`.trim(),
    output: 'objects',
    ...(errors ? { errors } : {}),
  });
}

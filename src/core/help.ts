/** Get-Help style text, generated from the declaration alone. */
import type { AnyCmdletDecl, ParameterDecl } from './declaration.js';
import { formatBytes } from './memoryBudget.js';

const indent = (text: string, by = 4) =>
  text
    .split('\n')
    .map((line) => (line ? ' '.repeat(by) + line : line))
    .join('\n');

/**
 * The one-line syntax: `Name [-Identity] <Type> [-WhatIf] [-Confirm] [<CommonParameters>]`.
 * @param decl the cmdlet declaration
 * @returns the syntax line
 */
export function syntaxLine(decl: AnyCmdletDecl): string {
  const parts = Object.entries(decl.parameters).map(([name, p]) => {
    const nameText = p.position === undefined ? `-${name}` : `[-${name}]`;
    const text = p.type.isSwitch ? `-${name}` : `${nameText} <${p.type.name}>`;
    return p.mandatory ? text : `[${text}]`;
  });
  if (decl.shouldProcess) parts.push('[-WhatIf]', '[-Confirm]');
  return [decl.name, ...parts, '[<CommonParameters>]'].join(' ');
}

function parameterHelp(name: string, p: ParameterDecl): string {
  const pipeline = [p.valueFromPipeline && 'ByValue', p.valueFromPipelineByPropertyName && 'ByPropertyName'].filter(Boolean);
  const rows = [
    ['Required?', String(p.mandatory === true)],
    ['Position?', p.position === undefined ? 'named' : String(p.position)],
    ['Accept pipeline input?', pipeline.length ? `true (${pipeline.join(', ')})` : 'false'],
    ['Aliases', (p.aliases ?? []).join(', ') || 'none'],
  ];
  const body = [p.description + (p.extension ? ' (cspin extension)' : ''), '', ...rows.map(([k, v]) => `${(k ?? '').padEnd(28)} ${v}`)];
  return `-${name}${p.type.isSwitch ? '' : ` <${p.type.name}>`}\n${indent(body.join('\n'))}`;
}

/**
 * The full help text of a cmdlet.
 * @param decl the cmdlet declaration
 * @returns help text, ending with a newline
 */
export function helpText(decl: AnyCmdletDecl): string {
  const sections: [string, string][] = [
    ['NAME', decl.name],
    ['SYNOPSIS', decl.synopsis],
    ['SYNTAX', syntaxLine(decl)],
  ];
  if (decl.description) sections.push(['DESCRIPTION', decl.description]);
  const parameters = Object.entries(decl.parameters).map(([name, p]) => parameterHelp(name, p));
  if (decl.shouldProcess) {
    parameters.push('-WhatIf\n    Describes what would happen if you executed the command without actually executing the command.');
    parameters.push('-Confirm\n    Prompts you for confirmation before executing the command.');
  }
  parameters.push('<CommonParameters>\n    -Verbose, -Debug, -ErrorAction, -WarningAction, -InformationAction, -ProgressAction, -OutBuffer.');
  sections.push(['PARAMETERS', parameters.join('\n\n')]);
  if (decl.inputTypes?.length) sections.push(['INPUTS', decl.inputTypes.join('\n')]);
  if (decl.outputType) sections.push(['OUTPUTS', decl.outputType]);
  if (decl.holds) sections.push(['MEMORY', `Holds ${decl.holds.what}.\nBudget: ${formatBytes(decl.holds.budget)} (CSPIN_MEMORY_BUDGET can lower it). Past it: ${decl.holds.wayOut}.`]);
  if (decl.notes?.length) sections.push(['NOTES', decl.notes.join('\n\n')]);
  const examples = decl.examples.map(
    (e, i) => `-------------------------- Example ${i + 1} --------------------------\n${e.code}\n\n${e.remarks}`,
  );
  if (examples.length) sections.push(['EXAMPLES', examples.join('\n\n')]);
  return sections.map(([title, body]) => `${title}\n${indent(body)}\n`).join('\n');
}

/** Whether argv asks for help: -?, -h or --help. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-?' || a === '-h' || a === '--help');
}

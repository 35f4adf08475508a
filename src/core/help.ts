/** Get-Help style text, generated from the declaration alone. */
import { exclusivePartners } from './bindCommandLine.js';
import type { AnyCmdletDecl, ParameterDecl } from './declaration.js';

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
  const usage = (name: string, p: ParameterDecl): string => {
    const nameText = p.position === undefined ? `-${name}` : `[-${name}]`;
    return p.type.isSwitch ? `-${name}` : `${nameText} <${p.type.name}>`;
  };
  const shown = new Set<string>();
  const parts = Object.entries(decl.parameters).flatMap(([name, p]) => {
    if (shown.has(name)) return [];
    if (!p.mandatory) return [`[${usage(name, p)}]`];
    // Mandatory parameters that exclude each other (Import-Csv's -Path and -LiteralPath): one of them.
    const either = [name, ...exclusivePartners(decl, name).filter((other) => decl.parameters[other]?.mandatory)];
    either.forEach((other) => shown.add(other));
    const texts = either.map((other) => usage(other, decl.parameters[other] ?? p));
    return [texts.length > 1 ? `{${texts.join(' | ')}}` : usage(name, p)];
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

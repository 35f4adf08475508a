/**
 * Get-Help text, generated from the declaration alone, in PowerShell's layout (its help for a
 * function with comment-based help, as Out-String prints it): the default view, -Detailed, -Full,
 * -Examples and -Parameter. Lines that PowerShell fills with indentation only are left empty.
 */
import { exclusivePartners } from './bindCommandLine.js';
import type { AnyCmdletDecl, ParameterDecl } from './declaration.js';
import { formatBytes } from './memoryBudget.js';

/** Which sections Get-Help shows. */
export type HelpView = 'default' | 'detailed' | 'full' | 'examples';

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

const SHOULD_PROCESS_HELP: Readonly<Record<string, string>> = {
  WhatIf: 'Describes what would happen if you executed the command without actually executing the command.',
  Confirm: 'Prompts you for confirmation before executing the command.',
};

const COMMON_HELP =
  '<CommonParameters>\n    This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, WarningAction,\n    InformationAction, ProgressAction and OutBuffer (the variable parameters have no meaning in bash).';

/** A parameter's own description, marked when it is a cspin extension. */
const describe = (p: ParameterDecl) => p.description + (p.extension ? ' (cspin extension)' : '');

/** `-Name <Type>`, or `-Name [<SwitchParameter>]` for a switch, as PowerShell heads a parameter. */
const heading = (name: string, p: ParameterDecl) => `-${name} ${p.type.isSwitch ? '[<SwitchParameter>]' : `<${p.type.name}>`}`;

/**
 * One parameter's block of -Full and -Parameter: its description and attribute table.
 * @param name the parameter's name
 * @param p its declaration
 * @returns the block, not indented
 */
export function parameterBlock(name: string, p: ParameterDecl): string {
  const pipeline = [p.valueFromPipeline && 'ByValue', p.valueFromPipelineByPropertyName && 'ByPropertyName'].filter(Boolean);
  const rows = [
    ['Required?', String(p.mandatory === true)],
    ['Position?', p.position === undefined ? 'named' : String(p.position)],
    ['Default value', p.type.isSwitch ? 'False' : ''],
    ['Accept pipeline input?', pipeline.length ? `true (${pipeline.join(', ')})` : 'false'],
    ['Aliases', (p.aliases ?? []).join(', ')],
  ];
  const table = rows.map(([k, v]) => `${(k ?? '').padEnd(28)} ${v}`.trimEnd());
  return `${heading(name, p)}\n${indent([describe(p), '', ...table, ''].join('\n'))}`;
}

/** The parameters of a cmdlet with -WhatIf and -Confirm when it supports them, as [name, declaration]. */
function parametersOf(decl: AnyCmdletDecl): [string, ParameterDecl][] {
  const own = Object.entries(decl.parameters);
  if (!decl.shouldProcess) return own;
  return [...own, ...Object.entries(SHOULD_PROCESS_HELP).map(([name, description]): [string, ParameterDecl] => [name, { type: { name: 'SwitchParameter', isSwitch: true, accepts: () => true, convert: () => true }, description }])];
}

function examplesText(decl: AnyCmdletDecl): string {
  return decl.examples
    .map((e, i) => `-------------------------- EXAMPLE ${i + 1} --------------------------\n\nPS > ${e.code}\n\n${e.remarks}\n\n\n\n\n`)
    .join('');
}

/**
 * The help text of a cmdlet in one of Get-Help's views.
 * @param decl the cmdlet declaration
 * @param view @default 'full' (what `-?` shows in cspin: everything)
 * @returns the text, ending with a newline
 */
export function helpText(decl: AnyCmdletDecl, view: HelpView = 'full'): string {
  const out = [`\nNAME\n    ${decl.name}\n\nSYNOPSIS\n${indent(decl.synopsis)}\n\n`];
  if (view === 'examples') return `${out.join('')}\n${indent(examplesText(decl))}\n`;
  out.push(`\nSYNTAX\n    ${syntaxLine(decl)}\n\n\n`);
  if (decl.description) out.push(`DESCRIPTION\n${indent(decl.description)}\n\n`);
  if (view === 'detailed' || view === 'full') {
    const blocks = parametersOf(decl).map(([name, p]) => (view === 'full' ? parameterBlock(name, p) : `${heading(name, p)}\n${indent(describe(p))}\n`));
    out.push(`\nPARAMETERS\n${indent([...blocks, COMMON_HELP].join('\n'))}\n\n`);
  }
  if (view === 'full') {
    out.push(`INPUTS\n${indent((decl.inputTypes ?? []).join('\n'))}\n\nOUTPUTS\n${indent(decl.outputType ?? '')}\n\n`);
    if (decl.holds) out.push(`MEMORY\n${indent(`Holds ${decl.holds.what}${decl.holds.when ? `, ${decl.holds.when}` : ''}.\nBudget: ${formatBytes(decl.holds.budget)} (CSPIN_MEMORY_BUDGET can lower it). Past it: ${decl.holds.wayOut}.`)}\n\n`);
    if (decl.notes?.length) out.push(`NOTES\n${indent(decl.notes.join('\n\n'))}\n\n`);
  }
  if (view !== 'default') out.push(indent(examplesText(decl)));
  if (view !== 'full') {
    out.push(
      `REMARKS\n    To see the examples, type: "Get-Help ${decl.name} -Examples"\n    For more information, type: "Get-Help ${decl.name} -Detailed"\n    For technical information, type: "Get-Help ${decl.name} -Full"\n`,
    );
  }
  return `${out.join('')}\n`;
}

/** Whether argv asks for help: -?, -h or --help. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-?' || a === '-h' || a === '--help');
}

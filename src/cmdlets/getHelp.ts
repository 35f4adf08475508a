import { wildcardRegExp } from '../core/compare.js';
import { PlainText, StringType, SwitchType, defineCmdlet, echo, errorRecord, helpText, parameterBlock, usageError, type AnyCmdletDecl } from '../core/index.js';
import { NameListType } from '../core/propertyType.js';
import { loadDeclarations, matchingNames } from './commandLookup.js';
import { cmdletMessages } from './messages.js';


export default defineCmdlet({
  name: 'Get-Help',
  synopsis: 'Displays information about cspin commands.',
  description:
    'Shows the help of a cmdlet, generated from its declaration (the same text as the cmdlet\'s -?): by default its name, synopsis, syntax and description; -Detailed adds the parameters and the examples, -Full the parameters\' attributes, inputs, outputs and notes; -Examples shows only the name, synopsis and examples; -Parameter the named parameters. A name with wildcards that matches several cmdlets lists them. The help is text: it is written as it is, also into a pipe.',
  parameters: {
    Name: {
      type: StringType,
      position: 0,
      valueFromPipelineByPropertyName: true,
      description: 'The cmdlet to show the help of, in any case; wildcards (* ?) list the cmdlets that match. Without a name, Get-Help shows its own help.',
    },
    Examples: { type: SwitchType, description: 'Shows only the name, synopsis and examples.' },
    Detailed: { type: SwitchType, description: 'Adds the parameter descriptions and the examples to the default view.' },
    Full: { type: SwitchType, description: 'Shows the whole help: parameters with their attributes, inputs, outputs, notes and examples.' },
    Parameter: { type: NameListType, description: 'Shows only the named parameters, a comma list (wildcards allowed, e.g. "*").' },
  },
  mutuallyExclusive: [['Examples', 'Detailed', 'Full', 'Parameter']],
  inputTypes: ['Objects with a Name property (Get-Command\'s output).'],
  outputType: 'System.String (text)',
  examples: [
    {
      title: 'The examples of a cmdlet',
      code: 'Get-Help Get-Command -Examples',
      remarks: 'Shows the name, the synopsis and the documented examples of Get-Command, as PowerShell\'s Get-Help -Examples lays them out.',
      expect: {
        stdout: [
          '\nNAME\n    Get-Command\n\nSYNOPSIS\n    Gets all commands.\n\n\n',
          '    -------------------------- EXAMPLE 1 --------------------------\n\n    PS > Get-Command -Noun CsClientPin\n\n',
          '    Lock-, Set-, Test- and Unlock-CsClientPin (the noun must match whole: Get-CsClientPinInfo is another noun).\n\n\n\n\n',
          '    -------------------------- EXAMPLE 2 --------------------------\n\n    PS > get-command get-csclientpininfo -Syntax\n\n',
          '    Names match in any case; -Syntax writes the syntax line as text.\n\n\n\n\n',
          '    -------------------------- EXAMPLE 3 --------------------------\n\n    PS > Get-Command Get-CsUsr\n\n',
          '    Writes the CommandNotFoundException error, as PowerShell does, and exits with status 1.\n\n\n\n\n\n',
        ].join(''),
      },
    },
    {
      title: 'One parameter',
      code: 'Get-Help Get-CsUser -Parameter ResultSize',
      remarks: 'Shows the description and attributes of Get-CsUser\'s -ResultSize parameter.',
      expect: {
        stdout:
          '\n-ResultSize <Unlimited[UInt32]>\n    The maximum number of users to return: 0 to 2147483647, or Unlimited (the default). 0 returns nothing.\n\n' +
          '    Required?                    false\n    Position?                    named\n    Default value\n    Accept pipeline input?       false\n    Aliases\n\n\n',
      },
    },
    {
      title: 'A command that does not exist',
      code: 'Get-Help Get-Nothing',
      remarks: 'Writes the HelpNotFound error, as PowerShell does, and exits with status 1.',
      expect: { exitCode: 1, stdout: '', stderrIncludes: 'Get-Help could not find Get-Nothing' },
    },
  ],

  async *process(records) {
    for (const { params, record } of records) {
      const name = params.Name ?? 'Get-Help';
      const names = matchingNames(name, 'Name');
      if (names.length === 0) {
        yield errorRecord({ errorId: 'HelpNotFound', category: 'ResourceUnavailable', message: cmdletMessages.HelpNotFound(name), target: echo(name), record });
        continue;
      }
      const decls = await loadDeclarations(names);
      const [only] = decls;
      if (!only) continue;
      if (decls.length > 1) yield new PlainText(helpList(decls));
      else if (params.Parameter !== undefined) yield parameterHelp(only, params.Parameter, record);
      else yield new PlainText(helpText(only, params.Examples ? 'examples' : params.Full ? 'full' : params.Detailed ? 'detailed' : 'default').replace(/\n$/, ''));
    }
  },
});

/** Several cmdlets, as PowerShell lists help topics: Name, Category, Module and Synopsis. */
function helpList(decls: readonly AnyCmdletDecl[]): string {
  const width = Math.max(4, ...decls.map((d) => d.name.length)) + 1;
  const rows = decls.map((d) => `${d.name.padEnd(width)} ${'Cmdlet'.padEnd(8)} ${'cspin'.padEnd(6)} ${d.synopsis}`);
  return ['', `${'Name'.padEnd(width)} ${'Category'.padEnd(8)} ${'Module'.padEnd(6)} Synopsis`, `${'----'.padEnd(width)} ${'--------'.padEnd(8)} ${'------'.padEnd(6)} --------`, ...rows, ''].join('\n');
}

/** The blocks of the parameters the patterns name (each once, in pattern order), or PowerShell's NoParmsFound error. */
function parameterHelp(decl: AnyCmdletDecl, patterns: readonly string[], record: number | undefined): PlainText | ReturnType<typeof errorRecord> {
  const names = new Set<string>();
  for (const pattern of patterns) {
    let regExp: RegExp;
    try {
      regExp = wildcardRegExp(pattern);
    } catch {
      throw usageError('WildcardPatternInvalid', cmdletMessages.WildcardPatternInvalid.help(pattern), echo(pattern));
    }
    for (const name of Object.keys(decl.parameters)) if (regExp.test(name)) names.add(name);
  }
  const blocks = [...names].map((name) => parameterBlock(name, decl.parameters[name] as AnyCmdletDecl['parameters'][string]));
  if (blocks.length === 0) {
    const shown = patterns.join(', ');
    return errorRecord({ errorId: 'NoParmsFound', category: 'InvalidArgument', message: cmdletMessages.NoParmsFound(shown), target: echo(shown), record });
  }
  return new PlainText(`\n${blocks.join('\n')}\n`);
}

import { PlainText, SwitchType, defineCmdlet, echo, errorRecord, packageVersion, syntaxLine } from '../core/index.js';
import { NameListType } from '../core/propertyType.js';
import { isWildcard, loadDeclarations, matchingNames } from './commandLookup.js';
import { cmdletMessages } from './messages.js';

/** PowerShell's CmdletInfo, as far as its default view shows it, with its Verb and Noun. */
const COMMAND_TYPE = 'System.Management.Automation.CmdletInfo';

/** Names given to -Name, -Verb or -Noun (string[]: the binder splits comma lists), empty ones left out. */
const namesOf = (names: readonly string[] | undefined): string[] | undefined => names?.map((name) => name.trim()).filter((name) => name !== '');

export default defineCmdlet({
  name: 'Get-Command',
  synopsis: 'Gets all commands.',
  description:
    'Lists the cspin cmdlets, from the registry the bins run: every one, or those whose name, verb or noun matches (case-insensitively, with wildcards). A name without wildcards that names no cmdlet is an error, as in PowerShell; a wildcard or a -Verb / -Noun that matches nothing gives nothing. -Syntax writes each cmdlet\'s syntax line as text instead of objects.',
  parameters: {
    Name: {
      type: NameListType,
      position: 0,
      valueFromPipelineByPropertyName: true,
      description: 'Names of cmdlets, comma-separated, any case, wildcards allowed.',
    },
    Verb: { type: NameListType, description: 'Only cmdlets with these verbs (comma-separated, wildcards allowed), e.g. Get.' },
    Noun: { type: NameListType, description: 'Only cmdlets with these nouns (comma-separated, wildcards allowed), e.g. CsClientPin.' },
    Syntax: { type: SwitchType, description: 'Writes the syntax of each cmdlet as text instead of its object.' },
  },
  outputType: `${COMMAND_TYPE}, or text with -Syntax`,
  outputProperties: ['CommandType', 'Name', 'Version', 'Source', 'Verb', 'Noun'],
  examples: [
    {
      title: 'The cmdlets for a noun',
      code: 'Get-Command -Noun CsClientPin',
      remarks: 'Lock-, Set-, Test- and Unlock-CsClientPin (the noun must match whole: Get-CsClientPinInfo is another noun).',
      expect: {
        objects: ['Lock', 'Set', 'Test', 'Unlock'].map((verb) => ({
          PSTypeName: COMMAND_TYPE,
          CommandType: 'Cmdlet',
          Name: `${verb}-CsClientPin`,
          Version: '<any>',
          Source: 'cspin',
          Verb: verb,
          Noun: 'CsClientPin',
        })),
      },
    },
    {
      title: 'The syntax of a cmdlet',
      code: 'get-command get-csclientpininfo -Syntax',
      remarks: 'Names match in any case; -Syntax writes the syntax line as text.',
      expect: { stdout: '\nGet-CsClientPinInfo [-Identity] <UserIdParameter> [-WhatIf] [-Confirm] [<CommonParameters>]\n\n' },
    },
    {
      title: 'A command that does not exist',
      code: 'Get-Command Get-CsUsr',
      remarks: 'Writes the CommandNotFoundException error, as PowerShell does, and exits with status 1.',
      expect: { exitCode: 1, objects: [], stderrIncludes: 'Get-CsUsr' },
    },
  ],

  async *process(records) {
    for (const { params, record } of records) {
      const patterns = namesOf(params.Name) ?? ['*'];
      const names = new Set<string>();
      for (const pattern of patterns) {
        const matches = matchingNames(pattern, 'Name');
        if (matches.length === 0 && !isWildcard(pattern)) {
          yield errorRecord({
            errorId: 'CommandNotFoundException',
            category: 'ObjectNotFound',
            message: cmdletMessages.CommandNotFoundException(pattern),
            target: echo(pattern),
            record,
          });
        }
        for (const name of matches) names.add(name);
      }
      const verbs = namesOf(params.Verb)?.flatMap((v) => matchingNames(`${v}-*`, 'Verb'));
      const nouns = namesOf(params.Noun)?.flatMap((n) => matchingNames(`*-${n}`, 'Noun'));
      const chosen = [...names].filter((name) => (!verbs || verbs.includes(name)) && (!nouns || nouns.includes(name))).sort();
      const decls = await loadDeclarations(chosen);
      for (const decl of decls) {
        if (params.Syntax) {
          yield new PlainText(`\n${syntaxLine(decl)}\n`);
          continue;
        }
        const [verb = '', noun = ''] = decl.name.split('-');
        yield { PSTypeName: COMMAND_TYPE, CommandType: 'Cmdlet', Name: decl.name, Version: packageVersion('cspin'), Source: 'cspin', Verb: verb, Noun: noun };
      }
    }
  },
});

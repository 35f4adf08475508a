/**
 * PowerShell's common parameters (about_CommonParameters) and the risk-mitigation pair -WhatIf /
 * -Confirm. Every cmdlet has them; commands cannot declare parameters with these names.
 */
import type { ParameterDecl, ParameterDecls } from './declaration.js';
import { Int32Type, StringType, SwitchType, enumType } from './types.js';

/** ActionPreference, with PowerShell's numbers. */
export const ActionPreferenceType = enumType('ActionPreference', {
  SilentlyContinue: 0,
  Stop: 1,
  Continue: 2,
  Inquire: 3,
  Ignore: 4,
  Suspend: 5,
  Break: 6,
});
/** What -ErrorAction and the other preferences offer to complete: Suspend and Break are refused here. */
export const ACTION_PREFERENCES_OFFERED = ['Continue', 'SilentlyContinue', 'Stop', 'Ignore', 'Inquire'] as const;
export type ActionPreference = 'SilentlyContinue' | 'Stop' | 'Continue' | 'Inquire' | 'Ignore' | 'Suspend' | 'Break';

const preference = (description: string, alias: string): ParameterDecl<ActionPreference> => ({
  type: { ...ActionPreferenceType, values: ACTION_PREFERENCES_OFFERED },
  description,
  aliases: [alias],
});
const variable = (description: string, alias: string): ParameterDecl<string> => ({
  type: StringType,
  description,
  aliases: [alias],
});

/** The common parameters every cmdlet accepts. */
export const COMMON_PARAMETERS = {
  Verbose: { type: SwitchType, description: 'Writes verbose messages to stderr.', aliases: ['vb'] },
  Debug: { type: SwitchType, description: 'Writes debug messages to stderr.', aliases: ['db'] },
  ErrorAction: preference('What to do on a non-terminating error: Continue, SilentlyContinue, Ignore, Stop, Inquire.', 'ea'),
  WarningAction: preference('What to do with warnings: Continue, SilentlyContinue, Ignore, Stop, Inquire.', 'wa'),
  InformationAction: preference('Accepted for compatibility; cspin writes no information records.', 'infa'),
  ProgressAction: preference('The progress line on a terminal (after a second): Continue shows it, SilentlyContinue or Ignore hides it (as CSPIN_PROGRESS=0 does).', 'proga'),
  ErrorVariable: variable('Not supported in bash: redirect stderr instead.', 'ev'),
  WarningVariable: variable('Not supported in bash: redirect stderr instead.', 'wv'),
  InformationVariable: variable('Not supported in bash.', 'iv'),
  OutVariable: variable('Not supported in bash: use tee instead.', 'ov'),
  PipelineVariable: variable('Not supported in bash.', 'pv'),
  OutBuffer: { type: Int32Type, description: 'Accepted for compatibility; output is always written in batches.', aliases: ['ob'] },
} as const satisfies ParameterDecls;

/** -WhatIf and -Confirm, for cmdlets that support ShouldProcess. */
export const SHOULD_PROCESS_PARAMETERS = {
  WhatIf: { type: SwitchType, description: 'Describes what would happen if you executed the command without actually executing the command.', aliases: ['wi'] },
  Confirm: { type: SwitchType, description: 'Prompts you for confirmation before executing the command.', aliases: ['cf'] },
} as const satisfies ParameterDecls;

/** Common parameters that only make sense inside PowerShell: a usage error here. */
export const UNSUPPORTED_COMMON = ['ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'PipelineVariable'] as const;

/** The engine's view of the common parameters after command-line binding. */
export interface CommonSettings {
  errorAction: ActionPreference;
  warningAction: ActionPreference;
  progressAction: ActionPreference;
  verbose: boolean;
  debug: boolean;
  whatIf: boolean;
  confirm: boolean | undefined;
}

/**
 * The cmdlet registry. Modules load lazily, so a command pays only for its own imports at start-up.
 * Every name here is also a bin in package.json, in both its Verb-Noun and lower-case spelling.
 */
import type { AnyCmdletDecl } from '../core/index.js';

type Loader = () => Promise<AnyCmdletDecl>;

const load = (module: Promise<{ default: unknown }>): Promise<AnyCmdletDecl> => module.then((m) => m.default as AnyCmdletDecl);

/** Cmdlet name → loader. */
export const CMDLETS: Readonly<Record<string, Loader>> = {
  'Get-CsUser': () => load(import('./getCsUser.js')),
  'Get-CsClientPinInfo': () => load(import('./getCsClientPinInfo.js')),
  'Get-ADUser': () => load(import('./getADUser.js')),
  'Import-Csv': () => load(import('./importCsv.js')),
  'Set-CsClientPin': () => load(import('./setCsClientPin.js')),
  'Lock-CsClientPin': () => load(import('./lockCsClientPin.js')),
  'Unlock-CsClientPin': () => load(import('./unlockCsClientPin.js')),
  'Test-CsClientPin': () => load(import('./testCsClientPin.js')),
  'Get-CsPinPolicy': () => load(import('./getCsPinPolicy.js')),
  'New-CsPinPolicy': () => load(import('./newCsPinPolicy.js')),
  'Set-CsPinPolicy': () => load(import('./setCsPinPolicy.js')),
  'Remove-CsPinPolicy': () => load(import('./removeCsPinPolicy.js')),
  'Grant-CsPinPolicy': () => load(import('./grantCsPinPolicy.js')),
  'Where-Object': () => load(import('./whereObject.js')),
  'Export-Csv': () => load(import('./exportCsv.js')),
  'ConvertTo-Csv': () => load(import('./converttoCsv.js')),
  'ConvertFrom-Csv': () => load(import('./convertfromCsv.js')),
  'ConvertTo-Json': () => load(import('./converttoJson.js')),
  'ConvertFrom-Json': () => load(import('./convertfromJson.js')),
  'Get-Help': () => load(import('./getHelp.js')),
  'Get-Command': () => load(import('./getCommand.js')),
  'Format-Table': () => load(import('./formatTable.js')),
  'Format-List': () => load(import('./formatList.js')),
  'Sort-Object': () => load(import('./sortObject.js')),
  'Group-Object': () => load(import('./groupObject.js')),
  'Measure-Object': () => load(import('./measureObject.js')),
  'Select-Object': () => load(import('./selectObject.js')),
  'ForEach-Object': () => load(import('./foreachObject.js')),
};

/**
 * Finds a cmdlet by name, case-insensitively.
 * @param name e.g. get-csuser
 * @returns its canonical name and loader, or undefined
 */
export function findCmdlet(name: string): { name: string; load: Loader } | undefined {
  const folded = name.toLowerCase();
  const entry = Object.entries(CMDLETS).find(([canonical]) => canonical.toLowerCase() === folded);
  return entry && { name: entry[0], load: entry[1] };
}

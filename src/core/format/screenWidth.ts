/**
 * The width Format-Table and Format-List lay text out for (Out-String -Width): COLUMNS when set, else
 * the terminal's width, else 120, the width PowerShell uses when there is no console.
 */

/** PowerShell's width without a console (OutCommandInner.defaultConsoleWidth). */
export const DEFAULT_SCREEN_WIDTH = 120;

/**
 * @param env the environment (COLUMNS)
 * @param terminalColumns the terminal's width, when stdout is one
 * @returns the width in cells
 */
export function screenWidth(env: NodeJS.ProcessEnv, terminalColumns: number | undefined): number {
  const columns = env.COLUMNS?.trim();
  if (columns !== undefined && /^\d{1,6}$/.test(columns) && Number(columns) > 0) return Number(columns);
  return terminalColumns !== undefined && terminalColumns > 0 ? terminalColumns : DEFAULT_SCREEN_WIDTH;
}

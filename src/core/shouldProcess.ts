/**
 * ShouldProcess, after PowerShell's MshCommandRuntime: an earlier Yes/No to All decides; else -WhatIf
 * describes and skips; else the action proceeds unless the cmdlet's ConfirmImpact reaches the
 * confirm threshold (-Confirm lowers it to Low), in which case the terminal is asked.
 */
import type { CommonSettings } from './commonParameters.js';
import type { ShouldProcessDecl } from './declaration.js';
import { TerminatingError } from './errors.js';
import { coreMessages, shouldProcessTexts } from './messages.js';
import { promptForChoice, type Terminal } from './terminal.js';

const IMPACT = { None: 0, Low: 1, Medium: 2, High: 3 } as const;
type Impact = keyof typeof IMPACT;

/** Options of {@link ShouldProcess}. */
export interface ShouldProcessOptions {
  name: string;
  decl: ShouldProcessDecl | undefined;
  common: CommonSettings;
  /** Where What if lines go (stderr: they are host output, not pipeline objects). */
  host: NodeJS.WritableStream;
  verbose: (message: string) => void;
  openTerminal: () => Terminal | undefined;
  /** $ConfirmPreference; @default 'High' */
  confirmPreference?: Impact;
}

/** Decides, per target, whether a cmdlet acts. */
export class ShouldProcess {
  readonly #options: ShouldProcessOptions;
  #all: boolean | undefined;
  #terminal: Terminal | undefined;

  /** @param options the cmdlet's settings */
  constructor(options: ShouldProcessOptions) {
    this.#options = options;
  }

  /** Whether this command will prompt, so a missing terminal can be reported before any work. */
  get willPrompt(): boolean {
    const { decl, common } = this.#options;
    return !common.whatIf && decl !== undefined && IMPACT[decl.confirmImpact] >= this.#threshold() && this.#threshold() > 0;
  }

  /**
   * Whether to perform the action on the target.
   * @param target what the action changes or reads
   * @param action @default the cmdlet name
   * @returns true to go ahead
   * @throws TerminatingError when a prompt is needed and there is no terminal
   */
  ask(target: string, action = this.#options.name): boolean {
    if (this.#all !== undefined) return this.#all;
    const { common } = this.#options;
    if (common.whatIf) {
      this.#options.host.write(`${shouldProcessTexts.whatIf(action, target)}\n`);
      return false;
    }
    if (!this.willPrompt) {
      // Built only when shown: a cmdlet may ask once per record.
      if (common.verbose) this.#options.verbose(shouldProcessTexts.performing(action, target));
      return true;
    }
    return this.#prompt(shouldProcessTexts.performing(action, target));
  }

  /** Closes the terminal if a prompt opened it. */
  close(): void {
    this.#terminal?.close();
    this.#terminal = undefined;
  }

  #threshold(): number {
    const { common, confirmPreference } = this.#options;
    if (common.confirm === true) return IMPACT.Low;
    if (common.confirm === false) return IMPACT.None;
    return IMPACT[confirmPreference ?? 'High'];
  }

  #prompt(message: string): boolean {
    this.#terminal ??= this.#options.openTerminal();
    if (!this.#terminal) {
      throw new TerminatingError({ errorId: 'NoTerminalForConfirm', category: 'ResourceUnavailable', message: coreMessages.NoTerminalForConfirm(this.#options.name) }, 2);
    }
    const answer = promptForChoice(this.#terminal, `\nConfirm\nAre you sure you want to perform this action?\n${message}`, [
      { key: 'Y', label: 'Yes', help: 'Continue with only the next step of the operation.', value: 'yes' },
      { key: 'A', label: 'Yes to All', help: 'Continue with all the steps of the operation.', value: 'all' },
      { key: 'N', label: 'No', help: 'Skip this operation and proceed with the next operation.', value: 'no' },
      { key: 'L', label: 'No to All', help: 'Skip this operation and all subsequent operations.', value: 'none' },
    ]);
    if (answer === 'all') this.#all = true;
    if (answer === 'none' || answer === undefined) this.#all = false;
    return answer === 'yes' || answer === 'all';
  }
}

/**
 * A cmdlet is one declaration: its parameters (PowerShell's [Parameter()] metadata as data), its
 * documented examples and its begin/process/end functions. Parsing, binding, help and the example
 * tests all read this one value; the types of the bound parameters follow from it.
 */
import type { ErrorRecord } from './errors.js';
import type { HoldsDecl, MemoryBudget } from './memoryBudget.js';
import type { OutputTarget } from './outputTarget.js';
import type { Deliverable } from './stream/outputWriter.js';
import type { ParamType } from './types.js';

/** One parameter, mirroring the PARAMETERS block of a cmdlet's help. */
export interface ParameterDecl<T = unknown> {
  readonly type: ParamType<T>;
  readonly description: string;
  readonly mandatory?: boolean;
  /** Position for positional binding; lower binds first. Absent means named only. */
  readonly position?: number;
  /** Other names on the command line and, for pipeline binding by property name, other property names. */
  readonly aliases?: readonly string[];
  /** Accept pipeline input ByValue. */
  readonly valueFromPipeline?: boolean;
  /** Accept pipeline input ByPropertyName. */
  readonly valueFromPipelineByPropertyName?: boolean;
  readonly allowNull?: boolean;
  readonly allowEmptyString?: boolean;
  /**
   * PowerShell 7.4's [ValidateNotNullOrWhiteSpace]: null, an empty string or only white space is a
   * validation error (ParameterArgumentValidationError), also for an optional parameter (a usage error
   * on the command line). As in PowerShell it runs before a mandatory parameter's own null/empty check.
   */
  readonly validateNotNullOrWhiteSpace?: boolean;
  /** PowerShell's [ValidateRange(min, max)]: a converted number outside it is ParameterArgumentValidationError. */
  readonly validateRange?: readonly [number, number];
  /** Not in Microsoft's documentation: a cspin extension, marked as such in help. */
  readonly extension?: boolean;
}

/** A cmdlet's parameters by name. */
export type ParameterDecls = Readonly<Record<string, ParameterDecl>>;

type ValueOf<D> = D extends ParameterDecl<infer T> ? T : never;

/** The bound parameter values a cmdlet receives; mandatory ones are always present. */
export type BoundParameters<P extends ParameterDecls> = {
  -readonly [K in keyof P]: P[K] extends { readonly mandatory: true } ? ValueOf<P[K]> : ValueOf<P[K]> | undefined;
};

/** What an example's output must be, checked by the shared example test. */
export interface ExampleExpectation {
  /** Exit status; @default 0 */
  exitCode?: number;
  /** The `Identity` values of the output objects, in any order, compared case-insensitively. */
  identities?: readonly string[];
  /** Every output object has exactly these properties, in this order (PSTypeName aside). */
  properties?: readonly string[];
  /** A substring stderr must contain; without it, stderr must be empty. */
  stderrIncludes?: string;
  /**
   * The exact output objects, in order (NDJSON parsed), for examples whose output is fixed. Values
   * that change from run to run (a generated PIN) are written as the string `<any>`.
   */
  objects?: readonly unknown[];
  /** The exact stdout text (for commands that write text: Format-Table, ConvertTo-Csv, Get-Help...). */
  stdout?: string;
  /** Files the example writes, by name (relative to its working folder), with their exact text. */
  files?: Readonly<Record<string, string>>;
  /**
   * The example's output is not checked exactly, and why (it is only illustrative, or depends on
   * the time): the shared test still runs it and checks the exit status.
   */
  illustrative?: string;
  /**
   * A command the example test runs after the example, in the same directory and working folder, to
   * prove a change the example does not show (Lock-CsClientPin without -PassThru), with its exact
   * output: NDJSON objects in order, or stdout text. It must exit 0 with nothing on stderr. It is the
   * test's proof, not part of the documented example (help does not show it).
   */
  then?: { code: string; objects?: readonly unknown[]; stdout?: string };
}

/** A documented example: runs literally in bash against the sample directory. */
export interface Example {
  title: string;
  /** The bash command line, exactly as documented. */
  code: string;
  remarks: string;
  /** Without it the example is only parsed and bound, never run. */
  expect?: ExampleExpectation;
}

/** ShouldProcess support: -WhatIf and -Confirm, and the impact that decides automatic prompting. */
export interface ShouldProcessDecl {
  confirmImpact: 'None' | 'Low' | 'Medium' | 'High';
}

/** Services the engine gives a cmdlet. */
export interface CmdletContext {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  /** Asks -WhatIf / -Confirm whether to act on the target. */
  shouldProcess(target: string, action?: string): boolean;
  /**
   * True when shouldProcess says yes to every target without a word (no -WhatIf, no prompt, no
   * -Verbose): a cmdlet may then skip asking per target.
   */
  readonly processesAllQuietly: boolean;
  writeWarning(message: string): void;
  writeVerbose(message: string): void;
  writeDebug(message: string): void;
  /**
   * Tells the progress line how many records the command will count in all (its output, or its
   * input when it reads), for the percent and the time left. Asked once, only if the line is drawn.
   */
  progressTotal(total: () => number | undefined): void;
  /** What stdout is: a cmdlet whose output is the only copy of something checks who gets it. */
  readonly output: OutputTarget;
  /** The terminal's width when stdout is a terminal. */
  readonly columns?: number;
  /** What the cmdlet may hold (its declared budget, or CSPIN_MEMORY_BUDGET); unlimited for a streaming cmdlet. */
  readonly memory: MemoryBudget;
  /** True once a signal told the command to stop: start no new change. */
  readonly stopping: boolean;
  /**
   * The cmdlet has all the input it needs (Select-Object -First): no more is read, the output given
   * so far is written, end still runs, and the command exits as if the input had ended (PowerShell's
   * StopUpstreamCommandsException; the upstream command sees a closed pipe, as with `head`).
   */
  stopUpstream(): void;
  /**
   * Writes an output object now, after all output before it, and makes its change permanent only
   * once stdout has taken the line: the writer calls deliverable.commit after the write succeeds, or
   * deliverable.rollback when it fails or the command is stopping (then nothing more may change).
   * @returns settles after the commit; rejects with a TerminatingError (the command stops) after a rollback
   */
  deliver(item: unknown, deliverable: Deliverable): Promise<void>;
}

/** One record's bound parameters, with the input line it came from (absent for the command line). */
export interface BoundRecord<P extends ParameterDecls> {
  params: BoundParameters<P>;
  record?: number;
  /** The PSTypeName of the input object the record was bound from, if it had one. */
  typeName?: string;
}

/** What begin/process/end may emit: output objects, and ErrorRecords for non-terminating errors. */
export type CmdletOutput = Iterable<unknown> | AsyncIterable<unknown>;

/** A cmdlet declaration. */
export interface CmdletDecl<P extends ParameterDecls = ParameterDecls, S = unknown> {
  /** Verb-Noun, as in PowerShell. */
  readonly name: string;
  /** One sentence, ending with a period. */
  readonly synopsis: string;
  readonly description?: string;
  readonly parameters: P;
  /** Groups of parameters that cannot be used together (PowerShell's parameter sets, in short). */
  readonly mutuallyExclusive?: readonly (readonly (keyof P & string)[])[];
  readonly shouldProcess?: ShouldProcessDecl;
  /** A cmdlet that holds input (Sort, Group, Select -Last...): what, and its memory budget. Help shows it. */
  readonly holds?: HoldsDecl;
  readonly inputTypes?: readonly string[];
  readonly outputType?: string;
  /**
   * The cmdlet writes text for people (Format-Table): its output items are strings written to stdout
   * as they are, whatever stdout is, never NDJSON nor a terminal view.
   */
  readonly writesText?: boolean;
  /** The properties of the output objects, in order, when they are fixed (completion offers them downstream). */
  readonly outputProperties?: readonly string[];
  readonly examples: readonly Example[];
  /** Notes for help: extensions and deviations from the Microsoft cmdlet. */
  readonly notes?: readonly string[];
  /** Once, after command-line binding: check parameters, open resources, compile predicates. */
  begin?(params: BoundParameters<P>, context: CmdletContext): S | Promise<S>;
  /** Once per chunk of bound records (so stores can resolve a chunk in one query). */
  process(records: BoundRecord<P>[], state: S, context: CmdletContext): CmdletOutput;
  /**
   * For a cmdlet whose process holds output back to overlap work across chunks: gives up all of it.
   * The engine calls it before it reports a binding error, so that output and errors keep input order.
   */
  flush?(state: S, context: CmdletContext): CmdletOutput;
  /** Once, after the last record. */
  end?(state: S, context: CmdletContext): CmdletOutput | void;
  /** Always, once begin has run, also after an error or a closed pipe: release what begin opened. */
  clean?(state: S): void;
}

/** A declaration with its types erased, for registries. */
// Registries hold declarations of different shapes; they cast when loading (see src/cmdlets/index.ts).
export type AnyCmdletDecl = CmdletDecl<ParameterDecls, unknown>;

/**
 * Declares a cmdlet. An identity function that exists for type inference (citty's defineCommand).
 * @param decl the declaration
 * @returns the same declaration
 */
export function defineCmdlet<const P extends ParameterDecls, S>(decl: CmdletDecl<P, S>): CmdletDecl<P, S> {
  return decl;
}

/** Re-exported for cmdlets that emit errors. */
export type { ErrorRecord };

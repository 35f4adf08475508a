/**
 * The engine: binds the command line, decides where input comes from, runs begin → process per chunk
 * → end over an RxJS pipeline with backpressure, and turns what happened into an exit status:
 * 0 clean, 1 when any error record was written, 2 for usage errors.
 */
import { of, tap, type Observable } from 'rxjs';
import { bindCommandLine, missingMandatory, needsPipelineInput } from './bindCommandLine.js';
import { PipelineBinder } from './bindPipeline.js';
import type { AnyCmdletDecl, CmdletContext } from './declaration.js';
import { ErrorReporter } from './errorReporter.js';
import { TerminatingError, isErrorRecord, usageError, type ErrorRecord } from './errors.js';
import { TerminalFormatter } from './format/index.js';
import { helpText, wantsHelp } from './help.js';
import { expandJsonLines } from './jsonText.js';
import { messages } from './messages.js';
import { classifyStdin, readsPipelineInput, type StdinKind } from './pipelineInput.js';
import { ShouldProcess } from './shouldProcess.js';
import { bindRecords, type BoundItem } from './stream/bindRecords.js';
import { HeapCompactor } from './stream/compactHeap.js';
import { frameLines } from './stream/frameLines.js';
import { OutputWriter, ndjsonEncoder, type OutputEncoder } from './stream/outputWriter.js';
import { parseRecords } from './stream/parseRecords.js';
import { readChunks } from './stream/readChunks.js';
import { drainOutput, runProcess } from './stream/runProcess.js';
import { Valve } from './stream/valve.js';
import { openTerminal } from './terminal.js';

/** The process's streams and environment, replaceable for tests. */
export interface CmdletIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** @default classifyStdin() */
  stdinKind?: StdinKind;
}

const DEFAULT_COMMON = { errorAction: 'Continue', warningAction: 'Continue', verbose: false, debug: false, whatIf: false, confirm: undefined } as const;

/**
 * Runs a cmdlet to completion.
 * @param decl the cmdlet declaration
 * @param argv the arguments after the command name
 * @param io the streams and environment
 * @returns the exit status
 */
export async function runCmdlet(decl: AnyCmdletDecl, argv: readonly string[], io: CmdletIO): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(helpText(decl));
    return 0;
  }
  const json = io.env.CSPIN_ERROR_FORMAT === 'json';
  let binding;
  try {
    binding = bindCommandLine(decl, argv);
  } catch (error) {
    return reportFatal(error, new ErrorReporter({ name: decl.name, common: DEFAULT_COMMON, stderr: io.stderr, json }), io.env);
  }
  const { params, common } = binding;
  const reporter = new ErrorReporter({ name: decl.name, common, stderr: io.stderr, json, terminal: () => openTerminal() });
  const shouldProcess = new ShouldProcess({
    name: decl.name,
    decl: decl.shouldProcess,
    common,
    host: io.stderr,
    verbose: (m) => reporter.verbose(m),
    openTerminal: () => openTerminal(),
  });
  const context: CmdletContext = {
    name: decl.name,
    env: io.env,
    shouldProcess: (target, action) => shouldProcess.ask(target, action),
    processesAllQuietly: !common.whatIf && !shouldProcess.willPrompt && !common.verbose,
    writeWarning: (m) => reporter.warning(m),
    writeVerbose: (m) => reporter.verbose(m),
    writeDebug: (m) => reporter.debug(m),
  };
  const valve = new Valve();
  let onBrokenPipe = (): void => undefined;
  let brokenPipe = false;
  const writer = new OutputWriter(io.stdout, encoderFor(io), valve, () => {
    brokenPipe = true;
    onBrokenPipe();
  });
  const compactor = new HeapCompactor();
  const route = (batch: unknown[]) => {
    const objects: unknown[] = [];
    try {
      for (const item of batch) {
        if (isErrorRecord(item)) reporter.error(item);
        else objects.push(item);
      }
    } finally {
      // Under -ErrorAction Stop the error throws: what came before it in the batch still goes out.
      writer.write(objects);
      compactor.afterOutput();
    }
  };
  const runToEnd = (output: Observable<unknown[]>) =>
    new Promise<void>((resolve, reject) => {
      const subscription = output.pipe(tap(route)).subscribe({ error: reject, complete: resolve });
      onBrokenPipe = () => {
        subscription.unsubscribe();
        resolve();
      };
    });

  let begun = false;
  let state: unknown;
  try {
    const binder = new PipelineBinder(decl, params);
    const reads = readsPipelineInput(io.stdinKind ?? classifyStdin(), needsPipelineInput(decl, params), binder.takesPipelineInput);
    const missing = missingMandatory(decl, params, reads);
    if (missing.length > 0) throw usageError('MissingMandatoryParameter', messages.missingMandatory(missing), missing);
    if (shouldProcess.willPrompt && !hasTerminal()) {
      throw new TerminatingError({ errorId: 'NoTerminalForConfirm', category: 'ResourceUnavailable', message: messages.noTerminal(decl.name) }, 2);
    }
    state = await decl.begin?.(params, context);
    begun = true;
    const chunks: Observable<(BoundItem | ErrorRecord)[]> = reads
      ? readChunks(io.stdin, valve).pipe(frameLines(), parseRecords(), compactor.counter(), bindRecords(binder))
      : of([{ params }]);
    const process = (records: BoundItem[]) => decl.process(records, state, context);
    const flush = decl.flush && (() => decl.flush?.(state, context) ?? []);
    await runToEnd(chunks.pipe(runProcess(process, valve, writer, flush)));
    const end = decl.end;
    if (!brokenPipe && end) await runToEnd(drainOutput(() => end.call(decl, state, context) ?? [], [], valve, writer));
    await writer.end();
    return brokenPipe ? 0 : reporter.errorCount > 0 ? 1 : 0;
  } catch (error) {
    if (brokenPipe) return 0;
    await writer.end().catch(() => undefined);
    return reportFatal(error, reporter, io.env);
  } finally {
    shouldProcess.close();
    if (begun) decl.clean?.(state);
    closeInput(io.stdin);
  }
}

function encoderFor(io: CmdletIO): OutputEncoder {
  const format = (io.env.CSPIN_FORMAT || 'auto').toLowerCase();
  if (format === 'ndjson' || format === 'json' || (format === 'auto' && !io.stdout.isTTY)) return ndjsonEncoder;
  // CSPIN_FORMAT=list or table forces that view (also when piped); anything else picks by property count.
  const view = format === 'list' || format === 'table' ? format : undefined;
  const formatter = new TerminalFormatter({ width: io.stdout.columns ?? 120, view });
  // Dates and other non-JSON values become what NDJSON would carry, so both views agree.
  return { encode: (items) => formatter.push(JSON.parse(JSON.stringify(expandJsonLines(items))) as unknown[]), end: () => formatter.end() };
}

function hasTerminal(): boolean {
  const terminal = openTerminal();
  terminal?.close();
  return terminal !== undefined;
}

/** Reports a terminating error; anything unexpected is reported the same way, with its stack only under CSPIN_DEBUG. */
function reportFatal(error: unknown, reporter: ErrorReporter, env: NodeJS.ProcessEnv): number {
  const terminating =
    error instanceof TerminatingError
      ? error
      : new TerminatingError({
          errorId: 'UnexpectedError',
          category: 'NotSpecified',
          message: env.CSPIN_DEBUG && error instanceof Error ? (error.stack ?? error.message) : String((error as Error)?.message ?? error),
          cause: error,
        });
  reporter.terminating(terminating);
  return terminating.exitCode;
}

function closeInput(stdin: NodeJS.ReadableStream): void {
  stdin.pause();
  if ('destroy' in stdin && typeof stdin.destroy === 'function') (stdin.destroy as () => void)();
}

/**
 * The engine: binds the command line, decides where input comes from, runs begin → process per chunk
 * → end over an RxJS pipeline with backpressure, and turns what happened into an exit status:
 * 0 clean, 1 when any error record was written, 2 for usage errors.
 */
import { EMPTY, Subject, concat, defer, of, takeUntil, tap, type Observable } from 'rxjs';
import { bindCommandLine, missingMandatory, needsPipelineInput } from './bindCommandLine.js';
import { PipelineBinder } from './bindPipeline.js';
import type { AnyCmdletDecl, CmdletContext } from './declaration.js';
import { stylesFor } from './colour.js';
import { consoleOutput, objectCount } from './consoleHost.js';
import { checkEnvironment } from './environment.js';
import { ErrorReporter } from './errorReporter.js';
import { TerminatingError, isErrorRecord, usageError, type ErrorRecord } from './errors.js';
import { helpText, wantsHelp } from './help.js';
import { MemoryBudget, budgetOf } from './memoryBudget.js';
import { coreMessages } from './messages.js';
import { classifyStdin, readsPipelineInput, type StdinKind } from './pipelineInput.js';
import { ProgressLine, progressWanted } from './progress.js';
import { ShouldProcess } from './shouldProcess.js';
import { debugTrace, terminatingErrorOf } from './systemError.js';
import { bindRecords, type BoundItem } from './stream/bindRecords.js';
import { HeapCompactor } from './stream/compactHeap.js';
import { frameLines } from './stream/frameLines.js';
import { deliveryFailure, outputFailure, signalNumber, unreadLines, type StopSignal } from './outputFailure.js';
import type { OutputTarget } from './outputTarget.js';
import { DeliveryError, OutputWriter, type OutputEncoder } from './stream/outputWriter.js';
import { parseRecords } from './stream/parseRecords.js';
import { readChunks } from './stream/readChunks.js';
import { drainOutput, runProcess } from './stream/runProcess.js';
import { Valve } from './stream/valve.js';
import { openTerminal } from './terminal.js';

/** The process's streams and environment, replaceable for tests. */
export interface CmdletIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  /** @default classifyStdin() */
  stdinKind?: StdinKind;
  /** What stdout is (cli.ts: classifyOutput()). @default other */
  outputTarget?: OutputTarget;
  /**
   * Where SIGINT, SIGTERM and SIGHUP arrive (process, for the bins). On one, the command stops
   * reading, lets a delivery in flight finish, and returns 128 + the signal's number.
   */
  signals?: NodeJS.EventEmitter;
}

/** How long a delivery in flight may take to be accepted once the command is told to stop. */
const SETTLE_ON_STOP_MS = 5000;
/** Bytes a reader may never read after its pipe took them (Linux's default pipe buffer), or its socket. */
const LOSS_WINDOW = { pipe: 64 * 1024, socket: 1024 * 1024 } as const;

const DEFAULT_COMMON = { errorAction: 'Continue', warningAction: 'Continue', progressAction: 'Continue', verbose: false, debug: false, whatIf: false, confirm: undefined } as const;

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
  // An unknown CSPIN_ERROR_FORMAT is itself reported, as text.
  const json = io.env.CSPIN_ERROR_FORMAT?.toLowerCase() === 'json';
  const styles = stylesFor(io.stderr, io.env);
  let binding;
  try {
    checkEnvironment(io.env);
    binding = bindCommandLine(decl, argv);
  } catch (error) {
    return reportFatal(error, new ErrorReporter({ name: decl.name, common: DEFAULT_COMMON, stderr: io.stderr, json, styles }), io);
  }
  const { params, common } = binding;
  const target: OutputTarget = io.outputTarget ?? { kind: 'other', readableByOthers: false };
  const output = consoleOutput(io.stdout, io.env, target);
  // Set once the writer and the progress line exist.
  let beforeMessage = (): void => undefined;
  const reporter = new ErrorReporter({
    name: decl.name,
    common,
    stderr: io.stderr,
    json,
    styles,
    terminal: () => openTerminal(),
    beforeWrite: () => beforeMessage(),
  });
  const shouldProcess = new ShouldProcess({
    name: decl.name,
    decl: decl.shouldProcess,
    common,
    host: io.stderr,
    verbose: (m) => reporter.verbose(m),
    openTerminal: () => openTerminal(),
  });
  const valve = new Valve();
  // Emits once the cmdlet needs no more input: reading ends, the chunk in hand is finished.
  const upstreamDone = new Subject<void>();
  // Ends the record pipeline early: the output failed or its reader went away, or a signal came.
  let stopPipeline = (): void => undefined;
  let brokenPipe = false;
  let failed: TerminatingError | undefined;
  let stoppedBy: StopSignal | undefined;
  const writer = new OutputWriter(
    io.stdout,
    decl.writesText ? textEncoder : output.encoder,
    valve,
    (error) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') brokenPipe = true;
      else failed ??= outputFailure(error);
      stopPipeline();
    },
    target.kind === 'pipe' || target.kind === 'socket' ? LOSS_WINDOW[target.kind] : 0,
  );
  const context: CmdletContext = {
    name: decl.name,
    env: io.env,
    output: target,
    columns: io.stdout.isTTY ? io.stdout.columns : undefined,
    memory: new MemoryBudget(decl.name, decl.holds ? budgetOf(decl.holds.budget, io.env) : Number.POSITIVE_INFINITY, decl.holds?.wayOut ?? ''),
    get stopping() {
      return stoppedBy !== undefined;
    },
    stopUpstream: () => upstreamDone.next(),
    deliver: (item, deliverable) =>
      writer.deliver(item, deliverable).catch((error: unknown) => {
        const terminating = error instanceof DeliveryError ? deliveryFailure(error, writer.delivered) : error;
        if (terminating instanceof TerminatingError && !stoppedBy) failed ??= terminating;
        throw terminating;
      }),
    shouldProcess: (target, action) => shouldProcess.ask(target, action),
    processesAllQuietly: !common.whatIf && !shouldProcess.willPrompt && !common.verbose,
    writeWarning: (m) => reporter.warning(m),
    writeVerbose: (m) => reporter.verbose(m),
    writeDebug: (m) => reporter.debug(m),
    progressTotal: (total) => progress.knowsTotal(total),
  };
  // Prompts on the terminal (-Confirm, -ErrorAction Inquire) get no progress line across them.
  const quiet = shouldProcess.willPrompt || common.errorAction === 'Inquire';
  const progress = new ProgressLine({ label: decl.name, stream: io.stderr, enabled: !quiet && progressWanted(io.stderr, io.env, common.progressAction) });
  // Output on the same terminal shows progress by itself: the line stays away while it flows.
  if (io.stdout.isTTY) writer.beforeSend = () => progress.clear(1000);
  writer.pauseWhen = () => progress.pause();
  // On screen, a message comes after the output of the records before it, and never through a progress line.
  beforeMessage = () => {
    if (output.inOrder) writer.flushNow();
    progress.clear();
  };
  let countOutput = true;
  const compactor = new HeapCompactor();
  const route = (batch: unknown[]) => {
    const objects: unknown[] = [];
    try {
      for (const item of batch) {
        if (!isErrorRecord(item)) objects.push(item);
        else {
          // Text for people keeps input order: the objects before the error go out first.
          if (output.inOrder && objects.length > 0) writer.write(objects.splice(0));
          reporter.error(item);
        }
      }
    } finally {
      // Under -ErrorAction Stop the error throws: what came before it in the batch still goes out.
      if (countOutput) progress.count += objectCount(objects);
      writer.write(objects);
      compactor.afterOutput();
    }
  };
  const runToEnd = (output: Observable<unknown[]>) =>
    new Promise<void>((resolve, reject) => {
      const subscription = output.pipe(tap(route)).subscribe({ error: reject, complete: resolve });
      stopPipeline = () => {
        subscription.unsubscribe();
        resolve();
      };
    });

  const stop = (signal: StopSignal) => {
    stoppedBy ??= signal;
    writer.stop();
    stopPipeline();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) io.signals?.on(signal, stop);

  let begun = false;
  let state: unknown;
  try {
    if (output.forcedIntoPipe) reporter.warning(output.forcedIntoPipe);
    const binder = new PipelineBinder(decl, params);
    const declaresInput = Object.values(decl.parameters).some((p) => p.valueFromPipeline || p.valueFromPipelineByPropertyName);
    const reads = readsPipelineInput(io.stdinKind ?? classifyStdin(), needsPipelineInput(decl, params), declaresInput);
    const missing = missingMandatory(decl, params, reads);
    if (missing.length > 0) throw usageError('MissingMandatoryParameter', coreMessages.MissingMandatoryParameter(missing), missing);
    if (shouldProcess.willPrompt && !hasTerminal()) {
      throw new TerminatingError({ errorId: 'NoTerminalForConfirm', category: 'ResourceUnavailable', message: coreMessages.NoTerminalForConfirm(decl.name) }, 2);
    }
    progress.start();
    state = await decl.begin?.(params, context);
    begun = true;
    // A command that reads counts its input records; one that only writes (Get-CsUser) its output.
    countOutput = !reads;
    const counted = <T>(source: Observable<T[]>) => source.pipe(tap((items) => (progress.count += items.length)));
    const records = reads
      ? readChunks(io.stdin, valve).pipe(frameLines(), parseRecords(), compactor.counter(), counted, bindRecords(binder), takeUntil(upstreamDone))
      : of([{ params }]);
    // The command line bound every pipeline parameter and stdin held no record: bash cannot tell an empty
    // pipe from no pipeline, so the command runs once, as it would alone, rather than do nothing.
    const chunks: Observable<(BoundItem | ErrorRecord)[]> = reads && !binder.takesPipelineInput ? orElse(records, [{ params }]) : records;
    const process = (records: BoundItem[]) => decl.process(records, state, context);
    const flush = decl.flush && (() => decl.flush?.(state, context) ?? []);
    await runToEnd(chunks.pipe(runProcess(process, valve, writer, flush)));
    const end = decl.end;
    if (!brokenPipe && !failed && !stoppedBy && end) await runToEnd(drainOutput(() => end.call(decl, state, context) ?? [], [], valve, writer));
    await writer.end();
    return finish(reporter.errorCount > 0 ? 1 : 0);
  } catch (error) {
    await writer.end().catch(() => undefined);
    if (brokenPipe || failed || stoppedBy) return finish(1);
    return reportFatal(error, reporter, io);
  } finally {
    // No change may stay half-done: a delivery in flight commits or rolls back before resources close.
    await writer.settle(stoppedBy ? SETTLE_ON_STOP_MS : undefined);
    progress.stop();
    for (const signal of signals) io.signals?.off(signal, stop);
    shouldProcess.close();
    if (begun) decl.clean?.(state);
    closeInput(io.stdin);
  }

  /** The exit status once the pipeline has ended, after reporting how the output failed, if it did. */
  function finish(status: 0 | 1): number {
    if (stoppedBy) return 128 + signalNumber(stoppedBy);
    if (brokenPipe && writer.delivered > 0) failed ??= deliveryFailure(new DeliveryError('output', '', writer.failure), writer.delivered);
    if (failed) {
      reporter.terminating(failed);
      for (const error of brokenPipe ? unreadLines(writer.mayBeUnread()) : []) reporter.terminating(error);
      return 1;
    }
    return brokenPipe ? 0 : status;
  }
}

/** The chunks of a source, or the fallback chunk when the source ends without an item. */
function orElse<T>(source: Observable<T[]>, fallback: T[]): Observable<T[]> {
  return defer(() => {
    let empty = true;
    return concat(
      source.pipe(tap((items) => (empty &&= items.length === 0))),
      defer(() => (empty ? of(fallback) : EMPTY)),
    );
  });
}

/** Text output (Format-Table): each item is text, written as it is. */
const textEncoder: OutputEncoder = { encode: (items) => items.join(''), end: () => '' };

function hasTerminal(): boolean {
  const terminal = openTerminal();
  terminal?.close();
  return terminal !== undefined;
}

/**
 * Reports a terminating error: a known system failure (disk full, read-only...) as its own error,
 * anything unexpected as an InternalError; under CSPIN_DEBUG the stack trace follows.
 */
function reportFatal(error: unknown, reporter: ErrorReporter, io: CmdletIO): number {
  const terminating = terminatingErrorOf(error);
  reporter.terminating(terminating);
  const trace = debugTrace(error, io.env);
  if (trace !== undefined) io.stderr.write(`${trace}\n`);
  return terminating.exitCode;
}

function closeInput(stdin: NodeJS.ReadableStream): void {
  stdin.pause();
  if ('destroy' in stdin && typeof stdin.destroy === 'function') (stdin.destroy as () => void)();
}

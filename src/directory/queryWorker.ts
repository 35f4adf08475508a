/**
 * Read-only SQLite queries on a worker thread, answered synchronously. A streaming cmdlet sends a
 * chunk's lookup and collects it a chunk or two later: the lookup then runs on the other core while
 * this thread parses and binds the next chunks, and the cmdlet keeps an ordinary synchronous process
 * function. The answer is awaited with Atomics.wait, so no event loop turn (and no reordering) is involved.
 */
import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** Longest wait for one answer before the worker is taken for dead. */
const ANSWER_TIMEOUT_MS = 120_000;

// CommonJS, evaluated by the worker: one read-only connection, each statement prepared once (its SQL
// comes with its first query only), answers in order, each followed by a bump of the shared counter
// the caller waits on.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, signal, file, driver } = workerData;
const answer = (reply) => { port.postMessage(reply); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); };
let db;
const statements = [];
port.on('message', ({ id, sql, params }) => {
  try {
    if (!db) { db = new (require(driver))(file, { readonly: true, fileMustExist: true }); db.pragma('cache_size = -4096'); }
    if (sql !== undefined) {
      try { statements[id] = db.prepare(sql).pluck(); } catch (error) { statements[id] = error; }
    }
    const statement = statements[id];
    if (statement === undefined) throw new Error('statement ' + id + ' was never prepared');
    if (statement instanceof Error) throw statement;
    answer({ value: statement.get(...params) ?? null });
  } catch (error) {
    answer({ error: error instanceof Error ? error.message : String(error), code: error && error.code });
  }
});
`;

interface Answer {
  value?: string | null;
  error?: string;
  /** The SQLite code of a failed query (SQLITE_CORRUPT...), so that it is reported as such. */
  code?: string;
}

/** A query that failed on the worker's connection, with its SQLite code. */
export class LookupError extends Error {
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'LookupError';
    this.code = code;
  }
}

/** A worker thread with its own read-only connection to one database file. */
export class QueryWorker {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #signal = new Int32Array(new SharedArrayBuffer(4));
  readonly #statementIds = new Map<string, number>();
  #outstanding = 0;

  /** @param file the database's name as its own connection opened it (its `name`: a path, or a URI for an immutable one) */
  constructor(file: string) {
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal: this.#signal, file, driver },
      transferList: [port2],
      // Answers are one string per chunk: a small heap is plenty, and RSS counts per process.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    // The worker never keeps the command alive.
    this.#worker.unref();
    this.#port.unref();
  }

  /**
   * Queues a query whose single value (one column of one row) is a string or null.
   * @param sql the statement
   * @param params its parameters
   */
  send(sql: string, params: readonly unknown[]): void {
    let id = this.#statementIds.get(sql);
    if (id === undefined) {
      this.#statementIds.set(sql, (id = this.#statementIds.size));
      this.#port.postMessage({ id, sql, params });
    } else {
      this.#port.postMessage({ id, params });
    }
    this.#outstanding++;
  }

  /**
   * Waits for the answer to the oldest query sent and not yet taken.
   * @returns its value
   * @throws Error when the query failed, or nothing was sent, or the worker stopped answering
   */
  take(): string | null {
    if (this.#outstanding === 0) throw new Error('QueryWorker.take() without a query sent');
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    for (;;) {
      // Read the counter before looking, so an answer that lands in between ends the wait at once.
      const seen = Atomics.load(this.#signal, 0);
      const received = receiveMessageOnPort(this.#port) as { message: Answer } | undefined;
      if (received) {
        this.#outstanding--;
        if (received.message.error !== undefined) throw new LookupError(received.message.error, received.message.code);
        return received.message.value ?? null;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the lookup thread did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.#signal, 0, seen, left);
    }
  }

  /** Stops the worker (pending answers are dropped). */
  close(): void {
    this.#port.close();
    void this.#worker.terminate();
  }
}

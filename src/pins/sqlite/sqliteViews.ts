/**
 * The SQLite fast paths of Get-CsClientPinInfo and the PIN cmdlets, private to the SQLite store:
 * lookups that join users and PIN state, output lines SQLite builds itself, and from the third chunk
 * of a long stream lookups on a worker thread collected two chunks later (they overlap parsing and
 * binding, on the other core, with a chunk of slack for when that core is busy).
 */
import { JsonLines, JsonText } from '../../core/index.js';
import { IdentityResolver, type PendingLookup } from '../../directory/resolve.js';
import { LineLookup, type LineAnswer, type PendingLines } from '../../directory/lineLookup.js';
import { identityNotFound } from '../../directory/messages.js';
import { QueryWorker } from '../../directory/queryWorker.js';
import type { DirectoryDatabase } from '../../directory/index.js';
import type { PinInfoRow } from '../pinInfo.js';
import { PIN_INFO_LINE_SQL, PIN_INFO_SHAPE, finishPinInfoLines } from './shapes.js';
import { pinInfoOutput } from '../pinInfoSource.js';
import type { IdentityItem, JoinedLookup, JoinedViews, PinInfoSource } from '../pinStore.js';
import type { PinTargetRow } from '../pinTarget.js';
import type { PolicyResolver } from '../policy.js';

/** The chunk whose lookup moves to the worker: short inputs never pay for starting one. */
const WORKER_FROM_CHUNK = 3;
/** Chunks sent to the worker before the oldest is collected. */
const LOOKUPS_AHEAD = 2;

type ShouldProcess = (target: string) => boolean;

/** The joined lookups of one database. */
export class SqliteViews implements JoinedViews {
  readonly targets: JoinedLookup<PinTargetRow>;
  readonly #db: DirectoryDatabase;
  readonly #sources: SqlitePinInfo[] = [];

  /**
   * @param db the database (users and PIN state)
   * @param lookups the prepared joined lookups
   */
  constructor(db: DirectoryDatabase, lookups: { targets: JoinedLookup<PinTargetRow> }) {
    this.#db = db;
    this.targets = lookups.targets;
  }

  pinInfo(policies: PolicyResolver, quiet: boolean): PinInfoSource {
    const source = new SqlitePinInfo(this.#db, policies, quiet);
    this.#sources.push(source);
    return source;
  }

  /** Stops the workers of every source. */
  close(): void {
    this.#sources.forEach((source) => source.close());
  }
}

/** Get-CsClientPinInfo over the joined lookups. */
class SqlitePinInfo implements PinInfoSource {
  readonly #db: DirectoryDatabase;
  readonly #policies: PolicyResolver;
  readonly #resolver: IdentityResolver<PinInfoRow>;
  /** Lookups that answer with the output lines: when no PIN expires and nothing is asked per user. */
  readonly #lines: LineLookup | undefined;
  #chunks = 0;
  #worker: QueryWorker | undefined;
  /** Chunks whose lookups are on the worker, oldest first. */
  readonly #pending: { items: readonly IdentityItem[]; lookup: PendingLookup | PendingLines }[] = [];

  constructor(db: DirectoryDatabase, policies: PolicyResolver, quiet: boolean) {
    this.#db = db;
    this.#policies = policies;
    this.#resolver = new IdentityResolver<PinInfoRow>(db, undefined, PIN_INFO_SHAPE);
    this.#lines = policies.neverExpires && quiet ? new LineLookup(PIN_INFO_LINE_SQL, PIN_INFO_SHAPE.join) : undefined;
  }

  chunk(items: readonly IdentityItem[], shouldProcess: ShouldProcess): unknown[] {
    const ids = items.map((item) => item.identity);
    if (++this.#chunks < WORKER_FROM_CHUNK) return this.#output(items, this.#resolver.resolve(ids), shouldProcess);
    const worker = (this.#worker ??= new QueryWorker(this.#db.name));
    this.#pending.push({ items, lookup: this.#lines?.start(ids, worker) ?? this.#resolver.start(ids, worker) });
    return this.#pending.length > LOOKUPS_AHEAD ? this.#collectOldest(shouldProcess) : [];
  }

  drain(shouldProcess: ShouldProcess): unknown[] {
    const output: unknown[] = [];
    while (this.#pending.length > 0) output.push(...this.#collectOldest(shouldProcess));
    return output;
  }

  close(): void {
    this.#worker?.close();
  }

  #collectOldest(shouldProcess: ShouldProcess): unknown[] {
    const oldest = this.#pending.shift();
    if (!oldest) return [];
    const { items, lookup } = oldest;
    if (!('size' in lookup)) return this.#output(items, this.#resolver.collect(lookup), shouldProcess);
    const answer = this.#lines?.collect(lookup);
    if (answer) return linesOutput(items, answer);
    return this.#output(items, this.#resolver.resolve(items.map((item) => item.identity)), shouldProcess);
  }

  #output(items: readonly IdentityItem[], found: Map<number, PinInfoRow[]>, shouldProcess: ShouldProcess): unknown[] {
    return pinInfoOutput(items, found, this.#policies, shouldProcess);
  }
}

/** A chunk's output from a line lookup: the lines as they are, with not-found errors in their places. */
function linesOutput(items: readonly IdentityItem[], answer: LineAnswer): unknown[] {
  const text = finishPinInfoLines(answer.text);
  if (answer.all) return [new JsonLines(text, items.length)];
  const lines = text === '' ? [] : text.split('\n');
  const output: unknown[] = [];
  let next = 0;
  items.forEach(({ identity, record }, index) => {
    if (answer.found[next] === index) output.push(new JsonText(lines[next++] ?? ''));
    else output.push(identityNotFound(identity.text, record));
  });
  return output;
}

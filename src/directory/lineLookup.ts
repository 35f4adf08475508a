/**
 * Lookups whose answer is the output itself. When every identity of a chunk names at most one user
 * by a unique key (all SIP addresses, or all DNs), SQLite builds each found user's output line and
 * the answer is the positions found plus their lines: nothing per user is parsed or built on this
 * thread. Anything else goes through the {@link IdentityResolver}.
 */
import type { QueryWorker } from './queryWorker.js';
import { lookupSource, type Kind } from './resolve.js';
import { classifyIdentity, type UserId } from './userId.js';

/** The forms whose key names at most one user. */
const UNIQUE_FORMS: ReadonlySet<Kind> = new Set(['sip', 'dn']);

/** A chunk's line lookup between {@link LineLookup.start} and {@link LineLookup.collect}. */
export interface PendingLines {
  size: number;
  worker: QueryWorker;
}

/** What a line lookup found. */
export interface LineAnswer {
  /** Every identity matched, in order: the lines are the chunk's output as they are. */
  all: boolean;
  /** The positions (in the chunk) of the identities found, ascending. */
  found: number[];
  /** The found users' lines, in the same order, joined by `\n` ('' when none). */
  text: string;
}

/** Builds, sends and reads line lookups for one output line expression. */
export class LineLookup {
  readonly #sql = new Map<Kind, string>();
  readonly #allFound: string[] = [];

  /**
   * @param line the SQL expression of a user's output line, over the aliases `u` and those of join
   * @param join the joins the line needs (`LEFT JOIN pins p ON p.user_id = u.id`, say)
   */
  constructor(
    private readonly line: string,
    private readonly join?: string,
  ) {}

  /**
   * Sends a chunk's lookup to the worker, when its identities allow one.
   * @param ids the identities of one chunk
   * @param worker the query worker
   * @returns the pending lookup, or undefined when the identities are not all of one unique form
   */
  start(ids: readonly UserId[], worker: QueryWorker): PendingLines | undefined {
    let kind: Kind | undefined;
    const keys: string[] = [];
    for (const id of ids) {
      const form = classifyIdentity(id.text);
      if (!('key' in form) || !UNIQUE_FORMS.has(form.kind) || (kind !== undefined && form.kind !== kind)) return undefined;
      kind = form.kind;
      keys.push(form.key);
    }
    if (kind === undefined) return undefined;
    worker.send(this.#sqlFor(kind), [JSON.stringify(keys)]);
    return { size: ids.length, worker };
  }

  /**
   * Takes a lookup's answer (lookups finish in the order started).
   * @param pending what start returned
   * @returns the answer, or undefined when some identity matched several users (a directory that
   *   holds a SIP address twice): resolve that chunk the general way
   */
  collect(pending: PendingLines): LineAnswer | undefined {
    const answer = pending.worker.take();
    if (answer === null) return { all: false, found: [], text: '' };
    const split = answer.indexOf('\n');
    const positions = answer.slice(0, split);
    const text = answer.slice(split + 1);
    if (positions === this.#allFoundOf(pending.size)) return { all: true, found: [], text };
    const found = positions.split(',').map(Number);
    return found.every((position, i) => i === 0 || position > (found[i - 1] ?? 0)) ? { all: false, found, text } : undefined;
  }

  #sqlFor(kind: Kind): string {
    let sql = this.#sql.get(kind);
    if (sql === undefined) {
      const rows = `SELECT q.key AS i, ${this.line} AS line ${lookupSource(kind, this.join)}`;
      // Both aggregates read the rows in the same order: json_each's, the chunk's.
      sql = `SELECT group_concat(i) || char(10) || group_concat(line, char(10)) FROM (${rows})`;
      this.#sql.set(kind, sql);
    }
    return sql;
  }

  /** "0,1,…,n-1": the positions when every identity of a chunk of n was found. */
  #allFoundOf(size: number): string {
    return (this.#allFound[size] ??= Array.from({ length: size }, (_, i) => i).join(','));
  }
}

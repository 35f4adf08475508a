/**
 * The PIN-store seam: PIN state, per-user policy grants, policies and sites, all by the user's
 * stable key (DirectoryUser.key), whichever database holds them. Nothing here names SQL: the SQLite
 * store is in ./sqlite/, a PostgreSQL one can sit beside it. Per-user changes are one transaction each.
 */
import type { UserDirectory } from '../directory/index.js';
import type { LogonAttempt, LogonUser, PinRow } from './logon.js';
import type { PinPolicyRow, PolicyResolver } from './policy.js';
import type { PolicyChanges } from './policyRules.js';
import type { PinTargetRow } from './pinTarget.js';
import type { PoolSite } from './poolSites.js';

/** A user's PIN state after a change, as PinInfoDetails needs it. */
export interface PinState {
  pin_set: number;
  locked: number;
  changed_at: number | null;
}

/** A PIN change written inside an open transaction, waiting for its output line. */
export interface StagedPinChange {
  /** The user's state after the change. */
  readonly state: PinState;
  commit(): void;
  rollback(): void;
}

/** A new PIN for one user. */
export interface PinChange {
  userKey: string;
  hash: string;
  pinLength: number;
  changedAt: number;
  /** The key the hash was made with: refused if it was rotated away meanwhile. */
  pepper: Buffer;
}

/** What the store holds for one user: the PIN row (absent: never set) and the per-user policy grant. */
export interface StoredPin {
  pin: PinRow | undefined;
  /** The granted per-user policy's name (without `tag:`), or null. */
  policy: string | null;
}

/** What a change did, or why it did not happen. */
export type PolicyOutcome =
  | { ok: true; policy: PinPolicyRow; created: boolean }
  | { ok: false; reason: 'NotFound' | 'AlreadyExists' | 'GlobalExists' | 'LifetimeNeedsHistory'; message?: string };

/** What Remove-CsPinPolicy did. */
export type RemoveOutcome = { ok: true; reset: boolean; unassigned: number } | { ok: false; reason: 'NotFound' };

/** Policies: what the policy cmdlets read and change. */
export interface PinPolicies {
  list(): PinPolicyRow[];
  get(identity: string): PinPolicyRow | undefined;
  create(identity: string, changes: PolicyChanges, write?: boolean): PolicyOutcome;
  update(identity: string, changes: PolicyChanges, createMissing?: boolean, write?: boolean): PolicyOutcome;
  remove(identity: string, write?: boolean): RemoveOutcome;
  /** Grants (or, with null, revokes) a per-user policy; undefined when no such per-user policy exists. */
  assign(userKey: string, tagName: string | null): { name: string | null } | undefined;
}

/** The registrar pool → site table (site policies). */
export interface PinSites {
  list(): PoolSite[];
  hasPools(site: string): boolean;
}

/** Identity lookups that return a user's PIN state with it (a backend's joined fast path). */
export interface JoinedLookup<Row> {
  resolve(ids: Parameters<UserDirectory['resolve']>[0]): Map<number, Row[]>;
}

/** One input record of Get-CsClientPinInfo: the identity, and its input line for errors. */
export interface IdentityItem {
  identity: Parameters<UserDirectory['resolve']>[0][number];
  record?: number;
}

/** Get-CsClientPinInfo's output for chunk after chunk (JsonText/JsonLines, and errors in their places). */
export interface PinInfoSource {
  /** The output of a chunk, or of older chunks while this one's lookup runs ahead. */
  chunk(items: readonly IdentityItem[], shouldProcess: (target: string) => boolean): unknown[] | Promise<unknown[]>;
  /** Everything still held back. */
  drain(shouldProcess: (target: string) => boolean): unknown[] | Promise<unknown[]>;
  close(): void;
}

/**
 * What a store can do when it holds the directory too (the SQLite file): lookups that join users and
 * PIN state in one query. Opaque to cmdlets beyond these members.
 */
export interface JoinedViews {
  readonly targets: JoinedLookup<PinTargetRow>;
  /** Get-CsClientPinInfo's lookups; `quiet`: nothing is asked per user (lines may come ready-made). */
  pinInfo(policies: PolicyResolver, quiet: boolean): PinInfoSource;
}

/** Where PIN state lives. Opened once per command by the engine; cmdlets see only this. */
export interface PinStore {
  /** For -Verbose and messages: the file or server, without credentials. */
  readonly description: string;
  readonly policies: PinPolicies;
  readonly sites: PinSites;
  /** The PIN key, checked against the store's fingerprint. */
  pepper(): Buffer;
  /** The policies and sites, loaded once (both are small). */
  policyResolver(): PolicyResolver;
  /** The stored state of each key, in one call (never one per user); a key with nothing stored is absent. */
  states(keys: readonly string[]): Promise<Map<string, StoredPin>>;
  /** The PIN policy granted to each key, in one call; a key without a grant of its own is absent. */
  grants(keys: readonly string[]): Promise<Map<string, string>>;
  /** Replaces a user's PIN in a transaction left open until the caller commits or rolls back. */
  stagePin(change: PinChange): Promise<StagedPinChange>;
  /** Locks or unlocks (resetting the failure counters) in one transaction. */
  setLocked(userKey: string, locked: boolean): Promise<PinState>;
  /** One logon attempt, recorded in one transaction. */
  attempt(user: LogonUser, pin: string, context: { pepper: Buffer; policies: PolicyResolver; now: () => number }): Promise<LogonAttempt>;
  /** Waits until every change a reader downstream may have seen is committed. */
  waitForWriters(): void;
  /** The joined fast path, when this store holds that directory's users too; else undefined. */
  joinedWith?(directory: UserDirectory): JoinedViews | undefined;
  /** Releases the connection; safe to call twice. */
  close(): void;
}

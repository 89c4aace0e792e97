/**
 * A consumer group reading one partition p: the broker `b` leads p's log and is the group's
 * coordinator; members join, are expelled when their session times out (a pause), crash and
 * rejoin. Each rebalance starts a new generation; a design that fences checks the generation a
 * fetch or commit carries against the current one.
 */
import type { NodeId } from '../../src/system/index.ts';

/** The messages, one handler each. */
export type GroupMessage =
  /** A member asks for p's records from `offset` (null: from the group's committed offset). */
  | { readonly type: 'Fetch'; readonly generation: number; readonly offset: number | null }
  /** The records `from` .. `to` - 1 of p, for the generation the fetch carried. */
  | { readonly type: 'Records'; readonly generation: number; readonly from: number; readonly to: number }
  /** Commit `offset` (the next record to read) as the group's position; `sync` asks for an answer. */
  | { readonly type: 'Commit'; readonly generation: number; readonly offset: number; readonly sync: boolean }
  | { readonly type: 'CommitAck'; readonly generation: number; readonly offset: number }
  /** A member (back from a crash, or told it was expelled) asks to join. */
  | { readonly type: 'JoinGroup' }
  /** A member leaves the group for good (it is shutting down). */
  | { readonly type: 'LeaveGroup' }
  /** The coordinator's new generation: its members and who owns p (null: nobody). */
  | { readonly type: 'Assignment'; readonly generation: number; readonly members: readonly NodeId[]; readonly owner: NodeId | null };

/** A member's timers: process the next record in its hands; shut down. The broker's: a member's session expired. */
export type GroupTimer = { readonly type: 'process' } | { readonly type: 'leave' } | { readonly type: 'session-timeout'; readonly member: NodeId };

/** The design choices of a variant. */
export interface GroupSetup {
  /** The broker accepts a commit only from p's owner, with the current generation. */
  readonly fenceCommits: boolean;
  /** The broker serves a fetch only to p's owner, with the current generation. */
  readonly fenceFetches: boolean;
  /** When a member commits a batch's offset: once every record of it is processed, or (synchronously) before processing any. */
  readonly commit: 'after-processing' | 'before-processing';
  /** Mistake: after processing, commit the batch's end while its last record is still unprocessed. */
  readonly commitOneEarly: boolean;
}

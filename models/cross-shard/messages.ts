/**
 * A write of two keys on two shards behind a router: applied shard by shard, or through
 * two-phase commit (Gray and Lamport, "Consensus on Transaction Commit", 2006) with the
 * router as coordinator. Reads are single-key and go to the key's shard.
 */
import type { MultiKeyOp, MultiKeyResult } from '../../properties/history/index.ts';

export type { MultiKeyOp, MultiKeyResult };

/** Which key each shard holds: x on s0, y on s1. */
export const KEYS = ['x', 'y'] as const;
export type Key = (typeof KEYS)[number];

/** The messages between the router and the shards. `txn` is the write's operation id. */
export type ShardMessage =
  | { readonly type: 'Apply'; readonly txn: number; readonly key: Key; readonly value: number }
  | { readonly type: 'Applied'; readonly txn: number }
  /** `incarnation`: how many times the coordinator had restarted when it prepared this. */
  | { readonly type: 'Prepare'; readonly txn: number; readonly key: Key; readonly value: number; readonly incarnation: number }
  | { readonly type: 'Prepared'; readonly txn: number }
  | { readonly type: 'Commit'; readonly txn: number }
  /**
   * The coordinator restarted (its `incarnation`-th life): of the transactions prepared in an earlier
   * life, these committed and every other is aborted (presumed abort). A late Recover must not abort
   * what a later life prepared, hence the incarnation.
   */
  | { readonly type: 'Recover'; readonly incarnation: number; readonly committed: readonly number[] }
  | { readonly type: 'Committed'; readonly txn: number }
  | { readonly type: 'Get'; readonly op: number; readonly key: Key }
  | { readonly type: 'Value'; readonly op: number; readonly value: number };

/** How the router makes a multi-key write. */
export type CommitProtocol = 'per-shard' | 'two-phase';

/** The design choices of a variant. */
export interface CrossShardSetup {
  readonly protocol: CommitProtocol;
  /** A shard holds back a read of a key it has prepared until the transaction is decided. */
  readonly readsWaitOnPrepared: boolean;
  /** The coordinator's commit decisions survive its crash (its log is on disk). */
  readonly durableDecisions: boolean;
}

/**
 * Resharding: the range holding key k moves from shard s0 to shard s1 while clients write and
 * read through routers whose shard maps may be stale. The old owner must refuse requests for a
 * range it gave away (a shard-map epoch checked by the shard), or an acknowledged write is lost.
 */
import type { RegisterOp, RegisterResult } from '../../properties/history/index.ts';

/** A client operation: a read or write of k, or the administrator's move of k's range to s1. */
export type ReshardOp = RegisterOp | { readonly f: 'move' };
export type ReshardResult = RegisterResult;

/** Where a router believes k's range lives: the shard-map version and its owner. */
export interface ShardMap {
  readonly epoch: number;
  readonly owner: number;
}

/** The messages. Requests carry the epoch of the router's map; `op` is the client operation. */
export type ReshardMessage =
  | { readonly type: 'Put'; readonly op: number; readonly epoch: number; readonly value: number }
  | { readonly type: 'Get'; readonly op: number; readonly epoch: number }
  | { readonly type: 'Done'; readonly op: number; readonly value?: number }
  /** A fenced shard refuses a request for a range it does not own at the request's epoch. */
  | { readonly type: 'WrongShard'; readonly op: number; readonly map: ShardMap }
  /** The range's data, sent by the old owner to the new one. */
  | { readonly type: 'Handoff'; readonly epoch: number; readonly value: number }
  | { readonly type: 'HandoffAck'; readonly epoch: number }
  /** The new owner tells the routers the new map. */
  | { readonly type: 'MapUpdate'; readonly map: ShardMap };

/** The design choices of a variant. */
export interface ReshardSetup {
  /** Shards serve only a range they own, at the request's map epoch (false: any request, from their copy). */
  readonly fenced: boolean;
  /** When the old owner gives the range up: as it sends the handoff, or once the new owner acknowledges it. */
  readonly releaseAt: 'handoff' | 'acknowledgement';
}

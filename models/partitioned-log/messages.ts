import type { NodeId } from '../../src/system/index.ts';

/**
 * The messages of the partitioned log, by phase:
 * - produce: `Produce` (producer → partition leader), `ProduceResponse` (back);
 * - replicate: `Fetch` (follower → leader, pull), `FetchResponse`, `Truncate` (leader → a
 *   follower whose log diverges); with truncation by leader-epoch lookup (KIP-101) a new follower
 *   first asks `OffsetsForLeaderEpoch` and cuts its log where the answer, `EpochEnd`, says;
 * - control: `LeaderAndIsr` (controller → replicas), `Metadata` (controller → clients),
 *   `Register` (a restarted broker → controller), `AlterIsr` (leader → controller: a follower
 *   caught up and rejoins the ISR, or a follower lags and leaves it) and its `AlterIsrResponse`;
 * - consume: `Poll` (consumer → leader), `PollResponse`.
 */

/** A log entry: which message (its producer's client operation), its sequence number (-1 without idempotence), and the leader epoch it was appended in. */
export interface Entry {
  readonly message: number;
  readonly sequence: number;
  readonly epoch: number;
}

/** The identity of an entry that a follower's fetch carries for the leader to match: message and epoch, or '' for an empty log. */
export function entryKey(entry: Entry | undefined): string {
  return entry === undefined ? '' : `${entry.message}:${entry.epoch}`;
}

export interface Produce {
  readonly type: 'Produce';
  readonly partition: number;
  readonly message: number;
  readonly sequence: number;
}

export interface ProduceResponse {
  readonly type: 'ProduceResponse';
  readonly partition: number;
  readonly message: number;
  /** Where the message was appended; absent with an error. */
  readonly offset?: number;
  readonly error?: 'NotLeader' | 'NotEnoughReplicas' | 'NotEnoughReplicasAfterAppend' | 'OutOfOrderSequence';
}

export interface Fetch {
  readonly type: 'Fetch';
  readonly partition: number;
  /** The leader epoch the follower follows: the leader ignores an older one (fencing). */
  readonly epoch: number;
  /** The follower's log end offset: it asks for the entries from there. */
  readonly logEnd: number;
  /** {@link entryKey} of the follower's last entry, for the leader's divergence check. */
  readonly lastEntry: string;
}

export interface FetchResponse {
  readonly type: 'FetchResponse';
  readonly partition: number;
  readonly epoch: number;
  /** The offset of the first entry sent. */
  readonly from: number;
  readonly entries: readonly Entry[];
  readonly highWatermark: number;
  readonly error?: 'NotLeader';
}

export interface Truncate {
  readonly type: 'Truncate';
  readonly partition: number;
  readonly epoch: number;
  /** The follower keeps its entries below this offset. */
  readonly to: number;
}

export interface OffsetsForLeaderEpoch {
  readonly type: 'OffsetsForLeaderEpoch';
  readonly partition: number;
  /** The leader epoch the follower now follows (the leader answers once it leads that epoch or a later one). */
  readonly epoch: number;
  /** The epoch of the follower's last entry: it asks where that epoch ends in the leader's log. */
  readonly lastEpoch: number;
}

export interface EpochEnd {
  readonly type: 'EpochEnd';
  readonly partition: number;
  readonly epoch: number;
  /**
   * Where the follower's log stops agreeing, by the KIP-101 rule: the leader's log end if its last
   * entry has `lastEpoch`, else the offset of its first entry of a later epoch; -1 when it has
   * neither (the follower falls back to its own high watermark).
   */
  readonly end: number;
}

export interface LeaderAndIsr {
  readonly type: 'LeaderAndIsr';
  readonly partition: number;
  /** -1: no leader (the partition is offline). */
  readonly leader: number;
  readonly epoch: number;
  /** In-sync replicas, a bit set of brokers. */
  readonly isr: number;
  /** The ISR's version, bumped at each change: a leader ignores an older one that arrives late. */
  readonly version: number;
}

export interface Metadata {
  readonly type: 'Metadata';
  readonly partition: number;
  readonly leader: number;
  readonly epoch: number;
  /** The topic's partition count. */
  readonly partitions: number;
}

export interface AlterIsr {
  readonly type: 'AlterIsr';
  readonly partition: number;
  /** The leader epoch of the proposal: the controller ignores one from a deposed leader. */
  readonly epoch: number;
  readonly isr: number;
}

export interface AlterIsrResponse {
  readonly type: 'AlterIsrResponse';
  readonly partition: number;
  readonly epoch: number;
  /** The ISR the leader proposed, so that it knows which of its requests this answers. */
  readonly requested: number;
  /** The ISR the controller now records, and its version. */
  readonly isr: number;
  readonly version: number;
}

export interface Register {
  readonly type: 'Register';
}

export interface Poll {
  readonly type: 'Poll';
  readonly partition: number;
  /** The consumer operation this poll answers. */
  readonly operation: number;
}

export interface PollResponse {
  readonly type: 'PollResponse';
  readonly partition: number;
  readonly operation: number;
  /** The messages read from offset 0, in log order. */
  readonly messages: readonly number[];
  readonly error?: 'NotLeader';
}

/** Every message of the partitioned log. */
export type LogMessage =
  | Produce
  | ProduceResponse
  | Fetch
  | FetchResponse
  | Truncate
  | OffsetsForLeaderEpoch
  | EpochEnd
  | LeaderAndIsr
  | AlterIsr
  | AlterIsrResponse
  | Metadata
  | Register
  | Poll
  | PollResponse;

/**
 * What a client asks: a producer sends a keyed message, a consumer polls a partition, the admin
 * changes the partition count or moves a partition's leadership to another in-sync replica (a
 * preferred-leader election).
 */
export type LogInput =
  | { readonly kind: 'send'; readonly key: string; readonly label: string; readonly producer: number; readonly index: number }
  | { readonly kind: 'poll'; readonly partition: number }
  | { readonly kind: 'partitions'; readonly count: number }
  | { readonly kind: 'elect'; readonly partition: number; readonly leader: number };

/** What a client is told: where a send was appended (offset -1 with acks=0), what a poll read, the new partition count, the partition's leader after an election. */
export type LogOutput =
  | { readonly partition: number; readonly offset: number }
  | { readonly partition: number; readonly read: readonly number[] }
  | { readonly count: number }
  | { readonly partition: number; readonly leader: number };

/** A broker's view of the sender of a request, kept to answer it later. */
export interface WaitingProduce {
  readonly message: number;
  readonly from: NodeId;
  /** The produce is answered once the high watermark reaches this offset. */
  readonly end: number;
}

/**
 * The messages of the replication family, one union per protocol. Every message names its type
 * (the role layer looks its handler up by it); `epoch` / `term` name the leadership it belongs to.
 */

/** A value of the register; 0 is the initial value. */
export type Value = number;

/** Primary-backup replication: the leader ships its log, followers acknowledge, failover elects a new leader. */
export type ReplicaMsg =
  /** The leader's entry at `index` of its log (0-based). */
  | { readonly type: 'Replicate'; readonly epoch: number; readonly index: number; readonly value: Value }
  /** A follower holds every entry up to `index`. */
  | { readonly type: 'Ack'; readonly epoch: number; readonly index: number }
  /** After the leader of `epoch` crashed: how long a follower's log is (the most up-to-date one takes over). */
  | { readonly type: 'Position'; readonly epoch: number; readonly length: number }
  /** A follower took over in `epoch`; the others adopt its log. */
  | { readonly type: 'NewLeader'; readonly epoch: number; readonly log: readonly Value[] };

/** Leader leases: a replica asks the elector to lead; the elector hands leadership over once the old lease has ended. */
export type LeaseMsg =
  | { readonly type: 'Campaign'; readonly epoch: number }
  | { readonly type: 'Elected'; readonly epoch: number }
  | { readonly type: 'Deposed'; readonly epoch: number }
  | { readonly type: 'Update'; readonly epoch: number; readonly value: Value };

/** One entry of a Raft log: the term of the leader that wrote it, and its value. */
export interface RaftEntry {
  readonly term: number;
  readonly value: Value;
}

/** Raft-like elections with terms (Ongaro and Ousterhout, 2014): votes and log shipping. */
export type RaftMsg =
  | { readonly type: 'RequestVote'; readonly term: number; readonly lastTerm: number; readonly length: number }
  | { readonly type: 'Vote'; readonly term: number }
  /** The leader's log from `from` (0-based) on; the receiver must hold the entry before it with term `prevTerm`. */
  | { readonly type: 'Append'; readonly term: number; readonly from: number; readonly prevTerm: number; readonly entries: readonly RaftEntry[] }
  /** The follower's log matches the leader's up to `length` entries. */
  | { readonly type: 'Appended'; readonly term: number; readonly length: number };

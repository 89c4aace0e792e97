/**
 * The design choices of one variant of the partitioned log: each field is a decision a Kafka
 * implementation makes, and the variants table (variants.ts) picks them. A mutation overrides a
 * few of them with a plausible mistake.
 */
export interface LogSetup {
  /** Acknowledgements the producer waits for. */
  readonly acks: '0' | '1' | 'all';
  /** Retry a request after a timeout or a retriable error. */
  readonly retries: boolean;
  /** Producer id and per-partition sequence numbers, checked by the leader. */
  readonly idempotent: boolean;
  /**
   * Which entries the leader compares a sequence number with: those of the same producer (KIP-98),
   * or (a mistake) the partition's last entry of any producer.
   */
  readonly sequenceScope: 'producer' | 'partition';
  /**
   * Who the controller makes leader when the leader fails: a live in-sync replica (`isr`); that or
   * else any live replica (`unclean`, `unclean.leader.election.enable`); or the first live replica
   * whether in sync or not (`any`, an election that ignores the ISR).
   */
  readonly election: 'isr' | 'unclean' | 'any';
  /**
   * How a follower finds the end of the log it shares with a new leader:
   * - `fenced`: its fetch carries its leader epoch and its last entry, the leader refuses fetches of
   *   another epoch and answers a mismatched last entry with a Truncate of that epoch (KIP-320);
   * - `high-watermark`: it truncates to its own high watermark when it starts following, and the
   *   leader appends to whatever it has (before KIP-101);
   * - `epoch-lookup`: when it starts following it asks the leader where the epoch of its last
   *   entry ends (OffsetsForLeaderEpoch) and truncates there, or to its own high watermark when the
   *   leader's log has no entry of that epoch or later; the leader appends to whatever it has (KIP-101);
   * - `none`: no divergence check at all (a mistake).
   */
  readonly truncation: 'fenced' | 'high-watermark' | 'epoch-lookup' | 'none';
  /**
   * ISR shrink on lag (`replica.lag.time.max.ms`): a leader whose follower has not caught up within
   * one tick of the clock asks the controller to drop it from the ISR and counts the smaller ISR
   * once the controller confirms (`confirmed`), or (a mistake) at once, on its own (`local`); or no
   * shrink on lag (`off`: the ISR shrinks only when the controller hears of a failure).
   */
  readonly shrinkOnLag: 'off' | 'confirmed' | 'local';
  /** The leader's high watermark: the least log end over the ISR (`min`), or (a mistake) the greatest. */
  readonly highWatermark: 'min' | 'max';
  /**
   * Which ISR the leader's high watermark counts while it waits for the controller to confirm a
   * follower's return: the ISR with the returning follower (`maximal`, KIP-497), or (a mistake)
   * the confirmed one only.
   */
  readonly expansion: 'maximal' | 'confirmed';
  /** How the producer picks a partition: hash(key) mod P, or (a mistake) round robin over its messages. */
  readonly partitioner: 'key' | 'round-robin';
  /** Requests in flight per partition: as configured, or (a mistake) one more. */
  readonly inFlightLimit: 'configured' | 'one-more';
  /** With acks=all, the leader answers once the high watermark covers the message (`replicated`), or (a mistake) right after its own append. */
  readonly ackAllWhen: 'replicated' | 'appended';
  /** Consumers read only below the high watermark (else up to the leader's log end). */
  readonly readCommitted: boolean;
  /** Polls by the consumer, one after another, each from offset 0 of partition 0 (0: no consumer). */
  readonly polls: number;
  /** An admin adds a partition while the producers send. */
  readonly repartition: boolean;
  /**
   * Leadership moves the admin asks for, in order: each names the broker that should lead
   * partition 0 (a preferred-leader election, done only if it is an in-sync replica). Fast leader
   * changes without a failure; none by default.
   */
  readonly moves: readonly number[];
  /**
   * What the adversary may do, within the `faults` budget: lose messages, crash brokers, or
   * isolate a broker, with the clients, from the controller and the other brokers (see isolation.ts).
   */
  readonly faults: 'drop' | 'crash' | 'isolate';
  /**
   * When the controller hears of a broker crash: at once (`perfect`), or at some later step, and
   * never if the broker restarts first (`delayed`: a ZooKeeper session that outlives a quick restart).
   */
  readonly detection: 'perfect' | 'delayed';
}

/** The correct design at its most common settings; variants override a few fields. */
export const KAFKA: LogSetup = {
  acks: '1',
  idempotent: false,
  retries: true,
  sequenceScope: 'producer',
  election: 'isr',
  truncation: 'fenced',
  shrinkOnLag: 'off',
  highWatermark: 'min',
  expansion: 'maximal',
  partitioner: 'key',
  inFlightLimit: 'configured',
  ackAllWhen: 'replicated',
  readCommitted: true,
  polls: 0,
  repartition: false,
  moves: [],
  faults: 'drop',
  detection: 'perfect',
};

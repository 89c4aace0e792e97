/**
 * What the log properties see of a partitioned log (Kafka-like): the replicas' logs, the log of
 * each partition's current leader, and what clients were told (acknowledged sends, consumed
 * records). A model provides a {@link LogSource}; the properties in `properties/ordering/` and
 * `properties/delivery/` judge it, one concept per file.
 */

/** One record as the properties see it: which message of which producer, and its key. */
export interface LogRecord {
  /** Unique per message (the same message written twice has the same id). */
  readonly id: number;
  /** A short readable name, e.g. `a1`. */
  readonly label: string;
  readonly producer: number;
  /** The message's position in its producer's send order (0-based). */
  readonly index: number;
  readonly key: string;
}

/** One replica's copy of a partition. */
export interface ReplicaLog {
  readonly partition: number;
  /** A readable name of where this copy lives, e.g. `b0`. */
  readonly where: string;
  readonly records: readonly LogRecord[];
}

/** A record a client was told about: acknowledged at, or consumed from, an offset of a partition. */
export interface PlacedRecord {
  readonly record: LogRecord;
  readonly partition: number;
  readonly offset: number;
}

/**
 * A partition's in-sync replicas as the authority that elects leaders records them, with the
 * leader's high watermark: below it every record is committed.
 */
export interface InSyncView {
  readonly partition: number;
  /** The leader epoch: 0 until the first failover. */
  readonly epoch: number;
  /** The leader's log; its first `highWatermark` records are committed. */
  readonly leader: ReplicaLog;
  readonly highWatermark: number;
  /** Every in-sync replica's log (the leader's included). */
  readonly replicas: readonly ReplicaLog[];
}

/** Where the log properties read a state from. */
export interface LogSource<St> {
  /** Every replica's log of every partition. */
  logs(state: St): readonly ReplicaLog[];
  /** The log of the partition's current leader, or null while the partition has no live leader. */
  leaderLog(state: St, partition: number): { readonly where: string; readonly records: readonly LogRecord[] } | null;
  /** Sends the producer was told succeeded. */
  acknowledged(state: St): readonly PlacedRecord[];
  /** Records a consumer received. */
  consumed(state: St): readonly PlacedRecord[];
  /** Per partition with a live leader, its in-sync replicas (for replica consistency). */
  inSync?(state: St): readonly InSyncView[];
  /**
   * Every live replica that believes it leads a partition (a deposed leader that has not heard
   * of it yet included), with the ISR, epoch and high watermark as it knows them.
   */
  presumedLeaders?(state: St): readonly InSyncView[];
}

/** The first in-sync replica of a view whose records below the high watermark differ from the leader's, with the offset: null when they all agree. */
export function divergentReplica(view: InSyncView): { readonly replica: ReplicaLog; readonly offset: number } | null {
  const committed = view.leader.records.slice(0, view.highWatermark);
  for (const replica of view.replicas) {
    const offset = committed.findIndex((r, i) => replica.records[i]?.id !== r.id);
    if (offset >= 0) return { replica, offset };
  }
  return null;
}

/** `[a1, a2]`. */
export function showLog(records: readonly LogRecord[]): string {
  return `[${records.map((r) => r.label).join(', ')}]`;
}

/** The records of one producer in a log, first occurrence only, in log order. */
export function firstOccurrences(records: readonly LogRecord[], keep: (r: LogRecord) => boolean): LogRecord[] {
  const seen = new Set<number>();
  const result: LogRecord[] = [];
  for (const r of records) {
    if (!keep(r) || seen.has(r.id)) continue;
    seen.add(r.id);
    result.push(r);
  }
  return result;
}

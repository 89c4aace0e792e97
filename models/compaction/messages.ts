/**
 * Retention and compaction of one partition: a producer writes values and a delete (a
 * tombstone) of key k; the broker's cleaner compacts the log (or, under the delete policy,
 * retention removes old records); a slow consumer replays the log one record at a time into a
 * table, as a changelog reader does.
 */

/** A write: a value of a key, or its tombstone (value null). */
export interface Write {
  readonly key: string;
  readonly value: number | null;
}

/** A record of the log: a write at its offset (offsets stay; compaction leaves holes). */
export interface LogRecord extends Write {
  readonly offset: number;
}

/** The producer's operations, answered by the broker once appended. */
export type ProducerOp = { readonly f: 'write'; readonly write: Write };
export type ProducerResult = { readonly offset: number };

/** The messages, one handler each. */
export type CompactionMessage =
  /** Fetch from `offset`, which also commits it as the consumer's position (auto-commit on poll). */
  | { readonly type: 'Fetch'; readonly offset: number }
  /** The first record at or after the fetched offset (null: none retained below `next`), and where to fetch next. */
  | { readonly type: 'Records'; readonly record: LogRecord | null; readonly next: number };

/** The broker's timer: the cleaner (or retention) runs. */
export type CleanerTimer = { readonly type: 'clean' };

/** The design choices of a variant. */
export interface CompactionSetup {
  /** compact: keep the latest record of each key; delete: retention removes old records whatever they hold. */
  readonly policy: 'compact' | 'delete';
  /**
   * When the cleaner may remove a tombstone: once the consumer's committed position is past it
   * (delete.retention.ms long enough for every reader), or at once.
   */
  readonly tombstones: 'after-readers' | 'at-once';
  /** Mistake: compaction keeps the first record of a key instead of the last. */
  readonly keepFirst: boolean;
}

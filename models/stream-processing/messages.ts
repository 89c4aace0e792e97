/**
 * A counting job over a source with offsets: it reads record after record, keeps a running
 * count per key, sends each update to a sink, and saves its progress (the counts and the
 * input offset) so that a restart after a crash resumes from what was saved.
 */

/** The input: one partition of keyed records, read by offset. */
export const RECORDS: readonly string[] = ['a', 'b', 'a'];

/** One update: the count of `key` after the record at `offset`. */
export interface Update {
  readonly offset: number;
  readonly key: string;
  readonly count: number;
}

/** An update as traces show it: `#0 a=1` (record 0 brought key a's count to 1). */
export const showUpdate = (update: Update) => `#${update.offset} ${update.key}=${update.count}`;

/** The job's output to the sink: one update as it is made, or (a transactional sink) the updates of a checkpoint, committed with it. */
export type SinkMessage = ({ readonly type: 'Output' } & Update) | { readonly type: 'CommitOutputs'; readonly updates: readonly Update[] };

/**
 * The job's steps, each a timer that fires at once (they are its own actions, so a crash may
 * fall between any two): `process` reads the next record and updates the counts; `checkpoint`
 * saves counts and offset together; `commit` saves the offset alone (the counts are then saved by
 * `process`); `send-outputs` sends a transactional sink what the last checkpoint covered.
 */
export type JobStep = { readonly type: 'process' } | { readonly type: 'checkpoint' } | { readonly type: 'commit' } | { readonly type: 'send-outputs' };

/**
 * How the job saves its progress:
 * - `checkpoint`: counts and offset in one atomic write after each record (Flink's checkpoint,
 *   Kafka Streams' exactly-once: state and offsets in one transaction);
 * - `state-then-offset`: the counts are saved with the record processed, the offset committed after;
 * - `offset-then-state`: the offset committed first (as the record is read), the counts saved after it is processed.
 */
export type SaveOrder = 'checkpoint' | 'state-then-offset' | 'offset-then-state';

/** The design choices of a variant. */
export interface StreamSetup {
  readonly order: SaveOrder;
  /** What a restart restores: the saved counts and offset, or the offset only (the counts lived in memory). */
  readonly restore: 'counts-and-offset' | 'offset-only';
  /**
   * The sink: idempotent (an update for an offset it has is ignored), plain (it appends every
   * update), or transactional (the job sends the updates of a checkpoint with it, so what a crash
   * rolls back was never output; with a checkpoint only).
   */
  readonly sink: 'idempotent' | 'plain' | 'transactional';
  /** For a transactional sink: its updates go out in the checkpoint's step, or in a step of their own after it. */
  readonly outputs: 'with-checkpoint' | 'after-checkpoint';
}

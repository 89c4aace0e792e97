/**
 * Transactional read-process-write: an application reads records of input partition `in`,
 * writes one output record per input record to partition `out` and commits the consumed offsets,
 * all in one transaction of its transactional id. Broker b holds both partitions, the group's
 * committed offset and the transaction coordinator. Instance p2 of the application (same
 * transactional id) takes over from p1 at any moment: p1 may be paused, not dead.
 */

/** A record of `out`: the output of input offset `input`, written in transaction `txn`. */
export interface OutputRecord {
  readonly input: number;
  readonly txn: number;
}

/** An output record as traces show it: `o0@t1` (the output of input 0, in transaction 1). */
export const showRecord = (record: OutputRecord) => `o${record.input}@t${record.txn}`;

/** A transaction's status; a committed or aborted one has its marker in `out`. */
export type TxnStatus = 'ongoing' | 'committed' | 'aborted';

/** What the downstream reader asks (its one operation: read `out`) and what it gets. */
export type ReaderOp = { readonly f: 'read' };
export type ReaderResult = { readonly records: readonly OutputRecord[] };

/**
 * The messages, one handler each. A request names the instance's `incarnation` (its restarts so
 * far) and the answer echoes it: an answer to an incarnation that crashed is dropped, as a reset
 * connection would drop it.
 */
export type TxnMessage =
  /** A new instance registers its transactional id: the coordinator fences the old one. */
  | { readonly type: 'InitProducerId'; readonly incarnation: number }
  | { readonly type: 'ProducerId'; readonly incarnation: number; readonly epoch: number }
  /** Fetch `in` from `offset` (null: the group's committed offset). */
  | { readonly type: 'Fetch'; readonly incarnation: number; readonly offset: number | null }
  | { readonly type: 'Records'; readonly incarnation: number; readonly from: number; readonly to: number }
  /** Write the outputs of these input offsets in the id's open transaction (one is opened if none). */
  | { readonly type: 'Produce'; readonly incarnation: number; readonly epoch: number; readonly inputs: readonly number[] }
  /** Commit the open transaction, with the consumed offset `offset` when the offsets go in it. */
  | { readonly type: 'EndTxn'; readonly incarnation: number; readonly epoch: number; readonly offset: number | null }
  | { readonly type: 'EndTxnResult'; readonly incarnation: number; readonly committed: boolean }
  /** A plain offset commit, outside any transaction. */
  | { readonly type: 'CommitOffset'; readonly offset: number }
  /** A request with an old epoch was refused: this instance is a zombie and stops. */
  | { readonly type: 'ProducerFenced'; readonly incarnation: number };

/** The coordinator's timer: an open transaction runs past its timeout and is aborted. */
export type TxnTimer = { readonly type: 'transaction-timeout' };

/** The design choices of a variant. */
export interface TxnSetup {
  /** A new instance's InitProducerId bumps the id's epoch. */
  readonly bumpEpoch: boolean;
  /** The broker refuses writes and commits that carry an older epoch. */
  readonly checkEpoch: boolean;
  /** InitProducerId aborts the id's open transaction. */
  readonly abortOnInit: boolean;
  /** The consumed offsets are committed in the transaction (else by a plain commit once it committed). */
  readonly offsetsInTransaction: boolean;
  /** What the downstream reader sees of `out`. */
  readonly isolation: 'read_committed' | 'read_uncommitted';
}

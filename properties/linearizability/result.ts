import type { HistoryOperation, Verdict } from './operation.ts';

/** Verdict and work of one partition (sub-history) of a check. */
export interface PartitionReport {
  /** Position of the partition in the spec's `partition` output (0 without partitioning). */
  readonly index: number;
  /** Number of operations in it. */
  readonly operations: number;
  /** Its verdict; `'unknown'` if the check stopped before deciding it. */
  readonly verdict: Verdict;
  /** Steps spent on it. */
  readonly steps: number;
  /** When linearizable: operation ids in a valid linearization order. */
  readonly linearization?: readonly number[];
}

/** One operation of the longest linearizable prefix, with the state it leads to. */
export interface LinearizedOperation<State, Input, Output> {
  /** The operation, as given in the history. */
  readonly operation: HistoryOperation<Input, Output>;
  /** One-line description (from the spec's `describeOperation`). */
  readonly description: string;
  /** The state after applying it. */
  readonly stateAfter: State;
  /** One-line description of `stateAfter`. */
  readonly stateAfterDescription: string;
}

/** An operation that could come next in real-time order, but does not fit. */
export interface StuckOperation<Input, Output> {
  /** The operation, as given in the history. */
  readonly operation: HistoryOperation<Input, Output>;
  /** One-line description. */
  readonly description: string;
  /**
   * `'illegal'`: the spec rejects it in the state reached. `'dead end'`: it is legal there,
   * but every continuation after it was explored and failed.
   */
  readonly reason: 'illegal' | 'dead end';
}

/**
 * Why a history is not linearizable, in plain data for a trace renderer: the longest
 * prefix the search could linearize (in linearization order, with states), and the
 * operations that could not be placed after it.
 */
export interface NonLinearizableExplanation<State, Input, Output> {
  /** One-line summary. */
  readonly message: string;
  /** Index of the partition found not linearizable (see {@link PartitionReport}). */
  readonly partition: number;
  /** Number of operations in that partition. */
  readonly partitionOperations: number;
  /** The initial state. */
  readonly initialState: State;
  /** The longest linearizable prefix found, in linearization order. */
  readonly prefix: readonly LinearizedOperation<State, Input, Output>[];
  /** The state after the prefix. */
  readonly stateAfterPrefix: State;
  /** Operations that real time allowed next but that could not be placed there. */
  readonly stuck: readonly StuckOperation<Input, Output>[];
}

/** Result of {@link checkLinearizability}. */
export interface LinearizabilityResult<State, Input, Output> {
  /** `'unknown'` only when a budget ran out before the answer was known. */
  readonly verdict: Verdict;
  /** Total steps (attempts to apply an operation) over all partitions. */
  readonly steps: number;
  /** Wall-clock time of the check, in milliseconds. */
  readonly elapsedMs: number;
  /** One-line summary of the outcome. */
  readonly message: string;
  /** Per-partition verdicts (a single partition when the spec does not partition). */
  readonly partitions: readonly PartitionReport[];
  /** For an `'unknown'` verdict: which budget ran out. */
  readonly budgetExhausted?: 'steps' | 'time' | 'memory' | 'interrupted';
  /** For a `'not linearizable'` verdict: why. */
  readonly explanation?: NonLinearizableExplanation<State, Input, Output>;
}

/**
 * One operation of a concurrent history, as observed by a client: when it was invoked
 * (`call`), when it returned (`return`), what it asked for (`input`) and what it was told
 * (`output`).
 *
 * - `output` `undefined` or `null` means the response is unknown: any response is allowed
 *   (a crashed or timed-out operation).
 * - `return` `undefined` or `Infinity` means the operation is still pending: it may take
 *   effect at any point after its call, or not at all. The checker treats it as returning
 *   after everything else, with an unknown output.
 *
 * Real-time order: A precedes B exactly when `A.return < B.call` (closed intervals, so an
 * operation returning at the same instant another is called overlaps it).
 */
export interface HistoryOperation<Input = unknown, Output = unknown> {
  /** Identifier of the operation, unique within the history. */
  readonly id: number;
  /** The client (process) that issued it. Informational: the checker does not need it. */
  readonly client: number;
  /** Time of the invocation (any finite number; only the order matters). */
  readonly call: number;
  /** Time of the response; `undefined` or `Infinity` while the operation is pending. */
  readonly return?: number;
  /** What the operation asked for. */
  readonly input: Input;
  /** What the operation was told; `undefined`/`null` = unknown (any response allowed). */
  readonly output?: Output | null;
}

/** A concurrent history: operations in any order (the checker sorts them by time). */
export type History<Input = unknown, Output = unknown> = readonly HistoryOperation<Input, Output>[];

/** Verdict of a linearizability check. `'unknown'` means a budget ran out first. */
export type Verdict = 'linearizable' | 'not linearizable' | 'unknown';

/** True when the operation has not returned (no `return`, or `return` is `Infinity`). */
export function isPending(op: HistoryOperation<unknown, unknown>): boolean {
  return op.return === undefined || op.return === Infinity;
}

/** The time the checker uses as the operation's return: `Infinity` for a pending one. */
export function returnTime(op: HistoryOperation<unknown, unknown>): number {
  return op.return === undefined ? Infinity : op.return;
}

/** True when the output is unknown (`undefined` or `null`), so any response is allowed. */
export function isUnknownOutput(output: unknown): output is null | undefined {
  return output === undefined || output === null;
}

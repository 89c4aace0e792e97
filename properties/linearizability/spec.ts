import type { HistoryOperation } from './operation.ts';
import { canonicalJson } from '../../src/core/canonical-json.ts';

/** Outcome of applying one operation to a state: whether it is legal, and the next state. */
export interface StepResult<State> {
  /** True when the operation, with this output, is allowed from the state. */
  readonly ok: boolean;
  /** The state after the operation (meaningful only when `ok`). */
  readonly next: State;
}

/** A value a state can be identified by in the checker's cache. */
export type StateHash = string | number | boolean | null;

/**
 * The sequential specification of an object: what a single-threaded run may return.
 *
 * Contract (the checker relies on it to memoise): `init` and `step` are pure and
 * deterministic, never mutate their arguments, and `step`'s result depends only on the
 * state's identity as given by `hash`/`equal`.
 */
export interface SequentialSpec<State, Input, Output> {
  /** Short name for messages (e.g. `cas-register`). */
  readonly name: string;
  /** The initial state. */
  init(): State;
  /**
   * Applies an operation. `output` is `undefined` when the response is unknown, in which
   * case any response must be accepted (the operation may or may not have taken effect
   * in the ways the spec allows).
   */
  step(state: State, input: Input, output: Output | undefined): StepResult<State>;
  /**
   * Splits a history into independent sub-histories (P-compositionality): the history is
   * linearizable exactly when each part is. Usually built with {@link partitionByKey}.
   */
  partition?(operations: readonly HistoryOperation<Input, Output>[]): HistoryOperation<Input, Output>[][];
  /**
   * A cache key for a state. States with different hashes must differ; equal states must
   * hash alike. Default: the value itself for primitives, canonical JSON for objects.
   */
  hash?(state: State): StateHash;
  /** Exact equality of two states with the same hash. Default: equal hashes mean equal states. */
  equal?(a: State, b: State): boolean;
  /** One-line description of an operation, e.g. `write 3` or `read → 1`. */
  describeOperation?(input: Input, output: Output | undefined): string;
  /** One-line description of a state. Default: JSON. */
  describeState?(state: State): string;
}

/**
 * Builds a `partition` function that groups operations by a key of their input, keeping
 * each group in the history's order. Groups come out in order of first appearance.
 */
export function partitionByKey<Input, Output>(
  keyOf: (input: Input) => string | number,
): (operations: readonly HistoryOperation<Input, Output>[]) => HistoryOperation<Input, Output>[][] {
  return (operations) => {
    const groups = new Map<string | number, HistoryOperation<Input, Output>[]>();
    for (const op of operations) {
      const key = keyOf(op.input);
      let group = groups.get(key);
      if (group === undefined) {
        group = [];
        groups.set(key, group);
      }
      group.push(op);
    }
    return [...groups.values()];
  };
}

// The default state hash and the fallback description: the project's one canonical JSON.
export { canonicalJson };

/** Describes a state with the spec's `describeState`, or as JSON. */
export function describeState<State>(spec: SequentialSpec<State, unknown, unknown>, state: State): string {
  return spec.describeState ? spec.describeState(state) : canonicalJson(state);
}

/** Describes an operation with the spec's `describeOperation`, or as JSON input → output. */
export function describeOperation<Input, Output>(
  spec: SequentialSpec<unknown, Input, Output>,
  input: Input,
  output: Output | null | undefined,
): string {
  const out = output === null ? undefined : output;
  if (spec.describeOperation) return spec.describeOperation(input, out);
  return canonicalJson(input) + ' → ' + (out === undefined ? '?' : canonicalJson(out));
}

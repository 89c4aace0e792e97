import type { Property } from '../../src/core/model.ts';
import { checkLinearizability } from '../linearizability/check.ts';
import type { HistoryOperation } from '../linearizability/operation.ts';
import type { SequentialSpec } from '../linearizability/spec.ts';
import type { ClientHistory } from '../../src/system/index.ts';
import { memoiseHistory, type HistorySource } from './memo.ts';

/** Options of {@link linearizable}. */
export interface LinearizableOptions {
  readonly name?: string;
  readonly expect?: 'holds' | 'violated';
}

/**
 * The history as the linearizability checker takes it. An operation that failed may still
 * have taken effect (a timed-out write may land later), so it is passed as pending with an
 * unknown output, as Jepsen does with indeterminate results.
 */
export function toCheckerHistory<I, O>(history: ClientHistory<I, O>): HistoryOperation<I, O>[] {
  return history.map((op) =>
    op.return === undefined || op.error !== undefined
      ? { id: op.id, client: op.client, call: op.call, input: op.input }
      : { id: op.id, client: op.client, call: op.call, return: op.return, input: op.input, output: op.output as O },
  );
}

/**
 * Linearizability against a sequential specification (kind `history`: a history that is not
 * linearizable stays so when it grows, so BFS finds a shortest counterexample).
 */
/**
 * How far the checker got with a history that is not linearizable, for trace pictures: the
 * longest linearizable prefix (operation ids in linearization order, with the state after each)
 * and the operations that could not come next.
 */
export interface LinearizationExplanation {
  readonly prefix: readonly { readonly id: string; readonly description: string; readonly state: string }[];
  readonly stuck: readonly { readonly id: string; readonly description: string; readonly reason: string }[];
}

export function linearizable<St, I, O>(
  source: HistorySource<St, I, O>,
  spec: SequentialSpec<any, I, O>,
  options: LinearizableOptions = {},
): Property<St> & { explain(state: St): LinearizationExplanation | undefined } {
  const judge = memoiseHistory((h: ClientHistory<I, O>) => {
    const result = checkLinearizability(spec, toCheckerHistory(h));
    return result.verdict === 'linearizable' ? true : result.message;
  });
  return {
    name: options.name ?? 'linearizable',
    kind: 'history',
    expect: options.expect ?? 'holds',
    description: `every history is linearizable with respect to a ${spec.name}`,
    check: (state) => judge(source.history(state)),
    explain: (state) => {
      const explanation = checkLinearizability(spec, toCheckerHistory(source.history(state))).explanation;
      if (!explanation) return undefined;
      return {
        prefix: explanation.prefix.map((p) => ({ id: String(p.operation.id), description: p.description, state: p.stateAfterDescription })),
        stuck: explanation.stuck.map((s) => ({ id: String(s.operation.id), description: s.description, reason: s.reason })),
      };
    },
  };
}

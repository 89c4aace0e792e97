import { ModelContractError } from '../core/errors.ts';
import type { ClientHistory, ClientOperation, NodeId, OpSlot, Workload } from './types.ts';

/** A workload operation, flattened: its client, coordinator and input. */
export interface PlannedOperation<I> {
  readonly id: number;
  readonly client: number;
  readonly node: NodeId;
  readonly input: I;
}

/** The workload as the layer runs it: every operation, client-major, and who may invoke next. */
export interface Plan<I, O> {
  /** Every workload operation; an operation's id is its index here. */
  readonly operations: readonly PlannedOperation<I>[];
  /** The next operation client `c` may invoke, or -1. */
  nextOp(ops: readonly (OpSlot<O> | null)[], client: number): number;
  /** The history a state's slots record (memoised by the slots array). */
  history(ops: readonly (OpSlot<O> | null)[]): ClientHistory<I, O>;
}

/** Flattens a workload; `resolve` turns a step's node (id or name) into an id. */
export function planWorkload<I, O>(workload: Workload<I>, resolve: (node: NodeId | string, where: string) => NodeId): Plan<I, O> {
  const operations: PlannedOperation<I>[] = [];
  const pipelined: boolean[] = [];
  const firstOp: number[] = [];
  workload.forEach((script, client) => {
    firstOp.push(operations.length);
    for (const step of script) {
      operations.push({ id: operations.length, client, node: resolve(step.node, `workload: client c${client}`), input: step.input });
      pipelined.push(step.pipelined === true);
    }
  });
  firstOp.push(operations.length);

  const nextOp = (ops: readonly (OpSlot<O> | null)[], c: number): number => {
    for (let id = firstOp[c]!; id < firstOp[c + 1]!; id++) {
      if (ops[id] === null) return id === firstOp[c] || ops[id - 1]!.ret !== undefined || pipelined[id] ? id : -1;
    }
    return -1;
  };

  const histories = new WeakMap<object, ClientHistory<I, O>>();
  const history = (ops: readonly (OpSlot<O> | null)[]): ClientHistory<I, O> => {
    let h = histories.get(ops);
    if (h === undefined) {
      const list: ClientOperation<I, O>[] = [];
      ops.forEach((slot, id) => {
        if (slot === null) return;
        const p = operations[id]!;
        list.push({
          id,
          client: p.client,
          node: p.node,
          input: p.input,
          call: slot.call,
          ...(slot.ret !== undefined ? { return: slot.ret } : {}),
          ...(slot.output !== undefined ? { output: slot.output } : {}),
          ...(slot.error !== undefined ? { error: slot.error } : {}),
        });
      });
      h = list;
      histories.set(ops, h);
    }
    return h;
  };
  return { operations, nextOp, history };
}

/** How many operations have completed (the logical clock of calls and returns). */
export function completed<O>(ops: readonly (OpSlot<O> | null)[]): number {
  return ops.reduce((k, slot) => (slot?.ret !== undefined ? k + 1 : k), 0);
}

/** The slots after `node` answered: each answer to an invoked, unanswered operation takes the next return step. */
export function answer<I, O>(
  ops: readonly (OpSlot<O> | null)[],
  replies: readonly { op: number; output?: O; error?: string }[],
  node: NodeId,
  operations: readonly PlannedOperation<I>[],
  name: (node: NodeId) => string,
): readonly (OpSlot<O> | null)[] {
  if (replies.length === 0) return ops;
  let done = completed(ops);
  const copy = ops.slice();
  for (const r of replies) {
    const slot = copy[r.op];
    const planned = operations[r.op];
    if (planned === undefined || slot === undefined) throw new ModelContractError(`${name(node)} replied to unknown operation ${r.op}`);
    if (planned.node !== node) throw new ModelContractError(`${name(node)} replied to operation ${r.op}, which was sent to ${name(planned.node)}`);
    if (slot === null || slot.ret !== undefined) continue; // not invoked yet, or already answered
    copy[r.op] = r.error !== undefined ? { call: slot.call, ret: done++, error: r.error } : { call: slot.call, ret: done++, output: r.output as O };
  }
  return copy;
}

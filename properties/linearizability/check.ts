import { UsageError } from '../../src/core/errors.ts';
import type { History, HistoryOperation } from './operation.ts';
import { returnTime } from './operation.ts';
import type {
  LinearizabilityResult,
  LinearizedOperation,
  NonLinearizableExplanation,
  PartitionReport,
  StuckOperation,
} from './result.ts';
import { PartitionSearch } from './search.ts';
import type { SequentialSpec } from './spec.ts';
import { describeOperation, describeState } from './spec.ts';
import { ILLEGAL } from './state-table.ts';

/** Options of {@link checkLinearizability}. */
export interface CheckOptions {
  /** Stop with `'unknown'` after this many steps in total. Default: no limit. */
  readonly maxSteps?: number;
  /** Stop with `'unknown'` after about this many milliseconds. Default: no limit. */
  readonly timeoutMs?: number;
  /** Stop with `'unknown'` once the process's resident memory passes this many MiB. Default: no limit. */
  readonly maxMemoryMb?: number;
  /** Stop with `'unknown'` once this asks for it (a signal, a closed stdout). */
  readonly interrupt?: { readonly requested: boolean };
  /** Use the spec's `partition` when it has one (default true). */
  readonly partition?: boolean;
  /**
   * Steps each unfinished partition gets in the first round-robin round; the allowance
   * doubles every round. Default 4096.
   */
  readonly initialSliceSteps?: number;
}

/** A budget that can end a check with `'unknown'`. */
export type BudgetKind = 'steps' | 'time' | 'memory' | 'interrupted';

/** Steps between two looks at the clock (keeps `performance.now` off the hot path). */
const CLOCK_CHUNK = 1 << 15;

/**
 * Checks whether a concurrent history is linearizable with respect to a sequential spec:
 * whether some total order of all its operations respects real-time precedence and is a
 * legal sequential run from `spec.init()`.
 *
 * Algorithm: Wing–Gong depth-first search with Lowe's cache of (linearized set, state),
 * on each partition the spec defines (P-compositionality). Partitions are searched
 * round-robin with a step allowance that doubles every round, and the check stops at the
 * first partition found not linearizable: one hard partition cannot hide an easy
 * counterexample in another. Past `maxSteps` or `timeoutMs` the verdict is `'unknown'`.
 *
 * Throws {@link UsageError} when an operation has a non-numeric call or returns before
 * its call.
 */
export function checkLinearizability<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  history: History<Input, Output>,
  options: CheckOptions = {},
): LinearizabilityResult<State, Input, Output> {
  const start = performance.now();
  validateHistory(history);
  const maxSteps = options.maxSteps ?? Infinity;
  const deadline = options.timeoutMs === undefined ? Infinity : start + options.timeoutMs;
  const parts: HistoryOperation<Input, Output>[][] =
    spec.partition && options.partition !== false ? spec.partition(history) : [history.slice()];
  const searches = parts.map((ops) => new PartitionSearch(spec, ops));

  let total = 0;
  let slice = Math.max(1, options.initialSliceSteps ?? 4096);
  let active = searches.filter((s) => s.status === 'paused');
  let exhausted: BudgetKind | undefined;
  const maxRssBytes = options.maxMemoryMb === undefined ? Infinity : options.maxMemoryMb * 1024 * 1024;
  let lastMemoryLook = start;
  /** The budget other than steps that has run out, if any (looked at between chunks of steps). */
  const outOfBudget = (): BudgetKind | undefined => {
    const now = performance.now();
    if (now > deadline) return 'time';
    if (options.interrupt?.requested) return 'interrupted';
    if (maxRssBytes !== Infinity && now - lastMemoryLook >= 100) {
      lastMemoryLook = now;
      if (process.memoryUsage.rss() > maxRssBytes) return 'memory';
    }
    return undefined;
  };
  let failed: PartitionSearch<State, Input, Output> | undefined;

  rounds: while (active.length > 0) {
    for (const search of active) {
      const sliceEnd = search.steps + slice;
      while (search.status === 'paused' && search.steps < sliceEnd) {
        if (total >= maxSteps) {
          exhausted = 'steps';
          break rounds;
        }
        const before = search.steps;
        search.run(Math.min(sliceEnd, before + (maxSteps - total), before + CLOCK_CHUNK));
        total += search.steps - before;
        if (search.status === 'paused' && (exhausted = outOfBudget()) !== undefined) break rounds;
      }
      if (search.status === 'illegal') {
        failed = search;
        break rounds;
      }
    }
    active = active.filter((s) => s.status === 'paused');
    slice *= 2;
  }

  const partitions: PartitionReport[] = searches.map((s, index) => ({
    index,
    operations: s.operations.length,
    verdict: s.status === 'linearizable' ? 'linearizable' : s.status === 'illegal' ? 'not linearizable' : 'unknown',
    steps: s.steps,
    ...(s.status === 'linearizable' ? { linearization: s.linearization().map((i) => s.operations[i]!.id) } : {}),
  }));
  const elapsedMs = performance.now() - start;
  const decided = partitions.filter((p) => p.verdict !== 'unknown').length;

  if (failed !== undefined) {
    const explanation = explain(spec, failed, searches.indexOf(failed), searches.length);
    return { verdict: 'not linearizable', steps: total, elapsedMs, message: explanation.message, partitions, explanation };
  }
  if (exhausted !== undefined) {
    const budget = {
      steps: `step budget of ${maxSteps}`,
      time: `time budget of ${options.timeoutMs} ms`,
      memory: `memory budget of ${options.maxMemoryMb} MB`,
      interrupted: 'run (interrupted)',
    }[exhausted];
    const message = `unknown: the ${budget} ran out after ${total} steps, with ${decided} of ${searches.length} partition(s) decided`;
    return { verdict: 'unknown', steps: total, elapsedMs, message, partitions, budgetExhausted: exhausted };
  }
  const message = `linearizable: ${history.length} operation(s) in ${searches.length} partition(s), ${total} steps`;
  return { verdict: 'linearizable', steps: total, elapsedMs, message, partitions };
}

function validateHistory(history: History<unknown, unknown>): void {
  history.forEach((op, i) => {
    if (typeof op.call !== 'number' || !Number.isFinite(op.call)) {
      throw new UsageError(`history[${i}].call: expected a finite number`);
    }
    const ret = returnTime(op);
    if (typeof ret !== 'number' || Number.isNaN(ret) || ret < op.call) {
      throw new UsageError(`history[${i}].return: expected a number not before call, or undefined/Infinity if pending`);
    }
  });
}

/** Builds the plain-data explanation from the longest prefix the search recorded. */
function explain<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  search: PartitionSearch<State, Input, Output>,
  partition: number,
  partitionCount: number,
): NonLinearizableExplanation<State, Input, Output> {
  const { table, operations } = search;
  const describe = (op: HistoryOperation<Input, Output>): string =>
    describeOperation(spec as SequentialSpec<unknown, Input, Output>, op.input, returnTime(op) === Infinity ? undefined : op.output);
  const showState = (s: State): string => describeState(spec as SequentialSpec<State, unknown, unknown>, s);

  let stateId = search.initialState;
  const placed = new Set<number>();
  const prefix: LinearizedOperation<State, Input, Output>[] = [];
  for (const op of search.bestPrefix) {
    stateId = table.transition(stateId, op);
    placed.add(op);
    const state = table.states[stateId]!;
    prefix.push({ operation: operations[op]!, description: describe(operations[op]!), stateAfter: state, stateAfterDescription: showState(state) });
  }
  // Real time allows next exactly the remaining operations invoked no later than the
  // earliest remaining return.
  let earliestReturn = Infinity;
  operations.forEach((op, i) => {
    if (!placed.has(i)) earliestReturn = Math.min(earliestReturn, returnTime(op));
  });
  const stuck: StuckOperation<Input, Output>[] = [];
  operations.forEach((op, i) => {
    if (placed.has(i) || op.call > earliestReturn) return;
    const reason = table.transition(stateId, i) === ILLEGAL ? 'illegal' : 'dead end';
    stuck.push({ operation: op, description: describe(op), reason });
  });

  const stateAfterPrefix = table.states[stateId]!;
  const where = partitionCount > 1 ? ` in partition ${partition} (${operations.length} operations)` : '';
  const shown = stuck
    .slice(0, 3)
    .map((s) => `#${s.operation.id} ${s.description} (${s.reason})`)
    .join(', ');
  const more = stuck.length > 3 ? `, and ${stuck.length - 3} more` : '';
  const message =
    `not linearizable${where}: at most ${prefix.length} of ${operations.length} operations linearize ` +
    `(reaching state ${showState(stateAfterPrefix)}); none can come next: ${shown}${more}`;
  return {
    message,
    partition,
    partitionOperations: operations.length,
    initialState: table.states[search.initialState]!,
    prefix,
    stateAfterPrefix,
    stuck,
  };
}

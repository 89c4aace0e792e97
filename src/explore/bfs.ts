import { ModelContractError } from '../core/errors.ts';
import { fp } from '../core/fingerprint.ts';
import { FingerprintTable } from '../core/fingerprint-table.ts';
import type { Model } from '../core/model.ts';
import {
  Budget,
  ContractChecker,
  makeFingerprinter,
  makeResult,
  PropertyTracker,
  selectProperties,
  type ExploreOptions,
} from './common.ts';
import type { ExplorationResult, StopReason } from './result.ts';

const NO_PARENT = 0xffffffff;
const CHUNK = 1 << 14;

/** A FIFO of states in fixed-size chunks, so that explored states can be collected. */
class ChunkedQueue<T> {
  private chunks: T[][] = [[]];
  private head = 0;
  private length = 0;

  get size(): number {
    return this.length;
  }

  push(item: T): void {
    let last = this.chunks[this.chunks.length - 1]!;
    if (last.length === CHUNK) {
      last = [];
      this.chunks.push(last);
    }
    last.push(item);
    this.length++;
  }

  shift(): T {
    const first = this.chunks[0]!;
    const item = first[this.head]!;
    (first as (T | undefined)[])[this.head] = undefined;
    this.length--;
    if (++this.head === CHUNK) {
      this.chunks.shift();
      if (this.chunks.length === 0) this.chunks.push([]);
      this.head = 0;
    }
    return item;
  }
}

/** Growable typed array of 32-bit unsigned integers. */
class U32List {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Breadth-first search over all interleavings: the first counterexample found for a property is
 * a shortest one. States are numbered in discovery order; each keeps only a parent link and the
 * index of the action that reached it, from which traces are rebuilt.
 */
export function bfs<S, A>(model: Model<S, A>, options: ExploreOptions = {}): ExplorationResult {
  const properties = selectProperties(model, options.properties);
  const tracker = new PropertyTracker<S>(properties);
  const fingerprint = makeFingerprinter(model as Model<S, unknown>);
  const contract = new ContractChecker(model, fingerprint);
  const budget = new Budget(options);
  const seen = new FingerprintTable(1 << 16);
  const parent = new U32List();
  const via = new U32List();
  const queue = new ChunkedQueue<S>();
  const maxStates = options.maxStates ?? Infinity;
  const maxDepth = options.maxDepth ?? Infinity;
  const withinBounds = model.withinBounds?.bind(model);

  let generated = 0;
  let depth = 0;
  let stopReason: StopReason | null = null;
  let cutByDepth = false;

  /** The path to state `id`, by following parent links. */
  const pathTo = (id: number) => {
    const actionIndices: number[] = [];
    while (parent.data[id] !== NO_PARENT) {
      actionIndices.push(via.data[id]!);
      id = parent.data[id]!;
    }
    actionIndices.reverse();
    return { initIndex: via.data[id]!, actionIndices };
  };

  const inits = model.init();
  for (let i = 0; i < inits.length; i++) {
    const state = inits[i]!;
    generated++;
    fingerprint(state);
    if (!seen.add(fp.hi, fp.lo)) continue;
    const id = parent.length;
    parent.push(NO_PARENT);
    via.push(i);
    queue.push(state);
    tracker.checkState(state, () => pathTo(id));
  }
  if (queue.size > 0) depth = 1;

  // Level bookkeeping: states with id < levelEnd belong to the current level.
  let levelEnd = parent.length;
  let expanded = 0;
  const progress = () => ({ distinctStates: seen.size, generatedStates: generated, queued: queue.size, depth, elapsedMs: budget.elapsed() });

  while (queue.size > 0) {
    if (tracker.allViolated && !options.exhaustive) {
      stopReason = 'all-violated';
      break;
    }
    if ((expanded & 2047) === 0 && expanded > 0) {
      stopReason = budget.check(progress);
      if (stopReason) break;
    }
    const id = expanded++;
    if (id === levelEnd) {
      levelEnd = parent.length;
      depth++;
    }
    const state = queue.shift();
    if (withinBounds && !withinBounds(state)) continue;
    if (depth >= maxDepth) {
      if (model.actions(state).length > 0) cutByDepth = true;
      continue;
    }
    const actions = model.actions(state);
    if (contract.wants(id)) contract.verify(state, actions);
    if (actions.length === 0) {
      tracker.checkTerminal(state, () => pathTo(id));
      continue;
    }
    for (let a = 0; a < actions.length; a++) {
      const successor = model.next(state, actions[a]!);
      if (successor === undefined) throw new ModelContractError(`next() returned undefined`);
      generated++;
      fingerprint(successor);
      if (!seen.add(fp.hi, fp.lo)) continue;
      const child = parent.length;
      parent.push(id);
      via.push(a);
      queue.push(successor);
      if (tracker.stateChecks.length > 0) tracker.checkState(successor, () => pathTo(child));
      if (seen.size >= maxStates) {
        stopReason = 'max-states';
        break;
      }
    }
    if (stopReason) break;
  }
  // The last level counted only if some state of it was reached.
  if (!stopReason && cutByDepth) stopReason = 'max-depth';
  const complete = stopReason === null;
  return makeResult('bfs', tracker, model as Model<S, unknown>, {
    complete,
    stopReason,
    distinct: seen.size,
    generated,
    depth,
    elapsedMs: budget.elapsed(),
  }, { tableBytes: seen.bytes, collisionProbability: collisionProbability(seen.size) });
}

/** Upper estimate of the chance that two distinct states shared a 64-bit fingerprint: n^2 / 2^65. */
export function collisionProbability(distinct: number): number {
  return (distinct * distinct) / 2 ** 65;
}

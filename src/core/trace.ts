/**
 * Paths through a model: the steps of a counterexample or a witness, and how they are rebuilt from
 * the action indices the engines keep.
 */
import { ModelContractError } from './errors.ts';
import type { Model } from './model.ts';

/** One step of a counterexample: the action taken and the state it led to. */
export interface TraceStep<S = unknown, A = unknown> {
  /** The action, as the model gave it. */
  readonly action: A;
  /** Index of the action in `actions(previous state)`. */
  readonly actionIndex: number;
  /** One readable line. */
  readonly description: string;
  /** The state after the action. */
  readonly state: S;
}

/** A path as engines keep it: the index of the initial state in `init()` and of each action taken. */
export interface ActionPath {
  readonly initIndex: number;
  readonly actionIndices: readonly number[];
}

/** A path from an initial state. */
export interface Trace<S = unknown, A = unknown> {
  /** Index of the initial state in `init()`. */
  readonly initIndex: number;
  /** The initial state. */
  readonly initial: S;
  /** The steps, in order. */
  readonly steps: readonly TraceStep<S, A>[];
}

/** A path from an initial state to the state where a property failed. */
export interface Counterexample<S = unknown, A = unknown> extends Trace<S, A> {
  /** What the property said about the last state. */
  readonly violation: string;
}


/** One readable line for an action: the model's own words, or the action's JSON. */
export function describeAction<S, A>(model: Model<S, A>, action: A, state: S): string {
  if (model.describeAction) return model.describeAction(action, state);
  return typeof action === 'string' ? action : JSON.stringify(action);
}

/**
 * Rebuilds a counterexample by re-running a path of action indices from an initial state.
 * Engines store only these indices (parent links), never the states along the way.
 */
export function buildCounterexample<S, A>(
  model: Model<S, A>,
  initIndex: number,
  actionIndices: readonly number[],
  violation: string,
): Counterexample<S, A> {
  return { ...buildTrace(model, initIndex, actionIndices), violation };
}

/** Rebuilds a trace (a witness, or a counterexample's path) by re-running its action indices. */
export function buildTrace<S, A>(model: Model<S, A>, initIndex: number, actionIndices: readonly number[]): Trace<S, A> {
  const inits = model.init();
  const initial = inits[initIndex];
  if (initial === undefined) throw new ModelContractError(`model has no initial state #${initIndex}: init() is not deterministic`);
  const steps: TraceStep<S, A>[] = [];
  let state: S = initial;
  for (const actionIndex of actionIndices) {
    const enabled = model.actions(state);
    const action = enabled[actionIndex];
    if (action === undefined) {
      throw new ModelContractError(`rebuilding a trace failed at step ${steps.length + 1}: the model is not deterministic`);
    }
    const description = describeAction(model, action, state);
    state = model.next(state, action);
    steps.push({ action, actionIndex, description, state });
  }
  return { initIndex, initial, steps };
}

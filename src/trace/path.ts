import { ModelContractError } from '../core/errors.ts';
import type { Model } from '../core/model.ts';
import type { Counterexample, Trace, TraceStep } from '../explore/result.ts';

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

/**
 * Minimisation of counterexamples: loops cut, steps deleted, and the remaining actions reordered,
 * while the path stays a real run that breaks the same property.
 */
import { fingerprintHex, fp } from '../core/fingerprint.ts';
import { judgeAt } from '../core/judge.ts';
import type { Model, Property } from '../core/model.ts';
import { describeAction, type ActionPath } from '../core/trace.ts';
import { bfs } from './bfs.ts';
import { makeFingerprinter } from './fingerprinter.ts';

/**
 * Re-runs a list of actions, each known by its readable line (not by index, nor by its raw data,
 * which may carry positions such as an index into the network: deleting an earlier step shifts
 * both) and returns the indices of the shortest prefix that violates the property, or
 * undefined when some action is not enabled on the way or the property is never violated.
 */
function violatingPrefix<S, A>(model: Model<S, A>, property: Property<S>, initIndex: number, keys: readonly string[]): number[] | undefined {
  let state: S = model.init()[initIndex]!;
  const indices: number[] = [];
  const broken = (s: S) => judgeAt(model, property, s) !== null;
  if (broken(state)) return indices;
  for (const key of keys) {
    const enabled = model.actions(state);
    const index = enabled.findIndex((a) => describeAction(model, a, state) === key);
    if (index === -1) return undefined;
    state = model.next(state, enabled[index]!);
    indices.push(index);
    if (broken(state)) return indices;
  }
  return undefined;
}

/**
 * Shortens a counterexample by deleting steps while the property stays violated, until no single
 * step can go (a 1-minimal schedule, as delta debugging gives). Deleting a step keeps the other
 * actions themselves, so a fault or a delivery keeps its meaning. Costs O(n^2) replays of n steps.
 */
export function minimizePath<S, A>(model: Model<S, A>, property: Property<S>, path: ActionPath): ActionPath {
  // Keys of the actions along the path, so that candidates can be replayed by identity.
  let state: S = model.init()[path.initIndex]!;
  let keys: string[] = [];
  for (const index of path.actionIndices) {
    const action = model.actions(state)[index]!;
    keys.push(describeAction(model, action, state));
    state = model.next(state, action);
  }
  let best = violatingPrefix(model, property, path.initIndex, keys);
  if (!best) return path; // not reproducible by identity: leave it as it is
  keys = keys.slice(0, best.length);
  // Try deleting one step, then (when no single step can go) two: a step is often needed only
  // because another one is there, e.g. a retry timer set by a send that can itself go. Last,
  // search for a shorter order of the same actions (see shortestWithin).
  const replay = (candidate: string[]) => violatingPrefix(model, property, path.initIndex, candidate);
  for (;;) {
    const shorter = deleteSteps(keys, 1, replay) ?? deleteSteps(keys, 2, replay);
    if (!shorter) break;
    keys = shorter.keys;
    best = shorter.indices;
  }
  const reordered = shortestWithin(model, property, path.initIndex, new Set(keys));
  if (reordered && reordered.length < best.length) best = reordered;
  // A shorter run may need other actions than these (the retry of another message, say): a
  // breadth-first search of the whole model, as deep as the path is long, within the same budget.
  const other = best.length > 1 ? shortestWithin(model, property, path.initIndex, null, best.length - 1) : undefined;
  if (other && other.length < best.length) best = other;
  return { initIndex: path.initIndex, actionIndices: best };
}

/** Tries every deletion of `width` (1 or 2) steps, last steps first; returns the first that still violates. */
function deleteSteps(
  keys: readonly string[],
  width: 1 | 2,
  replay: (candidate: string[]) => number[] | undefined,
): { keys: string[]; indices: number[] } | undefined {
  const attempt = (drop: (k: number) => boolean) => {
    const candidate = keys.filter((_, k) => !drop(k));
    const indices = replay(candidate);
    return indices ? { keys: candidate.slice(0, indices.length), indices } : undefined;
  };
  for (let i = keys.length - 1; i >= 0; i--) {
    if (width === 1) {
      const shorter = attempt((k) => k === i);
      if (shorter) return shorter;
      continue;
    }
    for (let j = i - 1; j >= 0; j--) {
      const shorter = attempt((k) => k === i || k === j);
      if (shorter) return shorter;
    }
  }
  return undefined;
}

/** How many states the reordering search may visit before it gives up (it is a polish, not a proof). */
const REORDER_STATES = 20_000;

/**
 * Breadth-first search of the model restricted to the actions the counterexample uses (by their
 * readable line): finds the shortest order of those actions that still breaks the property, when
 * deleting steps alone cannot (a step taken late may force others that taking it early avoids).
 * With `allowed` null it searches the whole model, at most `maxDepth` steps deep. Returns action
 * indices in the unrestricted model, or undefined when nothing shorter turns up within the budget.
 */
function shortestWithin<S, A>(model: Model<S, A>, property: Property<S>, initIndex: number, allowed: ReadonlySet<string> | null, maxDepth?: number): number[] | undefined {
  const initial = model.init()[initIndex]!;
  // A state where no allowed action is enabled is terminal for the restricted model only: an
  // `eventually` property (or the deadlock check) may be judged there only if the real model agrees.
  const judged: Property<S> =
    property.kind === 'eventually'
      ? {
          name: `${property.name} (in terminal states of the full model)`,
          kind: 'eventually',
          check: (s) => judgeAt(model, property, s) ?? true,
        }
      : property;
  const restricted: Model<S, A> = {
    ...model,
    init: () => [initial],
    actions: allowed ? (s) => model.actions(s).filter((a) => allowed.has(describeAction(model, a, s))) : (s) => model.actions(s),
    properties: [judged],
    checkDeadlock: false,
  };
  const result = bfs(restricted, { maxStates: REORDER_STATES, maxMemoryMb: 1 << 20, ...(maxDepth !== undefined ? { maxDepth } : {}) });
  const cx = result.properties[0]?.counterexample;
  if (!cx) return undefined;
  // Map the restricted model's indices back to the full model's.
  const indices: number[] = [];
  let state: S = initial;
  for (const step of cx.steps) {
    // The restricted model's actions are the full model's, filtered: find the same one by value.
    const wanted = fingerprintHex(step.action);
    const index = model.actions(state).findIndex((a) => fingerprintHex(a) === wanted);
    if (index === -1) return undefined;
    indices.push(index);
    state = step.state as S;
  }
  return indices;
}

/**
 * Removes the loops of a path: when a walk comes back to a state it was in before, the steps
 * between the two visits are cut. The path still starts in the same initial state and ends in the
 * same (violating) state; the model is deterministic, so it is still a real run.
 */
export function cutCycles<S, A>(model: Model<S, A>, initIndex: number, actionIndices: readonly number[]): number[] {
  const fingerprint = makeFingerprinter(model);
  const key = (s: S) => {
    fingerprint(s);
    return `${fp.hi}:${fp.lo}`;
  };
  let state: S = model.init()[initIndex]!;
  const path: number[] = [];
  const seenAt = new Map<string, number>([[key(state), 0]]);
  for (const index of actionIndices) {
    state = model.next(state, model.actions(state)[index]!);
    path.push(index);
    const k = key(state);
    const earlier = seenAt.get(k);
    if (earlier !== undefined) {
      // Back where the walk was after `earlier` steps: drop the loop and forget the states in it.
      path.length = earlier;
      for (const [other, at] of seenAt) if (at > earlier) seenAt.delete(other);
    } else {
      seenAt.set(k, path.length);
    }
  }
  return path;
}

import { canonicalJson } from '../core/canonical-json.ts';
import { elide } from '../core/elide.ts';
import { ModelContractError } from '../core/errors.ts';
import { fingerprintHex } from '../core/fingerprint.ts';
import type { Model, ModelDefinition } from '../core/model.ts';
import { describeAction } from '../core/trace.ts';
import type { SystemModel } from '../system/compile.ts';
import { neighbourSwaps } from '../system/symmetry.ts';
import type { NodeId } from '../system/types.ts';
import { defaultVariant, paramsFor, type CheckModelOptions } from './check-model.ts';

/** Options of {@link expectSymmetric}. */
export interface SymmetryOptions {
  /** Parameter values over the variant's defaults. */
  readonly params?: CheckModelOptions['params'];
  /** How many reachable states (breadth-first) to check (default 2,000). */
  readonly maxStates?: number;
}

/** What {@link expectSymmetric} checked. */
export interface SymmetryReport {
  /** Reachable states checked. */
  readonly states: number;
  /** Renamings tried on each (the swaps of neighbouring members, which generate every renaming). */
  readonly renamings: number;
}

type AnySystem = SystemModel<unknown, unknown, unknown, unknown, unknown>;

/**
 * Checks that a system's declared symmetry is one: on its first reachable states, swapping two
 * members of a group commutes with every step (the renamed successors are the renamed state's
 * successors), leaves every property's judgement as it was, and keeps the representative. A
 * handler that treats a member by its id, a property that names a node, or an id in a message or
 * state that the relabelling forgets shows up here. Throws a ModelContractError naming the swap,
 * the state and the step.
 */
export function expectSymmetric(definition: ModelDefinition, variant = defaultVariant(definition), options: SymmetryOptions = {}): SymmetryReport {
  const model = definition.build(variant, paramsFor(definition, variant, options.params)) as Model<unknown, unknown>;
  return checkSymmetric(model, `${definition.name}/${variant}`, options.maxStates ?? 2_000);
}

/** {@link expectSymmetric} on a model already built. */
export function checkSymmetric(model: Model<unknown, unknown>, where: string, maxStates = 2_000): SymmetryReport {
  const symmetry = (model as Partial<AnySystem>).symmetry;
  if (!symmetry) throw new ModelContractError(`${where} declares no symmetry (no group of two or more interchangeable nodes)`);
  const system = model as AnySystem;
  const name = (node: NodeId) => system.nodeName(node);
  const swaps = neighbourSwaps(symmetry.groups, system.init()[0]!.nodes.length);
  const key = (state: unknown) => fingerprintHex(state);

  const queue = [...system.init()];
  const seen = new Set(queue.map(key));
  let checked = 0;
  for (; checked < queue.length && checked < maxStates; checked++) {
    const state = queue[checked]!;
    for (const { a, b, permutation: swap } of swaps) {
      const renamed = symmetry.relabel(state, swap);
      // A field of the state the relabelling does not know would be lost.
      if (Object.keys(renamed).sort().join() !== Object.keys(state as object).sort().join()) {
        throw new ModelContractError(`${where}: the relabelling keeps the fields ${Object.keys(renamed).sort().join(', ')} of a state with ${Object.keys(state as object).sort().join(', ')}`);
      }
      const fail = (what: string): never => {
        throw new ModelContractError(`${where}: ${name(a)} and ${name(b)} are not interchangeable: ${what} (in state ${elide(canonicalJson(state), 300)})`);
      };
      for (const property of system.properties) {
        if ((property.check(state) === true) !== (property.check(renamed) === true)) fail(`property '${property.name}' judges the state and its renaming differently`);
      }
      if (key(system.canonical!(state)) !== key(system.canonical!(renamed))) fail('the state and its renaming get different representatives');
      const theirs = new Map<string, number>();
      for (const action of system.actions(renamed)) {
        const k = key(system.next(renamed, action));
        theirs.set(k, (theirs.get(k) ?? 0) + 1);
      }
      for (const action of system.actions(state)) {
        const k = key(symmetry.relabel(system.next(state, action), swap));
        const left = theirs.get(k) ?? 0;
        if (left === 0) fail(`after '${describeAction(system, action, state)}' the renamed successor is not a successor of the renamed state`);
        theirs.set(k, left - 1);
      }
      if ([...theirs.values()].some((left) => left > 0)) fail('the renamed state has a step that no step of the state renames to');
    }
    for (const action of system.actions(state)) {
      const next = system.next(state, action);
      const k = key(next);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(next);
      }
    }
  }
  return { states: checked, renamings: swaps.length };
}

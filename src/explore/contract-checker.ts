import { ModelContractError } from '../core/errors.ts';
import { fp } from '../core/fingerprint.ts';
import type { Model } from '../core/model.ts';
import { describeAction } from '../core/trace.ts';

/** Samples the model's purity on some states: `next` must not mutate its input and must be deterministic. */
export class ContractChecker<S, A> {
  constructor(
    private readonly model: Model<S, A>,
    private readonly fingerprint: (state: S) => void,
  ) {}

  /** Whether to check the state with this sequence number (the first 256, then one in 4096). */
  wants(sequence: number): boolean {
    return sequence < 256 || (sequence & 4095) === 0;
  }

  /** Re-runs `actions` and `next` on the state and compares fingerprints; throws on a breach. */
  verify(state: S, actions: readonly A[]): void {
    const model = this.model;
    this.fingerprint(state);
    const beforeHi = fp.hi;
    const beforeLo = fp.lo;
    if (model.decode && model.encode) {
      const encoding = model.encode(state);
      if (typeof encoding === 'number') {
        this.fingerprint(model.decode(encoding));
        if (fp.hi !== beforeHi || fp.lo !== beforeLo) {
          throw new ModelContractError(`model's decode() is not the inverse of encode(): decode(${encoding}) gave a different state`);
        }
      }
    }
    const again = model.actions(state);
    if (again.length !== actions.length) {
      throw new ModelContractError(`model is not deterministic: actions() returned ${actions.length} then ${again.length} actions for the same state`);
    }
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      const first = model.next(state, action);
      this.fingerprint(state);
      if (fp.hi !== beforeHi || fp.lo !== beforeLo) {
        throw new ModelContractError(`model mutates its input: next(state, ${describe(model, action, state)}) changed the state it was given`);
      }
      this.fingerprint(first);
      const hi = fp.hi;
      const lo = fp.lo;
      this.fingerprint(model.next(state, action));
      if (fp.hi !== hi || fp.lo !== lo) {
        throw new ModelContractError(`model is not deterministic: next(state, ${describe(model, action, state)}) gave two different states`);
      }
    }
  }
}

/** Pairs of independent actions checked in each sampled state (each costs four successors). */
const PAIRS_PER_STATE = 8;

/**
 * Samples the model's `commuting` claims on a state: two actions it calls independent must each
 * stay enabled after the other, and both orders must reach the same state. Throws on a breach.
 */
export function verifyCommuting<S, A>(model: Model<S, A>, fingerprint: (state: S) => void, state: S, actions: readonly A[]): void {
  const commuting = model.commuting;
  if (!commuting) return;
  const taken = actions.map((action) => {
    const after = model.next(state, action);
    return { action, after, key: commuting.key(action), footprint: commuting.footprint(state, action, after) };
  });
  let pairs = 0;
  for (let i = 0; i < taken.length; i++) {
    for (let j = i + 1; j < taken.length; j++) {
      const [first, second] = [taken[i]!, taken[j]!];
      if (first.key === undefined || second.key === undefined || first.footprint === undefined || second.footprint === undefined) continue;
      if (!commuting.independent(state, first.footprint, second.footprint)) continue;
      const names = `${describe(model, first.action, state)} and ${describe(model, second.action, state)}`;
      const then = (after: S, key: unknown): S => {
        const action = model.actions(after).find((a) => commuting.key(a) === key);
        if (action === undefined) throw new ModelContractError(`model's commuting relation is wrong: it calls ${names} independent, but one disables the other`);
        return model.next(after, action);
      };
      fingerprint(then(first.after, second.key));
      const [hi, lo] = [fp.hi, fp.lo];
      fingerprint(then(second.after, first.key));
      if (fp.hi !== hi || fp.lo !== lo) throw new ModelContractError(`model's commuting relation is wrong: it calls ${names} independent, but the two orders reach different states`);
      if (++pairs === PAIRS_PER_STATE) return;
    }
  }
}

/** The action's readable line for an error message; a model whose describeAction fails still gets a message. */
function describe<S, A>(model: Model<S, A>, action: A, state: S): string {
  try {
    return describeAction(model, action, state);
  } catch {
    return String(action);
  }
}

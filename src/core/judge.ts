/**
 * How a property is judged in one state, shared by every engine, minimisation and replay: which
 * properties a check covers (the built-in deadlock check among them), what a judgement means, and
 * where each kind is judged.
 */
import { ModelContractError, UsageError } from './errors.ts';
import type { Model, Property } from './model.ts';

/** Name of the built-in property that a model with `checkDeadlock` gets. */
export const DEADLOCK_PROPERTY = 'deadlock-free';

/** Picks the properties to check, adding the deadlock check when the model asks for it. */
export function selectProperties<S>(model: Model<S, unknown>, names?: readonly string[]): Property<S>[] {
  const all: Property<S>[] = [...model.properties];
  if (model.checkDeadlock) {
    // Judged, like every `eventually` property, only in terminal states: there it is always false.
    all.push({ name: DEADLOCK_PROPERTY, kind: 'eventually', description: 'some action is enabled in every reachable state', check: () => 'deadlock: no action is enabled' });
  }
  if (!names || names.length === 0) return all;
  for (const name of names) {
    if (!all.some((p) => p.name === name)) {
      throw new UsageError(`unknown property '${name}'; properties are: ${all.map((p) => p.name).join(', ')}`);
    }
  }
  return all.filter((p) => names.includes(p.name));
}

/** Turns a property's judgement into a violation message, or null when it is satisfied. */
export function judge<S>(property: Property<S>, state: S): string | null {
  const verdict = evaluate(property, state);
  if (verdict === true) return null;
  if (verdict === false) return `${property.name} is false`;
  return verdict;
}

/** Whether a state is a witness of a `sometimes` property: its check returns true there. */
export function witnesses<S>(property: Property<S>, state: S): boolean {
  return evaluate(property, state) === true;
}

/** Runs a property's check; a throw or a value that is not a judgement breaks the model's contract. */
function evaluate<S>(property: Property<S>, state: S): boolean | string {
  let verdict;
  try {
    verdict = property.check(state);
  } catch (error) {
    throw new ModelContractError(`property '${property.name}' threw: ${(error as Error).message}`);
  }
  if (typeof verdict === 'boolean' || typeof verdict === 'string') return verdict;
  throw new ModelContractError(`property '${property.name}' returned ${JSON.stringify(verdict)}; expected true, false or a message`);
}

/**
 * What a property says of a state reached by some path: `always` and `history` properties are
 * judged in any state, `eventually` ones only in a terminal state (none elsewhere: the run goes on).
 * A `sometimes` property is never violated by one state: only by a whole search that finds no witness.
 */
export function judgeAt<S>(model: Model<S, unknown>, property: Property<S>, state: S): string | null {
  if (property.kind === 'sometimes') return null;
  if (property.kind === 'eventually' && model.actions(state).length > 0) return null;
  return judge(property, state);
}

/** The verdict message of a `sometimes` property that an exhaustive search never witnessed. */
export const NEVER_REACHED = 'vacuous: never reached';

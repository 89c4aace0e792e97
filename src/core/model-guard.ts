import { ModelContractError } from './errors.ts';
import { elide } from './elide.ts';
import type { Model } from './model.ts';

/**
 * The model's side of the kernel contract, checked where a model meets an engine: `init()` gives
 * a non-empty array of plain-data states, `actions()` an array, `next()` a state, none of them
 * throws, and no state holds a cycle. A breach is a {@link ModelContractError} (exit 2) that
 * names the model, the state or action, and what is wrong, instead of a crash deep in an engine
 * (a RangeError from the fingerprint, a TypeError from `undefined`) or a misleading verdict
 * (`holds` over no states, actions iterated character by character).
 *
 * The wrapper adds one call and one type test to `actions()` and `next()`; the deep checks (plain
 * data, cycles) run on the initial states and the first {@link DEEP_CHECKS} successors only.
 */

/** Successors checked deeply (cycles, non-data values) before the guard trusts the model's shape. */
const DEEP_CHECKS = 1000;

/** The model with its contract checked at every call (see above); `name` is how messages call it. */
export function guardModel<S, A>(model: Model<S, A>, name: string): Model<S, A> {
  const inits = checkedInit(model, name);
  const guarded: Model<S, A> = Object.create(model);
  guarded.init = () => inits;
  guarded.actions = (state: S): readonly A[] => {
    let list: unknown;
    try {
      list = model.actions(state);
    } catch (error) {
      throw new ModelContractError(`${name}: actions() threw in state ${show(state)}: ${reason(error)}`);
    }
    if (Array.isArray(list)) return list as A[];
    return checkedActions(list, name, state);
  };
  const callNext = (state: S, action: A): S => {
    try {
      return model.next(state, action);
    } catch (error) {
      throw new ModelContractError(`${name}: next() threw on action ${actionText(model, action, state)} in state ${show(state)}: ${reason(error)}`);
    }
  };
  // The first successors are checked deeply; then only for undefined, so the hot path stays lean.
  let deep = 0;
  guarded.next = (state: S, action: A): S => {
    const successor = callNext(state, action);
    checkState(successor, name, () => `next() on action ${actionText(model, action, state)} in state ${show(state)}`);
    if (++deep === DEEP_CHECKS) guarded.next = leanNext;
    return successor;
  };
  const leanNext = (state: S, action: A): S => {
    const successor = callNext(state, action);
    if (successor === undefined) throw new ModelContractError(`${name}: next() on action ${actionText(model, action, state)} in state ${show(state)} gave undefined; expected a state`);
    return successor;
  };
  return guarded;
}

/** `init()`'s states, checked once: an array, not empty, each a plain-data state without a cycle. */
function checkedInit<S, A>(model: Model<S, A>, name: string): readonly S[] {
  let inits: unknown;
  try {
    inits = model.init();
  } catch (error) {
    throw new ModelContractError(`${name}: init() threw: ${reason(error)}`);
  }
  if (!Array.isArray(inits)) throw new ModelContractError(`${name}: init() returned ${kindOf(inits)}; expected an array of initial states`);
  if (inits.length === 0) throw new ModelContractError(`${name}: init() returned no initial state; a model needs at least one (nothing would be explored)`);
  inits.forEach((state, i) => checkState(state, name, () => `init()[${i}]`));
  return inits as S[];
}

/** An `actions()` result that is not an array: another iterable is listed once, anything else (a string included) is refused. */
function checkedActions<A>(list: unknown, name: string, state: unknown): A[] {
  const iterable = list !== null && typeof list === 'object' && typeof (list as Iterable<A>)[Symbol.iterator] === 'function';
  if (!iterable) throw new ModelContractError(`${name}: actions() returned ${kindOf(list)} in state ${show(state)}; expected an array of actions`);
  return [...(list as Iterable<A>)];
}

/** Throws when a state is undefined, holds a value that is not data, or contains itself. */
function checkState(state: unknown, name: string, where: () => string): void {
  if (state === undefined) throw new ModelContractError(`${name}: ${where()} gave undefined; expected a state`);
  const problem = findNonData(state, '(state)', []);
  if (problem) throw new ModelContractError(`${name}: ${where()} gave a state where ${problem}`);
}

/**
 * The first place where a value is not plain data (a function, a symbol, a class instance other
 * than Map and Set) or refers back to one of its own containers (a cycle), as a sentence.
 */
function findNonData(value: unknown, path: string, ancestors: unknown[]): string | undefined {
  if (value === null) return undefined;
  const type = typeof value;
  if (type === 'function' || type === 'symbol') return `${path} is a ${type}; states must be plain data`;
  if (type !== 'object') return undefined;
  const at = ancestors.indexOf(value);
  if (at >= 0) return `${path} refers back to ${at === 0 ? 'the state itself' : 'a value that contains it'}: a cycle (states must be trees of plain data)`;
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = findNonData(value[i], `${path}[${i}]`, ancestors);
        if (found) return found;
      }
    } else if (value instanceof Map) {
      for (const [key, entry] of value) {
        const found = findNonData(key, `${path} key`, ancestors) ?? findNonData(entry, `${path}.get(${String(key)})`, ancestors);
        if (found) return found;
      }
    } else if (value instanceof Set) {
      for (const member of value) {
        const found = findNonData(member, `${path} member`, ancestors);
        if (found) return found;
      }
    } else {
      for (const key of Object.keys(value as object)) {
        const found = findNonData((value as Record<string, unknown>)[key], `${path}.${key}`, ancestors);
        if (found) return found;
      }
    }
    return undefined;
  } finally {
    ancestors.pop();
  }
}

function actionText<S, A>(model: Model<S, A>, action: A, state: S): string {
  try {
    return `'${elide(model.describeAction ? model.describeAction(action, state) : typeof action === 'string' ? action : JSON.stringify(action))}'`;
  } catch {
    return show(action);
  }
}

/** A value as short text for a message: JSON when it can be, elided past a few lines' worth of characters. */
export function show(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : typeof v === 'bigint' ? `${v}n` : v));
  } catch {
    text = undefined; // a cycle, most likely
  }
  return elide(text ?? String(value));
}

function reason(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : error.name + ': '}${error.message}` : String(error);
  return elide(text.split('\n')[0]!, 300);
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string (${show(value)})`;
  if (typeof value === 'object') return `a non-iterable ${value.constructor?.name ?? 'object'}`;
  return `a ${typeof value} (${String(value)})`;
}

/**
 * Runs an engine on a guarded model; a stack overflow while the engine fingerprints a state (a
 * cycle, or nesting too deep, in a state past the ones checked deeply) is a contract error too.
 */
export async function runGuarded<R>(name: string, run: () => R | Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ModelContractError(`${name}: a state contains a cycle or is nested too deeply to fingerprint (states must be trees of plain data)`);
    }
    throw error;
  }
}

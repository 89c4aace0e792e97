import { canonicalJson } from '../core/canonical-json.ts';
import { ModelContractError } from '../core/errors.ts';
import { fp } from '../core/fingerprint.ts';
import type { Model, ModelDefinition } from '../core/model.ts';
import { defaultVariant, paramsFor, type CheckModelOptions } from './check-model.ts';

/** Options of {@link expectContract}. */
export interface ContractOptions {
  /** Parameter values over the variant's defaults. */
  readonly params?: CheckModelOptions['params'];
  /** How many reachable states (in breadth-first order) to check (default 2,000). */
  readonly maxStates?: number;
  /** Build a mutant instead of the variant (see `mutations` in the variants table). */
  readonly mutation?: string;
}

/** What {@link expectContract} checked. */
export interface ContractReport {
  /** Reachable states checked. */
  readonly states: number;
  /** Transitions re-run. */
  readonly transitions: number;
}

/**
 * Checks the kernel's contract on a variant, over its first reachable states (breadth-first):
 * `init`, `actions`, `next`, `canonical`, `encode` and every property's `check` give equal results
 * when called twice and never change their input; `canonical` is idempotent; a numeric `encode`
 * is a non-negative safe integer and `decode` is its inverse (`encode(decode(e)) === e`).
 * (Whether `canonical` or `encode` merge only states that no property tells apart is
 * `expectReductionSound`'s question.) Throws a ModelContractError naming the variant, the breach and the state.
 */
export function expectContract(definition: ModelDefinition, variant = defaultVariant(definition), options: ContractOptions = {}): ContractReport {
  const model = definition.build(variant, paramsFor(definition, variant, options.params), options.mutation) as Model<unknown, unknown>;
  return checkContract(model, `${definition.name}/${variant}${options.mutation ? ` (mutation ${options.mutation})` : ''}`, options.maxStates ?? 2_000);
}

/** {@link expectContract} on a model already built. */
export function checkContract(model: Model<unknown, unknown>, where: string, maxStates = 2_000): ContractReport {
  const fail = (what: string, state?: unknown): never => {
    throw new ModelContractError(`${where}: ${what}${state === undefined ? '' : ` (in state ${brief(state)})`}`);
  };
  const same = (first: unknown, second: unknown) => canonicalJson(first) === canonicalJson(second);
  const inits = model.init();
  if (!same(inits, model.init())) fail('init() gave two different lists of states');
  const seen = new Set<string>(inits.map((s) => canonicalJson(s)));
  const queue: unknown[] = [...inits];
  let transitions = 0;
  let checked = 0;
  for (; checked < queue.length && checked < maxStates; checked++) {
    const state = queue[checked];
    const before = canonicalJson(state);
    const unchanged = (call: string) => canonicalJson(state) === before || fail(`${call} changed the state it was given`, state);
    const actions = model.actions(state);
    if (!same(actions, model.actions(state))) fail('actions() gave two different lists for one state', state);
    unchanged('actions()');
    for (const property of model.properties) {
      if (property.check(state) !== property.check(state)) fail(`property '${property.name}' judged one state two ways`, state);
      unchanged(`property '${property.name}'`);
    }
    const key = checkReductions(model, state, fail);
    unchanged(key);
    for (const action of actions) {
      const next = model.next(state, action);
      transitions++;
      unchanged(`next(state, ${describe(model, action, state)})`);
      if (!same(next, model.next(state, action))) fail(`next(state, ${describe(model, action, state)}) gave two different states`, state);
      const text = canonicalJson(next);
      if (!seen.has(text)) {
        seen.add(text);
        queue.push(next);
      }
    }
  }
  return { states: checked, transitions };
}

/** The model's own fingerprint of a state, as text. */
function fingerprintOf(model: Model<unknown, unknown>, state: unknown): string {
  model.fingerprint!(state);
  return `${fp.hi.toString(16)}:${fp.lo.toString(16)}`;
}

/** Checks `canonical`, `fingerprint`, `encode` and `decode` on one state; returns the name of the hooks it called. */
function checkReductions(
  model: Model<unknown, unknown>,
  state: unknown,
  fail: (what: string, state?: unknown) => never,
): string {
  let representative = state;
  if (model.canonical) {
    representative = model.canonical(state);
    const again = model.canonical(representative);
    if (canonicalJson(again) !== canonicalJson(representative)) fail('canonical() is not idempotent: canonical(canonical(s)) differs from canonical(s)', state);
    if (model.fingerprint) {
      const [of, ofRepresentative] = [fingerprintOf(model, state), fingerprintOf(model, representative)];
      if (of !== ofRepresentative) fail(`fingerprint() gives the state ${of} and its canonical representative ${ofRepresentative}: it must give both the same`, state);
      if (of !== fingerprintOf(model, state)) fail('fingerprint() gave one state two fingerprints', state);
    }
  }
  if (!model.encode) return 'canonical()';
  const encoding = model.encode(representative);
  if (encoding !== model.encode(representative)) fail('encode() gave two different encodings of one state', state);
  if (typeof encoding === 'number' && !(Number.isSafeInteger(encoding) && encoding >= 0)) fail(`encode() gave ${encoding}, which is not a non-negative safe integer`, state);
  if (model.decode && typeof encoding === 'number') {
    const decoded = model.decode(encoding);
    if (model.encode(decoded) !== encoding) fail(`decode() is not the inverse of encode(): encode(decode(${encoding})) is ${model.encode(decoded)}`, state);
  }
  return 'canonical() or encode()';
}

/** The readable line of an action, or its JSON when describeAction fails. */
function describe(model: Model<unknown, unknown>, action: unknown, state: unknown): string {
  try {
    return model.describeAction ? model.describeAction(action, state) : JSON.stringify(action);
  } catch {
    return canonicalJson(action);
  }
}

/** A state as a short line, for error messages. */
function brief(state: unknown): string {
  const text = canonicalJson(state);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}



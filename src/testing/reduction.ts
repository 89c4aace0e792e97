import type { Model, ModelDefinition, ParamValues } from '../core/model.ts';
import { bfs } from '../explore/bfs.ts';
import type { ExploreOptions } from '../explore/engine.ts';
import type { ExplorationResult } from '../explore/result.ts';
import { paramsFor, type CheckModelOptions } from './check-model.ts';

/**
 * A state-space reduction to test: the name of a model hook (`canonical`, or `encode` with its
 * `decode`), which the plain run goes without; or any reduction with a way to switch it off,
 * `without`, which gets the reduced model and the parameters and returns the model without it
 * (for instance the same variant built with the system layer's `obsolete` left out, or without
 * symmetry or partial-order reduction).
 */
export type Reduction =
  | 'canonical'
  | 'encode'
  | { readonly name: string; readonly without: (reduced: Model<any, any>, params: ParamValues) => Model<any, any> };

/** Options of {@link expectReductionSound}. */
export interface ReductionOptions {
  /** Parameter values over the variant's defaults. */
  readonly params?: CheckModelOptions['params'];
  /** A bound on each search; a search it cuts off makes the comparison fail (default: none). */
  readonly maxStates?: number;
  /** bfs's options for both searches, for a reduction the engine applies (`{ sleepSets: true }`). */
  readonly engine?: Pick<ExploreOptions, 'sleepSets'>;
}

/** The two searches {@link expectReductionSound} compared. */
export interface ReductionReport {
  readonly reduction: string;
  readonly reduced: ExplorationResult;
  readonly plain: ExplorationResult;
}

/**
 * Checks that a reduction changes no verdict: bfs with and without it gives every property the
 * same verdict, every violated one a shortest counterexample of the same length, and every
 * `sometimes` property a shortest witness of the same length. Both searches
 * must be exhaustive (or stop because every property is violated). Throws an Error naming each
 * property that differs; returns both results (their state counts show what the reduction saves).
 */
export async function expectReductionSound(definition: ModelDefinition, variant: string, reduction: Reduction, options: ReductionOptions = {}): Promise<ReductionReport> {
  const params = paramsFor(definition, variant, options.params);
  const reducedModel = definition.build(variant, params);
  const name = typeof reduction === 'string' ? reduction : reduction.name;
  if (typeof reduction === 'string' && !reducedModel[reduction]) throw new Error(`${definition.name}/${variant} has no ${reduction} hook to test`);
  const plainModel = typeof reduction === 'string' ? withoutHook(reducedModel, reduction) : reduction.without(reducedModel, params);
  const explore = (model: Model<unknown, unknown>) => bfs(model, { ...options.engine, ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}) });
  const reduced = explore(reducedModel);
  const plain = explore(plainModel);
  const where = `${definition.name}/${variant}, reduction ${name}`;
  for (const [label, result] of [['with', reduced], ['without', plain]] as const) {
    if (!result.complete && result.stopReason !== 'all-violated') throw new Error(`${where}: the search ${label} it was cut off (${result.stopReason}) after ${result.distinctStates} states, so nothing can be compared`);
  }
  const differences = plain.properties.flatMap((p) => {
    const q = reduced.properties.find((r) => r.name === p.name);
    const length = (o: typeof p | undefined) =>
      o?.counterexample ? ` in ${o.counterexample.steps.length} steps` : o?.witness ? ` (witnessed after ${o.witness.steps.length} steps)` : '';
    const said = (o: typeof p | undefined) => `${o?.verdict ?? 'absent'}${length(o)}`;
    return said(p) === said(q) ? [] : [`'${p.name}' is ${said(p)} without it, ${said(q)} with it`];
  });
  if (differences.length > 0) {
    throw new Error(`${where} is not sound (${plain.distinctStates} states without it, ${reduced.distinctStates} with it): ${differences.join('; ')}`);
  }
  return { reduction: name, reduced, plain };
}

/** The model without one of its reduction hooks (`encode` goes with its `decode`). */
function withoutHook<S, A>(model: Model<S, A>, hook: 'canonical' | 'encode'): Model<S, A> {
  if (hook === 'canonical') {
    // The model's own fingerprint is its canonical representative's: it goes with it.
    const { canonical: _canonical, fingerprint: _fingerprint, ...plain } = model;
    return plain;
  }
  const { encode: _encode, decode: _decode, ...plain } = model;
  return plain;
}

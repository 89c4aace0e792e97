import { guardModel, runGuarded } from '../core/model-guard.ts';
import type { Model, ModelDefinition, ParamValues } from '../core/model.ts';
import type { Engine, EngineOptions } from './engines.ts';
import type { ExplorationResult, PropertyOutcome, StopReason, Verdict } from './result.ts';

/** The outcome of checking one variant of one model family with one engine. */
export interface VariantReport {
  readonly model: string;
  readonly variant: string;
  readonly params: ParamValues;
  /** The model that was explored (to render its counterexamples without building it again). */
  readonly explored: Model<unknown, unknown>;
  /** What the model fixes beyond its parameters (see `Model.bounds`). */
  readonly bounds?: string;
  readonly engine: string;
  readonly result: ExplorationResult;
  /** Whether every property met its expectation. */
  readonly ok: boolean;
  /** Properties with the expectation rule of this engine applied (see `meetsExpectation`). */
  readonly properties: readonly PropertyOutcome[];
}

/**
 * Whether a verdict meets an expectation. An exhaustive engine must establish `holds`; a random
 * engine can only ever say `unknown` ("no violation found"), which is all one can ask of it when
 * it ran its runs (or its time): not when the memory guard or an interruption cut it short.
 * An expected violation must always be found.
 */
export function meetsExpectation(verdict: Verdict, expected: 'holds' | 'violated', engineExhaustive: boolean, stopReason: StopReason | null = null): boolean {
  if (verdict === expected) return true;
  const cutShort = stopReason === 'memory' || stopReason === 'interrupted';
  return expected === 'holds' && verdict === 'unknown' && !engineExhaustive && !cutShort;
}

/** Builds the variant's model at the given parameters and explores it with the engine. */
export async function checkVariant(
  definition: ModelDefinition,
  variant: string,
  params: ParamValues,
  engine: Engine,
  options: EngineOptions,
): Promise<VariantReport> {
  const model = definition.build(variant, params);
  const name = `${definition.name}/${variant}`;
  const result = await runGuarded(name, () => engine.run(guardModel(model, name), options));
  const properties = result.properties.map((p) => ({ ...p, ok: meetsExpectation(p.verdict, p.expected, engine.exhaustive, result.stopReason) }));
  return {
    model: definition.name,
    variant,
    params,
    explored: model,
    ...(model.bounds ? { bounds: model.bounds } : {}),
    engine: engine.name,
    result,
    ok: properties.every((p) => p.ok),
    properties,
  };
}

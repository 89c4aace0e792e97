/**
 * What the random engines (`random`, `fast-check`) share around their walks: seeds and shards,
 * the set-up of a search, witnesses recorded from walks, and the figures every random run reports.
 */
import { selectProperties } from '../core/judge.ts';
import type { Model, Property } from '../core/model.ts';
import { Budget } from './budget.ts';
import type { EngineOptions, Shard } from './engine.ts';
import { cutCycles } from './minimize.ts';
import { PropertyTracker } from './property-tracker.ts';
import { DEFAULT_MAX_STEPS, Walker, type WalkOutcome } from './walker.ts';

/** A fresh seed, for runs where none was given (it is printed so the run can be repeated). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** The seed of run `run` (0-based) of a shard: `base + run·count + index`, so shards never share a seed. */
export function runSeed(base: number, run: number, shard: Shard = { index: 0, count: 1 }): number {
  return base + run * shard.count + shard.index;
}

/** Records the walk's witnesses of `sometimes` properties, each path cut at its witness and its loops cut. */
export function recordWitnesses<S, A>(model: Model<S, A>, tracker: PropertyTracker<S>, properties: readonly Property<S>[], outcome: WalkOutcome<A>): void {
  for (const w of outcome.witnesses) {
    const property = properties.find((p) => p.name === w.property)!;
    if (tracker.settled(property.name)) continue;
    tracker.recordWitness(property, { initIndex: outcome.initIndex, actionIndices: cutCycles(model, outcome.initIndex, outcome.actionIndices.slice(0, w.steps)) });
  }
}

/** What both random engines set up before their first run: options with defaults applied, and the shared machinery. */
export function startRandomSearch<S, A>(model: Model<S, A>, options: EngineOptions, defaultRuns: number) {
  const properties = selectProperties(model, options.properties);
  return {
    seed: options.seed ?? freshSeed(),
    runs: options.runs ?? defaultRuns,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    shard: options.shard ?? { index: 0, count: 1 },
    swarm: options.swarm !== false,
    properties,
    tracker: new PropertyTracker(properties),
    walker: new Walker(model, options),
    budget: new Budget(options),
  };
}

/** The figures both random engines put in their result's `details` (fast-check adds its shrinks). */
export function randomDetails<S, A>(
  search: { seed: number; maxSteps: number; shard: Shard; swarm: boolean; walker: Walker<S, A> },
  runs: number,
  found: { readonly violations: Record<string, unknown>; readonly shrinks?: number },
): Record<string, unknown> {
  const { seed, maxSteps, shard, swarm, walker } = search;
  return {
    seed,
    runs,
    maxSteps,
    swarm,
    steps: walker.steps,
    ...(found.shrinks !== undefined ? { shrinks: found.shrinks } : {}),
    ...(shard.count > 1 ? { shard: `${shard.index + 1}/${shard.count}` } : {}),
    coverage: walker.coverage.toJson(),
    violations: found.violations,
  };
}

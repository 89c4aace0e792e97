import type { Model } from '../core/model.ts';
import { bfs } from './bfs.ts';
import type { ExploreOptions } from './common.ts';
import { dfs } from './dfs.ts';
import { fastCheck } from './fast-check.ts';
import { random, type Shard } from './random.ts';
import type { ExplorationResult } from './result.ts';

/** Options every engine accepts; the random engines read the extra fields. */
export interface EngineOptions extends ExploreOptions {
  /** Seed of a random engine. */
  readonly seed?: number;
  /** Number of runs of a random engine. */
  readonly runs?: number;
  /** Longest run of a random engine, in steps. */
  readonly maxSteps?: number;
  /** This process's slice of the seed space (`--shard k/n`): run i uses seed `seed + i·count + index`. */
  readonly shard?: Shard;
  /** Share of a random engine's choices that go to faults when faults and other actions are both enabled (default 0.25). */
  readonly faultRate?: number;
  /** `fast-check` only: fast-check's counterexample path, to replay one failure with `seed` (fast-check's own `path` option). */
  readonly path?: string;
}

/** An exploration strategy. */
export interface Engine {
  /** Name as typed after `--engine`. */
  readonly name: string;
  /** Whether a search that ends without cut-off has seen every reachable state (so it may say `holds`). */
  readonly exhaustive: boolean;
  /** One sentence for the help text. */
  readonly description: string;
  /** Explores the model. */
  run<S, A>(model: Model<S, A>, options: EngineOptions): ExplorationResult | Promise<ExplorationResult>;
}

/** The engines `--engine` accepts, the default first. */
export const engines: readonly Engine[] = [
  { name: 'bfs', exhaustive: true, description: 'breadth-first, all interleavings; shortest counterexamples', run: bfs },
  { name: 'dfs', exhaustive: true, description: 'depth-first with an optional depth bound; low memory', run: dfs },
  { name: 'random', exhaustive: false, description: 'seeded random walks (--runs, --max-steps, --seed); never says holds', run: random },
  { name: 'fast-check', exhaustive: false, description: 'fast-check schedules, shrunk on failure (--runs, --max-steps, --seed); never says holds', run: fastCheck },
];

/** Finds an engine by name. */
export function findEngine(name: string): Engine | undefined {
  return engines.find((e) => e.name === name);
}

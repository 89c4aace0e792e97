/**
 * The engine contract: what every exploration strategy accepts and returns. Each engine is one
 * file that imports this one; the registry (`engines.ts`) names them.
 */
import type { Interrupt } from '../core/interrupt.ts';
import type { Model } from '../core/model.ts';
import type { ExplorationResult, Progress } from '../core/result.ts';

/** Options shared by the exhaustive engines. */
export interface ExploreOptions {
  /** Do not expand states at this many BFS levels (initial states are level 1) or deeper. */
  readonly maxDepth?: number;
  /** Stop after this many distinct states. */
  readonly maxStates?: number;
  /** Stop after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Stop when the process's resident memory passes this many MiB (default: `defaultMemoryLimitMb` in `budget.ts`). */
  readonly maxMemoryMb?: number;
  /** Check only these properties (by name). */
  readonly properties?: readonly string[];
  /** Called about once a second with the figures so far. */
  readonly onProgress?: (progress: Progress) => void;
  /** Keep exploring after every property has a counterexample (to count the whole space). */
  readonly exhaustive?: boolean;
  /**
   * `bfs`: partial-order reduction by sleep sets where the model says which actions commute
   * (`--sleep-sets`; default false): the same states, depths, verdicts and shortest counterexample
   * lengths, fewer successors computed, but on the catalog's models more CPU in all (README,
   * "Sleep sets"). Workers (`--workers`) go without.
   */
  readonly sleepSets?: boolean;
  /** Stop, as at a timeout, once this asks for it (a signal or a closed stdout; see `src/core/interrupt.ts`). */
  readonly interrupt?: Interrupt;
}

/** A slice of the seed space: shard `index` of `count` (0-based), from `--shard k/n` (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

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
  /**
   * Swarm testing (default true): each run of a random engine but one in sixteen leaves out each
   * kind of action with a chance of 3/16 (`src/explore/swarm.ts`); false gives the plain walks
   * (`--no-swarm`).
   */
  readonly swarm?: boolean;
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

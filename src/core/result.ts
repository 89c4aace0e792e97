/**
 * What an exploration returns: verdicts, outcomes and figures. Kernel vocabulary, so that engines,
 * traces and the CLI all depend on it downwards.
 */
import type { Expectation, PropertyKind } from './model.ts';
import type { Counterexample, Trace } from './trace.ts';

/**
 * A property's verdict.
 * - `holds`: the exploration was exhaustive within the model's bounds and found no violation.
 * - `violated`: a counterexample was found.
 * - `unknown`: nothing found, but the exploration was not exhaustive (random, or cut off).
 */
export type Verdict = 'holds' | 'violated' | 'unknown';

/** The outcome for one property. */
export interface PropertyOutcome {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly expected: Expectation;
  readonly verdict: Verdict;
  /** Whether the verdict meets the expectation (`unknown` never does). */
  readonly ok: boolean;
  readonly counterexample: Counterexample | null;
  /** For a `sometimes` property that holds: the path to the first witness found (a shortest one with bfs). */
  readonly witness?: Trace;
  /** What the verdict rests on when no trace carries it: "vacuous: never reached" for a `sometimes` property no exhaustive search reached. */
  readonly message?: string;
}

/**
 * Why an exploration stopped before it had seen every reachable state. `all-violated`: every
 * property was settled, by a counterexample or (a `sometimes` property) by a witness.
 *
 * `interrupted`: a signal (SIGINT, SIGTERM) or a closed standard output asked the search to stop.
 */
export type StopReason = 'max-states' | 'max-depth' | 'timeout' | 'memory' | 'interrupted' | 'all-violated' | 'runs-exhausted';

/** The one result type every engine returns. */
export interface ExplorationResult {
  readonly engine: string;
  /** True when every reachable state within the model's bounds was explored. */
  readonly complete: boolean;
  readonly stopReason: StopReason | null;
  /** Distinct states seen (TLC's "distinct"). */
  readonly distinctStates: number;
  /** Successors produced, duplicates and self-loops included, plus the initial states (TLC's "generated"). */
  readonly generatedStates: number;
  /** BFS levels with the initial states as level 1 (TLC's "depth"); for other engines, the deepest level reached. */
  readonly depth: number;
  readonly elapsedMs: number;
  readonly properties: readonly PropertyOutcome[];
  /** Engine-specific figures (seed, runs, fast-check path, action coverage, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Progress figures reported about once a second on long runs. */
export interface Progress {
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly queued: number;
  readonly depth: number;
  readonly elapsedMs: number;
}

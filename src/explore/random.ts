import type { Model } from '../core/model.ts';
import type { ExplorationResult, StopReason } from '../core/result.ts';
import type { EngineOptions } from './engine.ts';
import { cutCycles } from './minimize.ts';
import { randomDetails, recordWitnesses, runSeed, startRandomSearch } from './random-search.ts';
import { makeResult } from './result.ts';
import { maskForSeed } from './swarm.ts';
import { seededChoices } from './walker.ts';

/** Runs of the `random` engine when `--runs` is not given. */
export const DEFAULT_RANDOM_RUNS = 1000;

/** Where a random engine found a property's violation: enough to run it again. */
export interface RandomViolationInfo {
  /** Run number (0-based) within this invocation. */
  readonly run: number;
  /** The seed of that run alone (`faultline check --engine random --seed S --runs 1` replays it when unsharded). */
  readonly seed: number;
  /** Steps of the walk as run; the counterexample has its loops cut (see {@link cutCycles}). */
  readonly walkSteps: number;
}

/**
 * The `random` engine: `runs` walks of at most `maxSteps` steps, run i seeded with
 * `seed + i·n + k` for shard k of n; unless `swarm` is false, the run's seed also draws its swarm mask (`seededMask`). Never exhaustive, so a clean run is `unknown`.
 */
export function random<S, A>(model: Model<S, A>, options: EngineOptions): ExplorationResult {
  const search = startRandomSearch(model, options, DEFAULT_RANDOM_RUNS);
  const { seed, runs, maxSteps, shard, properties, tracker, walker, budget } = search;
  const violations: Record<string, RandomViolationInfo> = {};
  let stopReason: StopReason = 'runs-exhausted';
  let done = 0;
  for (let run = 0; run < runs; run++) {
    if ((run & 15) === 0) {
      const reason = budget.check(() => ({ distinctStates: walker.distinct.size, generatedStates: walker.steps, queued: runs - run, depth: walker.deepest, elapsedMs: budget.elapsed() }));
      if (reason) {
        stopReason = reason;
        break;
      }
    }
    const s = runSeed(seed, run, shard);
    const choices = seededChoices(s);
    const remaining = properties.filter((p) => !tracker.settled(p.name));
    const outcome = walker.walk(choices.init, (step) => (step < maxSteps ? choices.next() : undefined), remaining, { mask: maskForSeed(s, search.swarm) });
    done++;
    recordWitnesses(model, tracker, properties, outcome);
    if (outcome.violations.length > 0) {
      const path = { initIndex: outcome.initIndex, actionIndices: cutCycles(model, outcome.initIndex, outcome.actionIndices) };
      for (const v of outcome.violations) {
        tracker.record(properties.find((p) => p.name === v.property)!, v.message, path);
        violations[v.property] = { run, seed: s, walkSteps: outcome.actionIndices.length };
      }
    }
    if (tracker.allSettled) {
      stopReason = 'all-violated';
      break;
    }
  }
  return makeResult(
    'random',
    tracker,
    model,
    { complete: false, stopReason, distinct: walker.distinct.size, generated: walker.steps + done, depth: walker.deepest + 1, elapsedMs: budget.elapsed() },
    randomDetails(search, done, { violations }),
  );
}

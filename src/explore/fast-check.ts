import fc from 'fast-check';
import { judgeAt, selectProperties } from '../core/judge.ts';
import type { Model, Property } from '../core/model.ts';
import type { ExplorationResult, StopReason } from '../core/result.ts';
import type { ActionPath } from '../core/trace.ts';
import { faultSlotsFor } from './choice.ts';
import type { EngineOptions } from './engine.ts';
import { cutCycles, minimizePath } from './minimize.ts';
import { randomDetails, recordWitnesses, runSeed, startRandomSearch } from './random-search.ts';
import { makeResult } from './result.ts';
import { MAX_OMIT, NO_SWARM, OMIT_LEVELS, omitOfLevel, type SwarmMask } from './swarm.ts';
import { DEFAULT_MAX_STEPS, Walker, type WalkOutcome } from './walker.ts';

/**
 * The `fast-check` engine: a schedule is a fast-check arbitrary, the property is "no violation
 * along the run", and fast-check shrinks a failing schedule, which becomes a concrete action list.
 */

/** Thrown from the property to end a fast-check run early (a timeout or an interruption); not a failure. */
const STOP_MARKER = new Error('faultline: search stopped');

/**
 * Runs of the `fast-check` engine when `--runs` is not given. With swarms, every catalog violation
 * is then found from at least 99% of seeds: computed exactly over the state graphs
 * (`bench/swarm-odds.ts`; the hardest, replication/checkpoint-preempt, 1 run in 4,757) and
 * measured over 200 seeds (`npm run bench:seeds`; README). A run stops at the first failure, so
 * the budget is spent in full only where nothing is found.
 */
export const DEFAULT_FAST_CHECK_RUNS = 30_000;
/** Largest choice: enough to address any of 4096 actions of a group (see `chooseIndex`), small enough to shrink fast. */
export const MAX_CHOICE = 0xffff;

/**
 * A schedule: which initial state (`init % init().length`) and, for each step, a choice among the
 * enabled actions (see `chooseIndex` in `random.ts`: `choice % CHOICE_SLOTS` says fault or not, the
 * rest which one). A choice of 0 is the first enabled ordinary action, so shrinking a choice moves
 * it towards the model's first action and away from faults; shrinking the list removes steps.
 * The walk ends when the choices run out, no action is enabled, or a property fails.
 */
export interface Schedule {
  readonly init: number;
  /**
   * This run's share of fault choices, in sixteenths (0 to {@link MAX_FAULT_SLOTS}), always
   * drawn (apart from the swarm mask below): some runs nearly fault-free (long partitions, slow crashes), some fault-heavy.
   * Shrinks towards 0, no faults. Ignored when the engine is given a fixed `faultRate`.
   */
  readonly faults: number;
  readonly choices: readonly number[];
  /**
   * This run's swarm (see `src/explore/swarm.ts`): the share of the kinds of action it leaves
   * out, in sixteenths (0 to {@link MAX_OMIT}; absent or 0: none). Shrinks towards 0, so a shrunk
   * schedule leaves kinds out only when its failure needs it.
   */
  readonly omit?: number;
  /** Which kinds `omit` leaves out (any non-negative integer). */
  readonly kinds?: number;
}

/** Most fault slots (of 16) a schedule may ask for: at most half the choices go to faults. */
export const MAX_FAULT_SLOTS = 8;

/** Options of {@link scheduleArbitrary}. */
export interface ScheduleOptions {
  /** Most choices in a schedule (default 100). */
  readonly maxSteps?: number;
  /** Whether schedules carry a swarm mask (default true, as the engine's; false: the plain schedules, no kind left out). */
  readonly swarm?: boolean;
}

/**
 * The schedule arbitrary, for users who compose their own fast-check properties:
 *
 * ```ts
 * fc.assert(fc.property(scheduleArbitrary({ maxSteps: 50 }), (schedule) => {
 *   const run = runSchedule(model, schedule);
 *   return run.violations.length === 0;
 * }));
 * ```
 * The engine uses this very arbitrary, so its printed seed and path replay with fast-check's own
 * options: `fc.assert(property, { seed, path })`, with the same `maxSteps`.
 */
export function scheduleArbitrary(options: ScheduleOptions = {}): fc.Arbitrary<Schedule> {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const plain = {
    init: fc.noBias(fc.nat({ max: MAX_CHOICE })),
    faults: fc.noBias(fc.nat({ max: MAX_FAULT_SLOTS })),
    choices: fc.noBias(fc.array(fc.nat({ max: MAX_CHOICE }), { maxLength: maxSteps, size: 'max' })),
  };
  if (options.swarm === false) return fc.record(plain);
  // The swarm comes last: a run's init, faults and choices are drawn as without it. One level in
  // sixteen means "nothing left out" (see `omitOfLevel`), and a level shrinks towards it. Unbiased:
  // fast-check's bias towards small numbers would make plain runs and a few masks common.
  return fc.record({ ...plain, omit: fc.noBias(fc.nat({ max: OMIT_LEVELS - 1 })).map(omitOfLevel), kinds: fc.noBias(fc.nat()) });
}

/**
 * Runs one schedule through a model and judges the given properties (default: all of the model's,
 * plus the deadlock check when it asks for one) after every step. Returns the concrete path taken
 * (action indices and actions) and the violations in its last state.
 */
export function runSchedule<S, A>(
  model: Model<S, A>,
  schedule: Schedule,
  options: { readonly properties?: readonly string[]; readonly faultRate?: number } = {},
): WalkOutcome<A> {
  const walker = new Walker(model, options);
  walker.counting = false;
  return walkSchedule(walker, schedule, selectProperties(model, options.properties), options.faultRate);
}

/** The swarm mask of a schedule: none when it carries none. */
export function maskOf(schedule: Schedule): SwarmMask {
  const omit = Math.max(0, Math.min(schedule.omit ?? 0, MAX_OMIT));
  return omit === 0 ? NO_SWARM : { omit, kinds: schedule.kinds ?? 0 };
}

/** One walk of a schedule: its choices, its fault share (or the fixed rate) and its swarm mask. */
function walkSchedule<S, A>(walker: Walker<S, A>, schedule: Schedule, properties: readonly Property<S>[], faultRate: number | undefined): WalkOutcome<A> {
  return walker.walk(schedule.init, (step) => schedule.choices[step], properties, { faultSlots: slotsOf(schedule, faultRate), mask: maskOf(schedule) });
}

/** The fault slots a walk of this schedule uses: the fixed rate when one is given, else the schedule's own. */
function slotsOf(schedule: Schedule, faultRate: number | undefined): number {
  return faultRate !== undefined ? faultSlotsFor(faultRate) : Math.min(schedule.faults, MAX_FAULT_SLOTS);
}

/** How fast-check found a property's violation: enough to replay it with fast-check's own options. */
export interface FastCheckViolationInfo {
  /** fast-check's seed for the round that found it. */
  readonly seed: number;
  /** fast-check's counterexample path (`fc.assert(property, { seed, path })` replays the shrunk failure). */
  readonly path: string;
  /** Runs before the first failure, that one included. */
  readonly runsToFailure: number;
  /** Milliseconds from the engine's start to the first failure (before shrinking). */
  readonly msToFailure: number;
  /** Shrink steps fast-check took. */
  readonly shrinks: number;
  /** Steps of the first failing run, before shrinking. */
  readonly unshrunkSteps: number;
  /** Steps of the shrunk run. */
  readonly shrunkSteps: number;
}

/**
 * The `fast-check` engine. It runs fast-check on "no property is violated along the schedule"
 * with at most `runs` runs; on a failure it takes fast-check's shrunk schedule, records the
 * concrete path it took, and, while properties remain unviolated and runs remain, starts another
 * round for them (round r uses fast-check seed `seed + r·n + k` for shard k of n). Never says holds.
 */
export function fastCheck<S, A>(model: Model<S, A>, options: EngineOptions): ExplorationResult {
  const search = startRandomSearch(model, options, DEFAULT_FAST_CHECK_RUNS);
  const { seed, runs, maxSteps, shard, properties, tracker, walker, budget } = search;
  const arbitrary = scheduleArbitrary({ maxSteps, swarm: options.swarm !== false });
  const violations: Record<string, FastCheckViolationInfo> = {};
  let stopReason: StopReason = 'runs-exhausted';
  let runsDone = 0;
  let shrinks = 0;
  let stopped: StopReason | null = null;
  const progress = () => ({ distinctStates: walker.distinct.size, generatedStates: walker.steps, queued: runs - runsDone, depth: walker.deepest, elapsedMs: budget.elapsed() });

  for (let round = 0; runsDone < runs; round++) {
    const remaining: Property<S>[] = properties.filter((p) => !tracker.settled(p.name));
    if (remaining.length === 0) {
      stopReason = 'all-violated';
      break;
    }
    const roundSeed = runSeed(seed, round, shard);
    let calls = 0;
    let stopThrown = false;
    let firstFailure: { runs: number; ms: number; steps: number; outcome: WalkOutcome<A> } | undefined;
    walker.counting = true;
    const property = fc.property(arbitrary, (schedule) => {
      // Past the time budget, or asked to stop: fast-check is ended by one thrown marker (it has no
      // other way to be stopped from outside; its own time limit is looked at between runs only),
      // and the shrinks that follow, or those of a failure being shrunk, pass at once.
      if (stopped || (stopped = budget.check(progress))) {
        if (firstFailure || stopThrown) return true;
        stopThrown = true;
        throw STOP_MARKER;
      }
      calls++;
      const outcome = walkSchedule(walker, schedule, remaining, options.faultRate);
      recordWitnesses(model, tracker, remaining, outcome);
      if (outcome.violations.length === 0) return true;
      if (!firstFailure) {
        firstFailure = { runs: calls, ms: budget.elapsed(), steps: outcome.actionIndices.length, outcome: { ...outcome, actionIndices: [...outcome.actionIndices] } };
        walker.counting = false; // the shrinking runs that follow are not part of the search figures
      }
      return false;
    });
    const timeLeft = options.timeoutMs !== undefined ? Math.max(1, Math.round(options.timeoutMs - budget.elapsed())) : undefined;
    const details = fc.check(property, {
      seed: roundSeed,
      numRuns: runs - runsDone,
      ...(round === 0 && options.path !== undefined ? { path: options.path } : {}),
      ...(timeLeft !== undefined ? { interruptAfterTimeLimit: timeLeft, markInterruptAsFailure: false } : {}),
    });
    runsDone += firstFailure ? firstFailure.runs : stopped ? calls : details.numRuns;
    if (stopped) stopReason = stopped;
    if (!details.failed || !details.counterexample || details.errorInstance === STOP_MARKER) {
      if (details.interrupted && !stopped) stopReason = 'timeout';
      break;
    }
    shrinks += details.numShrinks;
    const [schedule] = details.counterexample;
    walker.counting = false;
    const outcome = walkSchedule(walker, schedule, remaining, options.faultRate);
    for (const v of outcome.violations) {
      // Shrinking the choices does not always shorten the walk they drive: keep the shorter of the
      // shrunk and the first failing walk, each with its loops cut (a loop returns to the same state).
      const violated = remaining.find((p) => p.name === v.property)!;
      const path = minimizePath(model, violated, shortestPath(model, v.property, outcome, firstFailure?.outcome));
      tracker.record(violated, messageAtEnd(model, violated, path) ?? v.message, path);
      violations[v.property] = {
        seed: roundSeed,
        path: details.counterexamplePath ?? '',
        runsToFailure: firstFailure?.runs ?? details.numRuns,
        msToFailure: Math.round((firstFailure?.ms ?? budget.elapsed()) * 10) / 10,
        shrinks: details.numShrinks,
        unshrunkSteps: firstFailure?.steps ?? outcome.actionIndices.length,
        shrunkSteps: path.actionIndices.length,
      };
    }
    if (options.path !== undefined || stopped) break; // a replayed path is one run, not a search
  }
  if (tracker.allSettled) stopReason = 'all-violated';
  return makeResult(
    'fast-check',
    tracker,
    model,
    { complete: false, stopReason, distinct: walker.distinct.size, generated: walker.steps + runsDone, depth: walker.deepest + 1, elapsedMs: budget.elapsed() },
    randomDetails(search, runsDone, { shrinks, violations }),
  );
}

/** The shorter of the shrunk walk and the first failing one (if it broke the same property), loops cut. */
function shortestPath<S, A>(model: Model<S, A>, property: string, shrunk: WalkOutcome<A>, first: WalkOutcome<A> | undefined) {
  const candidates = [shrunk];
  if (first && first.violations.some((v) => v.property === property)) candidates.push(first);
  let best: { initIndex: number; actionIndices: number[] } | undefined;
  for (const walk of candidates) {
    const actionIndices = cutCycles(model, walk.initIndex, walk.actionIndices);
    if (!best || actionIndices.length < best.actionIndices.length) best = { initIndex: walk.initIndex, actionIndices };
  }
  return best!;
}

/** What the property says of the last state of a path (its message can change when the path does). */
function messageAtEnd<S, A>(model: Model<S, A>, property: Property<S>, path: ActionPath): string | null {
  let state: S = model.init()[path.initIndex]!;
  for (const index of path.actionIndices) state = model.next(state, model.actions(state)[index]!);
  return judgeAt(model, property, state);
}

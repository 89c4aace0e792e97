import seedrandom from 'seedrandom';
import { fp } from '../core/fingerprint.ts';
import type { Model, Property } from '../core/model.ts';
import { describeAction } from '../trace/path.ts';
import { FingerprintTable } from '../core/fingerprint-table.ts';
import { Budget, judge, makeFingerprinter, makeResult, PropertyTracker, selectProperties, witnesses } from './common.ts';
import type { EngineOptions } from './engines.ts';
import type { ExplorationResult, StopReason } from './result.ts';

/**
 * Seeded random walks, and the machinery the `fast-check` engine shares with them: how a choice
 * (a non-negative integer) picks one of the enabled actions, with a bias for faults; how a walk is
 * judged; and the coverage and distinct-state counts every random run reports.
 */

/** Runs of the `random` engine when `--runs` is not given. */
export const DEFAULT_RANDOM_RUNS = 1000;
/** Longest walk when `--max-steps` is not given (both random engines). */
export const DEFAULT_MAX_STEPS = 100;
/** Share of the choices that go to a fault when both faults and ordinary actions are enabled. */
export const DEFAULT_FAULT_RATE = 0.25;
/** A choice is split into a slot (`choice % CHOICE_SLOTS`: fault or not) and an index (the rest). */
export const CHOICE_SLOTS = 16;

/** Action `type`/`kind` values treated as faults when the model has no `isFault` hook. */
export const FAULT_KINDS: ReadonlySet<string> = new Set(['drop', 'duplicate', 'crash', 'restart', 'partition', 'heal', 'drift']);

/** A slice of the seed space: shard `index` of `count` (0-based), from `--shard k/n` (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** A fresh seed, for runs where none was given (it is printed so the run can be repeated). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** The seed of run `run` (0-based) of a shard: `base + run·count + index`, so shards never share a seed. */
export function runSeed(base: number, run: number, shard: Shard = { index: 0, count: 1 }): number {
  return base + run * shard.count + shard.index;
}

/** Whether an action is a fault: the model's `isFault` hook, or its `type`/`kind` among {@link FAULT_KINDS}. */
export function faultPredicate<S, A>(model: Model<S, A>): (action: A) => boolean {
  if (model.isFault) return model.isFault.bind(model);
  return (action) => {
    if (action === null || typeof action !== 'object') return false;
    const tag = (action as { type?: unknown }).type ?? (action as { kind?: unknown }).kind;
    return typeof tag === 'string' && FAULT_KINDS.has(tag);
  };
}

/**
 * The kind of an action, for coverage: its `type` field, else its `kind` field, else the first
 * word of its readable line.
 */
export function actionKind<S, A>(model: Model<S, A>, action: A, state: S): string {
  if (action !== null && typeof action === 'object') {
    const tag = (action as { type?: unknown }).type ?? (action as { kind?: unknown }).kind;
    if (typeof tag === 'string') return tag;
  }
  const line = describeAction(model, action, state);
  return line.split(/[\s(]/, 1)[0] || line;
}

/**
 * Picks one of `count` enabled actions with a choice. Without faults (or with only faults) it is
 * `choice % count`. With both, `choice % CHOICE_SLOTS` says which group (the top `faultSlots` slots
 * are faults) and `floor(choice / CHOICE_SLOTS)` the member of that group, modulo its size. So a
 * choice of 0 is always the first ordinary action, and shrinking a choice towards 0 moves it away
 * from faults: fast-check keeps a fault in a shrunk schedule only when the failure needs it.
 */
export function chooseIndex(choice: number, fault: readonly boolean[], faultSlots: number): number {
  const count = fault.length;
  let faults = 0;
  for (const f of fault) if (f) faults++;
  if (faults === 0 || faults === count) return choice % count;
  const slot = choice % CHOICE_SLOTS;
  const rest = Math.floor(choice / CHOICE_SLOTS);
  const wantFault = slot >= CHOICE_SLOTS - faultSlots; // never, with 0 fault slots
  let k = rest % (wantFault ? faults : count - faults);
  for (let i = 0; i < count; i++) {
    if (fault[i] === wantFault) {
      if (k === 0) return i;
      k--;
    }
  }
  return 0; // unreachable
}

/** Fault slots out of {@link CHOICE_SLOTS} for a fault rate in [0, 1]. */
export function faultSlotsFor(rate: number | undefined): number {
  const r = rate ?? DEFAULT_FAULT_RATE;
  if (!(r >= 0 && r <= 1)) throw new RangeError(`fault rate ${r}: expected a number from 0 to 1`);
  return Math.round(r * CHOICE_SLOTS);
}

/** How often one kind of action was enabled and taken. */
export interface KindCoverage {
  /** Times an action of this kind was taken. */
  fired: number;
  /** Steps at which at least one action of this kind was enabled. */
  enabled: number;
  /** Whether the kind is a fault. */
  fault: boolean;
}

/** What one walk did. */
export interface WalkOutcome<A> {
  readonly initIndex: number;
  readonly actionIndices: number[];
  readonly actions: A[];
  /** The properties violated in the last state (empty when the walk ended clean). */
  readonly violations: { readonly property: string; readonly message: string }[];
  /** The `sometimes` properties the walk witnessed, each with the number of steps to its first witness. */
  readonly witnesses: { readonly property: string; readonly steps: number }[];
}

/**
 * Runs walks through a model and keeps the figures across them: distinct states (by 64-bit
 * fingerprint, in the explorer's table, so a long search has no 2^24 ceiling), steps, the deepest
 * walk, and coverage per action kind.
 */
export class Walker<S, A> {
  readonly inits: readonly S[];
  readonly distinct = new FingerprintTable(1 << 12);
  readonly coverage = new Map<string, KindCoverage>();
  steps = 0;
  deepest = 0;
  /** When false, walks change no figure (fast-check's shrinking runs). */
  counting = true;
  private readonly fingerprint: (state: S) => void;
  private readonly isFault: (action: A) => boolean;
  private readonly faultSlots: number;
  private readonly kindCache = new Map<unknown, string>();

  constructor(
    readonly model: Model<S, A>,
    options: { readonly faultRate?: number } = {},
  ) {
    this.inits = model.init();
    this.fingerprint = makeFingerprinter(model);
    this.isFault = faultPredicate(model);
    this.faultSlots = faultSlotsFor(options.faultRate);
  }

  private kindOf(action: A, state: S): string {
    // Actions are usually constants or strings: cache by identity, but only those.
    const cacheable = typeof action === 'string' || typeof action === 'number';
    if (cacheable) {
      const cached = this.kindCache.get(action);
      if (cached !== undefined) return cached;
    }
    const kind = actionKind(this.model, action, state);
    if (cacheable && this.kindCache.size < 10_000) this.kindCache.set(action, kind);
    return kind;
  }

  private count(state: S): void {
    this.fingerprint(state);
    this.distinct.add(fp.hi, fp.lo);
  }

  /**
   * One walk: an initial state picked by `initChoice`, then one action per choice from `nextChoice`
   * until it returns undefined, no action is enabled (a terminal state: `eventually` properties and
   * the deadlock check are judged there), the state is outside `withinBounds`, or a property in
   * `properties` is violated. A `sometimes` property is judged in every state until the walk
   * witnesses it; a witness does not end the walk.
   */
  walk(initChoice: number, nextChoice: (step: number) => number | undefined, properties: readonly Property<S>[], faultSlots = this.faultSlots): WalkOutcome<A> {
    const model = this.model;
    const initIndex = initChoice % this.inits.length;
    let state: S = this.inits[initIndex]!;
    const actionIndices: number[] = [];
    const actions: A[] = [];
    const stateChecks = properties.filter((p) => p.kind === 'always' || p.kind === 'history');
    const terminalChecks = properties.filter((p) => p.kind === 'eventually');
    let witnessChecks = properties.filter((p) => p.kind === 'sometimes');
    const violations: { property: string; message: string }[] = [];
    const witnessed: { property: string; steps: number }[] = [];
    const judgeState = (s: S) => {
      if (witnessChecks.length > 0) {
        const found = witnessChecks.filter((p) => witnesses(p, s));
        for (const p of found) witnessed.push({ property: p.name, steps: actionIndices.length });
        if (found.length > 0) witnessChecks = witnessChecks.filter((p) => !found.includes(p));
      }
      for (const p of stateChecks) {
        const message = judge(p, s);
        if (message !== null) violations.push({ property: p.name, message });
      }
      return violations.length > 0;
    };
    if (this.counting) this.count(state);
    if (judgeState(state)) return { initIndex, actionIndices, actions, violations, witnesses: witnessed };
    for (let step = 0; ; step++) {
      if (model.withinBounds && !model.withinBounds(state)) break;
      const enabled = model.actions(state);
      if (enabled.length === 0) {
        for (const p of terminalChecks) {
          const message = judge(p, state);
          if (message !== null) violations.push({ property: p.name, message });
        }
        break;
      }
      const choice = nextChoice(step);
      if (choice === undefined) break;
      const fault = enabled.map(this.isFault);
      const index = chooseIndex(choice, fault, faultSlots);
      const action = enabled[index]!;
      if (this.counting) {
        const seen = new Set<string>();
        for (let i = 0; i < enabled.length; i++) {
          const kind = this.kindOf(enabled[i]!, state);
          let entry = this.coverage.get(kind);
          if (!entry) this.coverage.set(kind, (entry = { fired: 0, enabled: 0, fault: fault[i]! }));
          if (!seen.has(kind)) {
            seen.add(kind);
            entry.enabled++;
          }
          if (i === index) entry.fired++;
        }
        this.steps++;
      }
      state = model.next(state, action);
      actionIndices.push(index);
      actions.push(action);
      if (this.counting) this.count(state);
      if (judgeState(state)) break;
    }
    if (this.counting && actionIndices.length > this.deepest) this.deepest = actionIndices.length;
    return { initIndex, actionIndices, actions, violations, witnesses: witnessed };
  }

  /** Coverage as a plain object, kinds in first-seen order. */
  coverageJson(): Record<string, KindCoverage> {
    return Object.fromEntries([...this.coverage].map(([k, v]) => [k, { ...v }]));
  }
}

/** The choices of one seeded walk: the initial choice, then one per step. Same seed, same choices, on every machine. */
export function seededChoices(seed: number): { init: number; next: () => number } {
  const rng = seedrandom(String(seed));
  return { init: rng.int32() >>> 0, next: () => rng.int32() >>> 0 };
}

/**
 * The walk a seed gives: the actions, as readable lines, of one `random` run with that seed
 * (handy to see what a run did, and pinned by a test so that seeds mean the same everywhere).
 */
export function walkFromSeed<S, A>(model: Model<S, A>, seed: number, options: { maxSteps?: number; faultRate?: number } = {}): { initIndex: number; actionIndices: number[]; lines: string[] } {
  const walker = new Walker(model, options);
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const choices = seededChoices(seed);
  const outcome = walker.walk(choices.init, (step) => (step < maxSteps ? choices.next() : undefined), []);
  const lines: string[] = [];
  let state: S = walker.inits[outcome.initIndex]!;
  for (const action of outcome.actions) {
    lines.push(describeAction(model, action, state));
    state = model.next(state, action);
  }
  return { initIndex: outcome.initIndex, actionIndices: outcome.actionIndices, lines };
}

/**
 * Removes the loops of a path: when a walk comes back to a state it was in before, the steps
 * between the two visits are cut. The path still starts in the same initial state and ends in the
 * same (violating) state; the model is deterministic, so it is still a real run.
 */
export function cutCycles<S, A>(model: Model<S, A>, initIndex: number, actionIndices: readonly number[]): number[] {
  const fingerprint = makeFingerprinter(model);
  const key = (s: S) => {
    fingerprint(s);
    return `${fp.hi}:${fp.lo}`;
  };
  let state: S = model.init()[initIndex]!;
  const path: number[] = [];
  const seenAt = new Map<string, number>([[key(state), 0]]);
  for (const index of actionIndices) {
    state = model.next(state, model.actions(state)[index]!);
    path.push(index);
    const k = key(state);
    const earlier = seenAt.get(k);
    if (earlier !== undefined) {
      // Back where the walk was after `earlier` steps: drop the loop and forget the states in it.
      path.length = earlier;
      for (const [other, at] of seenAt) if (at > earlier) seenAt.delete(other);
    } else {
      seenAt.set(k, path.length);
    }
  }
  return path;
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
    properties,
    tracker: new PropertyTracker(properties),
    walker: new Walker(model, options),
    budget: new Budget(options),
  };
}

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
 * `seed + i·n + k` for shard k of n. Never exhaustive, so a clean run is `unknown`.
 */
export function random<S, A>(model: Model<S, A>, options: EngineOptions): ExplorationResult {
  const { seed, runs, maxSteps, shard, properties, tracker, walker, budget } = startRandomSearch(model, options, DEFAULT_RANDOM_RUNS);
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
    const outcome = walker.walk(choices.init, (step) => (step < maxSteps ? choices.next() : undefined), remaining);
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
    { seed, runs: done, maxSteps, steps: walker.steps, ...(shard.count > 1 ? { shard: `${shard.index + 1}/${shard.count}` } : {}), coverage: walker.coverageJson(), violations },
  );
}

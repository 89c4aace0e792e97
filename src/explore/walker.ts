/**
 * The seeded walker the random engines share: one walk through a model, driven by a stream of
 * choices, judged as it goes, with the figures every random run reports (distinct states, steps,
 * the deepest walk, action coverage).
 */
import seedrandom from 'seedrandom';
import { fp } from '../core/fingerprint.ts';
import { FingerprintTable } from '../core/fingerprint-table.ts';
import { judge, witnesses } from '../core/judge.ts';
import type { Model, Property } from '../core/model.ts';
import { describeAction } from '../core/trace.ts';
import { chooseIndex, faultPredicate, faultSlotsFor } from './choice.ts';
import { Coverage } from './coverage.ts';
import { makeConcreteFingerprinter } from './fingerprinter.ts';
import { maskForSeed, NO_SWARM, SwarmFilter, type SwarmMask } from './swarm.ts';

/** How one walk chooses: its share of fault choices (default the walker's) and its swarm mask (default none). */
export interface WalkOptions {
  readonly faultSlots?: number;
  readonly mask?: SwarmMask;
}

/** Longest walk when `--max-steps` is not given (both random engines). */
export const DEFAULT_MAX_STEPS = 100;

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
 * Runs walks through a model and keeps the figures across them: distinct states (concrete, not
 * reduced by the model's symmetry; by 64-bit fingerprint, in the explorer's table, so a long
 * search has no 2^24 ceiling), steps, the deepest walk, and coverage per action kind.
 */
export class Walker<S, A> {
  readonly inits: readonly S[];
  readonly distinct = new FingerprintTable(1 << 12);
  readonly coverage: Coverage<S, A>;
  steps = 0;
  deepest = 0;
  /** When false, walks change no figure (fast-check's shrinking runs). */
  counting = true;
  private readonly fingerprint: (state: S) => void;
  private readonly isFault: (action: A) => boolean;
  private readonly faultSlots: number;
  private readonly swarm: SwarmFilter<S, A>;

  constructor(
    readonly model: Model<S, A>,
    options: { readonly faultRate?: number } = {},
  ) {
    this.inits = model.init();
    this.fingerprint = makeConcreteFingerprinter(model);
    this.isFault = faultPredicate(model);
    this.faultSlots = faultSlotsFor(options.faultRate);
    this.coverage = new Coverage(model);
    this.swarm = new SwarmFilter(model);
  }

  /** Counts a distinct state (the walk counts only states within the model's bounds, as TLC counts a state constraint). */
  private count(state: S): void {
    this.fingerprint(state);
    this.distinct.add(fp.hi, fp.lo);
  }

  /**
   * One walk: an initial state picked by `initChoice`, then one action per choice from `nextChoice`
   * until it returns undefined, no action is enabled (a terminal state: `eventually` properties and
   * the deadlock check are judged there), the state is outside `withinBounds`, or a property in
   * `properties` is violated. A `sometimes` property is judged in every state until the walk
   * witnesses it; a witness does not end the walk. A choice picks among the actions the swarm
   * `mask` keeps (all of them when it would keep none); the indices recorded are those among all
   * enabled actions, so a walk replays without its mask.
   */
  walk(initChoice: number, nextChoice: (step: number) => number | undefined, properties: readonly Property<S>[], options: WalkOptions = {}): WalkOutcome<A> {
    const { faultSlots = this.faultSlots, mask = NO_SWARM } = options;
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
    // A state outside the bounds is judged, neither counted nor expanded; each state is asked once.
    const within = (s: S) => !model.withinBounds || model.withinBounds(s);
    let inside = within(state);
    if (this.counting && inside) this.count(state);
    if (judgeState(state)) return { initIndex, actionIndices, actions, violations, witnesses: witnessed };
    for (let step = 0; ; step++) {
      if (!inside) break;
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
      const kept = this.swarm.kept(enabled, state, mask);
      const index = kept ? kept[chooseIndex(choice, kept.map((i) => fault[i]!), faultSlots)]! : chooseIndex(choice, fault, faultSlots);
      const action = enabled[index]!;
      if (this.counting) {
        this.coverage.step(state, enabled, fault, index);
        this.steps++;
      }
      state = model.next(state, action);
      actionIndices.push(index);
      actions.push(action);
      inside = within(state);
      if (this.counting && inside) this.count(state);
      if (judgeState(state)) break;
    }
    if (this.counting && actionIndices.length > this.deepest) this.deepest = actionIndices.length;
    return { initIndex, actionIndices, actions, violations, witnesses: witnessed };
  }
}

/** The choices of one seeded walk: the initial choice, then one per step. Same seed, same choices, on every machine. */
export function seededChoices(seed: number): { init: number; next: () => number } {
  const rng = seedrandom(String(seed));
  return { init: rng.int32() >>> 0, next: () => rng.int32() >>> 0 };
}

/**
 * The walk a seed gives: the actions, as readable lines, of one `random` run with that seed,
 * with its swarm mask unless `swarm` is false (as the engine's default; handy to see what a run did, and pinned by a test so that seeds mean the same everywhere).
 */
export function walkFromSeed<S, A>(model: Model<S, A>, seed: number, options: { maxSteps?: number; faultRate?: number; swarm?: boolean } = {}): { initIndex: number; actionIndices: number[]; lines: string[] } {
  const walker = new Walker(model, options);
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const choices = seededChoices(seed);
  const outcome = walker.walk(choices.init, (step) => (step < maxSteps ? choices.next() : undefined), [], { mask: maskForSeed(seed, options.swarm !== false) });
  const lines: string[] = [];
  let state: S = walker.inits[outcome.initIndex]!;
  for (const action of outcome.actions) {
    lines.push(describeAction(model, action, state));
    state = model.next(state, action);
  }
  return { initIndex: outcome.initIndex, actionIndices: outcome.actionIndices, lines };
}

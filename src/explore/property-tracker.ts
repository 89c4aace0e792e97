import { judge, NEVER_REACHED, witnesses } from '../core/judge.ts';
import { expectationOf, type Model, type Property } from '../core/model.ts';
import type { PropertyOutcome, Verdict } from '../core/result.ts';
import { buildCounterexample, buildTrace, type ActionPath } from '../core/trace.ts';

/** Where a violation was found: enough to rebuild the path later. */
export interface ViolationRef extends ActionPath {
  readonly message: string;
}

/**
 * Tracks, per property, whether it is settled and where: a counterexample for a violated one, a
 * witness for a `sometimes` one; turns that into outcomes. State properties (`always`, `history`,
 * `sometimes`) are judged in every state, `eventually` in terminal ones.
 */
export class PropertyTracker<S> {
  /** Properties judged in every state, not yet settled. */
  stateChecks: Property<S>[];
  /** Properties judged in terminal states, not yet violated. */
  terminalChecks: Property<S>[];
  private readonly found = new Map<string, ViolationRef>();
  private readonly witnessed = new Map<string, ActionPath>();

  constructor(readonly properties: readonly Property<S>[]) {
    this.stateChecks = properties.filter((p) => p.kind !== 'eventually');
    this.terminalChecks = properties.filter((p) => p.kind === 'eventually');
  }

  /**
   * Whether every property is settled, by a counterexample or a witness, so that searching on can
   * change no verdict (never, when there is no property to check).
   */
  get allSettled(): boolean {
    return this.properties.length > 0 && this.found.size + this.witnessed.size === this.properties.length;
  }

  /** Whether a property has its counterexample or its witness. */
  settled(name: string): boolean {
    return this.found.has(name) || this.witnessed.has(name);
  }

  /** Judges the state properties; calls `where` only when a new violation or witness needs its path. */
  checkState(state: S, where: () => ActionPath): void {
    this.stateChecks = this.judgeEach(this.stateChecks, state, where);
  }

  /** Judges the `eventually` properties (the deadlock check among them) in a state with no enabled action. */
  checkTerminal(state: S, where: () => ActionPath): void {
    this.terminalChecks = this.judgeEach(this.terminalChecks, state, where);
  }

  /** Judges each property, records new violations and witnesses, and returns the properties still unsettled. */
  private judgeEach(list: Property<S>[], state: S, where: () => ActionPath): Property<S>[] {
    let hit = false;
    for (const property of list) {
      if (property.kind === 'sometimes') {
        if (witnesses(property, state)) {
          this.recordWitness(property, where());
          hit = true;
        }
        continue;
      }
      const message = judge(property, state);
      if (message !== null) {
        this.record(property, message, where());
        hit = true;
      }
    }
    return hit ? list.filter((p) => !this.settled(p.name)) : list;
  }

  /** Records a violation found by other means (a random walk, a replay). */
  record(property: Property<S>, message: string, path: ActionPath): void {
    if (this.found.has(property.name)) return;
    this.found.set(property.name, { initIndex: path.initIndex, actionIndices: [...path.actionIndices], message });
  }

  /** Records the first witness of a `sometimes` property. */
  recordWitness(property: Property<S>, path: ActionPath): void {
    if (this.witnessed.has(property.name)) return;
    this.witnessed.set(property.name, { initIndex: path.initIndex, actionIndices: [...path.actionIndices] });
  }

  /** Outcomes, with a counterexample (or a witness) rebuilt from each recorded path. */
  outcomes(model: Model<S, unknown>, complete: boolean): PropertyOutcome[] {
    return this.properties.map((property) => {
      const expected = expectationOf(property as Property<unknown>);
      const outcome = (verdict: Verdict, rest: Partial<PropertyOutcome> = {}): PropertyOutcome =>
        ({ name: property.name, kind: property.kind, expected, verdict, ok: verdict === expected, counterexample: null, ...rest });
      if (property.kind === 'sometimes') {
        const witness = this.witnessed.get(property.name);
        if (witness) return outcome('holds', { witness: buildTrace(model, witness.initIndex, witness.actionIndices) });
        return complete ? outcome('violated', { message: NEVER_REACHED }) : outcome('unknown');
      }
      const ref = this.found.get(property.name);
      if (!ref) return outcome(complete ? 'holds' : 'unknown');
      return outcome('violated', { counterexample: buildCounterexample(model, ref.initIndex, ref.actionIndices, ref.message) });
    });
  }
}

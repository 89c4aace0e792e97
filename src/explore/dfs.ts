import { ModelContractError } from '../core/errors.ts';
import { fingerprintEncoding, fingerprintValue, fp } from '../core/fingerprint.ts';
import { FingerprintTable, TableFullError } from '../core/fingerprint-table.ts';
import { selectProperties } from '../core/judge.ts';
import type { Model } from '../core/model.ts';
import type { ExplorationResult, StopReason } from '../core/result.ts';
import { Budget } from './budget.ts';
import { ContractChecker } from './contract-checker.ts';
import type { ExploreOptions } from './engine.ts';
import { makeFingerprinter } from './fingerprinter.ts';
import { PropertyTracker } from './property-tracker.ts';
import { makeResult } from './result.ts';

interface Frame<S, A> {
  readonly state: S;
  readonly actions: readonly A[];
  next: number;
}

/**
 * Depth-first search with a depth bound: memory grows with the visited table and the current
 * path only. Counterexamples are the path on the stack, so they are not the shortest.
 * With a depth bound, a state first met deep is explored again when met at a shallower depth,
 * so that the bound never hides a state that is reachable within it. A state outside the model's
 * `withinBounds` is judged but neither stored, counted nor expanded, as in `bfs`.
 */
export function dfs<S, A>(model: Model<S, A>, options: ExploreOptions = {}): ExplorationResult {
  const properties = selectProperties(model, options.properties);
  const tracker = new PropertyTracker<S>(properties);
  const fingerprint = makeFingerprinter(model as Model<S, unknown>);
  const contract = new ContractChecker(model, fingerprint);
  const budget = new Budget(options);
  const maxDepth = options.maxDepth ?? Infinity;
  const bounded = Number.isFinite(maxDepth);
  // With a depth bound, the table keeps the shallowest depth each state was met at.
  const seen = new FingerprintTable(1 << 16, bounded);
  const maxStates = options.maxStates ?? Infinity;
  const withinBounds = model.withinBounds?.bind(model);

  let generated = 0;
  let deepest = 0;
  let expanded = 0;
  let stopReason: StopReason | null = null;
  /** States with no enabled action: where `eventually` properties were judged. */
  let terminalStates = 0;
  let cutByDepth = false;
  const stack: Frame<S, A>[] = [];
  let initIndex = 0;

  const path = () => ({ initIndex, actionIndices: stack.slice(0, -1).map((f) => f.next - 1) });
  // While a successor is being judged, the top frame's `next - 1` is the action that reached it.
  const pathToSuccessor = () => ({ initIndex, actionIndices: stack.map((f) => f.next - 1) });
  const progress = () => ({ distinctStates: seen.size, generatedStates: generated, queued: stack.length, depth: deepest, elapsedMs: budget.elapsed() });

  /** States judged outside the model's bounds (as TLC's state constraint: not stored, counted or expanded). */
  let outsideBounds = 0;
  const judgeOutside = (state: S, where: () => { initIndex: number; actionIndices: readonly number[] }): void => {
    outsideBounds++;
    if (tracker.stateChecks.length > 0) tracker.checkState(state, where);
  };

  /** Pushes a state to expand, or judges it terminal; level is 1 for initial states. */
  const enter = (state: S, level: number): void => {
    if (level > deepest) deepest = level;
    const actions = model.actions(state);
    // A terminal state is judged even at the depth bound: the bound cuts only what lies beyond.
    if (actions.length === 0) {
      stack.push({ state, actions, next: 0 });
      terminalStates++;
      tracker.checkTerminal(state, path);
      stack.pop();
      return;
    }
    if (level >= maxDepth) {
      cutByDepth = true;
      return;
    }
    if (contract.wants(expanded)) contract.verify(state, actions);
    expanded++;
    stack.push({ state, actions, next: 0 });
  };

  // The fingerprint functions and output, read through locals: under a loader that compiles
  // modules to CommonJS (tsx), every use of an imported binding is a getter call.
  const out = fp;
  const hashValue = fingerprintValue;
  const hashEncoding = fingerprintEncoding;
  const hasEncode = model.encode !== undefined;
  const hasCanonical = model.canonical !== undefined;

  /** Adds the state to the visited table; returns whether it must be (re)explored. */
  const visit = (state: S, level: number): boolean => {
    // The fingerprint, inlined: no closure call per successor.
    if (hasEncode) hashEncoding(model.encode!(hasCanonical ? model.canonical!(state) : state));
    else if (model.fingerprint) model.fingerprint(state);
    else hashValue(hasCanonical ? model.canonical!(state) : state);
    const hi = out.hi;
    const lo = out.lo;
    if (seen.add(hi, lo, level)) return true;
    if (!bounded) return false;
    const before = seen.get(hi, lo)!;
    if (level >= before) return false;
    seen.set(hi, lo, level);
    return true;
  };

  const inits = model.init();
  // A table that cannot grow any further ends the search like the memory guard: unknown, not a crash.
  try {
    outer: for (initIndex = 0; initIndex < inits.length; initIndex++) {
      const initial = inits[initIndex]!;
      generated++;
      if (withinBounds && !withinBounds(initial)) {
        judgeOutside(initial, () => ({ initIndex, actionIndices: [] }));
        continue;
      }
      const sizeBefore = seen.size;
      if (!visit(initial, 1)) continue;
      if (seen.size > sizeBefore) tracker.checkState(initial, () => ({ initIndex, actionIndices: [] }));
      enter(initial, 1);
      while (stack.length > 0) {
        if (tracker.allSettled && !options.exhaustive) {
          stopReason = 'all-violated';
          break outer;
        }
        if ((generated & 1023) === 0) {
          stopReason = budget.check(progress);
          if (stopReason) break outer;
        }
        const frame = stack[stack.length - 1]!;
        if (frame.next === frame.actions.length) {
          stack.pop();
          continue;
        }
        const actionIndex = frame.next++;
        const successor = model.next(frame.state, frame.actions[actionIndex]!);
        if (successor === undefined) throw new ModelContractError('next() returned undefined');
        generated++;
        const level = stack.length + 1;
        if (withinBounds && !withinBounds(successor)) {
          judgeOutside(successor, pathToSuccessor);
          continue;
        }
        const sizeBefore = seen.size;
        if (!visit(successor, level)) continue;
        if (seen.size > sizeBefore && tracker.stateChecks.length > 0) tracker.checkState(successor, pathToSuccessor);
        if (seen.size >= maxStates) {
          stopReason = 'max-states';
          break outer;
        }
        enter(successor, level);
      }
    }
  } catch (error) {
    if (!(error instanceof TableFullError)) throw error;
    stopReason = 'memory';
  }
  if (!stopReason && cutByDepth) stopReason = 'max-depth';
  return makeResult('dfs', tracker, model as Model<S, unknown>, {
    complete: stopReason === null,
    stopReason,
    distinct: seen.size,
    generated,
    depth: deepest,
    elapsedMs: budget.elapsed(),
  }, { terminalStates, ...(withinBounds ? { outsideBounds } : {}) });
}

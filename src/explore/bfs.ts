import { ModelContractError } from '../core/errors.ts';
import { fingerprintBase, fingerprintEncoding, fingerprintNear, fingerprintValue, fp, NEAR_AFTER, NEAR_FROM } from '../core/fingerprint.ts';
import { FingerprintTable, TableFullError } from '../core/fingerprint-table.ts';
import { selectProperties } from '../core/judge.ts';
import type { Model } from '../core/model.ts';
import type { ExplorationResult, StopReason } from '../core/result.ts';
import { Budget } from './budget.ts';
import { ContractChecker, verifyCommuting } from './contract-checker.ts';
import type { ExploreOptions } from './engine.ts';
import { makeFingerprinter } from './fingerprinter.ts';
import { ChunkedQueue, CodeQueue, FingerprintQueue, numericCode } from './frontier.ts';
import { ActionIndexList, NO_PARENT, U32List } from './parent-links.ts';
import { PropertyTracker } from './property-tracker.ts';
import { makeResult } from './result.ts';
import { SleepSets } from './sleep-sets.ts';


/**
 * Breadth-first search over all interleavings: the first counterexample found for a property is
 * a shortest one. States are numbered in discovery order; each keeps only a parent link and the
 * index of the action that reached it, from which traces are rebuilt.
 *
 * When the model gives both `encode` (numeric) and `decode`, the frontier is kept as encodings in
 * typed arrays (8 bytes a state) and states are rebuilt when they are expanded.
 *
 * A state outside the model's `withinBounds` (a state constraint) is counted as TLC counts it: it
 * is generated and judged (an invariant can fail there), but neither stored, nor counted as
 * distinct, nor expanded, and it adds no level.
 *
 * A successor with the fingerprint of the state being expanded (a self-loop) is a duplicate
 * without a look in the table: that state is in it. Each queued state's fingerprint is kept for
 * this (it is the encoding itself for exact numeric encodings).
 *
 * With `sleepSets`, where the model says which actions commute (`commuting`), sleep sets
 * (`sleep-sets.ts`) spare the successors that another order of independent actions reaches at the
 * same depth: the same states at the same depths, fewer successors computed. Not under a state
 * constraint, whose bounds a reordered path may leave.
 */
export function bfs<S, A>(model: Model<S, A>, options: ExploreOptions = {}): ExplorationResult {
  const properties = selectProperties(model, options.properties);
  const tracker = new PropertyTracker<S>(properties);
  const fingerprint = makeFingerprinter(model as Model<S, unknown>);
  const contract = new ContractChecker(model, fingerprint);
  const budget = new Budget(options);
  const seen = new FingerprintTable(1 << 16);
  const parent = new U32List();
  const via = new ActionIndexList();
  const maxStates = options.maxStates ?? Infinity;
  const maxDepth = options.maxDepth ?? Infinity;
  const hasBounds = model.withinBounds !== undefined;
  const hasEncode = model.encode !== undefined;
  const canonical = model.canonical?.bind(model);
  // makeFingerprinter (above) refuses a fingerprint() beside encode().
  const hasFingerprint = model.fingerprint !== undefined;
  // The frontier holds encodings when the model can rebuild states from them.
  const packed = hasEncode && model.decode !== undefined;
  const codes = packed ? new CodeQueue() : undefined;
  const objects = packed ? undefined : new ChunkedQueue<S>();
  const queued = () => (packed ? codes!.size : objects!.size);
  // The queued states' fingerprints, unless they are their (exact, numeric) encodings.
  const fingerprints = packed && !canonical ? undefined : new FingerprintQueue();
  const commuting = options.sleepSets === true && !hasBounds && !packed ? model.commuting : undefined;
  const sleepSetsOff = options.sleepSets === true ? whySleepSetsOff(model, hasBounds, packed) : undefined;
  const sleeps = commuting ? new SleepSets<S, A>(commuting) : undefined;

  // Per-state scratch: the successors' fingerprints, encodings or states, reused from state to state.
  let scratchHi = new Uint32Array(64);
  let scratchLo = new Uint32Array(64);
  let scratchCodes = new Float64Array(64);
  let scratchAction = new Uint32Array(64);
  const scratchStates: S[] = [];
  // The fingerprint functions and output, read through locals: under a loader that compiles
  // modules to CommonJS (tsx), every use of an imported binding is a getter call.
  const out = fp;
  const hashEncoding = fingerprintEncoding;
  const hashValue = fingerprintValue;
  // Successors share most of their parts with their parent: hash them against it (fingerprintNear),
  // or their representatives against its representative: from the NEAR_AFTER-th state expanded
  // on, for a state with NEAR_FROM successors or more.
  const hashBase = fingerprintBase;
  const hashNear = fingerprintNear;
  let generated = 0;
  let depth = 0;
  let stopReason: StopReason | null = null;
  /** States with no enabled action: where `eventually` properties were judged. */
  let terminalStates = 0;
  let cutByDepth = false;

  /** The path to state `id`, by following parent links. */
  const pathTo = (id: number) => {
    const actionIndices: number[] = [];
    while (parent.data[id] !== NO_PARENT) {
      actionIndices.push(via.data[id]!);
      id = parent.data[id]!;
    }
    actionIndices.reverse();
    return { initIndex: via.data[id]!, actionIndices };
  };
  // The state being judged; one closure for all, so that judging allocates nothing.
  let judged = 0;
  const pathToJudged = () => pathTo(judged);
  /** States judged outside the model's bounds (as TLC's state constraint: not stored, counted or expanded). */
  let outsideBounds = 0;
  /** Judges a state outside the bounds, reached from state `from` by action `a` (or initial state `a`, from NO_PARENT). */
  const judgeOutside = (state: S, from: number, a: number): void => {
    outsideBounds++;
    if (tracker.stateChecks.length === 0) return;
    tracker.checkState(state, () => {
      if (from === NO_PARENT) return { initIndex: a, actionIndices: [] };
      const path = pathTo(from);
      return { initIndex: path.initIndex, actionIndices: [...path.actionIndices, a] };
    });
  };

  /** The numeric encoding to queue (the state's own, not its canonical representative's). */
  const codeOf = (state: S): number => numericCode(model as Model<S, unknown>, state);
  const enqueue = (state: S, code: number): void => {
    if (packed) codes!.push(code);
    else objects!.push(state);
  };

  const inits = model.init();
  // A numeric encoding is an exact key: no two distinct states can share it.
  const exactKeys = hasExactKeys(model as Model<S, unknown>, inits);
  for (let i = 0; i < inits.length; i++) {
    const state = inits[i]!;
    generated++;
    if (hasBounds && !model.withinBounds!(state)) {
      judgeOutside(state, NO_PARENT, i);
      continue;
    }
    fingerprint(state);
    if (!seen.add(fp.hi, fp.lo)) continue;
    const id = parent.length;
    parent.push(NO_PARENT);
    via.push(i);
    enqueue(state, packed ? codeOf(state) : 0);
    fingerprints?.push(fp.hi, fp.lo);
    sleeps?.queueInitial();
    judged = id;
    tracker.checkState(state, pathToJudged);
  }
  if (queued() > 0) depth = 1;

  // Level bookkeeping: states with id < levelEnd belong to the current level.
  let levelEnd = parent.length;
  let expanded = 0;
  const progress = () => ({ distinctStates: seen.size, generatedStates: generated, queued: queued(), depth, elapsedMs: budget.elapsed() });

  // A table that cannot grow any further ends the search like the memory guard: unknown, not a crash.
  try {
    while (expanded < parent.length) {
      if (tracker.allSettled && !options.exhaustive) {
        stopReason = 'all-violated';
        break;
      }
      if ((expanded & 255) === 0 && expanded > 0) {
        stopReason = budget.check(progress);
        if (stopReason) break;
      }
      const id = expanded++;
      if (id === levelEnd) {
        levelEnd = parent.length;
        depth++;
      }
      // The state, and its fingerprint (the key it has in the table).
      let state: S;
      let stateHi: number;
      let stateLo: number;
      if (packed) {
        const code = codes!.shift();
        state = model.decode!(code);
        stateHi = (code / 4294967296) >>> 0;
        stateLo = code >>> 0;
      } else {
        state = objects!.shift();
        stateHi = 0;
        stateLo = 0;
      }
      if (fingerprints) {
        fingerprints.shift();
        stateHi = fingerprints.hi;
        stateLo = fingerprints.lo;
      }
      const actions = model.actions(state);
      const count = actions.length;
      // Its sleep set leaves the queue with it, even when it is not expanded.
      const asleep = sleeps ? sleeps.begin(state, actions) : 0;
      // A terminal state is judged even at the depth bound: the bound cuts only what lies beyond.
      if (count === 0) {
        judged = id;
        terminalStates++;
        tracker.checkTerminal(state, pathToJudged);
        continue;
      }
      if (depth >= maxDepth) {
        cutByDepth = true;
        continue;
      }
      if (asleep > 0) sleeps!.slept += asleep;
      if (contract.wants(id)) {
        contract.verify(state, actions);
        if (sleeps) verifyCommuting(model, fingerprint, state, actions);
      }
      generated += count - asleep;
      if (count > scratchHi.length) {
        scratchHi = new Uint32Array(count * 2);
        scratchLo = new Uint32Array(count * 2);
        scratchCodes = new Float64Array(count * 2);
        scratchAction = new Uint32Array(count * 2);
      }
      // A model's own fingerprint (declared symmetry) is not the value hash near hashing records.
      const near = !hasEncode && !hasFingerprint && count - asleep >= NEAR_FROM && id >= NEAR_AFTER;
      if (near) {
        hashBase(canonical ? canonical(state) : state);
        // Its fingerprint when it was generated: a part changed since then means a model mutated a shared part.
        if (out.hi !== stateHi || out.lo !== stateLo) throw new ModelContractError('a queued state changed after it was generated: the model mutates parts its states share');
      }
      // Pass 1: every successor and its fingerprint (inlined: no closure call per successor);
      // self-loops are set aside at once, the other m candidates are kept in the scratch arrays.
      let m = 0;
      for (let a = 0; a < count; a++) {
        if (asleep > 0 && sleeps!.asleep(a)) continue;
        const successor = model.next(state, actions[a]!);
        if (successor === undefined) throw new ModelContractError(`next() returned undefined`);
        sleeps?.taken(a, successor);
        let hi: number;
        let lo: number;
        let code = 0;
        if (hasEncode) {
          const encoding = model.encode!(canonical ? canonical(successor) : successor);
          if (typeof encoding === 'number' && encoding >= 0 && encoding <= Number.MAX_SAFE_INTEGER && Math.floor(encoding) === encoding) {
            // An exact key, split as fingerprintEncoding does.
            hi = (encoding / 4294967296) >>> 0;
            lo = encoding >>> 0;
            code = encoding;
          } else {
            hashEncoding(encoding);
            hi = out.hi;
            lo = out.lo;
            // A string encoding cannot be queued: codeOf() says so.
            if (packed && !canonical) code = codeOf(successor);
          }
        } else {
          if (hasFingerprint) model.fingerprint!(successor);
          else if (near) hashNear(canonical ? canonical(successor) : successor);
          else hashValue(canonical ? canonical(successor) : successor);
          hi = out.hi;
          lo = out.lo;
        }
        if (hi === stateHi && lo === stateLo) continue;
        scratchHi[m] = hi;
        scratchLo[m] = lo;
        scratchCodes[m] = code;
        scratchAction[m] = a;
        scratchStates[m] = successor;
        m++;
      }
      // The table's cache lines for all candidates load together, then pass 2 probes them in order.
      seen.prefetch(scratchHi, scratchLo, m);
      for (let k = 0; k < m; k++) {
        const hi = scratchHi[k]!;
        const lo = scratchLo[k]!;
        const a = scratchAction[k]!;
        if (hasBounds && !model.withinBounds!(scratchStates[k]!)) {
          judgeOutside(scratchStates[k]!, id, a);
          continue;
        }
        if (!seen.add(hi, lo)) continue;
        const child = parent.length;
        parent.push(id);
        via.push(a);
        if (packed) codes!.push(canonical ? codeOf(scratchStates[k]!) : scratchCodes[k]!);
        else objects!.push(scratchStates[k]!);
        fingerprints?.push(hi, lo);
        sleeps?.discovered(a);
        if (tracker.stateChecks.length > 0) {
          judged = child;
          tracker.checkState(scratchStates[k]!, pathToJudged);
        }
        if (seen.size >= maxStates) {
          // Successors past this one were produced but are not counted: TLC counts only what it
          // generated before stopping (asleep ones were never produced).
          for (let b = a + 1; b < count; b++) if (!(asleep > 0 && sleeps!.asleep(b))) generated--;
          stopReason = 'max-states';
          break;
        }
      }
      if (stopReason) break;
    }
  } catch (error) {
    if (!(error instanceof TableFullError)) throw error;
    stopReason = 'memory';
  }
  if (!stopReason && cutByDepth) stopReason = 'max-depth';
  const complete = stopReason === null;
  // The deepest level reached: when the search stopped early, states found beyond the level being
  // expanded are one level deeper (a counterexample's last state among them).
  if (parent.length > levelEnd) depth++;
  return makeResult('bfs', tracker, model as Model<S, unknown>, {
    complete,
    stopReason,
    distinct: seen.size,
    generated,
    depth,
    elapsedMs: budget.elapsed(),
  }, { terminalStates, ...(hasBounds ? { outsideBounds } : {}), ...(sleeps ? { sleptTransitions: sleeps.slept } : {}), ...(sleepSetsOff ? { sleepSetsOff } : {}), tableBytes: seen.bytes, collisionProbability: exactKeys ? 0 : collisionProbability(seen.size) });
}

/** Upper estimate of the chance that two distinct states shared a 64-bit fingerprint: n^2 / 2^65. */
export function collisionProbability(distinct: number): number {
  return (distinct * distinct) / 2 ** 65;
}

/** Whether the model's fingerprints are its numeric encodings, exact keys (no two distinct states share one). */
export function hasExactKeys<S>(model: Model<S, unknown>, inits: readonly S[]): boolean {
  return model.encode !== undefined && inits.length > 0 && typeof model.encode(model.canonical ? model.canonical(inits[0]!) : inits[0]!) === 'number';
}

/** Why sleep sets, asked for, do not apply to a model (so that a search without them says so), or undefined when they do. */
function whySleepSetsOff(model: Model<unknown, unknown>, hasBounds: boolean, packed: boolean): string | undefined {
  if (hasBounds) return 'the model has a state constraint (withinBounds), whose bounds a reordered path may leave';
  if (packed) return 'the model packs its states (encode/decode)';
  if (!model.commuting) return 'the model does not say which of its steps commute (commuting)';
  return undefined;
}

import { freemem, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { ModelContractError, UsageError } from '../core/errors.ts';
import type { Interrupt } from '../core/interrupt.ts';
import { fingerprintEncoding, fingerprintValue, fp } from '../core/fingerprint.ts';
import { expectationOf, type Model, type Property } from '../core/model.ts';
import type { Counterexample, ExplorationResult, Progress, PropertyOutcome, StopReason, Verdict } from './result.ts';
import { buildCounterexample, buildTrace, describeAction } from '../trace/path.ts';

/** Options shared by the exhaustive engines. */
export interface ExploreOptions {
  /** Do not expand states at this many BFS levels (initial states are level 1) or deeper. */
  readonly maxDepth?: number;
  /** Stop after this many distinct states. */
  readonly maxStates?: number;
  /** Stop after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Stop when the process's resident memory passes this many MiB (default: {@link defaultMemoryLimitMb}). */
  readonly maxMemoryMb?: number;
  /** Check only these properties (by name). */
  readonly properties?: readonly string[];
  /** Called about once a second with the figures so far. */
  readonly onProgress?: (progress: Progress) => void;
  /** Keep exploring after every property has a counterexample (to count the whole space). */
  readonly exhaustive?: boolean;
  /** Stop, as at a timeout, once this asks for it (a signal or a closed stdout; see `src/core/interrupt.ts`). */
  readonly interrupt?: Interrupt;
}

/** Name of the built-in property that a model with `checkDeadlock` gets. */
export const DEADLOCK_PROPERTY = 'deadlock-free';

/** Picks the properties to check, adding the deadlock check when the model asks for it. */
export function selectProperties<S>(model: Model<S, unknown>, names?: readonly string[]): Property<S>[] {
  const all: Property<S>[] = [...model.properties];
  if (model.checkDeadlock) {
    // Judged, like every `eventually` property, only in terminal states: there it is always false.
    all.push({ name: DEADLOCK_PROPERTY, kind: 'eventually', description: 'some action is enabled in every reachable state', check: () => 'deadlock: no action is enabled' });
  }
  if (!names || names.length === 0) return all;
  for (const name of names) {
    if (!all.some((p) => p.name === name)) {
      throw new UsageError(`unknown property '${name}'; properties are: ${all.map((p) => p.name).join(', ')}`);
    }
  }
  return all.filter((p) => names.includes(p.name));
}

/** Computes a state's fingerprint into `fp`, through the model's canonical/encode hooks when present. */
export function makeFingerprinter<S>(model: Model<S, unknown>): (state: S) => void {
  const canonical = model.canonical?.bind(model);
  const encode = model.encode?.bind(model);
  if (encode && canonical) return (s) => fingerprintEncoding(encode(canonical(s)));
  if (encode) return (s) => fingerprintEncoding(encode(s));
  if (canonical) return (s) => fingerprintValue(canonical(s));
  return (s) => fingerprintValue(s);
}

/** Turns a property's judgement into a violation message, or null when it is satisfied. */
export function judge<S>(property: Property<S>, state: S): string | null {
  const verdict = evaluate(property, state);
  if (verdict === true) return null;
  if (verdict === false) return `${property.name} is false`;
  return verdict;
}

/** Whether a state is a witness of a `sometimes` property: its check returns true there. */
export function witnesses<S>(property: Property<S>, state: S): boolean {
  return evaluate(property, state) === true;
}

/** Runs a property's check; a throw or a value that is not a judgement breaks the model's contract. */
function evaluate<S>(property: Property<S>, state: S): boolean | string {
  let verdict;
  try {
    verdict = property.check(state);
  } catch (error) {
    throw new ModelContractError(`property '${property.name}' threw: ${(error as Error).message}`);
  }
  if (typeof verdict === 'boolean' || typeof verdict === 'string') return verdict;
  throw new ModelContractError(`property '${property.name}' returned ${JSON.stringify(verdict)}; expected true, false or a message`);
}

/**
 * What a property says of a state reached by some path: `always` and `history` properties are
 * judged in any state, `eventually` ones only in a terminal state (none elsewhere: the run goes on).
 * A `sometimes` property is never violated by one state: only by a whole search that finds no witness.
 */
export function judgeAt<S>(model: Model<S, unknown>, property: Property<S>, state: S): string | null {
  if (property.kind === 'sometimes') return null;
  if (property.kind === 'eventually' && model.actions(state).length > 0) return null;
  return judge(property, state);
}

/** The verdict message of a `sometimes` property that an exhaustive search never witnessed. */
export const NEVER_REACHED = 'vacuous: never reached';

/** A path from an initial state, as engines keep it: the init index and the action indices. */
export interface PathRef {
  readonly initIndex: number;
  readonly actionIndices: readonly number[];
}

/** Where a violation was found: enough to rebuild the path later. */
export interface ViolationRef extends PathRef {
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
  private readonly witnessed = new Map<string, PathRef>();

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
  checkState(state: S, where: () => PathRef): void {
    this.stateChecks = this.judgeEach(this.stateChecks, state, where);
  }

  /** Judges the `eventually` properties (the deadlock check among them) in a state with no enabled action. */
  checkTerminal(state: S, where: () => PathRef): void {
    this.terminalChecks = this.judgeEach(this.terminalChecks, state, where);
  }

  /** Judges each property, records new violations and witnesses, and returns the properties still unsettled. */
  private judgeEach(list: Property<S>[], state: S, where: () => PathRef): Property<S>[] {
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
  record(property: Property<S>, message: string, path: PathRef): void {
    if (this.found.has(property.name)) return;
    this.found.set(property.name, { initIndex: path.initIndex, actionIndices: [...path.actionIndices], message });
  }

  /** Records the first witness of a `sometimes` property. */
  recordWitness(property: Property<S>, path: PathRef): void {
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
      return outcome('violated', { counterexample: buildCounterexample(model, ref.initIndex, ref.actionIndices, ref.message) as Counterexample });
    });
  }
}

/**
 * Watches time and memory for an engine; `check()` is cheap enough to call every few thousand
 * states and returns the reason to stop, if any.
 */
export class Budget {
  readonly started = performance.now();
  private lastProgress = this.started;
  private lastMemory = this.started;
  private readonly deadline: number;
  private readonly maxRssBytes: number;

  constructor(private readonly options: ExploreOptions) {
    this.deadline = options.timeoutMs !== undefined ? this.started + options.timeoutMs : Infinity;
    this.maxRssBytes = (options.maxMemoryMb ?? defaultMemoryLimitMb()) * 1024 * 1024;
  }

  /** Milliseconds since the start. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  /**
   * Returns why to stop now, or null; reports progress about once a second. Reading the clock is
   * cheap; memory (a system call) is read at most every 100 ms.
   */
  check(progress: () => Progress): StopReason | null {
    const now = performance.now();
    if (now > this.deadline) return 'timeout';
    if (this.options.interrupt?.requested) return 'interrupted';
    if (this.options.onProgress && now - this.lastProgress >= 1000) {
      this.lastProgress = now;
      this.options.onProgress(progress());
    }
    if (now - this.lastMemory >= 100) {
      this.lastMemory = now;
      const memory = process.memoryUsage();
      if (memory.rss > this.maxRssBytes || memory.heapUsed > heapLimitBytes * 0.92) return 'memory';
    }
    return null;
  }
}

const heapLimitBytes = getHeapStatistics().heap_size_limit;

/** Most memory a search may use when not told (`--max-memory`): well below the machine's. */
export const DEFAULT_MEMORY_CAP_MB = 8192;

/**
 * The memory guard when none is given: half the machine's memory, at most
 * {@link DEFAULT_MEMORY_CAP_MB}, and no more than 90% of what is free now.
 */
export function defaultMemoryLimitMb(): number {
  const mb = 1024 * 1024;
  const free = (freemem() + process.memoryUsage().rss) * 0.9;
  return Math.floor(Math.min(totalmem() / 2, free, DEFAULT_MEMORY_CAP_MB * mb) / mb);
}

/** Assembles the common result fields. */
export function makeResult(
  engine: string,
  tracker: PropertyTracker<any>,
  model: Model<any, any>,
  figures: { complete: boolean; stopReason: StopReason | null; distinct: number; generated: number; depth: number; elapsedMs: number },
  details?: Record<string, unknown>,
): ExplorationResult {
  return {
    engine,
    complete: figures.complete,
    stopReason: figures.stopReason,
    distinctStates: figures.distinct,
    generatedStates: figures.generated,
    depth: figures.depth,
    elapsedMs: Math.round(figures.elapsedMs),
    properties: tracker.outcomes(model, figures.complete),
    ...(details ? { details } : {}),
  };
}

/** Samples the model's purity on some states: `next` must not mutate its input and must be deterministic. */
export class ContractChecker<S, A> {
  constructor(
    private readonly model: Model<S, A>,
    private readonly fingerprint: (state: S) => void,
  ) {}

  /** Whether to check the state with this sequence number (the first 256, then one in 4096). */
  wants(sequence: number): boolean {
    return sequence < 256 || (sequence & 4095) === 0;
  }

  /** Re-runs `actions` and `next` on the state and compares fingerprints; throws on a breach. */
  verify(state: S, actions: readonly A[]): void {
    const model = this.model;
    this.fingerprint(state);
    const beforeHi = fp.hi;
    const beforeLo = fp.lo;
    if (model.decode && model.encode) {
      const encoding = model.encode(state);
      if (typeof encoding === 'number') {
        this.fingerprint(model.decode(encoding));
        if (fp.hi !== beforeHi || fp.lo !== beforeLo) {
          throw new ModelContractError(`model's decode() is not the inverse of encode(): decode(${encoding}) gave a different state`);
        }
      }
    }
    const again = model.actions(state);
    if (again.length !== actions.length) {
      throw new ModelContractError(`model is not deterministic: actions() returned ${actions.length} then ${again.length} actions for the same state`);
    }
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      const first = model.next(state, action);
      this.fingerprint(state);
      if (fp.hi !== beforeHi || fp.lo !== beforeLo) {
        throw new ModelContractError(`model mutates its input: next(state, ${describe(model, action, state)}) changed the state it was given`);
      }
      this.fingerprint(first);
      const hi = fp.hi;
      const lo = fp.lo;
      this.fingerprint(model.next(state, action));
      if (fp.hi !== hi || fp.lo !== lo) {
        throw new ModelContractError(`model is not deterministic: next(state, ${describe(model, action, state)}) gave two different states`);
      }
    }
  }
}

/** The action's readable line for an error message; a model whose describeAction fails still gets a message. */
function describe<S, A>(model: Model<S, A>, action: A, state: S): string {
  try {
    return describeAction(model, action, state);
  } catch {
    return String(action);
  }
}

import { ModelContractError } from '../core/errors.ts';
import { fingerprintEncoding, fingerprintValue, fp } from '../core/fingerprint.ts';
import { FingerprintTable, TableFullError } from '../core/fingerprint-table.ts';
import type { Model } from '../core/model.ts';
import {
  Budget,
  ContractChecker,
  makeFingerprinter,
  makeResult,
  PropertyTracker,
  selectProperties,
  type ExploreOptions,
} from './common.ts';
import type { ExplorationResult, StopReason } from './result.ts';

const NO_PARENT = 0xffffffff;
const CHUNK = 1 << 14;
const CODE_CHUNK = 1 << 16;

/**
 * The bookkeeping of a FIFO kept in fixed-size chunks, shared by the queues below: an entry takes
 * `stride` slots; a chunk that has been read is dropped (so explored states can be collected), and
 * the last one dropped is kept to be refilled. A subclass writes an entry at the slot `claim()`
 * leaves in `at`, and reads one at `head` before calling `release()`.
 */
abstract class ChunkedFifo<C> {
  private readonly chunks: C[];
  private spare: C | undefined;
  /** The first slot of the oldest entry, in `first`. */
  protected head = 0;
  /** The slot after the newest entry, in the last chunk. */
  private tail = 0;
  /** The slot `claim()` gave for the new entry. */
  protected at = 0;
  /** The chunk the oldest entry is in. */
  protected first: C;
  size = 0;

  constructor(
    private readonly make: () => C,
    private readonly slots: number,
    private readonly stride: number,
  ) {
    this.first = make();
    this.chunks = [this.first];
  }

  /** The chunk the new entry goes in, at slot `at`. */
  protected claim(): C {
    if (this.tail === this.slots) {
      this.chunks.push(this.spare ?? this.make());
      this.spare = undefined;
      this.tail = 0;
    }
    this.at = this.tail;
    this.tail += this.stride;
    this.size++;
    return this.chunks[this.chunks.length - 1]!;
  }

  /** Drops the oldest entry (read at `head` in `first`). */
  protected release(): void {
    this.size--;
    this.head += this.stride;
    if (this.head === this.slots) {
      const done = this.chunks.shift()!;
      // The queue is empty when its only chunk has been read: that chunk is refilled.
      if (this.chunks.length === 0) {
        this.chunks.push(done);
        this.tail = 0;
      } else {
        this.spare = done;
      }
      this.first = this.chunks[0]!;
      this.head = 0;
    }
  }
}

/** A FIFO of states, so that explored states can be collected. */
class ChunkedQueue<T> extends ChunkedFifo<(T | undefined)[]> {
  constructor() {
    super(() => [], CHUNK, 1);
  }

  push(item: T): void {
    this.claim()[this.at] = item;
  }

  shift(): T {
    const first = this.first;
    const item = first[this.head]!;
    first[this.head] = undefined;
    this.release();
    return item;
  }
}

/**
 * A FIFO of numeric state encodings in Float64Array chunks: 8 bytes per queued state, outside the
 * JavaScript heap, whatever the size of the states themselves.
 */
class CodeQueue extends ChunkedFifo<Float64Array> {
  constructor() {
    super(() => new Float64Array(CODE_CHUNK), CODE_CHUNK, 1);
  }

  push(code: number): void {
    this.claim()[this.at] = code;
  }

  shift(): number {
    const code = this.first[this.head]!;
    this.release();
    return code;
  }
}

/** A FIFO of 64-bit fingerprints, two 32-bit words each, in Uint32Array chunks; `shift` leaves one in `hi`/`lo`. */
class FingerprintQueue extends ChunkedFifo<Uint32Array> {
  hi = 0;
  lo = 0;

  constructor() {
    super(() => new Uint32Array(CODE_CHUNK), CODE_CHUNK, 2);
  }

  push(hi: number, lo: number): void {
    const chunk = this.claim();
    chunk[this.at] = hi;
    chunk[this.at + 1] = lo;
  }

  shift(): void {
    const first = this.first;
    this.hi = first[this.head]!;
    this.lo = first[this.head + 1]!;
    this.release();
  }
}

/** Growable typed array of 32-bit unsigned integers. */
class U32List {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Growable list of action indices: one byte each until an index above 255 appears, then two,
 * then four. Most models enable fewer than 256 actions, so this is a quarter of a Uint32Array.
 */
class ActionIndexList {
  data: Uint8Array | Uint16Array | Uint32Array = new Uint8Array(1 << 16);
  length = 0;
  private limit = 0xff;
  push(value: number): void {
    if (value > this.limit || this.length === this.data.length) this.grow(value);
    this.data[this.length++] = value;
  }
  private grow(value: number): void {
    const capacity = this.length === this.data.length ? this.data.length * 2 : this.data.length;
    if (value > 0xffff || (this.limit > 0xffff)) this.limit = 0xffffffff;
    else if (value > 0xff || this.limit > 0xff) this.limit = 0xffff;
    const bigger = this.limit === 0xff ? new Uint8Array(capacity) : this.limit === 0xffff ? new Uint16Array(capacity) : new Uint32Array(capacity);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
}

/**
 * Breadth-first search over all interleavings: the first counterexample found for a property is
 * a shortest one. States are numbered in discovery order; each keeps only a parent link and the
 * index of the action that reached it, from which traces are rebuilt.
 *
 * When the model gives both `encode` (numeric) and `decode`, the frontier is kept as encodings in
 * typed arrays (8 bytes a state) and states are rebuilt when they are expanded.
 *
 * A successor with the fingerprint of the state being expanded (a self-loop) is a duplicate
 * without a look in the table: that state is in it. Each queued state's fingerprint is kept for
 * this (it is the encoding itself for exact numeric encodings).
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
  const hasCanonical = model.canonical !== undefined;
  // The frontier holds encodings when the model can rebuild states from them.
  const packed = hasEncode && model.decode !== undefined;
  const codes = packed ? new CodeQueue() : undefined;
  const objects = packed ? undefined : new ChunkedQueue<S>();
  const queued = () => (packed ? codes!.size : objects!.size);
  // The queued states' fingerprints, unless they are their (exact, numeric) encodings.
  const fingerprints = packed && !hasCanonical ? undefined : new FingerprintQueue();

  // Per-state scratch: the successors' fingerprints, encodings or states, reused from state to state.
  let scratchHi = new Uint32Array(64);
  let scratchLo = new Uint32Array(64);
  let scratchCodes = new Float64Array(64);
  let scratchAction = new Uint32Array(64);
  const scratchStates: S[] = [];
  // The fingerprint functions and output, read through locals: under a loader that compiles
  // modules to CommonJS (tsx), every use of an imported binding is a getter call.
  const out = fp;
  const hashValue = fingerprintValue;
  const hashEncoding = fingerprintEncoding;
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

  /** The numeric encoding to queue (the state's own, not its canonical representative's). */
  const codeOf = (state: S): number => {
    const code = model.encode!(state);
    if (typeof code !== 'number') throw new ModelContractError(`a model with decode() must have a numeric encode(); encode() returned a ${typeof code}`);
    return code;
  };
  const enqueue = (state: S, code: number): void => {
    if (packed) codes!.push(code);
    else objects!.push(state);
  };

  const inits = model.init();
  // A numeric encoding is an exact key: no two distinct states can share it.
  const exactKeys = hasEncode && inits.length > 0 && typeof model.encode!(hasCanonical ? model.canonical!(inits[0]!) : inits[0]!) === 'number';
  for (let i = 0; i < inits.length; i++) {
    const state = inits[i]!;
    generated++;
    fingerprint(state);
    if (!seen.add(fp.hi, fp.lo)) continue;
    const id = parent.length;
    parent.push(NO_PARENT);
    via.push(i);
    enqueue(state, packed ? codeOf(state) : 0);
    fingerprints?.push(fp.hi, fp.lo);
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
      if (hasBounds && !model.withinBounds!(state)) continue;
      const actions = model.actions(state);
      const count = actions.length;
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
      if (contract.wants(id)) contract.verify(state, actions);
      generated += count;
      if (count > scratchHi.length) {
        scratchHi = new Uint32Array(count * 2);
        scratchLo = new Uint32Array(count * 2);
        scratchCodes = new Float64Array(count * 2);
        scratchAction = new Uint32Array(count * 2);
      }
      // Pass 1: every successor and its fingerprint (inlined: no closure call per successor);
      // self-loops are set aside at once, the other m candidates are kept in the scratch arrays.
      let m = 0;
      for (let a = 0; a < count; a++) {
        const successor = model.next(state, actions[a]!);
        if (successor === undefined) throw new ModelContractError(`next() returned undefined`);
        let hi: number;
        let lo: number;
        let code = 0;
        if (hasEncode) {
          const encoding = model.encode!(hasCanonical ? model.canonical!(successor) : successor);
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
            if (packed && !hasCanonical) code = codeOf(successor);
          }
        } else {
          hashValue(hasCanonical ? model.canonical!(successor) : successor);
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
        if (!seen.add(hi, lo)) continue;
        const child = parent.length;
        const a = scratchAction[k]!;
        parent.push(id);
        via.push(a);
        if (packed) codes!.push(hasCanonical ? codeOf(scratchStates[k]!) : scratchCodes[k]!);
        else objects!.push(scratchStates[k]!);
        fingerprints?.push(hi, lo);
        if (tracker.stateChecks.length > 0) {
          judged = child;
          tracker.checkState(scratchStates[k]!, pathToJudged);
        }
        if (seen.size >= maxStates) {
          // Successors past this one were produced but are not counted: TLC counts only what it
          // generated before stopping.
          generated -= count - a - 1;
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
  }, { terminalStates, tableBytes: seen.bytes, collisionProbability: exactKeys ? 0 : collisionProbability(seen.size) });
}

/** Upper estimate of the chance that two distinct states shared a 64-bit fingerprint: n^2 / 2^65. */
export function collisionProbability(distinct: number): number {
  return (distinct * distinct) / 2 ** 65;
}

import type { SequentialSpec, StateHash } from './spec.ts';
import { canonicalJson } from './spec.ts';

/** Marks a transition not yet computed in the memo table. */
export const UNKNOWN = -2;
/** Marks a transition that is illegal (the operation cannot happen from the state). */
export const ILLEGAL = -1;
/**
 * Upper bound on memo table cells (Int32, 256 KiB). Small state spaces (registers) fit
 * entirely; in huge ones (kv strings) most states are new anyway, so a bigger table cost
 * more to allocate and fill than it saved (measured).
 */
const MAX_MEMO_CELLS = 1 << 16;

/**
 * Numbers the distinct states of one search and memoises transitions.
 *
 * The search then works on small integers: the cache key is (linearized set, state id),
 * and `transition(stateId, op)` is a table read once computed, so the hot loop neither
 * calls the spec nor allocates after warm-up. Sound because `step` is pure and depends
 * only on the state's identity (the spec's contract).
 */
export class StateTable<State, Input, Output> {
  /** States by id. */
  readonly states: State[] = [];
  private readonly exact: boolean;
  /** First state id with a given hash. */
  private readonly byHash = new Map<StateHash, number>();
  /** sameHash[id]: next state id with the same hash as `id`, or -1 (custom `equal` only). */
  private readonly sameHash: number[] = [];
  /** Integer-hash table (custom `equal` only): hash per slot, and first state id + 1 (0 = empty). */
  private intKeys = new Int32Array(64);
  private intHeads = new Int32Array(64);
  private intMask = 63;
  private intCount = 0;
  /**
   * memo[stateId * opCount + op]: next state id, ILLEGAL, or UNKNOWN, for state ids below
   * `memoStates`. Public so the search loop can read it without a call; replaced when it
   * grows, so re-read it after calling {@link transition}.
   */
  memo: Int32Array;
  /** Number of states the memo covers. */
  memoStates: number;
  /** How many times the spec's `step` was actually called. */
  specCalls = 0;

  constructor(
    private readonly spec: SequentialSpec<State, Input, Output>,
    private readonly inputs: readonly Input[],
    private readonly outputs: readonly (Output | undefined)[],
  ) {
    // Without a custom `equal`, equal hashes mean equal states, so one map lookup suffices.
    this.exact = spec.equal === undefined;
    this.memoStates = Math.max(1, Math.min(16, Math.floor(MAX_MEMO_CELLS / Math.max(1, inputs.length))));
    this.memo = new Int32Array(this.memoStates * inputs.length).fill(UNKNOWN);
  }

  private hashOf(state: State): StateHash {
    if (this.spec.hash) return this.spec.hash(state);
    if (state === null || typeof state !== 'object') {
      // Primitives are their own Map keys (undefined would collide with "absent").
      return state === undefined ? '\u0000undefined' : (state as unknown as StateHash);
    }
    return canonicalJson(state);
  }

  /** The id of a state, numbering it if new. */
  intern(state: State): number {
    const h = this.hashOf(state);
    if (this.exact) {
      const found = this.byHash.get(h);
      if (found !== undefined) return found;
      const id = this.states.length;
      this.states.push(state);
      this.byHash.set(h, id);
      return id;
    }
    if (typeof h === 'number' && (h | 0) === h) return this.internByInt(h, state);
    const equal = this.spec.equal!;
    const first = this.byHash.get(h);
    let last = -1;
    for (let id = first ?? -1; id !== -1; id = this.sameHash[id]!) {
      if (equal(this.states[id]!, state)) return id;
      last = id;
    }
    const id = this.add(state);
    if (last === -1) this.byHash.set(h, id);
    else this.sameHash[last] = id;
    return id;
  }

  private add(state: State): number {
    const id = this.states.length;
    this.states.push(state);
    this.sameHash.push(-1);
    return id;
  }

  /**
   * Interning by a 32-bit integer hash with a custom `equal`: an open-addressing table of
   * (hash, first state id) in typed arrays. A JS Map here cost more than the search itself
   * on kv histories (hundreds of thousands of states) and fed the garbage collector.
   */
  private internByInt(h: number, state: State): number {
    const equal = this.spec.equal!;
    let mask = this.intMask;
    let i = mixInt(h) & mask;
    for (;;) {
      const head = this.intHeads[i]!;
      if (head === 0) break;
      if (this.intKeys[i] === h) {
        let last = -1;
        for (let id = head - 1; id !== -1; id = this.sameHash[id]!) {
          if (equal(this.states[id]!, state)) return id;
          last = id;
        }
        const id = this.add(state);
        this.sameHash[last] = id;
        return id;
      }
      i = (i + 1) & mask;
    }
    const id = this.add(state);
    this.intKeys[i] = h;
    this.intHeads[i] = id + 1;
    if (++this.intCount * 2 > mask) {
      // Keep the table at most half full.
      const keys = this.intKeys;
      const heads = this.intHeads;
      mask = mask * 2 + 1;
      this.intKeys = new Int32Array(mask + 1);
      this.intHeads = new Int32Array(mask + 1);
      this.intMask = mask;
      for (let j = 0; j < keys.length; j++) {
        if (heads[j] === 0) continue;
        let k = mixInt(keys[j]!) & mask;
        while (this.intHeads[k] !== 0) k = (k + 1) & mask;
        this.intKeys[k] = keys[j]!;
        this.intHeads[k] = heads[j]!;
      }
    }
    return id;
  }

  /** Next state id after operation `op` from state `stateId`, or {@link ILLEGAL}. */
  transition(stateId: number, op: number): number {
    const n = this.inputs.length;
    if (stateId >= this.memoStates) this.grow(stateId);
    if (stateId < this.memoStates) {
      const cell = stateId * n + op;
      const known = this.memo[cell]!;
      if (known !== UNKNOWN) return known;
      const next = this.compute(stateId, op);
      this.memo[cell] = next;
      return next;
    }
    return this.compute(stateId, op);
  }

  private compute(stateId: number, op: number): number {
    this.specCalls++;
    const r = this.spec.step(this.states[stateId]!, this.inputs[op]!, this.outputs[op]);
    return r.ok ? this.intern(r.next) : ILLEGAL;
  }

  private grow(stateId: number): void {
    const n = this.inputs.length;
    let cap = this.memoStates;
    while (cap <= stateId && cap * 2 * n <= MAX_MEMO_CELLS) cap *= 2;
    if (cap === this.memoStates) return;
    const memo = new Int32Array(cap * n).fill(UNKNOWN);
    memo.set(this.memo);
    this.memo = memo;
    this.memoStates = cap;
  }
}

/** Spreads integer hash bits for linear probing (murmur3 finaliser). */
function mixInt(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * Lowe's memoisation for the Wing–Gong search: the set of (linearized operations, state)
 * configurations already explored. Reaching one again cannot lead anywhere new, so the
 * search skips it.
 *
 * A linearized set is kept in a compact, exact form. Number the operations by call order
 * (rank). Let `first` be the lowest rank not yet linearized: every rank below it is in the set,
 * and no rank past `last(first)` can be (those operations were called after `first` returned, so
 * real time puts them after it). The set is therefore `first` and the bits of the ranks between
 * the two: the "window" of operations concurrent with `first`. A sequential stretch of history
 * has an empty window, so its configurations take a few bytes each instead of a bitset of the
 * whole history (100,000 sequential operations: 1.6 MB instead of 1.25 GB).
 *
 * Layout, chosen so lookups allocate nothing: the search keeps the full bitset (by rank) and
 * its hash, maintained incrementally (XOR of a random 32-bit code per operation, Zobrist style);
 * entries live in flat typed arrays, their window words in one growing pool; an
 * open-addressing table of entry numbers indexes them. Equality is always checked on `first`,
 * the window and the state id, so the cache never conflates two configurations.
 */
export class VisitedCache {
  private slots: Int32Array;
  private mask: number;
  private entryHash: Int32Array;
  private entryState: Int32Array;
  private entryFirst: Int32Array;
  private entryOffset: Int32Array;
  private pool: Uint32Array;
  private poolSize = 0;
  /** Number of configurations stored. */
  size = 0;

  /**
   * `lastInWindow[r]`: the highest rank called no later than rank `r` returned (at least `r`);
   * `lastInWindow[count]` is `count - 1`, for the full set.
   */
  constructor(
    private readonly lastInWindow: Int32Array,
    initialCapacity = 1024,
  ) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    this.entryHash = new Int32Array(cap);
    this.entryState = new Int32Array(cap);
    this.entryFirst = new Int32Array(cap);
    this.entryOffset = new Int32Array(cap);
    this.pool = new Uint32Array(cap);
  }

  /**
   * Adds (bits, state) unless already present. `bits` is the linearized set by rank, `first`
   * its lowest missing rank, `setHash` its Zobrist hash. Returns true when added (new).
   */
  addIfAbsent(setHash: number, state: number, bits: Uint32Array, first: number): boolean {
    const key = mix(setHash ^ Math.imul(state + 1, 0x9e3779b1));
    // The window's words: ranks first+1 .. lastInWindow[first], the bits outside it masked off.
    const low = first + 1;
    const high = this.lastInWindow[first]!;
    const fromWord = low >>> 5;
    const words = high >= low ? (high >>> 5) - fromWord + 1 : 0;
    const mask = this.mask;
    const slots = this.slots;
    let i = key & mask;
    for (;;) {
      const e = slots[i]!;
      if (e === 0) break;
      const entry = e - 1;
      if (this.entryHash[entry] === key && this.entryState[entry] === state && this.entryFirst[entry] === first) {
        const base = this.entryOffset[entry]!;
        let same = true;
        for (let w = 0; w < words; w++) {
          if (this.pool[base + w] !== windowWord(bits, fromWord + w, low, high)) {
            same = false;
            break;
          }
        }
        if (same) return false;
      }
      i = (i + 1) & mask;
    }
    const entry = this.size;
    if (entry >= this.entryState.length || this.poolSize + words > this.pool.length) {
      this.grow(words);
      return this.addIfAbsent(setHash, state, bits, first);
    }
    this.entryHash[entry] = key;
    this.entryState[entry] = state;
    this.entryFirst[entry] = first;
    this.entryOffset[entry] = this.poolSize;
    for (let w = 0; w < words; w++) this.pool[this.poolSize + w] = windowWord(bits, fromWord + w, low, high);
    this.poolSize += words;
    slots[i] = entry + 1;
    this.size = entry + 1;
    return true;
  }

  /** Bytes held by the cache's arrays (for the memory guard and tests). */
  get bytes(): number {
    return this.slots.byteLength + this.entryHash.byteLength * 4 + this.pool.byteLength;
  }

  private grow(words: number): void {
    if (this.poolSize + words > this.pool.length) {
      let cap = this.pool.length * 2;
      while (cap < this.poolSize + words) cap *= 2;
      const pool = new Uint32Array(cap);
      pool.set(this.pool.subarray(0, this.poolSize));
      this.pool = pool;
    }
    if (this.size < this.entryState.length) return;
    const cap = this.entryState.length * 2;
    const widen = (old: Int32Array) => {
      const bigger = new Int32Array(cap);
      bigger.set(old);
      return bigger;
    };
    this.entryHash = widen(this.entryHash);
    this.entryState = widen(this.entryState);
    this.entryFirst = widen(this.entryFirst);
    this.entryOffset = widen(this.entryOffset);
    // Keep the table at most half full: rehash every entry into twice the slots.
    const slots = new Int32Array(cap * 2);
    const mask = cap * 2 - 1;
    for (let e = 0; e < this.size; e++) {
      let i = this.entryHash[e]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Word `w` of `bits`, keeping only the bits of ranks `low..high`. */
function windowWord(bits: Uint32Array, w: number, low: number, high: number): number {
  let word = bits[w]!;
  if (w === low >>> 5) word &= ~0 << (low & 31);
  if (w === high >>> 5 && (high & 31) !== 31) word &= (1 << ((high & 31) + 1)) - 1;
  return word >>> 0;
}

/** Murmur3's 32-bit finaliser: spreads the bits so that linear probing stays short. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * Deterministic pseudo-random 32-bit codes, one per operation, for Zobrist hashing of the
 * linearized set (deterministic so that runs are reproducible).
 */
export function zobristCodes(count: number, seed = 0x2545f491): Int32Array {
  const codes = new Int32Array(count);
  let x = seed | 0;
  for (let i = 0; i < count; i++) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    codes[i] = x;
  }
  return codes;
}

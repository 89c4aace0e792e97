/**
 * Lowe's memoisation for the Wing–Gong search: the set of (linearized operations, state)
 * configurations already explored. Reaching one again cannot lead anywhere new, so the
 * search skips it.
 *
 * Layout, chosen so lookups allocate nothing: the linearized set is a bitset of
 * `words` 32-bit words; its hash is maintained incrementally by the search (XOR of a random
 * 32-bit code per operation, Zobrist style). Entries live in flat typed arrays; an
 * open-addressing table of entry numbers indexes them. Equality is always checked on the
 * full bitset and state id, so the cache never conflates two configurations.
 */
export class VisitedCache {
  private readonly words: number;
  private slots: Int32Array;
  private mask: number;
  private entryHash: Int32Array;
  private entryState: Int32Array;
  private entryBits: Uint32Array;
  /** Number of configurations stored. */
  size = 0;

  constructor(words: number, initialCapacity = 1024) {
    this.words = words;
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    this.entryHash = new Int32Array(cap);
    this.entryState = new Int32Array(cap);
    this.entryBits = new Uint32Array(cap * words);
  }

  /**
   * Adds (bits, state) unless already present. `setHash` is the Zobrist hash of `bits`.
   * Returns true when added (the configuration is new).
   */
  addIfAbsent(setHash: number, state: number, bits: Uint32Array): boolean {
    const words = this.words;
    const key = mix(setHash ^ Math.imul(state + 1, 0x9e3779b1));
    const mask = this.mask;
    const slots = this.slots;
    let i = key & mask;
    for (;;) {
      const e = slots[i]!;
      if (e === 0) break;
      const entry = e - 1;
      if (this.entryHash[entry] === key && this.entryState[entry] === state) {
        const base = entry * words;
        let same = true;
        for (let w = 0; w < words; w++) {
          if (this.entryBits[base + w] !== bits[w]) {
            same = false;
            break;
          }
        }
        if (same) return false;
      }
      i = (i + 1) & mask;
    }
    const entry = this.size;
    if (entry >= this.entryState.length) {
      this.grow();
      return this.addIfAbsent(setHash, state, bits);
    }
    this.entryHash[entry] = key;
    this.entryState[entry] = state;
    this.entryBits.set(bits.subarray(0, words), entry * words);
    slots[i] = entry + 1;
    this.size = entry + 1;
    return true;
  }

  private grow(): void {
    const cap = this.entryState.length * 2;
    const entryHash = new Int32Array(cap);
    entryHash.set(this.entryHash);
    const entryState = new Int32Array(cap);
    entryState.set(this.entryState);
    const entryBits = new Uint32Array(cap * this.words);
    entryBits.set(this.entryBits);
    this.entryHash = entryHash;
    this.entryState = entryState;
    this.entryBits = entryBits;
    // Keep the table at most half full: rehash every entry into twice the slots.
    const slots = new Int32Array(cap * 2);
    const mask = cap * 2 - 1;
    for (let e = 0; e < this.size; e++) {
      let i = entryHash[e]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
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

const MAX_LOAD = 0.7;
/** Largest number of 32-bit words V8 allows in one typed array on 64-bit Node (2^32 - 1 elements). */
const MAX_WORDS = 2 ** 32 - 1;

/**
 * The home slot of a key, before masking: both lanes mixed, then Murmur3's final avalanche, so
 * that exact keys (packed states that differ in a few bits) spread as well as hashed ones.
 * Local to this file so that the probe loop calls nothing through a module binding.
 */
export function slotHash(hi: number, lo: number): number {
  let h = lo ^ Math.imul(hi ^ (hi >>> 16), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** The table reached the largest typed arrays V8 allows and cannot take more entries. */
export class TableFullError extends Error {
  constructor(readonly entries: number) {
    super(`fingerprint table full at ${entries} entries`);
    this.name = 'TableFullError';
  }
}

/**
 * A set of 64-bit fingerprints in one open-addressing table over typed arrays, with an optional
 * 32-bit value per entry. Unlike a native `Set` it has no 2^24 ceiling: it grows by doubling
 * to 2^30 slots (about 750 million entries at its load factor), memory permitting.
 */
export class FingerprintTable {
  private keys: Uint32Array;
  private values: Uint32Array | undefined;
  private mask: number;
  private count = 0;
  private zeroPresent = false;
  private zeroValue = 0;
  private growAt: number;

  /**
   * @param initialCapacity slots to start with (rounded up to a power of two)
   * @param withValues keep a 32-bit value per entry (the depth, for a depth-bounded DFS)
   */
  constructor(initialCapacity = 1 << 16, withValues = false) {
    let capacity = 1 << 4;
    while (capacity < initialCapacity) capacity *= 2;
    this.keys = new Uint32Array(capacity * 2);
    this.values = withValues ? new Uint32Array(capacity) : undefined;
    this.mask = capacity - 1;
    this.growAt = Math.floor(capacity * MAX_LOAD);
  }

  /** Number of fingerprints stored. */
  get size(): number {
    return this.count;
  }

  /** Number of slots currently allocated. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.keys.byteLength + (this.values?.byteLength ?? 0);
  }

  private slotOf(hi: number, lo: number): number {
    return slotHash(hi, lo) & this.mask;
  }

  /** Adds the fingerprint; returns true when it was not there before. */
  add(hi: number, lo: number, value = 0): boolean {
    if (hi === 0 && lo === 0) {
      if (this.zeroPresent) return false;
      this.zeroPresent = true;
      this.zeroValue = value;
      this.count++;
      return true;
    }
    const keys = this.keys;
    const mask = this.mask;
    let slot = this.slotOf(hi, lo);
    for (;;) {
      const at = slot << 1;
      const khi = keys[at]!;
      const klo = keys[at + 1]!;
      if (khi === 0 && klo === 0) {
        keys[at] = hi;
        keys[at + 1] = lo;
        if (this.values) this.values[slot] = value;
        if (++this.count > this.growAt) this.grow();
        return true;
      }
      if (khi === hi && klo === lo) return false;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * A hint, with no effect on the contents: reads the home slot of each of the first `count`
   * keys, so that their cache lines are fetched together (the reads are independent and overlap)
   * before `add` probes them one by one.
   */
  prefetch(his: Uint32Array, los: Uint32Array, count: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let sink = 0;
    for (let i = 0; i < count; i++) sink ^= keys[(slotHash(his[i]!, los[i]!) & mask) << 1]!;
    this.sink = sink;
  }

  /** Where `prefetch` leaves what it read, so that the reads are not optimised away. */
  private sink = 0;

  /** The slot holding the fingerprint, or -1 (-2 for the all-zero fingerprint when present). */
  private find(hi: number, lo: number): number {
    if (hi === 0 && lo === 0) return this.zeroPresent ? -2 : -1;
    const keys = this.keys;
    let slot = this.slotOf(hi, lo);
    for (;;) {
      const at = slot << 1;
      const khi = keys[at]!;
      const klo = keys[at + 1]!;
      if (khi === hi && klo === lo) return slot;
      if (khi === 0 && klo === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Whether the fingerprint is in the table. */
  has(hi: number, lo: number): boolean {
    return this.find(hi, lo) !== -1;
  }

  /** The value stored with the fingerprint, or undefined when absent. */
  get(hi: number, lo: number): number | undefined {
    const slot = this.find(hi, lo);
    if (slot === -1) return undefined;
    if (slot === -2) return this.zeroValue;
    return this.values ? this.values[slot] : 0;
  }

  /** Replaces the value of a fingerprint already present; returns false when it is absent. */
  set(hi: number, lo: number, value: number): boolean {
    const slot = this.find(hi, lo);
    if (slot === -1) return false;
    if (slot === -2) this.zeroValue = value;
    else if (this.values) this.values[slot] = value;
    return true;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldCapacity = this.mask + 1;
    const capacity = oldCapacity * 2;
    if (capacity * 2 > MAX_WORDS) throw new TableFullError(this.count);
    this.keys = new Uint32Array(capacity * 2);
    this.values = oldValues ? new Uint32Array(capacity) : undefined;
    this.mask = capacity - 1;
    this.growAt = Math.floor(capacity * MAX_LOAD);
    const keys = this.keys;
    const mask = this.mask;
    for (let old = 0; old < oldCapacity; old++) {
      const hi = oldKeys[old << 1]!;
      const lo = oldKeys[(old << 1) + 1]!;
      if (hi === 0 && lo === 0) continue;
      let slot = this.slotOf(hi, lo);
      while (keys[slot << 1] !== 0 || keys[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
      keys[slot << 1] = hi;
      keys[(slot << 1) + 1] = lo;
      if (oldValues) this.values![slot] = oldValues[old]!;
    }
  }
}

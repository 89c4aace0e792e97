import { slotHash } from '../core/fingerprint-table.ts';

/** Slot tags: empty, being written by one thread, holding a fingerprint. */
const EMPTY = 0;
const WRITING = 1;
const FULL = 2;
/** Words a slot takes: tag, hi, lo. */
const STRIDE = 3;
/** Past this share of slots filled, `add` gives up (the search ends as at the memory guard). */
const OVERFULL = 0.9;

/** A shared table could not take another fingerprint during a level. */
export class SharedTableFullError extends Error {
  constructor(readonly entries: number) {
    super(`shared fingerprint table full at ${entries} entries`);
    this.name = 'SharedTableFullError';
  }
}

/**
 * A set of 64-bit fingerprints in a SharedArrayBuffer, which several worker threads add to at
 * once: open addressing, and a slot is claimed by a compare-and-swap of its tag, so that exactly
 * one thread adds each fingerprint (it alone queues that state). It does not grow while threads
 * use it: between levels, when they wait, the coordinator copies it into a bigger one (`grown`).
 */
export class SharedFingerprintTable {
  private readonly words: Int32Array;
  private readonly counter: Int32Array;
  private readonly mask: number;
  private readonly limit: number;

  /** A table over `buffers` (from {@link SharedFingerprintTable.create} or another thread's `buffers`). */
  constructor(readonly buffers: { readonly slots: SharedArrayBuffer; readonly count: SharedArrayBuffer }) {
    this.words = new Int32Array(buffers.slots);
    this.counter = new Int32Array(buffers.count);
    const capacity = this.words.length / STRIDE;
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * OVERFULL);
  }

  /** An empty table of `capacity` slots (a power of two). */
  static create(capacity: number): SharedFingerprintTable {
    return new SharedFingerprintTable({ slots: new SharedArrayBuffer(capacity * STRIDE * 4), count: new SharedArrayBuffer(4) });
  }

  /** Fingerprints stored. */
  get size(): number {
    return Atomics.load(this.counter, 0);
  }

  /** Slots allocated. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Bytes of the shared slots. */
  get bytes(): number {
    return this.words.byteLength;
  }

  /**
   * Reads the first slot of each fingerprint, so that the cache lines `add` probes next load
   * together rather than one miss at a time.
   */
  prefetch(his: Uint32Array, los: Uint32Array, count: number): void {
    const words = this.words;
    const mask = this.mask;
    let sink = 0;
    for (let i = 0; i < count; i++) sink ^= words[(slotHash(his[i]!, los[i]!) & mask) * STRIDE]!;
    this.sink = sink;
  }

  /** Where `prefetch` leaves what it read, so that the reads are not optimised away. */
  private sink = 0;

  /** Adds the fingerprint; true when this call added it (no other thread did, before or at once). */
  add(hi: number, lo: number): boolean {
    const words = this.words;
    const mask = this.mask;
    let slot = slotHash(hi, lo) & mask;
    hi |= 0;
    lo |= 0;
    for (;;) {
      const at = slot * STRIDE;
      let tag = Atomics.load(words, at);
      if (tag === EMPTY) {
        tag = Atomics.compareExchange(words, at, EMPTY, WRITING);
        if (tag === EMPTY) {
          words[at + 1] = hi;
          words[at + 2] = lo;
          Atomics.store(words, at, FULL);
          if (Atomics.add(this.counter, 0, 1) + 1 > this.limit) throw new SharedTableFullError(this.size);
          return true;
        }
      }
      // Another thread is writing this slot: its key is readable once the tag says FULL.
      while (tag === WRITING) tag = Atomics.load(words, at);
      if (words[at + 1] === hi && words[at + 2] === lo) return false;
      slot = (slot + 1) & mask;
    }
  }

  /** A copy of this table in `capacity` slots; no thread may add while it is made. */
  grown(capacity: number): SharedFingerprintTable {
    const bigger = SharedFingerprintTable.create(capacity);
    const from = this.words;
    const to = bigger.words;
    const mask = bigger.mask;
    for (let at = 0; at < from.length; at += STRIDE) {
      if (from[at] !== FULL) continue;
      const hi = from[at + 1]!;
      const lo = from[at + 2]!;
      let slot = slotHash(hi >>> 0, lo >>> 0) & mask;
      while (to[slot * STRIDE] !== EMPTY) slot = (slot + 1) & mask;
      to[slot * STRIDE] = FULL;
      to[slot * STRIDE + 1] = hi;
      to[slot * STRIDE + 2] = lo;
    }
    bigger.counter[0] = this.size;
    return bigger;
  }
}

/** The frontier queues of the breadth-first engines: FIFOs of states, of numeric encodings and of fingerprints. */
import { ModelContractError } from '../core/errors.ts';
import type { Model } from '../core/model.ts';

/** States a chunk of the state queue holds. */
const CHUNK = 1 << 14;
/** Slots (8 or 4 bytes each) a chunk of a typed-array queue holds. */
const CODE_CHUNK = 1 << 16;

/**
 * The bookkeeping of a FIFO kept in fixed-size chunks, shared by the queues below: an entry takes
 * `stride` slots; a chunk that has been read is dropped (so explored states can be collected), and
 * the last one dropped is kept to be refilled. A subclass writes an entry at the slot `claim()`
 * leaves in `at`, and reads one at `head` before calling `release()`.
 */
export abstract class ChunkedFifo<C> {
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
  /** Entries queued. */
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
export class ChunkedQueue<T> extends ChunkedFifo<(T | undefined)[]> {
  constructor() {
    super(() => [], CHUNK, 1);
  }

  /** Appends a state. */
  push(item: T): void {
    this.claim()[this.at] = item;
  }

  /** Removes and returns the oldest state. */
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
export class CodeQueue extends ChunkedFifo<Float64Array> {
  constructor() {
    super(() => new Float64Array(CODE_CHUNK), CODE_CHUNK, 1);
  }

  /** Appends an encoding. */
  push(code: number): void {
    this.claim()[this.at] = code;
  }

  /** Removes and returns the oldest encoding. */
  shift(): number {
    const code = this.first[this.head]!;
    this.release();
    return code;
  }
}

/** A FIFO of 64-bit fingerprints, two 32-bit words each, in Uint32Array chunks; `shift` leaves one in `hi`/`lo`. */
export class FingerprintQueue extends ChunkedFifo<Uint32Array> {
  hi = 0;
  lo = 0;

  constructor() {
    super(() => new Uint32Array(CODE_CHUNK), CODE_CHUNK, 2);
  }

  /** Appends a fingerprint. */
  push(hi: number, lo: number): void {
    const chunk = this.claim();
    chunk[this.at] = hi;
    chunk[this.at + 1] = lo;
  }

  /** Removes the oldest fingerprint, leaving it in `hi` and `lo`. */
  shift(): void {
    const first = this.first;
    this.hi = first[this.head]!;
    this.lo = first[this.head + 1]!;
    this.release();
  }
}

/** A state's numeric encoding, as a packed frontier queues it (the state's own, not its canonical representative's). */
export function numericCode<S>(model: Model<S, unknown>, state: S): number {
  const code = model.encode!(state);
  if (typeof code !== 'number') throw new ModelContractError(`a model with decode() must have a numeric encode(); encode() returned a ${typeof code}`);
  return code;
}

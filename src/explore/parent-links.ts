/**
 * Where each state of a breadth-first search came from: its parent's number and the index of the
 * action that reached it, in typed arrays, from which counterexamples are rebuilt.
 */

/** The parent of an initial state. */
export const NO_PARENT = 0xffffffff;

/** Growable typed array of 32-bit unsigned integers. */
export class U32List {
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
export class ActionIndexList {
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

import type { HistoryOperation } from './operation.ts';
import { returnTime } from './operation.ts';
import type { SequentialSpec } from './spec.ts';
import { ILLEGAL, StateTable, UNKNOWN } from './state-table.ts';
import { VisitedCache, zobristCodes } from './visited-cache.ts';

/** Outcome of one slice of a search. */
export type SearchStatus = 'linearizable' | 'illegal' | 'paused';

/** End-of-list marker in the entry list. */
const NIL = -1;
/** Index of the list's head sentinel. */
const HEAD = 0;

/**
 * The Wing–Gong depth-first search with Lowe's cache, on one (sub-)history, written so it
 * can pause after a number of steps and resume later: the driver interleaves partitions
 * and enforces budgets between slices.
 *
 * The history is a doubly linked list of call and return entries in time order. The
 * search walks it from the head: at a call entry it tries to linearize that operation
 * next (legal step, and a (set, state) configuration not seen before), then "lifts" the
 * call and its return out of the list and restarts from the head; reaching a return entry
 * means the operation it closes must already have been linearized, so the last choice is
 * undone ("unlifted") and the walk continues after it. An empty list means everything
 * was linearized.
 *
 * One step = one attempt to apply an operation (the count porcupine reports).
 */
export class PartitionSearch<State, Input, Output> {
  /** The operations of this (sub-)history; local index = position here. */
  readonly operations: readonly HistoryOperation<Input, Output>[];
  /** Distinct states and memoised transitions. */
  readonly table: StateTable<State, Input, Output>;
  /** Steps taken so far. */
  steps = 0;
  /** Length of the longest linearizable prefix seen at a dead end. */
  bestLength = 0;
  /** The operations (local indices) of that prefix, in linearization order. */
  bestPrefix: Int32Array;
  /** Status after the last slice. */
  status: SearchStatus = 'paused';

  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly entryOp: Int32Array;
  private readonly entryMatch: Int32Array;
  private readonly codes: Int32Array;
  /** rank[op]: the operation's place in call order; the linearized set's bits are by rank. */
  private readonly rank: Int32Array;
  private readonly bits: Uint32Array;
  private readonly cache: VisitedCache;
  private readonly stackEntry: Int32Array;
  private readonly stackState: Int32Array;
  private sp = 0;
  private setHash = 0;
  private state: number;
  private cursor: number;

  constructor(spec: SequentialSpec<State, Input, Output>, operations: readonly HistoryOperation<Input, Output>[]) {
    this.operations = operations;
    const n = operations.length;
    const inputs = operations.map((op) => op.input);
    // Pending operations get an unknown output, whatever was recorded.
    const outputs = operations.map((op) =>
      op.output === null || returnTime(op) === Infinity ? undefined : (op.output as Output | undefined),
    );
    this.table = new StateTable(spec, inputs, outputs);
    this.state = this.table.intern(spec.init());

    // Entries 1..2n: call and return events sorted by time. On equal times a call comes
    // first (closed intervals: touching operations overlap); pending returns come last,
    // in id order.
    const events: { time: number; isCall: boolean; op: number }[] = [];
    for (let i = 0; i < n; i++) {
      events.push({ time: operations[i]!.call, isCall: true, op: i });
      events.push({ time: returnTime(operations[i]!), isCall: false, op: i });
    }
    events.sort(
      (a, b) =>
        a.time - b.time ||
        (a.isCall === b.isCall ? 0 : a.isCall ? -1 : 1) ||
        operations[a.op]!.id - operations[b.op]!.id ||
        a.op - b.op,
    );
    const size = 2 * n + 1;
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.entryOp = new Int32Array(size).fill(-1);
    this.entryMatch = new Int32Array(size).fill(-1);
    const returnEntry = new Int32Array(n);
    for (let k = 0; k < events.length; k++) {
      const e = k + 1;
      this.entryOp[e] = events[k]!.op;
      if (!events[k]!.isCall) returnEntry[events[k]!.op] = e;
    }
    for (let k = 0; k < events.length; k++) {
      if (events[k]!.isCall) this.entryMatch[k + 1] = returnEntry[events[k]!.op]!;
    }
    for (let e = 0; e < size; e++) {
      this.next[e] = e + 1 < size ? e + 1 : NIL;
      this.prev[e] = e - 1;
    }
    this.cursor = this.next[HEAD]!;

    // Ranks (call order) and, per rank, the last rank called before it returned: the cache's window.
    this.rank = new Int32Array(n);
    const lastInWindow = new Int32Array(n + 1);
    let calls = 0;
    for (let e = 1; e < size; e++) {
      const op = this.entryOp[e]!;
      if (this.entryMatch[e]! >= 0) this.rank[op] = calls++;
      else lastInWindow[this.rank[op]!] = calls - 1;
    }
    lastInWindow[n] = n - 1;
    this.codes = zobristCodes(n);
    const words = Math.max(1, Math.ceil(n / 32));
    this.bits = new Uint32Array(words);
    this.cache = new VisitedCache(lastInWindow);
    this.stackEntry = new Int32Array(n);
    this.stackState = new Int32Array(n);
    this.bestPrefix = new Int32Array(0);
    if (n === 0) this.status = 'linearizable';
  }

  /** Id of the initial state in {@link table} (always 0). */
  get initialState(): number {
    return 0;
  }

  /**
   * Runs until the verdict is known or `stepLimit` total steps have been taken.
   * Returns (and records in `status`) the outcome.
   */
  run(stepLimit: number): SearchStatus {
    if (this.status !== 'paused') return this.status;
    // Locals: the loop below is the hot path.
    const next = this.next;
    const prev = this.prev;
    const entryOp = this.entryOp;
    const entryMatch = this.entryMatch;
    const codes = this.codes;
    const rank = this.rank;
    const bits = this.bits;
    const cache = this.cache;
    const table = this.table;
    // Copies of imported constants: a transpiler may turn module bindings into getters.
    const illegal = ILLEGAL;
    const unknown = UNKNOWN;
    const opCount = this.operations.length;
    let memo = table.memo;
    let memoStates = table.memoStates;
    const stackEntry = this.stackEntry;
    const stackState = this.stackState;
    let sp = this.sp;
    let setHash = this.setHash;
    let state = this.state;
    let entry = this.cursor;
    let steps = this.steps;
    let status: SearchStatus = 'paused';

    while (next[HEAD] !== NIL) {
      const match = entryMatch[entry]!;
      if (match >= 0) {
        // A call entry: try to linearize its operation now.
        if (steps >= stepLimit) break;
        steps++;
        const op = entryOp[entry]!;
        // Memoised transition, read inline; computed (and the memo re-read) on a miss.
        let nextState = state < memoStates ? memo[state * opCount + op]! : unknown;
        if (nextState === unknown) {
          nextState = table.transition(state, op);
          memo = table.memo;
          memoStates = table.memoStates;
        }
        if (nextState !== illegal) {
          const r = rank[op]!;
          const w = r >>> 5;
          const bit = 1 << (r & 31);
          bits[w] = bits[w]! | bit;
          const h = setHash ^ codes[op]!;
          // The lowest rank still missing once op is in: the first call left in the list (the
          // list always starts with a call), skipping op's own call and return.
          let head = next[HEAD]!;
          if (head === entry) {
            head = next[entry]!;
            if (head === match) head = next[match]!;
          }
          const first = head === NIL ? opCount : rank[entryOp[head]!]!;
          if (cache.addIfAbsent(h, nextState, bits, first)) {
            stackEntry[sp] = entry;
            stackState[sp] = state;
            sp++;
            setHash = h;
            state = nextState;
            // Lift the call and its return out of the list.
            let p = prev[entry]!;
            let q = next[entry]!;
            next[p] = q;
            if (q !== NIL) prev[q] = p;
            p = prev[match]!;
            q = next[match]!;
            next[p] = q;
            if (q !== NIL) prev[q] = p;
            entry = next[HEAD]!;
          } else {
            bits[w] = bits[w]! & ~bit;
            entry = next[entry]!;
          }
        } else {
          entry = next[entry]!;
        }
      } else {
        // A return entry: its operation had to be linearized by now. Backtrack.
        if (sp > this.bestLength) this.recordBest(sp);
        if (sp === 0) {
          status = 'illegal';
          break;
        }
        sp--;
        entry = stackEntry[sp]!;
        state = stackState[sp]!;
        const op = entryOp[entry]!;
        const r = rank[op]!;
        bits[r >>> 5] = bits[r >>> 5]! & ~(1 << (r & 31));
        setHash ^= codes[op]!;
        // Unlift: put the return back, then the call (reverse order of lifting).
        const m = entryMatch[entry]!;
        next[prev[m]!] = m;
        if (next[m] !== NIL) prev[next[m]!] = m;
        next[prev[entry]!] = entry;
        if (next[entry] !== NIL) prev[next[entry]!] = entry;
        entry = next[entry]!;
      }
    }
    if (status === 'paused' && next[HEAD] === NIL) status = 'linearizable';
    this.sp = sp;
    this.setHash = setHash;
    this.state = state;
    this.cursor = entry;
    this.steps = steps;
    this.status = status;
    return status;
  }

  private recordBest(sp: number): void {
    const prefix = new Int32Array(sp);
    for (let i = 0; i < sp; i++) prefix[i] = this.entryOp[this.stackEntry[i]!]!;
    this.bestPrefix = prefix;
    this.bestLength = sp;
  }

  /**
   * The linearization found (local operation indices in order), once `status` is
   * `'linearizable'`; otherwise the current partial one.
   */
  linearization(): number[] {
    const order: number[] = [];
    for (let i = 0; i < this.sp; i++) order.push(this.entryOp[this.stackEntry[i]!]!);
    return order;
  }
}

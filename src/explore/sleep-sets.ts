import type { Commuting } from '../core/model.ts';
import { ChunkedQueue } from './frontier.ts';

/**
 * The actions asleep in a queued state: taking one there would reach a state that another order of
 * independent actions reaches at the same depth. One flat array, to allocate once: at 0 the queued
 * state itself, kept when states are matched by a symmetry representative; then key and footprint
 * pairs.
 */
type Sleep = unknown[];

/** Most next-level states a table holds at once (V8's Map throws at 2^24); past it, states queue with nothing asleep. */
const MAX_ENTRIES = 1 << 23;

/**
 * Sleep sets for a breadth-first search (Godefroid's, for a search that stores states). A state's
 * sleep set is the intersection, over every edge that first reaches it at its depth, of what was
 * asleep at the parent or taken there before that edge, and is independent of the edge's action.
 * The lexicographically least shortest path to any state then takes no action asleep, so every
 * state is still reached at its shortest depth: counts, verdicts and shortest counterexample
 * lengths are those of the search without it. Only states one level down can still gain parents
 * at their depth, so only they are kept in `level`; a later edge to any other state is ignored.
 *
 * With symmetry, a state may be reached as another member of its class than the one queued: its
 * sleep set then names actions of a different concrete state, so the queued one's is emptied.
 */
export class SleepSets<S, A> {
  private readonly queue = new ChunkedQueue<Sleep | undefined>();
  /** The sleep sets of the states queued for the next level, by a 53-bit part of their fingerprint. */
  private readonly level = new Map<number, Sleep>();
  private state!: S;
  private actions: readonly A[] = [];
  private asleepHere: Sleep | undefined;
  private keys: unknown[] = [];
  /** Per enabled action: 1 once its key is in `keys`. */
  private keyed = new Uint8Array(64);
  /** Per enabled action: its footprint once taken, -1 when it touches anything, NaN when asleep. */
  private footprints = new Float64Array(64);
  /** Transitions not taken because they were asleep. */
  slept = 0;

  /**
   * @param commuting the model's independence relation
   * @param symmetric whether the engine matches states by a symmetry representative
   */
  constructor(
    private readonly commuting: Commuting<S, A>,
    private readonly symmetric: boolean,
  ) {}

  /** Queues an initial state: nothing asleep in it. */
  queueInitial(): void {
    this.queue.push(undefined);
  }

  /** The level being expanded is done: the states queued for the next one gain no more parents. */
  levelDone(): void {
    this.level.clear();
  }

  /** Starts expanding the oldest queued state; returns how many of its actions are asleep. */
  begin(state: S, actions: readonly A[]): number {
    this.state = state;
    this.actions = actions;
    const sleep = this.queue.shift();
    this.asleepHere = sleep;
    const count = actions.length;
    if (this.footprints.length < count) {
      this.footprints = new Float64Array(count * 2);
      this.keyed = new Uint8Array(count * 2);
    }
    // Keys are computed when needed: here only when something is asleep.
    this.keyed.fill(0, 0, count);
    this.footprints.fill(-1, 0, count);
    if (sleep === undefined) return 0;
    let asleep = 0;
    for (let a = 0; a < count; a++) {
      if (!holds(sleep, this.keyOf(a))) continue;
      this.footprints[a] = NaN;
      asleep++;
    }
    this.slept += asleep;
    return asleep;
  }

  /** Whether action `a` of the state being expanded is asleep (its successor is not computed). */
  asleep(a: number): boolean {
    return Number.isNaN(this.footprints[a]!);
  }

  /** Records what action `a`, taken, touched (its successor is `after`). */
  taken(a: number, action: A, after: S): void {
    const footprint = this.commuting.footprint(this.state, action, after);
    this.footprints[a] = footprint === undefined ? -1 : footprint;
  }

  /** A new state, reached by action `a` and queued now (fingerprint `hi`/`lo`): its sleep set. */
  discovered(a: number, hi: number, lo: number, child: S): void {
    const sleep = this.level.size < MAX_ENTRIES ? this.sleepAfter(a, child) : undefined;
    if (sleep !== undefined) this.level.set(levelKey(hi, lo), sleep);
    this.queue.push(sleep);
  }

  /** A state already seen, reached again by action `a`: a parent at its depth when it is queued for the next level. */
  revisited(a: number, hi: number, lo: number, child: S): void {
    const sleep = this.level.get(levelKey(hi, lo));
    if (sleep === undefined || sleep.length === 1) return;
    const other = this.sleepAfter(a, child);
    if (other === undefined || (this.symmetric && !sameValue(child, sleep[0]))) {
      sleep.length = 1;
      return;
    }
    // The intersection, in place.
    let kept = 1;
    for (let i = 1; i < sleep.length; i += 2) {
      if (!holds(other, sleep[i])) continue;
      sleep[kept] = sleep[i];
      sleep[kept + 1] = sleep[i + 1];
      kept += 2;
    }
    sleep.length = kept;
  }

  /** What is asleep after action `a`: what was asleep here or taken before it, independent of it (undefined: nothing). */
  private sleepAfter(a: number, child: S): Sleep | undefined {
    const last = this.footprints[a]!;
    const here = this.asleepHere;
    if (last < 0 || (a === 0 && here === undefined)) return undefined;
    let sleep: Sleep | undefined;
    if (here !== undefined) {
      for (let i = 1; i < here.length; i += 2) {
        const footprint = here[i + 1] as number;
        if (this.commuting.independent(this.state, footprint, last)) (sleep ??= [this.symmetric ? child : undefined]).push(here[i], footprint);
      }
    }
    for (let b = 0; b < a; b++) {
      const footprint = this.footprints[b]!;
      if (!(footprint >= 0) || !this.commuting.independent(this.state, footprint, last)) continue;
      const key = this.keyOf(b);
      if (key !== undefined) (sleep ??= [this.symmetric ? child : undefined]).push(key, footprint);
    }
    return sleep;
  }

  /** The key of enabled action `a`, computed once. */
  private keyOf(a: number): unknown {
    if (this.keyed[a] === 1) return this.keys[a];
    const key = this.commuting.key(this.actions[a]!);
    this.keys[a] = key;
    this.keyed[a] = 1;
    return key;
  }

}

/** Whether a sleep set holds a key. */
function holds(sleep: Sleep, key: unknown): boolean {
  for (let i = 1; i < sleep.length; i += 2) if (sleep[i] === key) return true;
  return false;
}

/** 53 of a fingerprint's 64 bits: two states that share them only lose sleep (more is explored, nothing missed). */
function levelKey(hi: number, lo: number): number {
  return hi * 2097152 + (lo >>> 11);
}

/** Whether two states are equal as plain data (parts they share are equal at once). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

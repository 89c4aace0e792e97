import type { Commuting } from '../core/model.ts';
import { ChunkedQueue } from './frontier.ts';

/**
 * The actions asleep in a queued state: taking one there would reach a state that another order of
 * independent actions reaches at the same depth. One flat array of key and footprint pairs.
 */
type Sleep = unknown[];

/**
 * Sleep sets for a breadth-first search (Godefroid's, for a search that stores states). A state's
 * sleep set is what was asleep at the parent that first reached it or was taken there before the
 * edge that did, and is independent of that edge's action. Levels are expanded in queue order and
 * each state's actions in their order, so the edge that first reaches a state is the last edge of
 * its lexicographically least shortest path (paths ordered by the action taken where they first
 * differ), and no action along that path is asleep: every state is reached at its shortest depth,
 * by the same first edge as without sleep sets. Counts, depths, parent links, and so verdicts and
 * counterexamples, are those of the search without it; only successors are spared. A later edge to
 * a state needs no look: the first one's sleep set is the one that argument uses. With symmetry the
 * queued state is that edge's own successor, so the argument stays concrete.
 */
export class SleepSets<S, A> {
  private readonly queue = new ChunkedQueue<Sleep | undefined>();
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

  /** @param commuting the model's independence relation */
  constructor(private readonly commuting: Commuting<S, A>) {}

  /** Queues an initial state: nothing asleep in it. */
  queueInitial(): void {
    this.queue.push(undefined);
  }

  /** Starts expanding the oldest queued state; returns how many of its actions are asleep (the engine adds those it spares to `slept`). */
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
    return asleep;
  }

  /** Whether action `a` of the state being expanded is asleep (its successor is not computed). */
  asleep(a: number): boolean {
    return Number.isNaN(this.footprints[a]!);
  }

  /** Records what action `a`, taken, touched (its successor is `after`). */
  taken(a: number, after: S): void {
    const footprint = this.commuting.footprint(this.state, this.actions[a]!, after);
    this.footprints[a] = footprint === undefined ? -1 : footprint;
  }

  /** A new state, reached by action `a` and queued now: its sleep set. */
  discovered(a: number): void {
    this.queue.push(this.sleepAfter(a));
  }

  /** What is asleep after action `a`: what was asleep here or taken before it, independent of it (undefined: nothing). */
  private sleepAfter(a: number): Sleep | undefined {
    const last = this.footprints[a]!;
    const here = this.asleepHere;
    if (last < 0 || (a === 0 && here === undefined)) return undefined;
    let sleep: Sleep | undefined;
    if (here !== undefined) {
      for (let i = 0; i < here.length; i += 2) {
        const footprint = here[i + 1] as number;
        if (this.commuting.independent(this.state, footprint, last)) (sleep ??= []).push(here[i], footprint);
      }
    }
    for (let b = 0; b < a; b++) {
      const footprint = this.footprints[b]!;
      if (!(footprint >= 0) || !this.commuting.independent(this.state, footprint, last)) continue;
      const key = this.keyOf(b);
      if (key !== undefined) (sleep ??= []).push(key, footprint);
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
  for (let i = 0; i < sleep.length; i += 2) if (sleep[i] === key) return true;
  return false;
}

/**
 * Swarm testing over action kinds (Groce et al., ISSTA 2012): each random run leaves out a
 * random subset of the kinds of action, so the kinds it keeps get more of its choices. A
 * violation that needs a few kinds in a precise order, among many kinds it does not need, is
 * then found in far fewer runs than by uniform walks.
 *
 * A run's swarm is a {@link SwarmMask}: `omit` says how many kinds it leaves out (in sixteenths,
 * 0 = none) and `kinds` which ones. A kind is named by {@link swarmKind} and identified by a hash
 * of its name, so the kinds a mask leaves out do not depend on the order in which a run meets
 * them. When a mask would leave no enabled action, the walk takes from all of them: a mask never
 * cuts a walk short.
 */
import seedrandom from 'seedrandom';
import type { Model } from '../core/model.ts';
import { actionKind } from './coverage.ts';

/** A run's swarm: which kinds of action it leaves out. */
export interface SwarmMask {
  /** Share of the kinds left out, in sixteenths (0: none, the plain walk). Lowering it only brings kinds back. */
  readonly omit: number;
  /** Which kinds: a kind is left out when its score under this value is below `omit`. */
  readonly kinds: number;
}

/** The mask that leaves nothing out. */
export const NO_SWARM: SwarmMask = { omit: 0, kinds: 0 };
/** Most kinds a schedule may ask to leave out, in sixteenths: half (a larger `omit` is taken as this). */
export const MAX_OMIT = 8;
/**
 * The chance, in sixteenths, that a swarmed run leaves out each kind (independently of the
 * others). Chosen by computing, over every catalog violation's whole state graph, each run's
 * exact chance of reaching the violation (`bench/swarm-odds.ts`): 3/16 gave the best worst
 * case. Larger shares lose the violations that need nearly every kind; smaller ones rarely
 * leave out the kind that hides a violation.
 */
export const SWARM_OMIT = 3;
/** Runs that leave nothing out, out of {@link OMIT_LEVELS}: one level, so that a schedule can shrink to the plain walk. */
export const PLAIN_LEVELS = 1;
/** Levels drawn for a run (see {@link omitOfLevel}). */
export const OMIT_LEVELS = 16;

/** A drawn level (0 to `OMIT_LEVELS - 1`) as the share of kinds left out: 0 for the plain levels, else {@link SWARM_OMIT}. */
export function omitOfLevel(level: number): number {
  return level < PLAIN_LEVELS ? 0 : SWARM_OMIT;
}

/** The mask of the `random` engine's run with this seed (a stream of its own: the run's choices are those of an un-swarmed run). */
export function seededMask(seed: number): SwarmMask {
  const rng = seedrandom(`swarm ${seed}`);
  const level = (rng.int32() >>> 0) % OMIT_LEVELS;
  return { omit: omitOfLevel(level), kinds: rng.int32() >>> 0 };
}

/** The mask of a `random` run with this seed: its seeded mask with swarms on, none without. */
export function maskForSeed(seed: number, swarm: boolean): SwarmMask {
  return swarm ? seededMask(seed) : NO_SWARM;
}

/**
 * The kind of an action, for swarms: its coverage kind ({@link actionKind}), refined for an
 * action that carries a message (`env.msg`, as the system layer's deliver, drop and duplicate do)
 * by the message's `type` (`deliver:Grant`, `drop:Read`), and for one that carries a timer by the
 * timer's `type` or name (`timer:retry`), so a swarm can leave out client reads and keep grants.
 * No action is known here by name: the shape of the action says it.
 */
export function swarmKind<S, A>(model: Model<S, A>, action: A, state: S): string {
  const kind = actionKind(model, action, state);
  if (action === null || typeof action !== 'object') return kind;
  const a = action as { env?: { msg?: unknown }; timer?: unknown };
  const type = a.env !== undefined ? tagOf(a.env?.msg) : tagOf(a.timer);
  return type === undefined ? kind : `${kind}:${type}`;
}

/** A plain string, or the `type` field of an object. */
function tagOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const type = value !== null && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

/** 32-bit FNV-1a hash of a kind's name. */
export function kindHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A kind's score under a mask's `kinds` value, 0 to 15: murmur3's finalizer of the two, top four bits. */
export function kindScore(kinds: number, hash: number): number {
  let h = (kinds ^ hash) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 28) & 15;
}

/** Whether a mask leaves out the kind with this hash. */
export function leavesOut(mask: SwarmMask, hash: number): boolean {
  return mask.omit > 0 && kindScore(mask.kinds, hash) < mask.omit;
}

/** Applies masks to a model's enabled actions, with the kinds' hashes cached where actions allow it. */
export class SwarmFilter<S, A> {
  private readonly hashCache = new Map<unknown, number>();

  constructor(private readonly model: Model<S, A>) {}

  /**
   * The positions in `enabled` of the actions the mask keeps, or undefined when it keeps them
   * all (no kind left out, or every enabled one left out: the fallback).
   */
  kept(enabled: readonly A[], state: S, mask: SwarmMask): number[] | undefined {
    if (mask.omit <= 0) return undefined;
    const kept: number[] = [];
    for (let i = 0; i < enabled.length; i++) if (!leavesOut(mask, this.hashOf(enabled[i]!, state))) kept.push(i);
    return kept.length === 0 || kept.length === enabled.length ? undefined : kept;
  }

  private hashOf(action: A, state: S): number {
    // Strings and numbers name themselves, so cache by value; objects are often fresh each step.
    const cacheable = typeof action === 'string' || typeof action === 'number';
    if (cacheable) {
      const cached = this.hashCache.get(action);
      if (cached !== undefined) return cached;
    }
    const hash = kindHash(swarmKind(this.model, action, state));
    if (cacheable && this.hashCache.size < 10_000) this.hashCache.set(action, hash);
    return hash;
  }
}

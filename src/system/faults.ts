import type { NodeId } from './types.ts';

/**
 * Which faults the adversary may inject, and how many in total. Every fault spends one unit
 * of `budget`; restarting a crashed node and healing a partition are free (they undo a fault).
 */
export interface FaultSpec {
  /** Faults allowed in one run, all kinds together. */
  readonly budget: number;
  /** Lose a message in flight. */
  readonly drop?: boolean;
  /** Deliver a message twice (a copy is added to the network). */
  readonly duplicate?: boolean;
  /**
   * Crash a node: its volatile state and timers are lost, its durable state kept. `true` allows
   * every node to crash; a list allows only these nodes (e.g. brokers, not the controller).
   */
  readonly crash?: boolean | readonly NodeId[];
  /**
   * Split the nodes into two groups; messages across the cut wait until the heal.
   * `true` allows every split; a list allows only the splits with these sides (e.g. `[[0]]`
   * isolates n0).
   */
  readonly partition?: boolean | readonly (readonly NodeId[])[];
}

/** The partition sides allowed for `nodes` nodes, each as a bit set that does not contain n0. */
export function partitionSides(nodes: number, partition: FaultSpec['partition']): number[] {
  if (!partition) return [];
  const all = (1 << nodes) - 1;
  if (partition === true) {
    const sides: number[] = [];
    for (let side = 2; side < 1 << nodes; side += 2) sides.push(side);
    return sides;
  }
  const sides = new Set<number>();
  for (const group of partition) {
    let mask = 0;
    for (const node of group) mask |= 1 << node;
    const side = mask & 1 ? all & ~mask : mask;
    if (side !== 0 && side !== all) sides.add(side);
  }
  return [...sides].sort((a, b) => a - b);
}

/** Whether a partition (a side bit set, 0 = none) separates two nodes. */
export function separated(partition: number, a: NodeId, b: NodeId): boolean {
  return partition !== 0 && ((partition >> a) & 1) !== ((partition >> b) & 1);
}

/** `{n0} | {n1,n2}`: the group with n0 first. `name` names a node (default `n0`, `n1`, ...). */
export function describePartition(nodes: number, side: number, name: (node: NodeId) => string = (node) => `n${node}`): string {
  const left: string[] = [];
  const right: string[] = [];
  for (let n = 0; n < nodes; n++) ((side >> n) & 1 ? right : left).push(name(n));
  return `{${left.join(',')}} | {${right.join(',')}}`;
}

/** The nodes allowed to crash, as a bit set. */
export function crashableNodes(nodes: number, crash: FaultSpec['crash']): number {
  if (!crash) return 0;
  if (crash === true) return (1 << nodes) - 1;
  let mask = 0;
  for (const node of crash) if (Number.isInteger(node) && node >= 0 && node < nodes) mask |= 1 << node;
  return mask;
}

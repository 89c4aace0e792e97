import type { NodeId } from '../types.ts';
import { builtInKind, type FaultKind } from './kind.ts';

/** Options of {@link partition}. */
export interface PartitionOptions {
  /** The splits allowed, each by one of its sides (ids or names), e.g. `[['n0']]` isolates n0; default every split. */
  readonly sides?: readonly (readonly (NodeId | string)[])[];
  /**
   * Also offer each split as a lasting partition, one that never heals: the run in which
   * Gilbert and Lynch judge availability. Default false (every partition may heal).
   */
  readonly lasting?: boolean;
}

/** The state's partition field marks a lasting partition with this bit (nodes use bits 0..29). */
const LASTING = 1 << 30;

/**
 * Partition and heal: the nodes split into two groups; messages across the cut stay in flight
 * until the heal (they are not lost). One partition at a time. Heal is free; a partition that
 * never heals is a run like any other.
 */
export function partition(options: PartitionOptions = {}): FaultKind {
  return builtInKind({
    name: 'partition',
    wire: (w) => {
      const groups = options.sides?.map((group) => group.map((node) => w.resolve(node, 'partition({ sides })')));
      const sides = partitionSides(w.size, groups ?? true);
      return {
        name: 'partition',
        injects: ['partition'],
        undoes: ['heal'],
        spends: true,
        enabled(s) {
          if (s.partition !== 0) return [];
          const splits: { kind: 'partition'; side: number; lasting?: true }[] = sides.map((side) => ({ kind: 'partition', side }));
          if (options.lasting) for (const side of sides) splits.push({ kind: 'partition', side, lasting: true });
          return splits;
        },
        repairs: (s) => (s.partition !== 0 && (s.partition & LASTING) === 0 ? [HEAL] : []),
        apply: (s, a) => (a.kind === 'partition' ? { ...s, partition: a.lasting ? a.side | LASTING : a.side } : a.kind === 'heal' ? { ...s, partition: 0 } : s),
        line: (a) => (a.kind === 'partition' ? `partition ${describePartition(w.size, a.side, w.name)}${a.lasting ? ' for good' : ''}` : 'heal'),
        bound: options.lasting ? 'partition, healing or lasting' : 'partition',
      };
    },
  });
}

const HEAL = { kind: 'heal' } as const;

/** The partition sides allowed for `nodes` nodes, each as a bit set that does not contain n0. */
export function partitionSides(nodes: number, groups: true | readonly (readonly NodeId[])[]): number[] {
  const all = (1 << nodes) - 1;
  if (groups === true) {
    const sides: number[] = [];
    for (let side = 2; side < 1 << nodes; side += 2) sides.push(side);
    return sides;
  }
  const sides = new Set<number>();
  for (const group of groups) {
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
  return `{${left.join(',')}} | {${right.join(',')}}${side & LASTING ? ' for good' : ''}`;
}

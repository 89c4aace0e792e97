import type { NodeId } from '../types.ts';
import { crash } from './crash.ts';
import { drop } from './drop.ts';
import { duplicate } from './duplicate.ts';
import type { FaultConfig, FaultKind } from './kind.ts';
import { partition } from './partition.ts';

/**
 * The older way to name faults, as flags (kept for node-indexed specs until every family lists
 * its kinds). Every fault spends one unit of `budget`; restart and heal are free.
 */
export interface FaultSpec {
  readonly budget: number;
  readonly drop?: boolean;
  readonly duplicate?: boolean;
  /** `true`: every node may crash; a list: only these. */
  readonly crash?: boolean | readonly NodeId[];
  /** `true`: every split; a list: only the splits with these sides. */
  readonly partition?: boolean | readonly (readonly NodeId[])[];
}

/** The fault kinds a flag-style spec names, in the layer's order. */
export function faultConfig(faults: FaultSpec | FaultConfig | undefined): FaultConfig {
  if (faults === undefined) return { budget: 0, kinds: [] };
  if ('kinds' in faults) return faults;
  const kinds: FaultKind[] = [];
  if (faults.drop) kinds.push(drop());
  if (faults.duplicate) kinds.push(duplicate());
  if (faults.crash) kinds.push(crash(faults.crash === true ? {} : { nodes: faults.crash }));
  if (faults.partition) kinds.push(partition(faults.partition === true ? {} : { sides: faults.partition }));
  return { budget: faults.budget, kinds };
}

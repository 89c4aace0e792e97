/**
 * Fault kinds, one file each, all of the shape {@link Fault}: when an injection is enabled, what
 * it does, its trace line, its bound line. A system lists the kinds it allows
 * (`faults: { budget: 2, kinds: [drop(), crash({ nodes: ['b0', 'b1'] }), partition()] }`); clock
 * drift comes from `clock.skew`. The compiled model's `isFault` is the union of the kinds'
 * actions, so no engine names a fault.
 *
 * Room for more: a process pause (`pause.ts`: a node takes no step for a while, its clock
 * keeps running) or disk loss (`disk-loss.ts`: a crash that also loses the durable fields) is
 * one new file here plus its action in `FaultAction` (`../types.ts`).
 */
export type { Fault, FaultConfig, FaultKind, Wiring } from './kind.ts';
export { crash, type CrashOptions } from './crash.ts';
export { drift } from './drift.ts';
export { drop } from './drop.ts';
export { duplicate } from './duplicate.ts';
export { describePartition, partition, partitionSides, separated, type PartitionOptions } from './partition.ts';
export { faultConfig, type FaultSpec } from './legacy.ts';

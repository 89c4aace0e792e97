import type { Property } from '../../src/core/model.ts';
import { divergentReplica, showLog, type LogSource } from './log-view.ts';

/**
 * Consistency of the ISR a leader believes in (`WeakIsr` of the published Kafka replication
 * model): for every replica that presumes it leads a partition, every member of the ISR it knows
 * holds its records below its own high watermark. Weaker than replica consistency, which takes the
 * ISR and leader the controller recorded; a deposed leader that has not heard of it yet is judged
 * by what it believes.
 */
export function presumedIsrConsistency<St>(source: LogSource<St>, options: { readonly name?: string } = {}): Property<St> {
  const presumed = source.presumedLeaders;
  if (!presumed) throw new Error('presumed-isr-consistency needs a log source that reports presumed leaders (presumedLeaders)');
  return {
    name: options.name ?? 'presumed-isr-consistency',
    kind: 'always',
    description: "below each presumed leader's high watermark, every member of the ISR it knows holds its records",
    check(state) {
      for (const view of presumed.call(source, state)) {
        const divergent = divergentReplica(view);
        if (divergent) {
          const { replica, offset } = divergent;
          return `partition ${view.partition}: ${view.leader.where}, leading epoch ${view.epoch} as it believes, has committed ${showLog(view.leader.records.slice(0, view.highWatermark))} (high watermark ${view.highWatermark}), but ${replica.where}, in the ISR it knows, holds ${showLog(replica.records)}, differing at offset ${offset}`;
        }
      }
      return true;
    },
  };
}

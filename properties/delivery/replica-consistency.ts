import type { Property } from '../../src/core/model.ts';
import { showLog, type LogSource } from '../ordering/log-view.ts';

/**
 * Replica consistency (`StrongIsr` of the published Kafka replication model): below the
 * leader's high watermark, every replica the controller counts as in sync holds the leader's
 * records, offset by offset. A follower that keeps a divergent suffix, or cuts committed records
 * while it stays in the ISR, breaks it, even before any acknowledged message is lost.
 */
export function replicaConsistency<St>(source: LogSource<St>, options: { readonly name?: string } = {}): Property<St> {
  const inSync = source.inSync;
  if (!inSync) throw new Error('replica-consistency needs a log source that reports in-sync replicas (inSync)');
  return {
    name: options.name ?? 'replica-consistency',
    kind: 'always',
    description: 'below the high watermark, every in-sync replica holds the leader’s records',
    check(state) {
      for (const view of inSync.call(source, state)) {
        const committed = view.leader.records.slice(0, view.highWatermark);
        for (const replica of view.replicas) {
          const differs = committed.findIndex((r, offset) => replica.records[offset]?.id !== r.id);
          if (differs >= 0) {
            return `partition ${view.partition}: the leader ${view.leader.where} has committed ${showLog(committed)} (high watermark ${view.highWatermark}), but the in-sync replica ${replica.where} holds ${showLog(replica.records)}, differing at offset ${differs}`;
          }
        }
      }
      return true;
    },
  };
}

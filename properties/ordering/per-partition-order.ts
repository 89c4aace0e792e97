import type { Property } from '../../src/core/model.ts';
import { firstOccurrences, showLog, type LogSource } from './log-view.ts';

/**
 * Per-partition order of one producer's messages: in every replica's log of a partition, the
 * messages of each producer appear (first occurrence of each) in the order the producer sent
 * them. Duplicates are judged by `no-duplicates`, not here.
 */
export function perPartitionOrder<St>(source: LogSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'per-partition-order',
    kind: 'always',
    description: "in every partition, each producer's messages appear in the order it sent them",
    check(state) {
      for (const log of source.logs(state)) {
        const producers = [...new Set(log.records.map((r) => r.producer))].sort((a, b) => a - b);
        for (const producer of producers) {
          const mine = firstOccurrences(log.records, (r) => r.producer === producer);
          for (let i = 1; i < mine.length; i++) {
            if (mine[i]!.index < mine[i - 1]!.index) {
              return `partition ${log.partition} at ${log.where} holds ${showLog(log.records)}: ${mine[i - 1]!.label} before ${mine[i]!.label}, but producer ${producer} sent ${mine[i]!.label} first`;
            }
          }
        }
      }
      return true;
    },
  };
}

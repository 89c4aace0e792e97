import type { Property } from '../../src/core/model.ts';
import { firstOccurrences, showLog, type LogSource } from './log-view.ts';

/**
 * Per-key order: all the messages one producer sent with a key land in one partition, and
 * there (first occurrence of each, in every replica's log) in send order. A key spread over
 * two partitions has no order: a consumer may read the later message first.
 */
export function perKeyOrder<St>(source: LogSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'per-key-order',
    kind: 'always',
    description: "every message of a key (from one producer) lands in one partition, in send order",
    check(state) {
      const logs = source.logs(state);
      const home = new Map<string, { partition: number; label: string }>();
      for (const log of logs) {
        for (const r of log.records) {
          const k = `${r.producer}/${r.key}`;
          const first = home.get(k);
          if (first === undefined) home.set(k, { partition: log.partition, label: r.label });
          else if (first.partition !== log.partition) {
            return `key ${r.key} is split: ${first.label} is in partition ${first.partition}, ${r.label} in partition ${log.partition}, so a consumer may read them in either order`;
          }
        }
      }
      for (const log of logs) {
        const keys = [...new Set(log.records.map((r) => `${r.producer}/${r.key}`))].sort();
        for (const k of keys) {
          const mine = firstOccurrences(log.records, (r) => `${r.producer}/${r.key}` === k);
          for (let i = 1; i < mine.length; i++) {
            if (mine[i]!.index < mine[i - 1]!.index) {
              return `partition ${log.partition} at ${log.where} holds ${showLog(log.records)}: key ${mine[i]!.key} has ${mine[i - 1]!.label} before ${mine[i]!.label}, against send order`;
            }
          }
        }
      }
      return true;
    },
  };
}

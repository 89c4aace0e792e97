import type { Property } from '../../src/core/model.ts';
import { showLog, type LogSource } from '../ordering/log-view.ts';

/** No duplicates: no replica's log of a partition holds the same message twice. */
export function noDuplicates<St>(source: LogSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'no-duplicates',
    kind: 'always',
    description: 'no log holds the same message twice',
    check(state) {
      for (const log of source.logs(state)) {
        const seen = new Set<number>();
        for (const r of log.records) {
          if (seen.has(r.id)) return `partition ${log.partition} at ${log.where} holds ${r.label} twice: ${showLog(log.records)}`;
          seen.add(r.id);
        }
      }
      return true;
    },
  };
}

import type { Property } from '../../src/core/model.ts';
import { showLog, type LogSource } from '../ordering/log-view.ts';

/**
 * A consumed message never disappears: every record a consumer received stays at its offset in
 * its partition's current leader's log. A partition with no live leader is not judged.
 */
export function consumedStays<St>(source: LogSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'consumed-stays',
    kind: 'history',
    description: "a consumed message stays at its offset in the partition's current leader's log",
    check(state) {
      for (const got of source.consumed(state)) {
        const leader = source.leaderLog(state, got.partition);
        if (leader === null) continue;
        if (leader.records[got.offset]?.id !== got.record.id) {
          return `a consumer read ${got.record.label} at offset ${got.offset} of partition ${got.partition}, but the leader ${leader.where} now holds ${showLog(leader.records)}`;
        }
      }
      return true;
    },
  };
}

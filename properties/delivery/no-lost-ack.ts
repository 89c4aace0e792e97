import type { Property } from '../../src/core/model.ts';
import { showLog, type LogSource } from '../ordering/log-view.ts';

/**
 * No acknowledged message lost: every send the producer was told succeeded is in the log of its
 * partition's current leader. A partition with no live leader is unavailable, not judged.
 */
export function noLostAcknowledged<St>(source: LogSource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'no-lost-ack',
    kind: 'history',
    description: "every acknowledged message is in its partition's current leader's log",
    check(state) {
      for (const acked of source.acknowledged(state)) {
        const leader = source.leaderLog(state, acked.partition);
        if (leader === null) continue;
        if (!leader.records.some((r) => r.id === acked.record.id)) {
          return `${acked.record.label} was acknowledged at offset ${acked.offset} of partition ${acked.partition}, but the leader ${leader.where} holds ${showLog(leader.records)}`;
        }
      }
      return true;
    },
  };
}

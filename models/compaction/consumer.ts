import { defineRole, type NodeId } from '../../src/system/index.ts';
import type { CompactionMessage, ProducerOp, ProducerResult } from './messages.ts';

/** The slow consumer: where it reads next, the table it built, and the offsets it processed. */
export interface ConsumerState {
  readonly position: number;
  readonly table: Readonly<Record<string, number>>;
  readonly processed: readonly number[];
}

const BROKER: NodeId = 0;

/** Replays the log from offset 0 into a table, one record a fetch: a tombstone deletes its key. */
export const consumer = defineRole<ConsumerState, CompactionMessage, ProducerOp, ProducerResult, never>({
  init: () => ({ position: 0, table: {}, processed: [] }),
  onStart(state, ctx) {
    ctx.send(BROKER, { type: 'Fetch', offset: state.position });
    return state;
  },
  on: {
    Records(state, msg, _from, ctx) {
      ctx.send(BROKER, { type: 'Fetch', offset: msg.next });
      const record = msg.record;
      if (record === null) return { ...state, position: msg.next };
      const { [record.key]: _old, ...rest } = state.table;
      const table = record.value === null ? rest : { ...rest, [record.key]: record.value };
      return { position: msg.next, table, processed: [...state.processed, record.offset] };
    },
  },
  describe: (state) => `at ${state.position}, table {${Object.entries(state.table).map(([key, value]) => `${key}=${value}`).join(' ')}}`,
});

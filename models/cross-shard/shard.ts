import { defineRole } from '../../src/system/index.ts';
import type { Key, MultiKeyOp, MultiKeyResult, ShardMessage } from './messages.ts';

/** A shard's store and the writes it has prepared but not yet seen decided (both on disk). */
export interface ShardState {
  readonly store: Readonly<Partial<Record<Key, number>>>;
  readonly prepared: readonly { readonly txn: number; readonly key: Key; readonly value: number; readonly incarnation: number }[];
}

/** A shard server: applies writes, votes on prepared ones, answers reads of its key. */
export function shard(readsWaitOnPrepared: boolean) {
  const decide = (state: ShardState, txn: number, commit: boolean): ShardState => {
    const store = { ...state.store };
    for (const entry of state.prepared) if (entry.txn === txn && commit) store[entry.key] = entry.value;
    return { store, prepared: state.prepared.filter((entry) => entry.txn !== txn) };
  };
  return defineRole<ShardState, ShardMessage, MultiKeyOp, MultiKeyResult, never>({
    init: () => ({ store: {}, prepared: [] }),
    durable: ['store', 'prepared'],
    on: {
      Apply(state, msg, from, ctx) {
        ctx.send(from, { type: 'Applied', txn: msg.txn });
        return { ...state, store: { ...state.store, [msg.key]: msg.value } };
      },
      Prepare(state, msg, from, ctx) {
        ctx.send(from, { type: 'Prepared', txn: msg.txn });
        return { ...state, prepared: [...state.prepared, { txn: msg.txn, key: msg.key, value: msg.value, incarnation: msg.incarnation }] };
      },
      Commit(state, msg, from, ctx) {
        ctx.send(from, { type: 'Committed', txn: msg.txn });
        return decide(state, msg.txn, true);
      },
      Recover(state, msg) {
        let after = state;
        for (const entry of state.prepared) if (entry.incarnation < msg.incarnation) after = decide(after, entry.txn, msg.committed.includes(entry.txn));
        return after;
      },
      Get(state, msg, from, ctx) {
        ctx.send(from, { type: 'Value', op: msg.op, value: state.store[msg.key] ?? 0 });
        return state;
      },
    },
    // A read of a prepared key waits for the decision: otherwise it may see half the write.
    defer: (state, msg) => readsWaitOnPrepared && msg.type === 'Get' && state.prepared.some((entry) => entry.key === msg.key),
    describe: (state) =>
      [Object.entries(state.store).map(([key, value]) => `${key}=${value}`).join(' ') || 'empty', ...state.prepared.map((entry) => `prepared #${entry.txn} ${entry.key}=${entry.value}`)].join(', '),
  });
}

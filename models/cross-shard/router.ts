import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import { KEYS, type CrossShardSetup, type Key, type MultiKeyOp, type MultiKeyResult, type ShardMessage } from './messages.ts';

/** Where a write is: waiting for the shards' acknowledgements, their votes, or their commit acknowledgements. */
export type WritePhase = 'applying' | 'preparing' | 'committing';

/** A write the router coordinates. */
export interface PendingWrite {
  readonly txn: number;
  readonly phase: WritePhase;
  /** Shards still to answer this phase. */
  readonly waiting: readonly NodeId[];
}

/** The router: it routes reads and coordinates writes; its commit log is on disk when the setup says so. */
export interface RouterState {
  readonly writes: readonly PendingWrite[];
  /** Commit log: transactions decided commit, with their shards (durable only when the setup says so). */
  readonly decided: readonly { readonly txn: number; readonly shards: readonly NodeId[] }[];
  /** Reads under way, by operation id. */
  readonly reads: readonly number[];
  /** Restarts so far (on disk). */
  readonly incarnation: number;
}

type Ctx = RoleContext<ShardMessage, MultiKeyResult, never>;

/** The router for one setup. */
export function router(setup: CrossShardSetup) {
  const shardOf = (key: Key, ctx: Ctx) => ctx.nodes('shard')[KEYS.indexOf(key)]!;
  const phaseOf = (state: RouterState, txn: number) => state.writes.find((write) => write.txn === txn);

  /** One shard answered the current phase of a write. */
  const answered = (state: RouterState, txn: number, phase: WritePhase, from: NodeId, ctx: Ctx): RouterState => {
    const write = phaseOf(state, txn);
    if (!write || write.phase !== phase) return state;
    const waiting = write.waiting.filter((shard) => shard !== from);
    const others = state.writes.filter((w) => w.txn !== txn);
    if (waiting.length > 0) return { ...state, writes: [...others, { ...write, waiting }] };
    if (phase !== 'preparing') {
      ctx.reply(txn, {});
      return { ...state, writes: others };
    }
    // Every shard voted yes: the decision is logged before any shard hears it.
    const shards = ctx.nodes('shard');
    for (const shard of shards) ctx.send(shard, { type: 'Commit', txn });
    return { ...state, writes: [...others, { txn, phase: 'committing', waiting: shards }], decided: [...state.decided, { txn, shards }] };
  };

  return defineRole<RouterState, ShardMessage, MultiKeyOp, MultiKeyResult, never>({
    init: () => ({ writes: [], decided: [], reads: [], incarnation: 0 }),
    durable: setup.durableDecisions ? ['decided', 'incarnation'] : ['incarnation'],
    onRequest(state, request, ctx) {
      const input = request.input;
      if (input.f === 'read') {
        ctx.send(shardOf(input.key as Key, ctx), { type: 'Get', op: request.op, key: input.key as Key });
        return { ...state, reads: [...state.reads, request.op] };
      }
      const keys = Object.keys(input.values) as Key[];
      for (const key of keys) {
        const part = { txn: request.op, key, value: input.values[key]! };
        ctx.send(shardOf(key, ctx), setup.protocol === 'per-shard' ? { type: 'Apply', ...part } : { type: 'Prepare', ...part, incarnation: state.incarnation });
      }
      const phase: WritePhase = setup.protocol === 'per-shard' ? 'applying' : 'preparing';
      return { ...state, writes: [...state.writes, { txn: request.op, phase, waiting: keys.map((key) => shardOf(key, ctx)) }] };
    },
    on: {
      Applied: (state, msg, from, ctx) => answered(state, msg.txn, 'applying', from, ctx),
      Prepared: (state, msg, from, ctx) => answered(state, msg.txn, 'preparing', from, ctx),
      Committed: (state, msg, from, ctx) => answered(state, msg.txn, 'committing', from, ctx),
      Value(state, msg, _from, ctx) {
        if (!state.reads.includes(msg.op)) return state;
        ctx.reply(msg.op, { value: msg.value });
        return { ...state, reads: state.reads.filter((op) => op !== msg.op) };
      },
    },
    // Recovery: the router tells every shard which transactions its log says committed; every
    // other prepared one is aborted (presumed abort), since it forgot which ones it had prepared.
    onRestart(state, ctx) {
      const incarnation = state.incarnation + 1;
      const committed = state.decided.map((entry) => entry.txn);
      for (const shard of ctx.nodes('shard')) ctx.send(shard, { type: 'Recover', incarnation, committed });
      return { ...state, incarnation };
    },
    describe: (state) => ({
      writes: state.writes.map((write) => `#${write.txn} ${write.phase}, waiting for ${write.waiting.length}`).join('; ') || 'none',
      ...(state.decided.length > 0 ? { 'commit log': state.decided.map((entry) => `#${entry.txn}`).join(' ') } : {}),
    }),
  });
}

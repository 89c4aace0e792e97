import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { ReshardMessage, ReshardOp, ReshardResult, ReshardSetup } from './messages.ts';

/** A shard: its copy of k, whether it owns k's range, and the map epoch it knows (all on disk). */
export interface ShardState {
  readonly value: number;
  readonly owns: boolean;
  readonly epoch: number;
}

type Ctx = RoleContext<ReshardMessage, ReshardResult, never>;

/** A shard server for one setup: s0 owns the range at epoch 1; the move gives it to s1 at epoch 2. */
export function shard(setup: ReshardSetup) {
  const serves = (state: ShardState, epoch: number) => !setup.fenced || (state.owns && epoch === state.epoch);
  const other = (ctx: Ctx): NodeId => ctx.nodes('shard').find((node) => node !== ctx.self)!;
  /** A fenced shard refuses with the newest map it knows: itself if it owns the range, else the other shard. */
  const refuse = (state: ShardState, op: number, from: NodeId, ctx: Ctx) =>
    ctx.send(from, { type: 'WrongShard', op, map: { epoch: state.epoch, owner: state.owns ? ctx.self : other(ctx) } });

  return defineRole<ShardState, ReshardMessage, ReshardOp, ReshardResult, never>({
    init: (node) => ({ value: 0, owns: node.index === 0, epoch: 1 }),
    durable: ['value', 'owns', 'epoch'],
    onRequest(state, request, ctx) {
      // The administrator's move, at the owner: hand the range's data to the other shard.
      ctx.send(other(ctx), { type: 'Handoff', epoch: state.epoch + 1, value: state.value });
      ctx.reply(request.op, {});
      return setup.releaseAt === 'handoff' ? { ...state, owns: false, epoch: state.epoch + 1 } : state;
    },
    on: {
      Put(state, msg, from, ctx) {
        if (!serves(state, msg.epoch)) return refuse(state, msg.op, from, ctx), state;
        ctx.send(from, { type: 'Done', op: msg.op });
        return { ...state, value: msg.value };
      },
      Get(state, msg, from, ctx) {
        if (serves(state, msg.epoch)) ctx.send(from, { type: 'Done', op: msg.op, value: state.value });
        else refuse(state, msg.op, from, ctx);
        return state;
      },
      Handoff(state, msg, from, ctx) {
        ctx.send(from, { type: 'HandoffAck', epoch: msg.epoch });
        for (const router of ctx.nodes('router')) ctx.send(router, { type: 'MapUpdate', map: { epoch: msg.epoch, owner: ctx.self } });
        return { value: msg.value, owns: true, epoch: msg.epoch };
      },
      HandoffAck: (state, msg) => (setup.releaseAt === 'acknowledgement' ? { ...state, owns: false, epoch: msg.epoch } : state),
    },
    // A request made with a newer map than this shard knows waits for the handoff that brings it.
    defer: (state, msg) => setup.fenced && (msg.type === 'Put' || msg.type === 'Get') && msg.epoch > state.epoch,
    describe: (state) => `k=${state.value}, ${state.owns ? 'owner' : 'not owner'} at epoch ${state.epoch}`,
  });
}

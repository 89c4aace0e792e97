import { defineRole, type RoleContext } from '../../src/system/index.ts';
import type { ReshardMessage, ReshardOp, ReshardResult, ShardMap } from './messages.ts';

/** A router: its shard map and the requests it forwarded (to resend when refused). */
export interface RouterState {
  readonly map: ShardMap;
  readonly forwarded: readonly { readonly op: number; readonly input: ReshardOp }[];
}

type Ctx = RoleContext<ReshardMessage, ReshardResult, never>;

const forward = (state: RouterState, op: number, input: ReshardOp, ctx: Ctx) =>
  ctx.send(state.map.owner, input.f === 'write' ? { type: 'Put', op, epoch: state.map.epoch, value: input.value as number } : { type: 'Get', op, epoch: state.map.epoch });

/** Routes each request by its map; a refusal brings a newer map, and the request is resent by it. */
export const router = defineRole<RouterState, ReshardMessage, ReshardOp, ReshardResult, never>({
  // Shards are the first nodes: s0 is node 0, which owns k's range at epoch 1.
  init: () => ({ map: { epoch: 1, owner: 0 }, forwarded: [] }),
  onRequest(state, request, ctx) {
    forward(state, request.op, request.input, ctx);
    return { ...state, forwarded: [...state.forwarded, { op: request.op, input: request.input }] };
  },
  on: {
    Done(state, msg, _from, ctx) {
      const entry = state.forwarded.find((f) => f.op === msg.op);
      if (!entry) return state;
      ctx.reply(msg.op, entry.input.f === 'read' ? { value: msg.value } : {});
      return { ...state, forwarded: state.forwarded.filter((f) => f.op !== msg.op) };
    },
    WrongShard(state, msg, _from, ctx) {
      const entry = state.forwarded.find((f) => f.op === msg.op);
      const map = msg.map.epoch >= state.map.epoch ? msg.map : state.map;
      if (entry) forward({ ...state, map }, msg.op, entry.input, ctx);
      return { ...state, map };
    },
    MapUpdate: (state, msg) => (msg.map.epoch > state.map.epoch ? { ...state, map: msg.map } : state),
  },
  describe: (state) => `map epoch ${state.map.epoch}: k on ${state.map.owner === 0 ? 's0' : 's1'}${state.forwarded.length > 0 ? `, forwarded #${state.forwarded.map((f) => f.op).join(' #')}` : ''}`,
});

import { defineRole } from '../../src/system/index.ts';
import type { MembershipMessage, MembershipOp, MembershipResult, MembershipSetup, Stored } from './messages.ts';

/** A replica: its copy of k (on disk). */
export interface ReplicaState {
  readonly stored: Stored;
}

const EMPTY: Stored = { value: 0, version: 0 };
const newer = (a: Stored, b: Stored) => (a.version > b.version ? a : b);

/** A storage replica on the ring: stores, serves, and hands its copy of k to the replica that gains it. */
export function replica(setup: MembershipSetup) {
  return defineRole<ReplicaState, MembershipMessage, MembershipOp, MembershipResult, never>({
    init: () => ({ stored: EMPTY }),
    durable: ['stored'],
    on: {
      Store(state, msg, from, ctx) {
        ctx.send(from, { type: 'StoreAck', op: msg.op });
        return { stored: newer(msg.stored, state.stored) };
      },
      Fetch(state, msg, from, ctx) {
        ctx.send(from, { type: 'FetchReply', op: msg.op, stored: state.stored });
        return state;
      },
      StartHandoff(state, msg, from, ctx) {
        const kept = setup.dropBeforeHandoff ? EMPTY : state.stored;
        ctx.send(msg.to, { type: 'Handoff', stored: kept });
        if (setup.switchAt === 'handoff-sent') ctx.send(from, { type: 'HandoffSent' });
        return { stored: kept };
      },
      Handoff(state, msg, _from, ctx) {
        ctx.send(ctx.nodes('coordinator')[0]!, { type: 'HandoffReceived' });
        return { stored: newer(msg.stored, state.stored) };
      },
    },
    describe: (state) => (state.stored.version === 0 ? 'k empty' : `k=${state.stored.value} (v${state.stored.version})`),
  });
}

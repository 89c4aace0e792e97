import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { GroupMessage, GroupSetup, GroupTimer } from './messages.ts';

/** A member: its generation and whether it owns p, its fetch position, the records in its hands, and its output. */
export interface MemberState {
  /** The generation of its last assignment (durable: after a restart it takes no older one). */
  readonly generation: number;
  readonly owns: boolean;
  /** The next offset to fetch (null: from the group's committed offset). */
  readonly position: number | null;
  /** Fetched, not processed yet. */
  readonly hand: readonly number[];
  /** Before-processing only: the batch's commit is sent and processing waits for its acknowledgement. */
  readonly awaitingAck: boolean;
  /** The offsets whose output reached the downstream store (durable: the store keeps them). */
  readonly processed: readonly number[];
  /** It left the group and shut down (durable: it does not come back). */
  readonly left: boolean;
}

type Ctx = RoleContext<GroupMessage, never, GroupTimer>;

const BROKER: NodeId = 0;

/**
 * A member of one setup. The first member owns p at generation 1; every member starts in
 * generation 1. With `leaving`, the last member may shut down at any moment: it leaves the
 * group, dropping what it holds.
 */
export function member(setup: GroupSetup, leaving: boolean) {
  const fetch = (state: MemberState, ctx: Ctx) => ctx.send(BROKER, { type: 'Fetch', generation: state.generation, offset: state.position });
  const commit = (state: MemberState, offset: number, ctx: Ctx) =>
    ctx.send(BROKER, { type: 'Commit', generation: state.generation, offset, sync: setup.commit === 'before-processing' });

  /** Process the next record in hand; after-processing commits the batch once its last record is done (or, by mistake, just before). */
  const processNext = (state: MemberState, ctx: Ctx): MemberState => {
    const [offset, ...rest] = state.hand;
    if (offset === undefined) return state;
    const after = { ...state, hand: rest, processed: [...state.processed, offset] };
    if (rest.length > 0) ctx.setTimer({ type: 'process' }, 0);
    if (setup.commit === 'after-processing' && rest.length === (setup.commitOneEarly ? 1 : 0)) commit(state, state.position!, ctx);
    if (rest.length === 0) fetch(after, ctx);
    return after;
  };

  return defineRole<MemberState, GroupMessage, never, never, GroupTimer>({
    init: (node) => ({ generation: 1, owns: node.index === 0, position: null, hand: [], awaitingAck: false, processed: [], left: false }),
    durable: ['processed', 'left', 'generation'],
    onStart(state, ctx) {
      if (state.owns) fetch(state, ctx);
      if (leaving && ctx.self === ctx.nodes('member').at(-1)) ctx.setTimer({ type: 'leave' }, 0);
      return state;
    },
    // Back from a crash it owns nothing until it has joined again.
    onRestart(state, ctx) {
      if (state.left) return state;
      ctx.send(BROKER, { type: 'JoinGroup' });
      return { ...state, owns: false };
    },
    on: {
      Records(state, msg, _from, ctx) {
        // Records of an earlier generation, or of a partition it no longer owns, are dropped.
        if (msg.generation !== state.generation || !state.owns || state.left) return state;
        const hand = Array.from({ length: msg.to - msg.from }, (_, i) => msg.from + i);
        const next = { ...state, hand, position: msg.to };
        if (setup.commit === 'before-processing') {
          commit(next, msg.to, ctx);
          return { ...next, awaitingAck: true };
        }
        if (setup.commitOneEarly && hand.length === 1) commit(next, msg.to, ctx);
        ctx.setTimer({ type: 'process' }, 0);
        return next;
      },
      CommitAck(state, msg, _from, ctx) {
        if (!state.awaitingAck || msg.generation !== state.generation) return state;
        ctx.setTimer({ type: 'process' }, 0);
        return { ...state, awaitingAck: false };
      },
      // An eager rebalance: whatever it held is given up; the owner starts again from the committed offset.
      Assignment(state, msg, _from, ctx) {
        if (msg.generation <= state.generation || state.left) return state;
        ctx.cancelTimer({ type: 'process' });
        const next: MemberState = { ...state, generation: msg.generation, owns: msg.owner === ctx.self, position: null, hand: [], awaitingAck: false };
        if (!msg.members.includes(ctx.self)) ctx.send(BROKER, { type: 'JoinGroup' });
        else if (next.owns) fetch(next, ctx);
        return next;
      },
    },
    onTimer(state, timer, ctx) {
      if (timer.type === 'process') return processNext(state, ctx);
      ctx.cancelTimer({ type: 'process' });
      ctx.send(BROKER, { type: 'LeaveGroup' });
      return { ...state, owns: false, position: null, hand: [], awaitingAck: false, left: true };
    },
    describe: (state) =>
      `${state.left ? 'left, ' : ''}generation ${state.generation}${state.owns ? ' owner of p' : ''}${state.position === null ? '' : ` at ${state.position}`}` +
      `${state.hand.length > 0 ? `, holds ${state.hand.join(' ')}${state.awaitingAck ? ' (commit sent)' : ''}` : ''}` +
      `${state.processed.length > 0 ? `, processed ${state.processed.join(' ')}` : ''}`,
  });
}

import { defineRole, type RoleContext } from '../../src/system/index.ts';
import type { MembershipMessage, MembershipOp, MembershipResult, MembershipSetup, Placement, Stored } from './messages.ts';

/**
 * Where the coordinator is in the membership change: routing by the old preference list; waiting
 * for writes begun under it to finish; waiting for the handoff; routing by the new list.
 */
export type ChangePhase = 'before' | 'draining' | 'handing-off' | 'after';

/** A client operation under way: replicas still to answer (a bit set) and, for a write, what it stores. */
export interface Operation {
  readonly op: number;
  readonly operation: 'read' | 'write';
  readonly waitingFor: number;
  /** A write sent to the gaining replica too (so the handoff need not wait for it). */
  readonly reachesGaining: boolean;
}

/** The coordinator: the change's phase, the last version given out, operations under way, the change's op. */
export interface CoordinatorState {
  readonly phase: ChangePhase;
  readonly version: number;
  readonly pending: readonly Operation[];
  readonly change: number | null;
}

type Ctx = RoleContext<MembershipMessage, MembershipResult, never>;
const bits = (nodes: readonly number[]) => nodes.reduce((set, node) => set | (1 << node), 0);

/** The coordinator of reads (R = 1) and writes (W = all of the list) over k's preference list. */
export function coordinator(setup: MembershipSetup, placement: Placement) {
  const readList = (state: CoordinatorState) => (state.phase === 'after' ? placement.after : placement.before);
  const writeList = (state: CoordinatorState) =>
    state.phase === 'after' || state.phase === 'before' || !setup.writeToGaining ? readList(state) : [...placement.before, placement.gaining];
  const without = (state: CoordinatorState, op: number) => state.pending.filter((entry) => entry.op !== op);

  const switchOver = (state: CoordinatorState, ctx: Ctx): CoordinatorState => {
    if (state.change !== null) ctx.reply(state.change, {});
    return { ...state, phase: 'after', change: null };
  };
  const startHandoff = (state: CoordinatorState, ctx: Ctx): CoordinatorState => {
    ctx.send(placement.losing, { type: 'StartHandoff', to: placement.gaining });
    return setup.switchAt === 'change-requested' ? switchOver(state, ctx) : { ...state, phase: 'handing-off' };
  };
  /** A draining coordinator hands off once no write is under way that the gaining replica would miss. */
  const drained = (state: CoordinatorState, ctx: Ctx): CoordinatorState =>
    state.phase === 'draining' && !state.pending.some((entry) => entry.operation === 'write' && !entry.reachesGaining) ? startHandoff(state, ctx) : state;

  return defineRole<CoordinatorState, MembershipMessage, MembershipOp, MembershipResult, never>({
    init: () => ({ phase: 'before', version: 0, pending: [], change: null }),
    onRequest(state, { op, input }, ctx) {
      if (input.f === 'join' || input.f === 'leave') {
        const changing = { ...state, change: op, phase: 'draining' as const };
        return setup.drainFirst ? drained(changing, ctx) : startHandoff(changing, ctx);
      }
      if (input.f === 'read') {
        ctx.broadcast(readList(state), { type: 'Fetch', op });
        return { ...state, pending: [...state.pending, { op, operation: 'read', waitingFor: 0, reachesGaining: false }] };
      }
      const targets = writeList(state);
      const stored: Stored = { value: input.value as number, version: state.version + 1 };
      ctx.broadcast(targets, { type: 'Store', op, stored });
      const entry: Operation = { op, operation: 'write', waitingFor: bits(targets), reachesGaining: targets.includes(placement.gaining) };
      return { ...state, version: stored.version, pending: [...state.pending, entry] };
    },
    on: {
      StoreAck(state, msg, from, ctx) {
        const entry = state.pending.find((candidate) => candidate.op === msg.op);
        if (!entry) return state;
        const waitingFor = entry.waitingFor & ~(1 << from);
        if (waitingFor !== 0) return { ...state, pending: state.pending.map((other) => (other === entry ? { ...entry, waitingFor } : other)) };
        ctx.reply(msg.op, {});
        return drained({ ...state, pending: without(state, msg.op) }, ctx);
      },
      // R = 1: the first answer is the read's result; later ones find no operation under way.
      FetchReply(state, msg, _from, ctx) {
        if (!state.pending.some((entry) => entry.op === msg.op)) return state;
        ctx.reply(msg.op, { value: msg.stored.value });
        return { ...state, pending: without(state, msg.op) };
      },
      HandoffSent: (state, _msg, _from, ctx) => (state.phase === 'handing-off' ? switchOver(state, ctx) : state),
      HandoffReceived: (state, _msg, _from, ctx) => (state.phase === 'handing-off' && setup.switchAt === 'handoff-received' ? switchOver(state, ctx) : state),
    },
    describe: (state) => {
      const pending = state.pending.map((entry) => `#${entry.op} ${entry.operation}`).join(', ');
      return `${state.phase}${pending ? `; under way: ${pending}` : ''}`;
    },
  });
}

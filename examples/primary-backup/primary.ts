import { defineRole, type NodeId } from 'faultline/system';
import type { Input, Message, Output, Resend } from './messages.ts';

/** The primary's register, and the write it is replicating (with the backups that acknowledged it). */
export interface PrimaryState {
  readonly value: number;
  readonly version: number;
  readonly pending: { readonly op: number; readonly version: number; readonly acked: readonly NodeId[] } | null;
}

/** How the primary answers a write. */
export interface PrimaryDesign {
  /** Answer the client once every backup has acknowledged (right), or at once (asynchronous replication). */
  readonly answerAfter: 'backups' | 'local';
  /** Send an unacknowledged update again when its timer fires. */
  readonly resend: boolean;
}

/** The primary: serves reads itself, sends each write to every backup. */
export const primary = (design: PrimaryDesign) =>
  defineRole<PrimaryState, Message, Input, Output, Resend>({
    init: () => ({ value: 0, version: 0, pending: null }),
    durable: ['value', 'version'],

    onRequest(state, { op, input }, ctx) {
      if (input.f === 'read') {
        ctx.reply(op, { value: state.value });
        return state;
      }
      const version = state.version + 1;
      ctx.broadcast(ctx.nodes('backup'), { type: 'Replicate', version, value: input.value });
      if (design.answerAfter === 'local') {
        ctx.reply(op, {});
        return { value: input.value, version, pending: null };
      }
      if (design.resend) ctx.setTimer({ type: 'resend', version }, 1);
      return { value: input.value, version, pending: { op, version, acked: [] } };
    },

    on: {
      Ack(state, msg, from, ctx) {
        const { pending } = state;
        if (!pending || msg.version !== pending.version || pending.acked.includes(from)) return state;
        const acked = [...pending.acked, from];
        if (acked.length < ctx.nodes('backup').length) return { ...state, pending: { ...pending, acked } };
        ctx.cancelTimer({ type: 'resend', version: pending.version });
        ctx.reply(pending.op, {});
        return { ...state, pending: null };
      },
    },

    onTimer(state, timer, ctx) {
      const { pending } = state;
      if (pending?.version !== timer.version) return state;
      const missing = ctx.nodes('backup').filter((backup) => !pending.acked.includes(backup));
      ctx.broadcast(missing, { type: 'Replicate', version: pending.version, value: state.value });
      ctx.setTimer(timer, 1);
      return state;
    },

    describe: (state) => `v=${state.value} version ${state.version}${state.pending ? ` replicating version ${state.pending.version}` : ''}`,
  });

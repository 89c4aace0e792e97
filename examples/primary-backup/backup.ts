import { defineRole } from 'faultline/system';
import type { Input, Message, Output } from './messages.ts';

/** A backup's copy of the register. */
export interface BackupState {
  readonly value: number;
  readonly version: number;
}

/** A backup: applies updates in version order, acknowledges each, and serves reads from its copy. */
export const backup = defineRole<BackupState, Message, Input, Output, never>({
  init: () => ({ value: 0, version: 0 }),
  durable: ['value', 'version'],

  onRequest(state, { op }, ctx) {
    ctx.reply(op, { value: state.value });
    return state;
  },

  on: {
    Replicate(state, msg, from, ctx) {
      ctx.send(from, { type: 'Ack', version: msg.version });
      return msg.version > state.version ? { value: msg.value, version: msg.version } : state;
    },
  },

  // Receive guard: an update that skips a version stays in flight until the one before it is applied.
  defer: (state, msg) => msg.type === 'Replicate' && msg.version > state.version + 1,

  describe: (state) => `v=${state.value} version ${state.version}`,
});

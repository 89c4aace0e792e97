import { defineRole } from '../../src/system/index.ts';
import type { RegisterInput, RegisterMessage, RegisterOutput, SendNext, Stored } from './messages.ts';

/** A replica answers a query with what it stores and keeps an update only if its version is higher. */
export const replica = defineRole<Stored, RegisterMessage, RegisterInput, RegisterOutput, SendNext>({
  init: () => ({ version: 0, value: 0 }),
  durable: ['version', 'value'],
  on: {
    Query(stored, msg, from, ctx) {
      ctx.send(from, { type: 'QueryReply', phase: msg.phase, version: stored.version, value: stored.value });
      return stored;
    },
    Update(stored, msg, from, ctx) {
      ctx.send(from, { type: 'UpdateAck', phase: msg.phase });
      return msg.version > stored.version ? { version: msg.version, value: msg.value } : stored;
    },
  },
  describe: (stored) => `v=${stored.value} version ${stored.version}`,
});

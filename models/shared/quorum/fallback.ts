import { defineRole } from '../../../src/system/index.ts';
import type { RegisterOp, RegisterResult } from '../../../properties/history/index.ts';
import type { ReplicaState } from './coordinator.ts';
import type { QuorumMessage, QuorumTimer } from './messages.ts';
import { relabelReplica } from './relabel.ts';
import { describeReplica } from './render.ts';
import { initialReplica } from './replica.ts';

/**
 * The sloppy quorum's fallback node: it acknowledges a hinted write, keeps it for its home
 * replica and forwards it there (the copy waits out the partition); the home replica's ack
 * clears the hint.
 */
export const fallbackRole = defineRole<ReplicaState, QuorumMessage, RegisterOp, RegisterResult, QuorumTimer>({
  init: () => initialReplica,
  durable: ['hints'],
  on: {
    Write(s, msg, from, ctx) {
      ctx.send(from, { type: 'WriteAck', op: msg.op });
      if (msg.hintFor === undefined || s.hints.some((h) => h.op === msg.op)) return s;
      ctx.send(msg.hintFor, { type: 'Write', op: msg.op, stored: msg.stored });
      return { ...s, hints: [...s.hints, { target: msg.hintFor, op: msg.op, stored: msg.stored }] };
    },
    WriteAck: (s, msg, from) => ({ ...s, hints: s.hints.filter((h) => !(h.op === msg.op && h.target === from)) }),
  },
  describe: describeReplica,
  relabel: relabelReplica,
});

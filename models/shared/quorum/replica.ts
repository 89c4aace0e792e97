import { defineRole } from '../../../src/system/index.ts';
import type { RegisterOp, RegisterResult } from '../../../properties/history/index.ts';
import { coordinator, type ReplicaState } from './coordinator.ts';
import type { QuorumDesign } from './design.ts';
import type { QuorumMessage, QuorumTimer } from './messages.ts';
import { relabelReplica } from './relabel.ts';
import { describeReplica } from './render.ts';

/** The initial state of a replica (and of a fallback node). */
export const initialReplica: ReplicaState = { stored: { value: 0, version: { timestamp: 0, writer: 0 } }, counter: 0, hints: [], pending: [] };

/** A home replica: it stores the register and coordinates the operations its clients send it. */
export function replicaRole(design: QuorumDesign) {
  const steps = coordinator(design);
  return defineRole<ReplicaState, QuorumMessage, RegisterOp, RegisterResult, QuorumTimer>({
    init: () => initialReplica,
    durable: design.durableStorage ? ['stored', 'counter'] : ['counter'],
    onRequest: (s, request, ctx) => steps.begin(s, request.op, request.input, ctx),
    on: {
      Read(s, msg, from, ctx) {
        ctx.send(from, { type: 'ReadReply', op: msg.op, stored: s.stored });
        return s;
      },
      Write(s, msg, from, ctx) {
        ctx.send(from, { type: 'WriteAck', op: msg.op });
        return steps.keep(s, msg.stored);
      },
      ReadReply(s, msg, from, ctx) {
        const p = s.pending.find((x) => x.op === msg.op);
        if (!p || p.phase !== 'querying' || (p.answered >> from) & 1) return s;
        return steps.queried(s, p, from, msg.stored, ctx);
      },
      WriteAck(s, msg, from, ctx) {
        const p = s.pending.find((x) => x.op === msg.op);
        if (!p || p.phase !== 'storing' || (p.answered >> from) & 1) return s;
        return steps.storedAt(s, p, from, ctx);
      },
    },
    onTimer(s, timer, ctx) {
      const p = s.pending.find((x) => x.op === timer.op);
      if (!p) return s;
      switch (timer.type) {
        case 'timeout':
          return steps.timedOut(s, p, ctx);
        case 'commit-wait':
          return steps.finish(s, p, ctx);
        case 'hand-off':
          return steps.handOff(s, p, ctx);
      }
    },
    describe: describeReplica,
    relabel: relabelReplica,
  });
}

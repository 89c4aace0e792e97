import type { RegisterOp, RegisterResult } from '../../properties/history/index.ts';
import { defineRole, type RoleContext } from '../../src/system/index.ts';
import type { LeaseMsg, Value } from './messages.ts';


/**
 * A replica under leader leases. The leader (n0 at the start) holds a lease that ends at
 * `leaseEnd` on its own clock and serves reads from its copy while its clock reads at most
 * `leaseEnd - margin`; it applies writes and ships them to the other replica without waiting.
 * A replica asked to write while it does not lead asks the elector for leadership and holds the
 * write until it is elected.
 */
export interface LeaseDesign {
  /** How many ticks a lease lasts. */
  readonly duration: number;
  /** How many ticks before its lease ends (by its own clock) the leader stops serving reads. */
  readonly margin: number;
  /** Whether the leader checks its lease before serving a read (a leader that does not, serves until deposed). */
  readonly checkLease: boolean;
}

/** A lease replica's state (nothing is durable: this design has no crashes). */
export interface LeaseReplicaState {
  readonly value: Value;
  readonly leading: boolean;
  /** The leadership it holds or follows. */
  readonly epoch: number;
  /** While leading: the lease's end on this replica's clock. */
  readonly leaseEnd: number;
  /** While campaigning: its clock when it asked (its lease will count from there), else -1. */
  readonly askedAt: number;
  /** Writes held until it is elected. */
  readonly waiting: readonly { readonly op: number; readonly value: Value }[];
}

type Ctx = RoleContext<LeaseMsg, RegisterResult, never>;

/** The lease-replica role for one design; `elector` is the elector's node. */
export function leaseReplicaRole(design: LeaseDesign) {
  const elector = (ctx: Ctx) => ctx.nodes('elector')[0]!;
  const others = (ctx: Ctx) => ctx.nodes('replica').filter((n) => n !== ctx.self);
  const applyWrite = (s: LeaseReplicaState, value: Value, ctx: Ctx): LeaseReplicaState => {
    ctx.broadcast(others(ctx), { type: 'Update', epoch: s.epoch, value });
    return { ...s, value };
  };
  /** The lease lets it serve a read now. */
  const inLease = (s: LeaseReplicaState, ctx: Ctx) => s.leading && (!design.checkLease || ctx.now <= s.leaseEnd - design.margin);

  return defineRole<LeaseReplicaState, LeaseMsg, RegisterOp, RegisterResult, never>({
    // n0 starts as leader, its lease granted at time 0.
    init: (node) => ({ value: 0, leading: node.index === 0, epoch: 0, leaseEnd: node.index === 0 ? design.duration : 0, askedAt: -1, waiting: [] }),

    onRequest(s, request, ctx) {
      if (request.input.f === 'read') {
        if (inLease(s, ctx)) ctx.reply(request.op, { value: s.value });
        else ctx.fail(request.op, s.leading ? 'lease expired' : 'not leader');
        return s;
      }
      const value = request.input.value as Value;
      if (s.leading) {
        ctx.reply(request.op, {});
        return applyWrite(s, value, ctx);
      }
      if (s.askedAt < 0) ctx.send(elector(ctx), { type: 'Campaign', epoch: s.epoch });
      return { ...s, askedAt: s.askedAt < 0 ? ctx.now : s.askedAt, waiting: [...s.waiting, { op: request.op, value }] };
    },

    describe: (s) => describeLeaseReplica(s, design.margin),

    on: {
      Elected(s, msg, _from, ctx) {
        // Its lease counts from when it asked: the elector granted it no earlier.
        let next: LeaseReplicaState = { ...s, leading: true, epoch: msg.epoch, leaseEnd: s.askedAt + design.duration, askedAt: -1, waiting: [] };
        for (const w of s.waiting) {
          ctx.reply(w.op, {});
          next = applyWrite(next, w.value, ctx);
        }
        return next;
      },
      Deposed: (s, msg) => (msg.epoch > s.epoch ? { ...s, leading: false, epoch: msg.epoch } : s),
      Update: (s, msg) => (msg.epoch >= s.epoch && !s.leading ? { ...s, value: msg.value, epoch: msg.epoch } : s),
    },
  });
}

/** The state's line in traces. */
function describeLeaseReplica(s: LeaseReplicaState, margin: number): string {
  const held = s.waiting.length > 0 ? `, holding ${s.waiting.map((w) => `write ${w.value}`).join(', ')}` : '';
  if (s.leading) return `leads e${s.epoch}, lease until ${s.leaseEnd} (serves reads while its clock <= ${s.leaseEnd - margin}), value ${s.value}`;
  if (s.askedAt >= 0) return `campaigning since ${s.askedAt} (e${s.epoch}), value ${s.value}${held}`;
  return `follows (e${s.epoch}), value ${s.value}`;
}

import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { LeaseMsg } from './messages.ts';
import { nodeName } from './render.ts';

/**
 * The elector (a coordination service, like ZooKeeper or Sentinel): it records who leads and
 * has promised not to elect anyone else before `promiseEnd` on its own clock, the end of the
 * current lease. A replica that campaigns is elected once that time has come.
 */
export interface ElectorDesign {
  readonly duration: number;
  /** Whether it waits for the current lease to end before electing another leader. */
  readonly waitForLease: boolean;
}

/** The elector's state. */
export interface ElectorState {
  readonly holder: NodeId;
  readonly epoch: number;
  /** The current lease's end on the elector's clock. */
  readonly promiseEnd: number;
  /** A replica waiting to be elected, or -1. */
  readonly candidate: NodeId;
}

/** The elector's timer: the current lease ends. */
export type ElectorTimer = { readonly type: 'lease-end' };

type Ctx = RoleContext<LeaseMsg, never, ElectorTimer>;

/** The elector role for one design. */
export function electorRole(design: ElectorDesign) {
  const elect = (s: ElectorState, candidate: NodeId, ctx: Ctx): ElectorState => {
    const epoch = s.epoch + 1;
    ctx.send(candidate, { type: 'Elected', epoch });
    ctx.send(s.holder, { type: 'Deposed', epoch });
    return { holder: candidate, epoch, promiseEnd: ctx.now + design.duration, candidate: -1 };
  };

  return defineRole<ElectorState, LeaseMsg, never, never, ElectorTimer>({
    // n0's lease was granted at time 0.
    init: () => ({ holder: 0, epoch: 0, promiseEnd: design.duration, candidate: -1 }),
    describe: describeElector,
    on: {
      Campaign(s, msg, from, ctx) {
        if (from === s.holder || msg.epoch !== s.epoch || s.candidate >= 0) return s;
        if (!design.waitForLease || ctx.now >= s.promiseEnd) return elect(s, from, ctx);
        ctx.setTimer({ type: 'lease-end' }, s.promiseEnd - ctx.now);
        return { ...s, candidate: from };
      },
    },
    onTimer: (s, _timer, ctx) => (s.candidate >= 0 ? elect(s, s.candidate, ctx) : s),
  });
}

/** The state's line in traces. */
function describeElector(s: ElectorState): string {
  return `leader ${nodeName(s.holder)} (e${s.epoch}), no other before ${s.promiseEnd}${s.candidate >= 0 ? `, ${nodeName(s.candidate)} waits` : ''}`;
}

import type { NodeId, RoleContext } from '../../../src/system/index.ts';
import type { RegisterOp, RegisterResult } from '../../../properties/history/index.ts';
import type { QuorumDesign } from './design.ts';
import { newer, type QuorumMessage, type QuorumTimer, type Stored } from './messages.ts';

/** A coordinator's phase: asking a read quorum for versions, storing at a write quorum, waiting out the commit wait. */
export type Phase = 'querying' | 'storing' | 'committing';

/** An operation a coordinator has under way. */
export interface Pending {
  readonly op: number;
  readonly operation: 'read' | 'write';
  readonly phase: Phase;
  /** Bit set of the replicas that answered this phase. */
  readonly answered: number;
  /** Querying: the highest value and version seen (a write keeps its own value). Storing: what is stored. */
  readonly carried: Stored;
}

/** A replica: its stored value (durable) and the operations it coordinates (volatile). */
export interface ReplicaState {
  readonly stored: Stored;
  /** Versions handed out (counter versions). */
  readonly counter: number;
  /** Hinted writes held for others (sloppy quorum's fallback). */
  readonly hints: readonly Hint[];
  readonly pending: readonly Pending[];
}

/** A write a fallback node holds for an unreachable home replica. */
export interface Hint {
  readonly target: NodeId;
  readonly op: number;
  readonly stored: Stored;
}

type Ctx = RoleContext<QuorumMessage, RegisterResult, QuorumTimer>;

const count = (bits: number) => {
  let k = 0;
  for (; bits; bits &= bits - 1) k++;
  return k;
};

/** The coordinator's steps, for one design. */
export function coordinator(design: QuorumDesign) {
  const readQuorum = design.readQuorum - design.quorumShortBy;
  const writeQuorum = design.writeQuorum - design.quorumShortBy;
  /** Sends to the other home replicas (the coordinator serves itself at once). */
  const toOthers = (ctx: Ctx, msg: QuorumMessage) => ctx.broadcast(ctx.nodes('replica').filter((node) => node !== ctx.self), msg);
  const withPending = (s: ReplicaState, p: Pending | null, op: number): ReplicaState => {
    const rest = s.pending.filter((x) => x.op !== op);
    return { ...s, pending: p ? [...rest, p].sort((a, b) => a.op - b.op) : rest };
  };
  const keep = (s: ReplicaState, stored: Stored): ReplicaState => (newer(stored.version, s.stored.version) ? { ...s, stored } : s);

  const finish = (s: ReplicaState, p: Pending, ctx: Ctx): ReplicaState => {
    ctx.reply(p.op, p.operation === 'read' ? { value: p.carried.value } : {});
    if (design.timeout > 0) ctx.cancelTimer({ type: 'timeout', op: p.op });
    if (design.sloppy) ctx.cancelTimer({ type: 'hand-off', op: p.op });
    return withPending(s, null, p.op);
  };

  /** Starts asking a read quorum for versions; the coordinator's own answer counts at once. */
  const query = (s: ReplicaState, p: Pending, ctx: Ctx): ReplicaState => {
    toOthers(ctx, { type: 'Read', op: p.op });
    return queried(s, { ...p, phase: 'querying', answered: 0 }, ctx.self, s.stored, ctx);
  };

  /** One answer to a query: keep the highest version (a write keeps its own value). */
  const queried = (s: ReplicaState, p: Pending, from: NodeId, answer: Stored, ctx: Ctx): ReplicaState => {
    const better = design.keepLastAnswer || newer(answer.version, p.carried.version);
    const carried = better ? { value: p.operation === 'read' ? answer.value : p.carried.value, version: answer.version } : p.carried;
    const q: Pending = { ...p, carried, answered: p.answered | (1 << from) };
    if (count(q.answered) < readQuorum) return withPending(s, q, q.op);
    if (q.operation === 'write') return store(s, { ...q, carried: { value: q.carried.value, version: { timestamp: q.carried.version.timestamp + 1, writer: ctx.self } } }, ctx);
    if (design.writeBack === 'none') return finish(s, q, ctx);
    if (design.writeBack === 'unawaited') {
      toOthers(ctx, { type: 'Write', op: q.op, stored: q.carried });
      return finish(keep(s, q.carried), q, ctx);
    }
    return store(s, q, ctx);
  };

  /** Starts storing at a write quorum; the coordinator stores its own copy at once. */
  const store = (s: ReplicaState, p: Pending, ctx: Ctx): ReplicaState => {
    toOthers(ctx, { type: 'Write', op: p.op, stored: p.carried });
    if (design.sloppy) ctx.setTimer({ type: 'hand-off', op: p.op }, 1);
    return storedAt(keep(s, p.carried), { ...p, phase: 'storing', answered: 0 }, ctx.self, ctx);
  };

  /** One acknowledgement of a store. */
  const storedAt = (s: ReplicaState, p: Pending, from: NodeId, ctx: Ctx): ReplicaState => {
    const q: Pending = { ...p, answered: p.answered | (1 << from) };
    if (count(q.answered) < writeQuorum) return withPending(s, q, q.op);
    if (q.operation === 'write' && design.commitWait && ctx.now <= q.carried.version.timestamp) {
      ctx.setTimer({ type: 'commit-wait', op: q.op }, q.carried.version.timestamp + 1 - ctx.now);
      return withPending(s, { ...q, phase: 'committing' }, q.op);
    }
    return finish(s, q, ctx);
  };

  /** A client's operation arrives at its coordinator. */
  const begin = (s: ReplicaState, op: number, input: RegisterOp, ctx: Ctx): ReplicaState => {
    if (design.timeout > 0) ctx.setTimer({ type: 'timeout', op }, design.timeout);
    const carried: Stored = { value: input.f === 'write' ? (input.value as number) : 0, version: { timestamp: -1, writer: 0 } };
    const p: Pending = { op, operation: input.f === 'read' ? 'read' : 'write', phase: 'querying', answered: 0, carried };
    if (p.operation === 'read' || design.versions === 'read') return query(s, p, ctx);
    if (design.versions === 'counter') {
      const counter = s.counter + 1;
      return store({ ...s, counter }, { ...p, carried: { ...carried, version: { timestamp: counter, writer: ctx.self } } }, ctx);
    }
    return store(s, { ...p, carried: { ...carried, version: { timestamp: ctx.now, writer: ctx.self } } }, ctx);
  };

  /** The quorum did not answer in time: fail (CP), or answer from what the coordinator has (AP). */
  const timedOut = (s: ReplicaState, p: Pending, ctx: Ctx): ReplicaState => {
    if (design.onTimeout === 'fail') {
      ctx.fail(p.op, 'timeout');
      return withPending(s, null, p.op);
    }
    if (p.operation === 'write' && p.phase === 'querying') {
      const stored = { value: p.carried.value, version: { timestamp: p.carried.version.timestamp + 1, writer: ctx.self } };
      toOthers(ctx, { type: 'Write', op: p.op, stored });
      return finish(keep(s, stored), { ...p, carried: stored }, ctx);
    }
    return finish(s, p, ctx);
  };

  /** The sloppy quorum's hand-off: the write for the first home replica that has not answered goes to the fallback node. */
  const handOff = (s: ReplicaState, p: Pending, ctx: Ctx): ReplicaState => {
    if (p.phase !== 'storing' || count(p.answered) >= writeQuorum) return s;
    let target = 0;
    while ((p.answered >> target) & 1) target++;
    ctx.broadcast(ctx.nodes('fallback'), { type: 'Write', op: p.op, stored: p.carried, hintFor: target });
    return s;
  };

  return { begin, queried, storedAt, finish, timedOut, handOff, keep };
}

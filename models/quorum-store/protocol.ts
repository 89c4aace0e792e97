import type { Context, NodeId, Request, SystemSpec } from '../../src/system/index.ts';
import type { RegisterOp, RegisterResult } from '../../properties/history/index.ts';

/**
 * A replicated register over quorums, written once with the design choices as options, so
 * each variant of the quorum-store and CAP families is a few flags.
 */
export interface QuorumOptions {
  /** Home replicas n0 .. n(replicas-1). */
  readonly replicas: number;
  /** Read quorum. */
  readonly r: number;
  /** Write quorum. */
  readonly w: number;
  /**
   * How a write picks its version: `counter` (the coordinator's own counter), `read` (first
   * ask a read quorum for the highest version, then go one above: ABD), `clock` (the
   * coordinator's local clock: last write wins).
   */
  readonly versions: 'counter' | 'read' | 'clock';
  /** Reads store the value they return at a write quorum before returning (ABD). */
  readonly writeBack: boolean;
  /** With clock versions: acknowledge a write only once the local clock has passed its timestamp. */
  readonly commitWait: boolean;
  /** Sloppy quorum: one extra node n(replicas) takes hinted writes for unreachable home replicas after a tick. */
  readonly sloppy: boolean;
  /** Operations fail with `timeout` after this many ticks without a quorum (0: never). */
  readonly timeout: number;
}

/** A version: timestamp, ties broken by the writing coordinator. */
export interface Version {
  readonly ts: number;
  readonly by: NodeId;
}

/** A register value; 0 is the initial value. */
export type Value = number;

/** A coordinator's operation in progress. */
export interface Pending {
  readonly op: number;
  readonly read: boolean;
  /** `Q`: collecting versions from a read quorum; `S`: storing at a write quorum. */
  readonly phase: 'Q' | 'S';
  /** Bit set of the nodes that answered this phase. */
  readonly acks: number;
  /** The value and version carried: the highest seen (phase Q) or being stored (phase S). */
  readonly val: Value;
  readonly ts: number;
  readonly by: NodeId;
}

/** A write a fallback node holds for an unreachable home replica. */
export interface Hint {
  readonly target: NodeId;
  readonly op: number;
  readonly val: Value;
  readonly ts: number;
  readonly by: NodeId;
}

/** A node: a replica's stored value and version (durable), and its coordinator state. */
export interface QuorumNode {
  readonly val: Value;
  readonly ts: number;
  readonly by: NodeId;
  /** Versions this node has handed out (counter versions). */
  readonly counter: number;
  /** Hinted writes held for others (sloppy quorum only). */
  readonly hints: readonly Hint[];
  /** Operations this node coordinates (volatile: lost at a crash). */
  readonly pend: readonly Pending[];
}

/** The protocol's messages. `op` names the client operation they serve. */
export type QuorumMsg =
  | { readonly t: 'Read'; readonly op: number }
  | { readonly t: 'ReadAck'; readonly op: number; readonly val: Value; readonly ts: number; readonly by: NodeId }
  | { readonly t: 'Write'; readonly op: number; readonly val: Value; readonly ts: number; readonly by: NodeId; readonly hint?: NodeId }
  | { readonly t: 'WriteAck'; readonly op: number };

const newer = (a: Version, b: Version) => a.ts > b.ts || (a.ts === b.ts && a.by > b.by);
const count = (bits: number) => {
  let k = 0;
  for (; bits; bits &= bits - 1) k++;
  return k;
};

/** `Write(#0, v=1, ts=1@n0)`. */
export function describeQuorumMsg(m: QuorumMsg): string {
  switch (m.t) {
    case 'Read':
    case 'WriteAck':
      return `${m.t}(#${m.op})`;
    case 'ReadAck':
      return `ReadAck(#${m.op}, v=${m.val}, ts=${m.ts}@n${m.by})`;
    case 'Write':
      return `Write(#${m.op}, v=${m.val}, ts=${m.ts}@n${m.by}${m.hint !== undefined ? `, hint n${m.hint}` : ''})`;
  }
}

/** The handlers and node setup of a quorum register; the caller adds workload, faults, clock and properties. */
export function quorumHandlers(o: QuorumOptions): Pick<
  SystemSpec<QuorumNode, QuorumMsg, RegisterOp, RegisterResult>,
  'nodes' | 'init' | 'durable' | 'onRequest' | 'onMessage' | 'onTimer' | 'obsolete' | 'describeMessage' | 'describeInput' | 'describeOutput' | 'describeNode'
> {
  type Ctx = Context<QuorumMsg, RegisterResult>;
  const nodes = o.replicas + (o.sloppy ? 1 : 0);
  const fallback = o.replicas;

  /** Sends to the other home replicas (the coordinator serves itself at once; the fallback only gets hinted writes). */
  const toOthers = (ctx: Ctx, msg: QuorumMsg) => {
    for (let j = 0; j < o.replicas; j++) if (j !== ctx.self) ctx.send(j, msg);
  };
  const withPend = (s: QuorumNode, p: Pending | null, op: number): QuorumNode => {
    const rest = s.pend.filter((x) => x.op !== op);
    return { ...s, pend: p ? [...rest, p].sort((a, b) => a.op - b.op) : rest };
  };
  const applyWrite = (s: QuorumNode, v: { val: Value; ts: number; by: NodeId }): QuorumNode =>
    newer(v, s) ? { ...s, val: v.val, ts: v.ts, by: v.by } : s;
  const finish = (s: QuorumNode, p: Pending, ctx: Ctx): QuorumNode => {
    ctx.reply(p.op, p.read ? { value: p.val } : {});
    if (o.timeout > 0) ctx.cancelTimer(`timeout#${p.op}`);
    if (o.sloppy) ctx.cancelTimer(`sloppy#${p.op}`);
    return withPend(s, null, p.op);
  };
  /** Starts asking a read quorum for versions; the coordinator's own answer counts at once. */
  const query = (s: QuorumNode, p: Pending, ctx: Ctx): QuorumNode => {
    toOthers(ctx, { t: 'Read', op: p.op });
    return queried(s, { ...p, phase: 'Q', acks: 0 }, ctx.self, s, ctx);
  };
  /** One answer to a query. */
  const queried = (s: QuorumNode, p: Pending, from: NodeId, v: Version & { val: Value }, ctx: Ctx): QuorumNode => {
    const best = newer(v, p) ? { val: p.read ? v.val : p.val, ts: v.ts, by: v.by } : {};
    const q: Pending = { ...p, ...best, acks: p.acks | (1 << from) };
    if (count(q.acks) < o.r) return withPend(s, q, q.op);
    if (!q.read) return store(s, { ...q, ts: q.ts + 1, by: ctx.self }, ctx);
    if (o.writeBack) return store(s, q, ctx);
    return finish(s, q, ctx);
  };
  /** Starts storing `p`'s value at a write quorum; the coordinator stores its own copy at once. */
  const store = (s: QuorumNode, p: Pending, ctx: Ctx): QuorumNode => {
    toOthers(ctx, { t: 'Write', op: p.op, val: p.val, ts: p.ts, by: p.by });
    if (o.sloppy) ctx.setTimer(`sloppy#${p.op}`, 1);
    return storedAt(applyWrite(s, p), { ...p, phase: 'S', acks: 0 }, ctx.self, ctx);
  };
  /** One acknowledgement of a store. */
  const storedAt = (s: QuorumNode, p: Pending, from: NodeId, ctx: Ctx): QuorumNode => {
    const q: Pending = { ...p, acks: p.acks | (1 << from) };
    if (count(q.acks) < o.w) return withPend(s, q, q.op);
    if (!q.read && o.commitWait && ctx.now <= q.ts) {
      ctx.setTimer(`wait#${q.op}`, q.ts + 1 - ctx.now);
      return withPend(s, q, q.op);
    }
    return finish(s, q, ctx);
  };

  return {
    nodes,
    init: () => ({ val: 0, ts: 0, by: 0, counter: 0, hints: [], pend: [] }),
    durable: ['val', 'ts', 'by', 'counter', 'hints'],

    onRequest(s, req: Request<RegisterOp>, ctx) {
      if (o.timeout > 0) ctx.setTimer(`timeout#${req.op}`, o.timeout);
      const read = req.input.f === 'read';
      const val = req.input.f === 'write' ? (req.input.value as Value) : 0;
      const p: Pending = { op: req.op, read, phase: 'Q', acks: 0, val, ts: -1, by: 0 };
      if (read || o.versions === 'read') return query(s, p, ctx);
      if (o.versions === 'counter') {
        const counter = s.counter + 1;
        return store({ ...s, counter }, { ...p, ts: counter, by: ctx.self }, ctx);
      }
      return store(s, { ...p, ts: ctx.now, by: ctx.self }, ctx);
    },

    onMessage(s, m, from, ctx) {
      switch (m.t) {
        case 'Read':
          ctx.send(from, { t: 'ReadAck', op: m.op, val: s.val, ts: s.ts, by: s.by });
          return s;
        case 'Write': {
          ctx.send(from, { t: 'WriteAck', op: m.op });
          let next = s;
          if (m.hint !== undefined) {
            // Hinted handoff: keep the write for its home replica and forward it (it waits out the partition).
            if (!s.hints.some((h) => h.op === m.op)) {
              next = { ...next, hints: [...s.hints, { target: m.hint, op: m.op, val: m.val, ts: m.ts, by: m.by }] };
              ctx.send(m.hint, { t: 'Write', op: m.op, val: m.val, ts: m.ts, by: m.by });
            }
            return next;
          }
          return applyWrite(next, m);
        }
        case 'ReadAck': {
          const p = s.pend.find((x) => x.op === m.op);
          if (!p || p.phase !== 'Q' || (p.acks >> from) & 1) return s;
          return queried(s, p, from, m, ctx);
        }
        case 'WriteAck': {
          if (s.hints.some((h) => h.op === m.op && h.target === from)) {
            return { ...s, hints: s.hints.filter((h) => !(h.op === m.op && h.target === from)) };
          }
          const p = s.pend.find((x) => x.op === m.op);
          if (!p || p.phase !== 'S' || (p.acks >> from) & 1) return s;
          return storedAt(s, p, from, ctx);
        }
      }
    },

    onTimer(s, name, ctx) {
      const [kind, id] = name.split('#');
      const p = s.pend.find((x) => x.op === Number(id));
      if (!p) return s;
      if (kind === 'timeout') {
        ctx.fail(p.op, 'timeout');
        return withPend(s, null, p.op);
      }
      if (kind === 'wait') return finish(s, p, ctx);
      // sloppy: hand the write for the first home replica that has not answered to the fallback node.
      if (p.phase !== 'S' || count(p.acks) >= o.w) return s;
      let target = 0;
      while ((p.acks >> target) & 1) target++;
      ctx.send(fallback, { t: 'Write', op: p.op, val: p.val, ts: p.ts, by: p.by, hint: target });
      return s;
    },

    obsolete(m, from, to, all) {
      // Answers the coordinator no longer waits for (phase over, already counted, or lost in a crash)
      // are ignored whenever they arrive; so are requests whose answers would be.
      const awaited = (coord: QuorumNode, op: number, phase: 'Q' | 'S', replica: NodeId) =>
        coord.pend.some((p) => p.op === op && p.phase === phase && ((p.acks >> replica) & 1) === 0);
      switch (m.t) {
        case 'ReadAck':
          return !awaited(all[to]!, m.op, 'Q', from);
        case 'Read':
          return !awaited(all[from]!, m.op, 'Q', to);
        case 'WriteAck':
          return !awaited(all[to]!, m.op, 'S', from) && !all[to]!.hints.some((h) => h.op === m.op && h.target === from);
        case 'Write':
          return m.hint === undefined && !newer(m, all[to]!) && !awaited(all[from]!, m.op, 'S', to) &&
            !all[from]!.hints.some((h) => h.op === m.op && h.target === to);
      }
    },
    describeMessage: describeQuorumMsg,
    describeInput: (i) => (i.f === 'write' ? `write ${String(i.value)}` : 'read'),
    describeOutput: (out) => ('value' in out ? String(out.value) : 'ok'),
    describeNode: (s) => {
      const view: Record<string, unknown> = { stored: `v=${s.val} ts=${s.ts}@n${s.by}` };
      if (s.hints.length > 0) view['hints'] = s.hints.map((h) => `for n${h.target}: v=${h.val} ts=${h.ts}@n${h.by}`);
      if (s.pend.length > 0) {
        view['coordinating'] = s.pend.map((p) => `#${p.op} ${p.read ? 'read' : 'write'} phase ${p.phase} acks {${[...Array(nodes).keys()].filter((j) => (p.acks >> j) & 1).map((j) => `n${j}`).join(',')}} v=${p.val} ts=${p.ts}@n${p.by}`);
      }
      return view;
    },
  };
}

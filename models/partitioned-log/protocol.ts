import type { Context, NodeId, SystemSpec } from '../../src/system/index.ts';

/**
 * A Kafka-like partitioned log on the system layer, written once with the design choices as
 * options so each variant is a few flags.
 *
 * Nodes: brokers n0 .. n(B-1); the controller n(B) (never crashes; learns of broker crashes
 * through the layer's failure detector, like ZooKeeper's session watch); producers after it.
 * Clients: one per producer, whose `send`s are pipelined (Kafka's `send` returns a future),
 * then optionally a consumer (reads a partition at a broker) and an admin (adds a partition).
 *
 * Replication is pull-based: a follower's Fetch carries its log end offset (LEO); the leader
 * answers with the entries from there, or parks the fetch until it has new data. The leader's
 * high watermark (HW) is the least LEO over the in-sync replicas (ISR) it knows. A Fetch that
 * does not match the leader's log (a follower with a divergent suffix after an election) gets
 * a Truncate back.
 */
export interface LogOptions {
  readonly brokers: number;
  /** Partitions at the start. */
  readonly partitions: number;
  /** Partitions after the admin's change (repartition); equal to `partitions` otherwise. */
  readonly maxPartitions: number;
  readonly replication: number;
  readonly producers: number;
  readonly acks: '0' | '1' | 'all';
  /** min.insync.replicas, checked for acks=all. */
  readonly minIsr: number;
  /** Retry lost or failed requests after a timeout (one tick). */
  readonly retries: boolean;
  /** Requests in flight per producer and partition. */
  readonly inflight: number;
  /** Producer id and per-partition sequence numbers, checked by the leader. */
  readonly idempotent: boolean;
  /** An out-of-sync replica may become leader. */
  readonly unclean: boolean;
  /** Consumers read only below the high watermark (else up to the leader's log end). */
  readonly readCommitted: boolean;
}

/** A log entry: message id (its client operation), sequence number (-1 without idempotence), leader epoch of the append. */
export interface Entry {
  readonly m: number;
  readonly s: number;
  readonly e: number;
}

/** A produce request waiting (acks=all) for the high watermark to pass `end`. */
export interface Waiting {
  readonly m: number;
  readonly from: NodeId;
  readonly end: number;
}

/** A broker's view of one partition (volatile). */
export interface PartView {
  /** Leader as this broker last heard, -1 unknown or none. */
  readonly leader: number;
  readonly epoch: number;
  /** In-sync replicas (bit set), as the leader knows them. */
  readonly isr: number;
  /** The leader's record of each follower's LEO. */
  readonly leos: readonly number[];
  /** Followers whose fetch the leader holds until new data arrives (bit set). */
  readonly parked: number;
  readonly waiting: readonly Waiting[];
}

/** The controller's record of one partition. */
export interface CtlPart {
  readonly replicas: readonly number[];
  readonly leader: number;
  readonly epoch: number;
  readonly isr: number;
}

/** A request a producer has not had acknowledged. */
export interface Outgoing {
  readonly m: number;
  readonly p: number;
  readonly s: number;
}

/** A node's state. Brokers use `logs`, `hws` (durable) and `parts`; the controller `ctl`; producers `prod`. */
export interface LogNode {
  readonly logs?: readonly (readonly Entry[])[];
  readonly hws?: readonly number[];
  readonly parts?: readonly PartView[];
  readonly ctl?: { readonly count: number; readonly down: number; readonly parts: readonly CtlPart[] };
  readonly prod?: {
    readonly count: number;
    readonly leaders: readonly number[];
    readonly epochs: readonly number[];
    readonly seqs: readonly number[];
    /** Sent but not acknowledged, by message id. */
    readonly inflight: readonly Outgoing[];
    /** Waiting for room in flight, in send order. */
    readonly queue: readonly Outgoing[];
  };
}

export type LogMsg =
  | { readonly t: 'Produce'; readonly p: number; readonly m: number; readonly s: number }
  | { readonly t: 'ProduceResp'; readonly p: number; readonly m: number; readonly off?: number; readonly err?: string }
  | { readonly t: 'Fetch'; readonly p: number; readonly epoch: number; readonly leo: number; readonly last: string }
  | { readonly t: 'FetchResp'; readonly p: number; readonly epoch: number; readonly from: number; readonly entries: readonly Entry[]; readonly hw: number; readonly err?: string }
  | { readonly t: 'Truncate'; readonly p: number; readonly epoch: number; readonly to: number }
  | { readonly t: 'LeaderAndIsr'; readonly p: number; readonly leader: number; readonly epoch: number; readonly isr: number }
  | { readonly t: 'Metadata'; readonly p: number; readonly leader: number; readonly epoch: number; readonly count: number }
  | { readonly t: 'Register' };

export type LogInput =
  | { readonly f: 'send'; readonly key: string; readonly label: string; readonly producer: number; readonly index: number }
  | { readonly f: 'poll'; readonly p: number }
  | { readonly f: 'partitions'; readonly count: number };

export type LogOutput = { readonly p: number; readonly off: number } | { readonly p: number; readonly read: readonly number[] } | { readonly count: number };

/** FNV-1a, 32 bits: the partitioner's hash of a key. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The replicas of partition p: brokers p, p+1, ... (mod B); the first is the preferred leader. */
export function replicasOf(p: number, brokers: number, replication: number): number[] {
  return Array.from({ length: replication }, (_, i) => (p + i) % brokers);
}

const bit = (n: number) => 1 << n;
const has = (set: number, n: number) => ((set >> n) & 1) === 1;
const popcount = (bits: number) => {
  let k = 0;
  for (; bits; bits &= bits - 1) k++;
  return k;
};
const members = (set: number, width: number) => [...Array(width).keys()].filter((j) => has(set, j));
const entryKey = (e: Entry | undefined) => (e === undefined ? '' : `${e.m}:${e.e}`);
const setAt = <T,>(list: readonly T[], i: number, value: T): T[] => list.map((x, j) => (j === i ? value : x));

type Ctx = Context<LogMsg, LogOutput>;
type Handlers = Pick<
  SystemSpec<LogNode, LogMsg, LogInput, LogOutput>,
  'nodes' | 'init' | 'durable' | 'onRequest' | 'onMessage' | 'onTimer' | 'onRestart' | 'onPeerCrash'
>;

/** The node handlers of the partitioned log. `labelOf(m)` names a message for descriptions. */
export function logHandlers(o: LogOptions, messages: readonly { readonly key: string; readonly producer: number }[]): Handlers {
  const B = o.brokers;
  const controller = B;
  const producerNode = (i: number) => B + 1 + i;
  const nodes = B + 1 + o.producers;
  const replicas = (p: number) => replicasOf(p, B, o.replication);
  const producerOf = (m: number) => messages[m]!.producer;

  const emptyView = (): PartView => ({ leader: -1, epoch: -1, isr: 0, leos: [], parked: 0, waiting: [] });
  const initialView = (p: number, self: number): PartView => {
    const rs = replicas(p);
    if (p >= o.partitions || !rs.includes(self)) return emptyView();
    const leader = rs[0]!;
    const isr = rs.reduce((acc, r) => acc | bit(r), 0);
    if (self !== leader) return { ...emptyView(), leader, epoch: 0 };
    // The followers' first fetches (from offset 0) are parked at the leader.
    return { leader, epoch: 0, isr, leos: new Array<number>(B).fill(0), parked: isr & ~bit(leader), waiting: [] };
  };

  // ---------- brokers ----------

  const withPart = (s: LogNode, p: number, view: PartView, log?: readonly Entry[], hw?: number): LogNode => ({
    ...s,
    parts: setAt(s.parts!, p, view),
    ...(log !== undefined ? { logs: setAt(s.logs!, p, log) } : {}),
    ...(hw !== undefined ? { hws: setAt(s.hws!, p, hw) } : {}),
  });

  /** Leader: recomputes the high watermark and answers the produce requests it covers. */
  const advance = (s: LogNode, p: number, ctx: Ctx): LogNode => {
    const v = s.parts![p]!;
    const log = s.logs![p]!;
    let low = log.length;
    for (const r of members(v.isr, B)) if (r !== ctx.self) low = Math.min(low, v.leos[r] ?? 0);
    const hw = Math.max(s.hws![p]!, low);
    const done = v.waiting.filter((w) => w.end <= hw);
    for (const w of done) {
      if (popcount(v.isr) < o.minIsr) ctx.send(w.from, { t: 'ProduceResp', p, m: w.m, err: 'NotEnoughReplicasAfterAppend' });
      else ctx.send(w.from, { t: 'ProduceResp', p, m: w.m, off: w.end - 1 });
    }
    const view = done.length > 0 ? { ...v, waiting: v.waiting.filter((w) => w.end > hw) } : v;
    return hw === s.hws![p] && view === v ? s : withPart(s, p, view, undefined, hw);
  };

  const fetchFrom = (s: LogNode, p: number, ctx: Ctx) => {
    const v = s.parts![p]!;
    const log = s.logs![p]!;
    if (v.leader >= 0 && v.leader !== ctx.self) ctx.send(v.leader, { t: 'Fetch', p, epoch: v.epoch, leo: log.length, last: entryKey(log[log.length - 1]) });
  };

  const onProduce = (s: LogNode, msg: Extract<LogMsg, { t: 'Produce' }>, from: NodeId, ctx: Ctx): LogNode => {
    const { p, m } = msg;
    const v = s.parts![p]!;
    const log = s.logs![p]!;
    const answer = (r: { off?: number; err?: string }) => {
      if (o.acks !== '0') ctx.send(from, { t: 'ProduceResp', p, m, ...r });
    };
    if (v.leader !== ctx.self) {
      answer({ err: 'NotLeader' });
      return s;
    }
    if (msg.s >= 0) {
      const pid = producerOf(m);
      const mine = log.filter((e) => e.s >= 0 && producerOf(e.m) === pid);
      const lastSeq = mine.length > 0 ? mine[mine.length - 1]!.s : -1;
      if (msg.s <= lastSeq) {
        // A duplicate of a write the log already has: acknowledge it again, do not append.
        const off = log.findIndex((e) => e.s === msg.s && producerOf(e.m) === pid);
        if (o.acks === 'all' && s.hws![p]! <= off) return withPart(s, p, { ...v, waiting: sortWaiting([...v.waiting, { m, from, end: off + 1 }]) });
        answer({ off });
        return s;
      }
      if (msg.s > lastSeq + 1) {
        answer({ err: 'OutOfOrderSequence' });
        return s;
      }
    }
    if (o.acks === 'all' && popcount(v.isr) < o.minIsr) {
      answer({ err: 'NotEnoughReplicas' });
      return s;
    }
    const next = [...log, { m, s: msg.s, e: v.epoch }];
    let view: PartView = { ...v, parked: 0 };
    if (o.acks === '1') answer({ off: log.length });
    if (o.acks === 'all') view = { ...view, waiting: sortWaiting([...v.waiting, { m, from, end: next.length }]) };
    let after = advance(withPart(s, p, view, next), p, ctx);
    // Wake the parked fetches with the new entry.
    for (const f of members(v.parked, B)) {
      ctx.send(f, { t: 'FetchResp', p, epoch: v.epoch, from: v.leos[f] ?? 0, entries: next.slice(v.leos[f] ?? 0), hw: after.hws![p]! });
    }
    return after;
  };

  const onFetch = (s: LogNode, msg: Extract<LogMsg, { t: 'Fetch' }>, f: NodeId, ctx: Ctx): LogNode => {
    const { p } = msg;
    const v = s.parts![p]!;
    if (msg.epoch < v.epoch) return s; // stale: the follower refetches when it hears of the new leader
    if (v.leader !== ctx.self || msg.epoch > v.epoch) {
      // Not leader (yet): the follower tries again.
      ctx.send(f, { t: 'FetchResp', p, epoch: msg.epoch, from: msg.leo, entries: [], hw: 0, err: 'NotLeader' });
      return s;
    }
    const log = s.logs![p]!;
    if (msg.leo > log.length || (msg.leo > 0 && entryKey(log[msg.leo - 1]) !== msg.last)) {
      ctx.send(f, { t: 'Truncate', p, epoch: v.epoch, to: Math.min(msg.leo - 1, log.length) });
      return s;
    }
    const view: PartView = { ...v, leos: setAt(v.leos, f, msg.leo), parked: msg.leo < log.length ? v.parked & ~bit(f) : v.parked | bit(f) };
    const after = advance(withPart(s, p, view), p, ctx);
    if (msg.leo < log.length) ctx.send(f, { t: 'FetchResp', p, epoch: v.epoch, from: msg.leo, entries: log.slice(msg.leo), hw: after.hws![p]! });
    return after;
  };

  const onFetchResp = (s: LogNode, msg: Extract<LogMsg, { t: 'FetchResp' }>, from: NodeId, ctx: Ctx): LogNode => {
    const { p } = msg;
    const v = s.parts![p]!;
    if (v.leader !== from || v.epoch !== msg.epoch) return s;
    const log = s.logs![p]!;
    if (msg.err !== undefined || msg.from !== log.length) {
      fetchFrom(s, p, ctx);
      return s;
    }
    const next = [...log, ...msg.entries];
    const hw = Math.max(s.hws![p]!, Math.min(msg.hw, next.length));
    const after = withPart(s, p, v, next, hw);
    fetchFrom(after, p, ctx);
    return after;
  };

  const onLeaderAndIsr = (s: LogNode, msg: Extract<LogMsg, { t: 'LeaderAndIsr' }>, ctx: Ctx): LogNode => {
    const { p } = msg;
    const v = s.parts![p]!;
    if (msg.epoch < v.epoch) return s;
    if (msg.epoch === v.epoch && msg.leader === v.leader) {
      if (msg.leader !== ctx.self) return s;
      return advance(withPart(s, p, { ...v, isr: msg.isr }), p, ctx); // the ISR changed
    }
    for (const w of v.waiting) ctx.send(w.from, { t: 'ProduceResp', p, m: w.m, err: 'NotLeader' });
    if (msg.leader === ctx.self) {
      const view: PartView = { leader: ctx.self, epoch: msg.epoch, isr: msg.isr, leos: new Array<number>(B).fill(0), parked: 0, waiting: [] };
      return advance(withPart(s, p, view), p, ctx);
    }
    const after = withPart(s, p, { ...emptyView(), leader: msg.leader, epoch: msg.epoch });
    fetchFrom(after, p, ctx);
    return after;
  };

  // ---------- controller ----------

  type Ctl = NonNullable<LogNode['ctl']>;
  const announce = (ctl: Ctl, p: number, leaderChanged: boolean, ctx: Ctx) => {
    const c = ctl.parts[p]!;
    for (const r of c.replicas) if (!has(ctl.down, r)) ctx.send(r, { t: 'LeaderAndIsr', p, leader: c.leader, epoch: c.epoch, isr: c.isr });
    if (leaderChanged) for (let i = 0; i < o.producers; i++) ctx.send(producerNode(i), { t: 'Metadata', p, leader: c.leader, epoch: c.epoch, count: ctl.count });
  };

  const ctlPeerCrash = (ctl: Ctl, b: number, ctx: Ctx): Ctl => {
    if (b >= B) return ctl;
    let next: Ctl = { ...ctl, down: ctl.down | bit(b) };
    for (let p = 0; p < next.count; p++) {
      const c = next.parts[p]!;
      if (!c.replicas.includes(b)) continue;
      let updated: CtlPart;
      if (c.leader === b) {
        const alive = c.replicas.filter((r) => !has(next.down, r));
        const clean = alive.find((r) => has(c.isr, r));
        if (clean !== undefined) updated = { ...c, leader: clean, epoch: c.epoch + 1, isr: c.isr & ~bit(b) };
        else if (o.unclean && alive.length > 0) updated = { ...c, leader: alive[0]!, epoch: c.epoch + 1, isr: bit(alive[0]!) };
        else updated = { ...c, leader: -1, epoch: c.epoch + 1 }; // offline; the ISR keeps its last member
      } else if (has(c.isr, b)) {
        updated = { ...c, isr: c.isr & ~bit(b) };
      } else continue;
      next = { ...next, parts: setAt(next.parts, p, updated) };
      announce(next, p, updated.leader !== c.leader, ctx);
    }
    return next;
  };

  const ctlRegister = (ctl: Ctl, b: number, ctx: Ctx): Ctl => {
    let next: Ctl = { ...ctl, down: ctl.down & ~bit(b) };
    for (let p = 0; p < next.count; p++) {
      const c = next.parts[p]!;
      if (!c.replicas.includes(b)) continue;
      if (c.leader === -1 && (has(c.isr, b) || o.unclean)) {
        const updated = { ...c, leader: b, epoch: c.epoch + 1, isr: bit(b) };
        next = { ...next, parts: setAt(next.parts, p, updated) };
        announce(next, p, true, ctx);
      } else {
        ctx.send(b, { t: 'LeaderAndIsr', p, leader: c.leader, epoch: c.epoch, isr: c.isr });
      }
    }
    return next;
  };

  // ---------- producers ----------

  type Prod = NonNullable<LogNode['prod']>;
  const sendProduce = (pr: Prod, q: Outgoing, ctx: Ctx) => {
    const leader = pr.leaders[q.p]!;
    if (leader >= 0) ctx.send(leader, { t: 'Produce', p: q.p, m: q.m, s: q.s });
  };
  /** Sends queued messages while their partition has room in flight, keeping each partition's order. */
  const pump = (pr: Prod, ctx: Ctx): Prod => {
    let inflight = pr.inflight;
    const queue: Outgoing[] = [];
    const blocked = new Set<number>();
    for (const q of pr.queue) {
      if (blocked.has(q.p) || inflight.filter((x) => x.p === q.p).length >= o.inflight) {
        blocked.add(q.p);
        queue.push(q);
        continue;
      }
      sendProduce(pr, q, ctx);
      if (o.acks === '0') {
        ctx.reply(q.m, { p: q.p, off: -1 });
        continue;
      }
      ctx.setTimer(`retry#${q.m}`, 1);
      inflight = [...inflight, q].sort((a, b) => a.m - b.m);
    }
    return inflight === pr.inflight && queue.length === pr.queue.length ? pr : { ...pr, inflight, queue };
  };
  const done = (pr: Prod, m: number, ctx: Ctx): Prod => {
    ctx.cancelTimer(`retry#${m}`);
    return pump({ ...pr, inflight: pr.inflight.filter((x) => x.m !== m) }, ctx);
  };

  const maxP = o.maxPartitions;
  return {
    nodes,
    init(node) {
      if (node < B) {
        return {
          logs: Array.from({ length: maxP }, () => []),
          hws: new Array<number>(maxP).fill(0),
          parts: Array.from({ length: maxP }, (_, p) => initialView(p, node)),
        };
      }
      if (node === controller) {
        const parts = Array.from({ length: maxP }, (_, p): CtlPart => {
          if (p >= o.partitions) return { replicas: [], leader: -1, epoch: -1, isr: 0 };
          const rs = replicas(p);
          return { replicas: rs, leader: rs[0]!, epoch: 0, isr: rs.reduce((acc, r) => acc | bit(r), 0) };
        });
        return { ctl: { count: o.partitions, down: 0, parts } };
      }
      return {
        prod: {
          count: o.partitions,
          leaders: Array.from({ length: maxP }, (_, p) => (p < o.partitions ? replicas(p)[0]! : -1)),
          epochs: Array.from({ length: maxP }, (_, p) => (p < o.partitions ? 0 : -1)),
          seqs: o.idempotent ? new Array<number>(maxP).fill(0) : [],
          inflight: [],
          queue: [],
        },
      };
    },
    durable: ['logs', 'hws'],

    onRequest(s, req, ctx) {
      const input = req.input;
      if (input.f === 'send') {
        const pr = s.prod!;
        const p = hashKey(input.key) % pr.count;
        const seq = o.idempotent ? pr.seqs[p]! : -1;
        const seqs = o.idempotent ? setAt(pr.seqs, p, seq + 1) : pr.seqs;
        return { ...s, prod: pump({ ...pr, seqs, queue: [...pr.queue, { m: req.op, p, s: seq }] }, ctx) };
      }
      if (input.f === 'poll') {
        const v = s.parts![input.p]!;
        if (v.leader !== ctx.self) {
          ctx.fail(req.op, 'NotLeader');
          return s;
        }
        const log = s.logs![input.p]!;
        ctx.reply(req.op, { p: input.p, read: log.slice(0, o.readCommitted ? s.hws![input.p]! : log.length).map((e) => e.m) });
        return s;
      }
      // The admin adds partitions: the new ones get their replicas and leader; producers learn the count.
      const ctl = s.ctl!;
      let parts = ctl.parts;
      for (let p = ctl.count; p < input.count; p++) {
        const rs = replicas(p);
        parts = setAt(parts, p, { replicas: rs, leader: rs[0]!, epoch: 0, isr: rs.reduce((acc, r) => acc | bit(r), 0) });
      }
      const next = { ...ctl, count: input.count, parts };
      for (let p = ctl.count; p < input.count; p++) announce(next, p, true, ctx);
      ctx.reply(req.op, { count: input.count });
      return { ...s, ctl: next };
    },

    onMessage(s, msg, from, ctx) {
      switch (msg.t) {
        case 'Produce':
          return onProduce(s, msg, from, ctx);
        case 'Fetch':
          return onFetch(s, msg, from, ctx);
        case 'FetchResp':
          return onFetchResp(s, msg, from, ctx);
        case 'Truncate': {
          const v = s.parts![msg.p]!;
          if (v.leader !== from || v.epoch !== msg.epoch) return s;
          const after = withPart(s, msg.p, v, s.logs![msg.p]!.slice(0, msg.to), Math.min(s.hws![msg.p]!, msg.to));
          fetchFrom(after, msg.p, ctx);
          return after;
        }
        case 'LeaderAndIsr':
          return onLeaderAndIsr(s, msg, ctx);
        case 'Register':
          return { ...s, ctl: ctlRegister(s.ctl!, from, ctx) };
        case 'Metadata': {
          const pr = s.prod!;
          const count = Math.max(pr.count, msg.count);
          if (msg.epoch < pr.epochs[msg.p]! && count === pr.count) return s;
          const newer = msg.epoch >= pr.epochs[msg.p]!;
          return {
            ...s,
            prod: {
              ...pr,
              count,
              leaders: newer ? setAt(pr.leaders, msg.p, msg.leader) : pr.leaders,
              epochs: newer ? setAt(pr.epochs, msg.p, msg.epoch) : pr.epochs,
            },
          };
        }
        case 'ProduceResp': {
          const pr = s.prod!;
          if (!pr.inflight.some((x) => x.m === msg.m)) return s; // already answered
          if (msg.err === undefined) {
            ctx.reply(msg.m, { p: msg.p, off: msg.off! });
            return { ...s, prod: done(pr, msg.m, ctx) };
          }
          if (o.retries) return s; // retried when its timer fires (retry backoff)
          ctx.fail(msg.m, msg.err);
          return { ...s, prod: done(pr, msg.m, ctx) };
        }
      }
    },

    onTimer(s, name, ctx) {
      const m = Number(name.split('#')[1]);
      const pr = s.prod!;
      const q = pr.inflight.find((x) => x.m === m);
      if (!q) return s;
      if (!o.retries) {
        ctx.fail(m, 'timeout');
        return { ...s, prod: done(pr, m, ctx) };
      }
      sendProduce(pr, q, ctx);
      ctx.setTimer(name, 1);
      return s;
    },

    onPeerCrash(s, peer, ctx) {
      return s.ctl ? { ...s, ctl: ctlPeerCrash(s.ctl, peer, ctx) } : s;
    },

    onRestart(s, ctx) {
      // Leadership is volatile: wait to hear from the controller.
      ctx.send(controller, { t: 'Register' });
      return { ...s, parts: s.parts!.map(() => emptyView()) };
    },
  };
}

function sortWaiting(list: Waiting[]): Waiting[] {
  return list.sort((a, b) => a.m - b.m || a.end - b.end);
}

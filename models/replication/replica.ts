import type { RegisterOp, RegisterResult } from '../../properties/history/index.ts';
import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import type { ReplicaMsg, Value } from './messages.ts';
import { list, members, nodeName } from './render.ts';

/**
 * Primary-backup replication of a register (single master when there is one replica). The
 * leader (n0 at the start) appends each write to its log and ships it to the followers; it
 * acknowledges the write by the design's rule; reads are served by the leader, or by any replica.
 * When the leader crashes, a failure detector tells the others and a follower takes over.
 */
export interface ReplicaDesign {
  /** A write reaches the disk in a step of its own (a flush); before it, the write is in memory only. */
  readonly flush: boolean;
  /**
   * When the leader acknowledges a write: at once (`on-receipt`: from memory, or before any
   * follower has it), once flushed to its disk, once a majority of replicas hold it, or once every
   * follower that is up holds it (synchronous replication).
   */
  readonly ack: 'on-receipt' | 'flushed' | 'majority' | 'all';
  /** Who serves reads: only the leader, or any replica from its own copy. */
  readonly reads: 'leader' | 'any';
  /** What the leader's reads return: the last acknowledged write, or the latest it holds (even in memory). */
  readonly leaderReads: 'committed' | 'latest';
  /**
   * Failover after the leader crashes: none; the next replica in line (the lowest-numbered one up)
   * takes over, whatever it holds; or the followers compare logs and the most up-to-date one does.
   */
  readonly promotion: 'none' | 'next' | 'most-up-to-date';
  /** Whether a follower takes entries in log order (waiting for the gaps), or appends each as it arrives. */
  readonly inOrder: boolean;
}

/** A write the leader has not acknowledged yet. */
export interface PendingWrite {
  readonly op: number;
  readonly index: number;
  /** Bit set of the followers that hold it. */
  readonly acks: number;
}

/** A replica's state. `log` and `epoch` are on disk; the rest is lost at a crash. */
export interface ReplicaState {
  /** This replica's own id (never changes; for its trace line). */
  readonly self: NodeId;
  /** The entries on disk. */
  readonly log: readonly Value[];
  /** Entries appended after `log` but not flushed yet (only with `flush`). */
  readonly memory: readonly Value[];
  /** The leadership this replica follows or holds; a higher one fences the older. */
  readonly epoch: number;
  /** The leader it follows (itself when leading), or -1 when it knows of none. */
  readonly leader: NodeId;
  /** As leader: how many entries are acknowledged (committed). */
  readonly commit: number;
  readonly pending: readonly PendingWrite[];
  /** Bit set of the peers the failure detector reported crashed. */
  readonly down: number;
  /** During a failover: the log lengths the followers reported, by node (-1: not yet). */
  readonly positions: readonly number[];
}

/** Timers: the disk write of the entries in memory; taking over as leader. */
export type ReplicaTimer = { readonly type: 'flush' } | { readonly type: 'promote' };

type Ctx = RoleContext<ReplicaMsg, RegisterResult, ReplicaTimer>;

const bit = (node: NodeId) => 1 << node;
const count = (bits: number) => {
  let k = 0;
  for (; bits; bits &= bits - 1) k++;
  return k;
};
/** Everything the replica holds, on disk then in memory. */
export const entriesOf = (s: ReplicaState): readonly Value[] => (s.memory.length === 0 ? s.log : [...s.log, ...s.memory]);
const last = (entries: readonly Value[]): Value => entries[entries.length - 1] ?? 0;

/**
 * Messages that can no longer change anything (for the layer's `obsolete` sweep). Epochs only
 * grow and a replica's log only grows within an epoch, so a message fenced or answered now stays so.
 */
export function replicaObsolete(msg: ReplicaMsg, from: NodeId, to: NodeId, state: (node: NodeId) => ReplicaState): boolean {
  const receiver = state(to);
  switch (msg.type) {
    case 'Replicate': {
      if (msg.epoch < receiver.epoch) return true;
      const sender = state(from);
      const awaited = sender.leader === from && sender.epoch === msg.epoch && sender.pending.some((w) => w.index <= msg.index && (w.acks & bit(to)) === 0);
      return msg.epoch === receiver.epoch && receiver.leader === from && msg.index < entriesOf(receiver).length && !awaited;
    }
    case 'Ack':
      return receiver.leader !== to || receiver.epoch !== msg.epoch || !receiver.pending.some((w) => w.index <= msg.index && (w.acks & bit(from)) === 0);
    case 'Position':
      return receiver.positions.length === 0 || msg.epoch !== receiver.epoch;
    case 'NewLeader':
      return msg.epoch <= receiver.epoch;
  }
}

/** The replica role for one design. */
export function replicaRole(design: ReplicaDesign) {
  const replicas = (ctx: Ctx) => ctx.nodes('replica');
  /** The other replicas the failure detector has not reported down. */
  const liveOthers = (s: ReplicaState, ctx: Ctx) => replicas(ctx).filter((n) => n !== ctx.self && (s.down & bit(n)) === 0);

  /** Whether the entry at `index` meets the acknowledgement rule. */
  const acknowledged = (s: ReplicaState, write: PendingWrite, ctx: Ctx): boolean => {
    switch (design.ack) {
      case 'on-receipt':
        return true;
      case 'flushed':
        return write.index < s.log.length;
      case 'majority':
        return 2 * (count(write.acks) + 1) > replicas(ctx).length;
      case 'all':
        return liveOthers(s, ctx).every((n) => (write.acks & bit(n)) !== 0);
    }
  };

  /** Commits the longest prefix of pending writes that meets the rule, and answers their clients. */
  const advance = (s: ReplicaState, ctx: Ctx): ReplicaState => {
    let commit = s.commit;
    const pending = [...s.pending];
    while (pending.length > 0 && pending[0]!.index === commit && acknowledged(s, pending[0]!, ctx)) {
      ctx.reply(pending.shift()!.op, {});
      commit++;
    }
    return commit === s.commit ? s : { ...s, commit, pending };
  };

  /** Takes over as leader of the next epoch, with its own log, and tells the others. */
  const promote = (s: ReplicaState, ctx: Ctx): ReplicaState => {
    const epoch = s.epoch + 1;
    const log = entriesOf(s);
    ctx.broadcast(liveOthers(s, ctx), { type: 'NewLeader', epoch, log });
    return { ...s, log, memory: [], epoch, leader: ctx.self, commit: log.length, pending: [], positions: [] };
  };

  /** During a failover: once every live follower has reported, the most up-to-date one (lowest id on a tie) takes over. */
  const decide = (s: ReplicaState, ctx: Ctx): ReplicaState => {
    const live = [ctx.self, ...liveOthers(s, ctx)];
    if (live.some((n) => (s.positions[n] ?? -1) < 0)) return s;
    const best = live.reduce((a, b) => (s.positions[b]! > s.positions[a]! || (s.positions[b] === s.positions[a] && b < a) ? b : a));
    return best === ctx.self ? promote(s, ctx) : { ...s, positions: [] };
  };

  const read = (s: ReplicaState, op: number, ctx: Ctx): ReplicaState => {
    if (s.leader === ctx.self) {
      const entries = entriesOf(s);
      ctx.reply(op, { value: design.leaderReads === 'latest' ? last(entries) : last(entries.slice(0, s.commit)) });
    } else if (design.reads === 'any') {
      ctx.reply(op, { value: last(entriesOf(s)) });
    } else {
      ctx.fail(op, 'not leader');
    }
    return s;
  };

  const write = (s: ReplicaState, op: number, value: Value, ctx: Ctx): ReplicaState => {
    if (s.leader !== ctx.self) {
      ctx.fail(op, 'not leader');
      return s;
    }
    const index = entriesOf(s).length;
    ctx.broadcast(liveOthers(s, ctx), { type: 'Replicate', epoch: s.epoch, index, value });
    if (design.flush) ctx.setTimer({ type: 'flush' }, 0);
    const stored = design.flush ? { memory: [...s.memory, value] } : { log: [...s.log, value] };
    return advance({ ...s, ...stored, pending: [...s.pending, { op, index, acks: 0 }] }, ctx);
  };

  return defineRole<ReplicaState, ReplicaMsg, RegisterOp, RegisterResult, ReplicaTimer>({
    init: (node) => ({ self: node.id, log: [], memory: [], epoch: 0, leader: 0, commit: 0, pending: [], down: 0, positions: [] }),
    durable: ['log', 'epoch'],

    onRequest: (s, request, ctx) => (request.input.f === 'read' ? read(s, request.op, ctx) : write(s, request.op, request.input.value as Value, ctx)),

    on: {
      Replicate(s, msg, from, ctx) {
        if (msg.epoch !== s.epoch || from !== s.leader) return s; // fenced: not the leader this replica follows
        const have = entriesOf(s).length;
        if (msg.index === have || (!design.inOrder && msg.index > have)) s = { ...s, log: [...s.log, msg.value] };
        ctx.send(from, { type: 'Ack', epoch: s.epoch, index: msg.index });
        return s;
      },
      Ack(s, msg, from, ctx) {
        if (s.leader !== ctx.self || msg.epoch !== s.epoch) return s;
        const pending = s.pending.map((w) => (w.index <= msg.index ? { ...w, acks: w.acks | bit(from) } : w));
        return advance({ ...s, pending }, ctx);
      },
      Position(s, msg, from, ctx) {
        if (s.positions.length === 0 || msg.epoch !== s.epoch) return s; // not in this failover
        return decide({ ...s, positions: s.positions.map((p, n) => (n === from ? msg.length : p)) }, ctx);
      },
      NewLeader(s, msg, from) {
        if (msg.epoch <= s.epoch) return s;
        return { ...s, log: msg.log, memory: [], epoch: msg.epoch, leader: from, commit: 0, pending: [], positions: [] };
      },
    },

    // Entries arrive in any order on an unordered network; a follower takes them in log order.
    defer: (s, msg) => design.inOrder && msg.type === 'Replicate' && msg.epoch === s.epoch && msg.index > entriesOf(s).length,

    onTimer(s, timer, ctx) {
      if (timer.type === 'promote') return s.leader === -1 ? promote(s, ctx) : s;
      return advance({ ...s, log: entriesOf(s), memory: [] }, ctx);
    },

    onPeerCrash(s, peer, ctx) {
      const down = s.down | bit(peer);
      if (s.leader === ctx.self) return advance({ ...s, down }, ctx); // synchronous replication stops waiting for it
      if (peer !== s.leader || design.promotion === 'none') return { ...s, down };
      const after: ReplicaState = { ...s, down, leader: -1 };
      if (design.promotion === 'next') {
        if (liveOthers(after, ctx).every((n) => n > ctx.self)) ctx.setTimer({ type: 'promote' }, 0);
        return after;
      }
      const length = entriesOf(s).length;
      ctx.broadcast(liveOthers(after, ctx), { type: 'Position', epoch: s.epoch, length });
      const positions = replicas(ctx).map((n) => (n === ctx.self ? length : -1));
      return decide({ ...after, positions }, ctx);
    },

    // Alone, a restarted master leads again with what is on its disk; with failover it stays out
    // (another replica may lead by now) until a NewLeader tells it otherwise.
    describe: describeReplica,

    onRestart: (s, ctx) => (design.promotion === 'none' && replicas(ctx).length === 1 ? { ...s, leader: ctx.self, commit: s.log.length } : { ...s, leader: -1 }),
  });
}

/** The state's line in traces. */
function describeReplica(s: ReplicaState): string {
  const self = s.self;
  const log = `log ${list(s.log)}${s.memory.length > 0 ? ` + in memory ${list(s.memory)}` : ''}`;
  if (s.leader === self) {
    const pending = s.pending.map((w) => ` #${w.index} awaits acks, has ${members(w.acks, nodeName)}`).join(';');
    return `leads e${s.epoch}, ${log}, ${s.commit} acknowledged${pending}`;
  }
  if (s.leader < 0) return `no leader (e${s.epoch})${s.positions.length > 0 ? `, electing: positions ${s.positions.map((p, n) => `${nodeName(n)}=${p < 0 ? '?' : p}`).join(' ')}` : ''}, ${log}`;
  return `follows ${nodeName(s.leader)} (e${s.epoch}), ${log}`;
}

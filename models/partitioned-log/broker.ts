import { defineRole, type NodeId, type RoleContext } from '../../src/system/index.ts';
import { entryKey, type AlterIsrResponse, type Entry, type EpochEnd, type Fetch, type FetchResponse, type LeaderAndIsr, type LogInput, type LogMessage, type LogOutput, type OffsetsForLeaderEpoch, type Poll, type Produce, type Truncate, type WaitingProduce } from './messages.ts';
import type { LogSetup } from './setup.ts';
import { bit, controllerOf, has, membersOf, replaceAt, replicasOf, setOf, sizeOf, type Topology } from './topology.ts';
import type { LogTimer } from './producer.ts';

/**
 * A broker: for each partition it replicates, a log and a high watermark (both durable) and its
 * volatile view of the partition's leadership. As leader it appends produced messages, answers
 * followers' fetches and advances the high watermark to the least log end over the ISR; as
 * follower it pulls from the leader (a Fetch always outstanding, parked at the leader until new
 * data arrives) and truncates where its log diverges.
 */
export interface BrokerState {
  readonly logs: readonly (readonly Entry[])[];
  readonly highWatermarks: readonly number[];
  readonly partitions: readonly PartitionView[];
}

/** A broker's volatile view of one partition. */
export interface PartitionView {
  /** The leader as this broker last heard, -1 unknown or none. */
  readonly leader: number;
  readonly epoch: number;
  /** In-sync replicas (a bit set), as the leader knows them. */
  readonly isr: number;
  /** The version of that ISR (the controller's count of changes). */
  readonly version: number;
  /** Followers the leader asked the controller to add back to the ISR, not yet answered. */
  readonly returning: number;
  /** The leader's record of each follower's log end. */
  readonly followerEnds: readonly number[];
  /** Followers whose fetch the leader holds until new data arrives (a bit set). */
  readonly parked: number;
  /** Produce requests waiting (acks=all) for the high watermark. */
  readonly waiting: readonly WaitingProduce[];
}

type Ctx = RoleContext<LogMessage, LogOutput, LogTimer>;

const unknownView: PartitionView = { leader: -1, epoch: -1, isr: 0, version: -1, returning: 0, followerEnds: [], parked: 0, waiting: [] };
const sortWaiting = (list: WaitingProduce[]) => list.sort((a, b) => a.message - b.message || a.end - b.end);

/** The broker role of a topic laid out by `topology`, built with the design choices of `setup`. */
export function brokerRole(topology: Topology, setup: LogSetup, producerOf: (message: number) => number) {
  const B = topology.brokers;
  const controller = controllerOf(topology);

  const initialView = (p: number, self: number): PartitionView => {
    const replicas = replicasOf(p, B, topology.replication);
    if (p >= topology.partitions || !replicas.includes(self)) return unknownView;
    const leader = replicas[0]!;
    if (self !== leader) return { ...unknownView, leader, epoch: 0 };
    // The followers' first fetches (from offset 0) are parked at the leader.
    const isr = setOf(replicas);
    return { leader, epoch: 0, isr, version: 0, returning: 0, followerEnds: new Array<number>(B).fill(0), parked: isr & ~bit(leader), waiting: [] };
  };

  const update = (s: BrokerState, p: number, view: PartitionView, log?: readonly Entry[], highWatermark?: number): BrokerState => ({
    partitions: replaceAt(s.partitions, p, view),
    logs: log !== undefined ? replaceAt(s.logs, p, log) : s.logs,
    highWatermarks: highWatermark !== undefined ? replaceAt(s.highWatermarks, p, highWatermark) : s.highWatermarks,
  });

  /** The high watermark the ISR's log ends allow: their least (or, the mistake, their greatest). */
  const replicatedEnd = (s: BrokerState, p: number, self: NodeId): number => {
    const view = s.partitions[p]!;
    const counted = setup.expansion === 'maximal' ? view.isr | view.returning : view.isr;
    const ends = membersOf(counted, B).map((r) => (r === self ? s.logs[p]!.length : (view.followerEnds[r] ?? 0)));
    return setup.highWatermark === 'min' ? Math.min(s.logs[p]!.length, ...ends) : Math.max(...ends, 0);
  };

  /** Leader: advances the high watermark and answers the produce requests it now covers. */
  const advance = (s: BrokerState, p: number, ctx: Ctx): BrokerState => {
    const view = s.partitions[p]!;
    const highWatermark = Math.max(s.highWatermarks[p]!, Math.min(replicatedEnd(s, p, ctx.self), s.logs[p]!.length));
    const covered = view.waiting.filter((w) => w.end <= highWatermark);
    for (const w of covered) {
      if (sizeOf(view.isr) < topology.minInsync) ctx.send(w.from, { type: 'ProduceResponse', partition: p, message: w.message, error: 'NotEnoughReplicasAfterAppend' });
      else ctx.send(w.from, { type: 'ProduceResponse', partition: p, message: w.message, offset: w.end - 1 });
    }
    if (highWatermark === s.highWatermarks[p] && covered.length === 0) return s;
    return update(s, p, { ...view, waiting: view.waiting.filter((w) => w.end > highWatermark) }, undefined, highWatermark);
  };

  /** Follower: asks the leader for the entries after its log end. */
  const fetchFromLeader = (s: BrokerState, p: number, ctx: Ctx) => {
    const view = s.partitions[p]!;
    const log = s.logs[p]!;
    if (view.leader >= 0 && view.leader !== ctx.self) {
      ctx.send(view.leader, { type: 'Fetch', partition: p, epoch: view.epoch, logEnd: log.length, lastEntry: entryKey(log[log.length - 1]) });
    }
  };

  /** The offset of a duplicate of `msg` already in the log, or -1 if it is new; 'out-of-order' if a sequence number was skipped. */
  const duplicateOf = (log: readonly Entry[], msg: Produce): number | 'out-of-order' => {
    const producer = producerOf(msg.message);
    const comparable = (e: Entry) => e.sequence >= 0 && (setup.sequenceScope === 'partition' || producerOf(e.message) === producer);
    const mine = log.filter(comparable);
    const lastSequence = mine.length > 0 ? mine[mine.length - 1]!.sequence : -1;
    if (msg.sequence > lastSequence + 1) return 'out-of-order';
    if (msg.sequence > lastSequence) return -1;
    return log.findIndex((e) => comparable(e) && e.sequence === msg.sequence);
  };

  /** Leader, before an append at `end` (or on taking over, with `end` 0): each in-sync follower caught up until now has one tick to fetch it (replica.lag.time.max.ms). */
  const watchLag = (view: PartitionView, p: number, end: number, ctx: Ctx) => {
    if (setup.shrinkOnLag === 'off') return;
    for (const follower of membersOf(view.isr & ~bit(ctx.self), B)) {
      if ((view.followerEnds[follower] ?? 0) === end) ctx.setTimer({ type: 'lag', partition: p, follower }, 1);
    }
  };

  // ---------- produce phase (leader) ----------

  function onProduce(s: BrokerState, msg: Produce, from: NodeId, ctx: Ctx): BrokerState {
    const p = msg.partition;
    const view = s.partitions[p]!;
    const log = s.logs[p]!;
    const answer = (result: { offset: number } | { error: 'NotLeader' | 'NotEnoughReplicas' | 'OutOfOrderSequence' }) => {
      if (setup.acks !== '0') ctx.send(from, { type: 'ProduceResponse', partition: p, message: msg.message, ...result });
    };
    if (view.leader !== ctx.self) {
      answer({ error: 'NotLeader' });
      return s;
    }
    if (msg.sequence >= 0) {
      const duplicate = duplicateOf(log, msg);
      if (duplicate === 'out-of-order') {
        answer({ error: 'OutOfOrderSequence' });
        return s;
      }
      if (duplicate >= 0) {
        // A retry of a message the log already has: acknowledge it again (once replicated), do not append.
        if (setup.acks === 'all' && s.highWatermarks[p]! <= duplicate) {
          return update(s, p, { ...view, waiting: sortWaiting([...view.waiting, { message: msg.message, from, end: duplicate + 1 }]) });
        }
        answer({ offset: duplicate });
        return s;
      }
    }
    if (setup.acks === 'all' && sizeOf(view.isr) < topology.minInsync) {
      answer({ error: 'NotEnoughReplicas' });
      return s;
    }
    const appended = [...log, { message: msg.message, sequence: msg.sequence, epoch: view.epoch }];
    watchLag(view, p, log.length, ctx);
    let next: PartitionView = { ...view, parked: 0 };
    if (setup.acks === '1' || (setup.acks === 'all' && setup.ackAllWhen === 'appended')) answer({ offset: log.length });
    else if (setup.acks === 'all') next = { ...next, waiting: sortWaiting([...view.waiting, { message: msg.message, from, end: appended.length }]) };
    const after = advance(update(s, p, next, appended), p, ctx);
    // Wake the parked fetches with the new entry.
    for (const follower of membersOf(view.parked, B)) {
      const from = view.followerEnds[follower] ?? 0;
      ctx.send(follower, { type: 'FetchResponse', partition: p, epoch: view.epoch, from, entries: appended.slice(from), highWatermark: after.highWatermarks[p]! });
    }
    return after;
  }

  // ---------- replication phase ----------

  /** Leader: a follower asks for entries from its log end. */
  function onFetch(s: BrokerState, msg: Fetch, follower: NodeId, ctx: Ctx): BrokerState {
    const p = msg.partition;
    const view = s.partitions[p]!;
    if (msg.epoch < view.epoch) return s; // fenced: the follower refetches once it hears of the new epoch
    if (view.leader !== ctx.self || msg.epoch > view.epoch) {
      ctx.send(follower, { type: 'FetchResponse', partition: p, epoch: msg.epoch, from: msg.logEnd, entries: [], highWatermark: 0, error: 'NotLeader' });
      return s;
    }
    const log = s.logs[p]!;
    const beyond = msg.logEnd > log.length;
    const diverged = setup.truncation === 'fenced' && msg.logEnd > 0 && entryKey(log[msg.logEnd - 1]) !== msg.lastEntry;
    if (beyond || diverged) {
      // Step back one entry at a time until the follower's last entry matches.
      ctx.send(follower, { type: 'Truncate', partition: p, epoch: view.epoch, to: Math.min(msg.logEnd - 1, log.length) });
      return s;
    }
    const caughtUp = msg.logEnd === log.length;
    if (caughtUp && setup.shrinkOnLag !== 'off') ctx.cancelTimer({ type: 'lag', partition: p, follower });
    let next: PartitionView = { ...view, followerEnds: replaceAt(view.followerEnds, follower, msg.logEnd), parked: caughtUp ? view.parked | bit(follower) : view.parked & ~bit(follower) };
    if (!has(view.isr | view.returning, follower) && msg.logEnd >= s.highWatermarks[p]!) {
      // The follower has every committed record: ask the controller to take it back into the ISR.
      next = { ...next, returning: view.returning | bit(follower) };
      ctx.send(controller, { type: 'AlterIsr', partition: p, epoch: view.epoch, isr: view.isr | bit(follower) });
    }
    const after = advance(update(s, p, next), p, ctx);
    if (!caughtUp) ctx.send(follower, { type: 'FetchResponse', partition: p, epoch: view.epoch, from: msg.logEnd, entries: log.slice(msg.logEnd), highWatermark: after.highWatermarks[p]! });
    return after;
  }

  /** Follower: the leader's entries arrive; append them and fetch again. */
  function onFetchResponse(s: BrokerState, msg: FetchResponse, from: NodeId, ctx: Ctx): BrokerState {
    const p = msg.partition;
    const view = s.partitions[p]!;
    if (view.leader !== from || view.epoch !== msg.epoch) return s;
    const log = s.logs[p]!;
    if (msg.error !== undefined || msg.from !== log.length) {
      fetchFromLeader(s, p, ctx);
      return s;
    }
    const appended = [...log, ...msg.entries];
    const after = update(s, p, view, appended, Math.max(s.highWatermarks[p]!, Math.min(msg.highWatermark, appended.length)));
    fetchFromLeader(after, p, ctx);
    return after;
  }

  /** Follower: the leader says its log diverges from `to` on. */
  function onTruncate(s: BrokerState, msg: Truncate, from: NodeId, ctx: Ctx): BrokerState {
    const p = msg.partition;
    const view = s.partitions[p]!;
    if (view.leader !== from || view.epoch !== msg.epoch) return s;
    const after = update(s, p, view, s.logs[p]!.slice(0, msg.to), Math.min(s.highWatermarks[p]!, msg.to));
    fetchFromLeader(after, p, ctx);
    return after;
  }

  // ---------- control phase ----------

  /** The controller names the partition's leader, epoch and ISR. */
  function onLeaderAndIsr(s: BrokerState, msg: LeaderAndIsr, _from: NodeId, ctx: Ctx): BrokerState {
    const p = msg.partition;
    const view = s.partitions[p]!;
    if (msg.epoch < view.epoch) return s;
    if (msg.epoch === view.epoch && msg.leader === view.leader) {
      // The ISR changed (a follower failed, or rejoined): a late, older version changes nothing.
      if (msg.leader !== ctx.self || msg.version <= view.version) return s;
      return advance(update(s, p, { ...view, isr: msg.isr, version: msg.version, returning: view.returning & ~msg.isr }), p, ctx);
    }
    for (const w of view.waiting) ctx.send(w.from, { type: 'ProduceResponse', partition: p, message: w.message, error: 'NotLeader' });
    if (msg.leader === ctx.self) {
      const leading: PartitionView = { leader: ctx.self, epoch: msg.epoch, isr: msg.isr, version: msg.version, returning: 0, followerEnds: new Array<number>(B).fill(0), parked: 0, waiting: [] };
      // A new leader does not know its followers' log ends yet: each has one tick to fetch up to its log end.
      watchLag(leading, p, 0, ctx);
      return advance(update(s, p, leading), p, ctx);
    }
    const following: PartitionView = { ...unknownView, leader: msg.leader, epoch: msg.epoch };
    const last = s.logs[p]![s.logs[p]!.length - 1];
    if (setup.truncation === 'epoch-lookup' && last !== undefined) {
      // KIP-101: find where the log diverges before fetching.
      ctx.send(msg.leader, { type: 'OffsetsForLeaderEpoch', partition: p, epoch: msg.epoch, lastEpoch: last.epoch });
      return update(s, p, following);
    }
    // Before KIP-101 a new follower cut its log back to its own high watermark.
    const log = setup.truncation === 'high-watermark' ? s.logs[p]!.slice(0, s.highWatermarks[p]!) : undefined;
    const after = update(s, p, following, log);
    fetchFromLeader(after, p, ctx);
    return after;
  }

  /**
   * Leader (KIP-101): where the epoch of a follower's last entry ends in this log: the log end if
   * the last entry has that epoch, else the first offset of a later epoch; -1 for neither.
   */
  function onOffsetsForLeaderEpoch(s: BrokerState, msg: OffsetsForLeaderEpoch, follower: NodeId, ctx: Ctx): BrokerState {
    const log = s.logs[msg.partition]!;
    const last = log[log.length - 1];
    const end = last?.epoch === msg.lastEpoch ? log.length : log.findIndex((e) => e.epoch > msg.lastEpoch);
    ctx.send(follower, { type: 'EpochEnd', partition: msg.partition, epoch: msg.epoch, end });
    return s;
  }

  /** Follower (KIP-101): truncate where the leader says, or to its own high watermark when the leader could not say; then fetch. */
  function onEpochEnd(s: BrokerState, msg: EpochEnd, from: NodeId, ctx: Ctx): BrokerState {
    const p = msg.partition;
    const view = s.partitions[p]!;
    if (view.leader !== from || view.epoch !== msg.epoch) return s;
    const to = Math.min(msg.end < 0 ? s.highWatermarks[p]! : msg.end, s.logs[p]!.length);
    const after = update(s, p, view, s.logs[p]!.slice(0, to), Math.min(s.highWatermarks[p]!, to));
    fetchFromLeader(after, p, ctx);
    return after;
  }

  /**
   * Leader: a follower has not caught up within a tick of the clock. Ask the controller to drop it
   * from the ISR (the answer, AlterIsrResponse, sets the ISR), or with the `local` mistake drop it
   * at once.
   */
  function onLag(s: BrokerState, p: number, follower: number, ctx: Ctx): BrokerState {
    const view = s.partitions[p]!;
    if (view.leader !== ctx.self || !has(view.isr, follower) || (view.followerEnds[follower] ?? 0) >= s.logs[p]!.length) return s;
    const isr = view.isr & ~bit(follower);
    ctx.send(controller, { type: 'AlterIsr', partition: p, epoch: view.epoch, isr });
    return setup.shrinkOnLag === 'local' ? advance(update(s, p, { ...view, isr }), p, ctx) : s;
  }

  /**
   * Leader: the controller answers one of its ISR changes. The followers whose return that request
   * proposed are settled (it stops counting those the controller did not take); a shrink's answer
   * leaves a return still waiting for its own.
   */
  function onAlterIsrResponse(s: BrokerState, msg: AlterIsrResponse, _from: NodeId, ctx: Ctx): BrokerState {
    const p = msg.partition;
    const view = s.partitions[p]!;
    if (view.leader !== ctx.self || view.epoch !== msg.epoch) return s;
    const current = msg.version > view.version ? { isr: msg.isr, version: msg.version } : {};
    return advance(update(s, p, { ...view, ...current, returning: view.returning & ~msg.requested }), p, ctx);
  }

  // ---------- consume phase (leader) ----------

  function onPoll(s: BrokerState, msg: Poll, from: NodeId, ctx: Ctx): BrokerState {
    const p = msg.partition;
    if (s.partitions[p]!.leader !== ctx.self) {
      ctx.send(from, { type: 'PollResponse', partition: p, operation: msg.operation, messages: [], error: 'NotLeader' });
      return s;
    }
    const log = s.logs[p]!;
    const visible = setup.readCommitted ? s.highWatermarks[p]! : log.length;
    ctx.send(from, { type: 'PollResponse', partition: p, operation: msg.operation, messages: log.slice(0, visible).map((e) => e.message) });
    return s;
  }

  return defineRole<BrokerState, LogMessage, LogInput, LogOutput, LogTimer>({
    init: (node) => ({
      logs: Array.from({ length: topology.maxPartitions }, () => []),
      highWatermarks: new Array<number>(topology.maxPartitions).fill(0),
      partitions: Array.from({ length: topology.maxPartitions }, (_, p) => initialView(p, node.id)),
    }),
    durable: ['logs', 'highWatermarks'],
    on: {
      Produce: onProduce,
      Fetch: onFetch,
      FetchResponse: onFetchResponse,
      Truncate: onTruncate,
      LeaderAndIsr: onLeaderAndIsr,
      AlterIsrResponse: onAlterIsrResponse,
      OffsetsForLeaderEpoch: onOffsetsForLeaderEpoch,
      EpochEnd: onEpochEnd,
      Poll: onPoll,
    },
    // A lookup waits until this broker has heard of the epoch the follower follows (it then leads it, or a later one).
    defer: (s, msg) => msg.type === 'OffsetsForLeaderEpoch' && s.partitions[msg.partition]!.epoch < msg.epoch,
    onTimer: (s, timer, ctx) => (timer.type === 'lag' ? onLag(s, timer.partition, timer.follower, ctx) : s),
    onRestart(s, ctx) {
      // Leadership is volatile: wait to hear from the controller.
      ctx.send(controller, { type: 'Register' });
      return { ...s, partitions: s.partitions.map(() => unknownView) };
    },
  });
}


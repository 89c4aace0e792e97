import { defineRole, type RoleContext } from '../../src/system/index.ts';
import type { LogInput, LogMessage, LogOutput, Metadata, ProduceResponse } from './messages.ts';
import type { LogSetup } from './setup.ts';
import { hashKey, replaceAt, replicasOf, type Topology } from './topology.ts';

/** The timers of the partitioned log: a producer's retry of one message's request; a leader's wait for a follower to catch up (ISR shrink on lag). */
export type LogTimer =
  | { readonly type: 'retry'; readonly message: number }
  | { readonly type: 'lag'; readonly partition: number; readonly follower: number };

/**
 * A producer: `send` is pipelined (Kafka's `send` returns a future). A message goes to
 * partition hash(key) mod the partition count it knows, to the leader it knows, with at most
 * `inFlight` requests per partition outstanding; with idempotence it carries the partition's
 * next sequence number. A lost request or answer is retried when its timer fires.
 */
export interface ProducerState {
  /** The partition count it knows. */
  readonly count: number;
  readonly leaders: readonly number[];
  readonly epochs: readonly number[];
  /** Next sequence number per partition (idempotence only). */
  readonly sequences: readonly number[];
  /** Sent and not yet answered, by message. */
  readonly inFlight: readonly Outgoing[];
  /** Waiting for room in flight, in send order. */
  readonly queue: readonly Outgoing[];
}

/** A message on its way: its client operation, partition and sequence number. */
export interface Outgoing {
  readonly message: number;
  readonly partition: number;
  readonly sequence: number;
}

type Ctx = RoleContext<LogMessage, LogOutput, LogTimer>;

/** A client's view of the leaders after a Metadata message (shared by producers and consumers). */
export function learnLeader<V extends { readonly count: number; readonly leaders: readonly number[]; readonly epochs: readonly number[] }>(view: V, msg: Metadata): V {
  const count = Math.max(view.count, msg.partitions);
  const newer = msg.epoch >= view.epochs[msg.partition]!;
  if (!newer && count === view.count) return view;
  return {
    ...view,
    count,
    leaders: newer ? replaceAt(view.leaders, msg.partition, msg.leader) : view.leaders,
    epochs: newer ? replaceAt(view.epochs, msg.partition, msg.epoch) : view.epochs,
  };
}

/** The leaders and epochs a client knows at the start. */
export function initialLeaders(topology: Topology): { count: number; leaders: number[]; epochs: number[] } {
  const known = (p: number) => p < topology.partitions;
  return {
    count: topology.partitions,
    leaders: Array.from({ length: topology.maxPartitions }, (_, p) => (known(p) ? replicasOf(p, topology.brokers, topology.replication)[0]! : -1)),
    epochs: Array.from({ length: topology.maxPartitions }, (_, p) => (known(p) ? 0 : -1)),
  };
}

/** The producer role. */
export function producerRole(topology: Topology, setup: LogSetup) {
  const limit = topology.inFlight + (setup.inFlightLimit === 'one-more' ? 1 : 0);
  /** The partition of a message: by its key, or (the mistake) by its position in the producer's sends. */
  const partitionOf = (input: Extract<LogInput, { kind: 'send' }>, count: number) =>
    (setup.partitioner === 'key' ? hashKey(input.key) : input.index + input.producer) % count;
  const sendProduce = (s: ProducerState, q: Outgoing, ctx: Ctx) => {
    const leader = s.leaders[q.partition]!;
    if (leader >= 0) ctx.send(leader, { type: 'Produce', partition: q.partition, message: q.message, sequence: q.sequence });
  };

  /** Sends queued messages while their partition has room in flight, keeping each partition's order. */
  const pump = (s: ProducerState, ctx: Ctx): ProducerState => {
    let inFlight = s.inFlight;
    const queue: Outgoing[] = [];
    const blocked = new Set<number>();
    for (const q of s.queue) {
      if (blocked.has(q.partition) || inFlight.filter((x) => x.partition === q.partition).length >= limit) {
        blocked.add(q.partition);
        queue.push(q);
        continue;
      }
      sendProduce(s, q, ctx);
      if (setup.acks === '0') {
        ctx.reply(q.message, { partition: q.partition, offset: -1 });
        continue;
      }
      ctx.setTimer({ type: 'retry', message: q.message }, 1);
      inFlight = [...inFlight, q].sort((a, b) => a.message - b.message);
    }
    return inFlight === s.inFlight && queue.length === s.queue.length ? s : { ...s, inFlight, queue };
  };

  const finish = (s: ProducerState, message: number, ctx: Ctx): ProducerState => {
    ctx.cancelTimer({ type: 'retry', message });
    return pump({ ...s, inFlight: s.inFlight.filter((x) => x.message !== message) }, ctx);
  };

  function onProduceResponse(s: ProducerState, msg: ProduceResponse, _from: number, ctx: Ctx): ProducerState {
    if (!s.inFlight.some((x) => x.message === msg.message)) return s; // already answered
    if (msg.error === undefined) {
      ctx.reply(msg.message, { partition: msg.partition, offset: msg.offset! });
      return finish(s, msg.message, ctx);
    }
    if (setup.retries) return s; // retried when its timer fires (the retry backoff)
    ctx.fail(msg.message, msg.error);
    return finish(s, msg.message, ctx);
  }

  return defineRole<ProducerState, LogMessage, LogInput, LogOutput, LogTimer>({
    init: () => ({ ...initialLeaders(topology), sequences: setup.idempotent ? new Array<number>(topology.maxPartitions).fill(0) : [], inFlight: [], queue: [] }),
    onRequest(s, request, ctx) {
      if (request.input.kind !== 'send') return s;
      const partition = partitionOf(request.input, s.count);
      const sequence = setup.idempotent ? s.sequences[partition]! : -1;
      const sequences = setup.idempotent ? replaceAt(s.sequences, partition, sequence + 1) : s.sequences;
      return pump({ ...s, sequences, queue: [...s.queue, { message: request.op, partition, sequence }] }, ctx);
    },
    on: {
      ProduceResponse: onProduceResponse,
      Metadata: (s, msg) => learnLeader(s, msg),
    },
    onTimer(s, timer, ctx) {
      if (timer.type !== 'retry') return s;
      const q = s.inFlight.find((x) => x.message === timer.message);
      if (!q) return s;
      if (!setup.retries) {
        ctx.fail(timer.message, 'timeout');
        return finish(s, timer.message, ctx);
      }
      sendProduce(s, q, ctx);
      ctx.setTimer(timer, 1);
      return s;
    },
  });
}

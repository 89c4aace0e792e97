import { defineModel, type ParamSpec, type ParamsOf, type Property, type Variant } from '../../src/core/model.ts';
import { crash, defineSystem, drop, type ClientStep, type SystemState } from '../../src/system/index.ts';
import { perKeyOrder, perPartitionOrder, presumedIsrConsistency, type LogRecord } from '../../properties/ordering/index.ts';
import { consumedStays, noDuplicates, noLostAcknowledged, replicaConsistency, someAcknowledged, someConsumed } from '../../properties/delivery/index.ts';
import { brokerRole, type BrokerState } from './broker.ts';
import { consumerRole } from './consumer.ts';
import { controllerRole, type ControllerState } from './controller.ts';
import { isolation } from './isolation.ts';
import type { LogInput } from './messages.ts';
import { producerRole } from './producer.ts';
import { renderer } from './render.ts';
import type { LogSetup } from './setup.ts';
import { logSource } from './source.ts';
import { consumerNode, controllerOf, hashKey, producerNode, type Topology } from './topology.ts';
import { LOG_VARIANTS, type LogProperty, type LogVariant } from './variants.ts';

/**
 * Producer i sends with keys KEYS[i*k] .. KEYS[i*k + k - 1] (k = the `keys` parameter), cycling
 * through them message by message: a and b land in partitions 0 and 1 of 2; of 3, a moves to 1
 * and b stays; c lands in partition 0 of 2 and 2 of 3.
 */
export const KEYS = ['a', 'b', 'c'] as const;

/** The message script of each producer: message j of producer i has its (j mod k)-th key and is labelled by the key and its count (a1, b1, a2, ...). */
function scripts(producers: number, keys: number, messages: number) {
  const all: Extract<LogInput, { kind: 'send' }>[] = [];
  const each: (typeof all)[] = [];
  for (let i = 0; i < producers; i++) {
    const script: typeof all = [];
    const sent = new Map<string, number>();
    for (let j = 0; j < messages; j++) {
      const key = KEYS[i * keys + (j % keys)]!;
      const n = (sent.get(key) ?? 0) + 1;
      sent.set(key, n);
      script.push({ kind: 'send', key, label: `${key}${n}`, producer: i, index: j });
    }
    all.push(...script);
    each.push(script);
  }
  return { all, each };
}

/** Builds the partitioned log with `setup`'s design at parameters `p`, checked with `checks`. */
export function partitionedLog(setup: LogSetup, p: LogParams, checks: readonly LogProperty[]) {
  const topology: Topology = {
    brokers: p.brokers,
    partitions: p.partitions,
    maxPartitions: p.partitions + (setup.repartition ? 1 : 0),
    replication: p.replication,
    producers: p.producers,
    consumers: setup.polls > 0 ? 1 : 0,
    minInsync: p['min-insync'],
    inFlight: p['in-flight'],
  };
  const B = topology.brokers;
  const sends = scripts(topology.producers, p.keys, p.messages);
  const producerOf = (m: number) => sends.all[m]!.producer;
  const label = (m: number) => sends.all[m]?.label ?? `#${m}`;
  const render = renderer(label, B);

  const workload: ClientStep<LogInput>[][] = [
    ...sends.each.map((script, i) => script.map((input, j) => ({ node: producerNode(topology, i), input, pipelined: j > 0 }))),
    ...(setup.polls > 0 ? [Array.from({ length: setup.polls }, () => ({ node: consumerNode(topology, 0), input: { kind: 'poll', partition: 0 } as LogInput }))] : []),
    ...(setup.repartition ? [[{ node: controllerOf(topology), input: { kind: 'partitions', count: topology.maxPartitions } as LogInput }]] : []),
    ...(setup.moves.length > 0 ? [setup.moves.map((leader) => ({ node: controllerOf(topology), input: { kind: 'elect', partition: 0, leader } as LogInput }))] : []),
  ];
  const record = (m: number): LogRecord => {
    const send = sends.all[m]!;
    return { id: m, label: send.label, producer: send.producer, index: send.index, key: send.key };
  };

  const roles = {
    broker: { ...brokerRole(topology, setup, producerOf), describe: render.broker },
    controller: { ...controllerRole(topology, setup), describe: render.controller },
    producer: { ...producerRole(topology, setup), describe: render.producer },
    consumer: { ...consumerRole(topology), describe: render.consumer },
  };
  const nodes = [
    ...Array.from({ length: B }, (_, b) => ({ role: 'broker' as const, name: `b${b}` })),
    { role: 'controller' as const, name: 'ctl' },
    ...Array.from({ length: topology.producers }, (_, i) => ({ role: 'producer' as const, name: `prod${i}` })),
    ...Array.from({ length: topology.consumers }, (_, i) => ({ role: 'consumer' as const, name: `cons${i}` })),
  ];
  const brokers = Array.from({ length: B }, (_, b) => `b${b}`);
  const budget = p.faults;

  const system = defineSystem({
    roles,
    nodes,
    // One TCP connection per pair of nodes: requests on a link arrive in the order they were sent.
    network: 'fifo',
    workload,
    faults: { budget, kinds: [faultKind(setup, brokers, nodes.filter((n) => n.role === 'producer' || n.role === 'consumer').map((n) => n.name))] },
    // Bounded delay: a request times out (and is retried) only when it or its answer is gone.
    clock: { horizon: p.horizon, synchronous: true },
    properties: (observer) => {
      const source = logSource<St>(topology, {
        broker: (state, b) => state.nodes[b] as BrokerState,
        controller: (state) => state.nodes[controllerOf(topology)] as ControllerState,
        isUp: observer.isUp,
        history: observer.history,
      }, record);
      const all: Record<LogProperty, () => Property<St>> = {
        'per-key-order': () => perKeyOrder(source),
        'per-partition-order': () => perPartitionOrder(source),
        'no-duplicates': () => noDuplicates(source),
        'no-lost-ack': () => noLostAcknowledged(source),
        'replica-consistency': () => replicaConsistency(source),
        'presumed-isr-consistency': () => presumedIsrConsistency(source),
        'consumed-stays': () => consumedStays(source),
        'some-ack': () => someAcknowledged(source),
        'some-ack-after-failover': () => someAcknowledged(source, { afterFailover: true }),
        'some-consumed': () => someConsumed(source),
        'some-consumed-after-failover': () => someConsumed(source, { afterFailover: true }),
      };
      return checks.map((name) => all[name]());
    },
    describeMessage: render.message,
    describeTimer: render.timer,
    describeInput: render.input,
    describeOutput: render.output,
  });
  type St = SystemState<unknown, unknown, unknown, unknown>;
  return { ...system, system, canonical: forgetRealTime };
}

/** The fault kind of a design: lost messages, broker crashes, or a broker isolated with the clients. */
function faultKind(setup: LogSetup, brokers: string[], clients: string[]) {
  if (setup.faults === 'drop') return drop();
  if (setup.faults === 'crash') return crash({ nodes: brokers, detection: setup.detection });
  return isolation({ brokers, clients, controller: 'ctl' });
}

/**
 * The state with every operation's call and return counts set to 0 (keeping which have returned
 * and their outputs): no property of this model reads the real-time order of operations (they
 * judge outputs against the logs), and the counts never feed back into the nodes, so states that
 * differ only there have the same futures and verdicts. Without it, the order in which the
 * producers' sends and the consumer's polls complete multiplies the states about tenfold.
 */
function forgetRealTime<St extends SystemState<unknown, unknown, unknown, unknown>>(state: St): St {
  if (state.ops.every((slot) => slot === null || (slot.call === 0 && (slot.ret ?? 0) === 0))) return state;
  const ops = state.ops.map((slot) => (slot === null ? null : slot.ret === undefined ? { ...slot, call: 0 } : { ...slot, call: 0, ret: 0 }));
  return { ...state, ops };
}

/** The family's parameters. */
const PARAMS = {
  brokers: { type: 'int', default: 3, min: 2, max: 5, description: 'brokers b0.. (the controller, producers and consumer are extra nodes)' },
  partitions: { type: 'int', default: 2, min: 1, max: 3, description: 'partitions of the topic at the start (repartition adds one)' },
  replication: { type: 'int', default: 2, min: 1, max: 3, description: 'replication factor (at most brokers)' },
  producers: { type: 'int', default: 2, min: 1, max: 3, description: 'producers; producer i sends with key a, b, c (see keys)' },
  keys: { type: 'int', default: 1, min: 1, max: 3, description: 'keys per producer, cycled message by message: with 2, producer 0 sends a1, b1, a2, ... (producers × keys at most 3)' },
  messages: { type: 'int', default: 2, min: 1, max: 3, description: 'messages per producer' },
  'min-insync': { type: 'int', default: 1, min: 1, max: 3, description: 'min.insync.replicas for acks=all (at most replication)' },
  'in-flight': { type: 'int', default: 1, min: 1, max: 3, description: 'requests in flight per producer and partition' },
  faults: { type: 'int', default: 1, min: 0, max: 3, description: 'fault budget (drops for the producer variants, broker crashes for the replication ones, isolations of a broker for isolated-leader and unconfirmed-shrink)' },
  horizon: { type: 'int', default: 1, min: 0, max: 3, description: 'time horizon: rounds of request timeouts (retries)' },
} as const satisfies Record<string, ParamSpec>;

/** The family's parameter values, typed. */
export type LogParams = ParamsOf<typeof PARAMS>;

/** The catalog entry: the variants table of `variants.ts`, each variant built from its setup. */
export const partitionedLogModel = defineModel({
  name: 'partitioned-log',
  description: 'A Kafka-like partitioned log: keyed producers, replication with ISR and high watermark, leader election, truncation rules, an isolated leader, retries, idempotence',
  params: PARAMS,
  variants: LOG_VARIANTS,
  build: (variant: Variant<LogSetup, LogVariant>, params) => partitionedLog(variant.setup, params, Object.keys(variant.expect) as LogProperty[]),
  validate(_variant, p) {
    if (p.replication > p.brokers) return `replication=${p.replication} is not allowed: replication must be from 1 to brokers (${p.brokers})`;
    if (p.producers * p.keys > KEYS.length) return `producers=${p.producers} with keys=${p.keys} is not allowed: producers × keys must be at most ${KEYS.length} (keys a, b, c)`;
    if (p['min-insync'] > p.replication) return `min-insync=${p['min-insync']} is not allowed: min-insync must be from 1 to replication (${p.replication})`;
    return undefined;
  },
});

export { hashKey };

import { defineModel, type ParamValues, type Property } from '../../src/core/model.ts';
import { crash, defineSystem, drop, type ClientStep, type SystemState } from '../../src/system/index.ts';
import { perKeyOrder, perPartitionOrder, type LogRecord } from '../../properties/ordering/index.ts';
import { consumedStays, noDuplicates, noLostAcknowledged, replicaConsistency, someAcknowledged, someConsumed } from '../../properties/delivery/index.ts';
import { brokerRole, type BrokerState } from './broker.ts';
import { consumerRole } from './consumer.ts';
import { controllerRole, type ControllerState } from './controller.ts';
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
export function partitionedLog(setup: LogSetup, p: ParamValues, checks: readonly LogProperty[]) {
  const topology: Topology = {
    brokers: p.brokers as number,
    partitions: p.partitions as number,
    maxPartitions: (p.partitions as number) + (setup.repartition ? 1 : 0),
    replication: p.replication as number,
    producers: p.producers as number,
    consumers: setup.polls > 0 ? 1 : 0,
    minInsync: p['min-insync'] as number,
    inFlight: p['in-flight'] as number,
  };
  const B = topology.brokers;
  const sends = scripts(topology.producers, p.keys as number, p.messages as number);
  const producerOf = (m: number) => sends.all[m]!.producer;
  const label = (m: number) => sends.all[m]?.label ?? `#${m}`;
  const render = renderer(label, B);

  const workload: ClientStep<LogInput>[][] = [
    ...sends.each.map((script, i) => script.map((input, j) => ({ node: producerNode(topology, i), input, pipelined: j > 0 }))),
    ...(setup.polls > 0 ? [Array.from({ length: setup.polls }, () => ({ node: consumerNode(topology, 0), input: { kind: 'poll', partition: 0 } as LogInput }))] : []),
    ...(setup.repartition ? [[{ node: controllerOf(topology), input: { kind: 'partitions', count: topology.maxPartitions } as LogInput }]] : []),
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
  const budget = p.faults as number;

  const system = defineSystem({
    roles,
    nodes,
    // One TCP connection per pair of nodes: requests on a link arrive in the order they were sent.
    network: 'fifo',
    workload,
    faults: { budget, kinds: [setup.faults === 'drop' ? drop() : crash({ nodes: brokers, detection: setup.detection })] },
    // Bounded delay: a request times out (and is retried) only when it or its answer is gone.
    clock: { horizon: p.horizon as number, synchronous: true },
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

/** The catalog entry. */
export const partitionedLogModel = defineModel({
  name: 'partitioned-log',
  description: 'A Kafka-like partitioned log: keyed producers, replication with ISR and high watermark, leader election, retries, idempotence',
  params: {
    brokers: { type: 'int', default: 3, min: 2, max: 5, description: 'brokers b0.. (the controller, producers and consumer are extra nodes)' },
    partitions: { type: 'int', default: 2, min: 1, max: 3, description: 'partitions of the topic at the start (repartition adds one)' },
    replication: { type: 'int', default: 2, min: 1, max: 3, description: 'replication factor (at most brokers)' },
    producers: { type: 'int', default: 2, min: 1, max: 3, description: 'producers; producer i sends with key a, b, c (see keys)' },
    keys: { type: 'int', default: 1, min: 1, max: 3, description: 'keys per producer, cycled message by message: with 2, producer 0 sends a1, b1, a2, ... (producers × keys at most 3)' },
    messages: { type: 'int', default: 2, min: 1, max: 3, description: 'messages per producer' },
    'min-insync': { type: 'int', default: 1, min: 1, max: 3, description: 'min.insync.replicas for acks=all (at most replication)' },
    'in-flight': { type: 'int', default: 1, min: 1, max: 3, description: 'requests in flight per producer and partition' },
    faults: { type: 'int', default: 1, min: 0, max: 3, description: 'fault budget (drops for the producer variants, broker crashes for the replication ones)' },
    horizon: { type: 'int', default: 1, min: 0, max: 3, description: 'time horizon: rounds of request timeouts (retries)' },
  },
  variants: Object.fromEntries(Object.entries(LOG_VARIANTS).map(([name, row]) => [name, { description: row.description, ...('params' in row ? { params: row.params } : {}) }])),
  build: (variant, params) => buildVariant(variant as LogVariant, params),
  validate(_variant, p) {
    const [brokers, replication, producers, keys, minInsync] = [p.brokers, p.replication, p.producers, p.keys, p['min-insync']] as number[];
    if (replication! > brokers!) return `replication=${replication} is not allowed: replication must be from 1 to brokers (${brokers})`;
    if (producers! * keys! > KEYS.length) return `producers=${producers} with keys=${keys} is not allowed: producers × keys must be at most ${KEYS.length} (keys a, b, c)`;
    if (minInsync! > replication!) return `min-insync=${minInsync} is not allowed: min-insync must be from 1 to replication (${replication})`;
    return undefined;
  },
});

/**
 * One variant of the table, built at parameters `params` with the table's expectations; with
 * `mutation`, the variant with that mistake in its setup, under the same expectations (what the
 * sensitivity test checks). Stands in for the kernel's variants table until every family has one.
 */
export function buildVariant(variant: LogVariant, params: ParamValues, mutation?: string) {
  const row: { readonly setup: LogSetup; readonly expect: Readonly<Partial<Record<LogProperty, 'holds' | 'violated'>>>; readonly mutations?: Readonly<Record<string, { readonly setup: Partial<LogSetup> }>> } = LOG_VARIANTS[variant];
  const override = mutation === undefined ? {} : row.mutations?.[mutation]?.setup;
  if (override === undefined) throw new Error(`partitioned-log/${variant} has no mutation '${mutation}'`);
  const model = partitionedLog({ ...row.setup, ...override }, params, Object.keys(row.expect) as LogProperty[]);
  return { ...model, properties: model.properties.map((p) => ({ ...p, expect: row.expect[p.name as LogProperty]! })) };
}

export { hashKey };

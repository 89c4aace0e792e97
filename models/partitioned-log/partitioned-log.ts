import { defineModel, type Model, type ParamValues, type Property } from '../../src/core/model.ts';
import { compileSystem, type FaultSpec, type SystemAction, type SystemModel, type SystemState, type Workload } from '../../src/system/index.ts';
import { perKeyOrder, perPartitionOrder, type LogRecord, type LogSource, type PlacedRecord, type ReplicaLog } from '../../properties/ordering/index.ts';
import { consumedStays, noDuplicates, noLostAcknowledged } from '../../properties/delivery/index.ts';
import { hashKey, logHandlers, type Entry, type LogInput, type LogMsg, type LogNode, type LogOptions, type LogOutput } from './protocol.ts';

/** The variants of the partitioned log. */
export type LogVariant =
  | 'keyed'
  | 'repartition'
  | 'retries-in-flight'
  | 'idempotent'
  | 'acks-all'
  | 'acks-one'
  | 'unclean-election'
  | 'high-watermark'
  | 'read-uncommitted';

type St = SystemState<LogNode, LogMsg, LogOutput>;
type Act = SystemAction<LogMsg>;
export type PartitionedLogModel = Model<St, Act> & { readonly system: SystemModel<LogNode, LogMsg, LogInput, LogOutput> };

/**
 * Producer i sends with keys KEYS[i*k] .. KEYS[i*k + k - 1] (k = the `keys` parameter), cycling
 * through them message by message: a and b land in partitions 0 and 1 of 2; of 3, a moves to 1
 * and b stays; c lands in partition 0 of 2 and 2 of 3.
 */
export const KEYS = ['a', 'b', 'c'] as const;

/** The design choices and the faults of each variant. */
function setup(variant: LogVariant, p: ParamValues): { options: LogOptions; faults: FaultSpec; consumer: boolean; admin: boolean } {
  const brokers = p.brokers as number;
  const base: LogOptions = {
    brokers,
    partitions: p.partitions as number,
    maxPartitions: p.partitions as number,
    replication: p.replication as number,
    producers: p.producers as number,
    acks: p.acks as LogOptions['acks'],
    minIsr: p['min-insync'] as number,
    retries: true,
    inflight: p['in-flight'] as number,
    idempotent: p.idempotent as boolean,
    unclean: p.unclean as boolean,
    readCommitted: true,
  };
  const budget = p.faults as number;
  const brokerList = [...Array(brokers).keys()];
  const drops: FaultSpec = { budget, drop: true };
  const crashes: FaultSpec = { budget, crash: brokerList };
  switch (variant) {
    case 'keyed':
    case 'retries-in-flight':
    case 'idempotent':
      return { options: base, faults: drops, consumer: false, admin: false };
    case 'repartition':
      return { options: { ...base, maxPartitions: base.partitions + 1 }, faults: drops, consumer: false, admin: true };
    case 'acks-all':
    case 'acks-one':
    case 'unclean-election':
      return { options: base, faults: crashes, consumer: false, admin: false };
    case 'high-watermark':
      return { options: base, faults: crashes, consumer: true, admin: false };
    case 'read-uncommitted':
      return { options: { ...base, readCommitted: false }, faults: crashes, consumer: true, admin: false };
  }
}

/** The properties of each variant and what it expects of them. */
function propertiesOf(variant: LogVariant, source: LogSource<St>): Property<St>[] {
  switch (variant) {
    case 'keyed':
      return [perKeyOrder(source), perPartitionOrder(source)];
    case 'repartition':
      return [perKeyOrder(source, { expect: 'violated' }), perPartitionOrder(source)];
    case 'retries-in-flight':
      return [perPartitionOrder(source, { expect: 'violated' }), noDuplicates(source, { expect: 'violated' })];
    case 'idempotent':
      return [perPartitionOrder(source), noDuplicates(source)];
    case 'acks-all':
      return [noLostAcknowledged(source)];
    case 'acks-one':
    case 'unclean-election':
      return [noLostAcknowledged(source, { expect: 'violated' })];
    case 'high-watermark':
      return [consumedStays(source)];
    case 'read-uncommitted':
      return [consumedStays(source, { expect: 'violated' })];
  }
}

/** Builds one variant of the partitioned log at validated parameters. */
export function partitionedLog(variant: LogVariant, p: ParamValues): PartitionedLogModel {
  const { options, faults, consumer, admin } = setup(variant, p);
  const B = options.brokers;
  const controller = B;
  const perProducer = p.messages as number;
  const messages: { key: string; producer: number; label: string; index: number }[] = [];
  const workload: LogInput[][] = [];
  const keysEach = p.keys as number;
  for (let i = 0; i < options.producers; i++) {
    const script: LogInput[] = [];
    const sent = new Map<string, number>();
    for (let j = 0; j < perProducer; j++) {
      // Message j of producer i: its (j mod k)-th key, labelled by the key and its count (a1, b1, a2, ...).
      const key = KEYS[i * keysEach + (j % keysEach)]!;
      const n = (sent.get(key) ?? 0) + 1;
      sent.set(key, n);
      const input = { f: 'send', key, label: `${key}${n}`, producer: i, index: j } as const;
      messages.push(input);
      script.push(input);
    }
    workload.push(script);
  }
  const steps: Workload<LogInput> = [
    ...workload.map((script, i) => script.map((input, j) => ({ node: B + 1 + i, input, pipelined: j > 0 }))),
    ...(consumer ? [[{ node: 0, input: { f: 'poll', p: 0 } as LogInput }]] : []),
    ...(admin ? [[{ node: controller, input: { f: 'partitions', count: options.maxPartitions } as LogInput }]] : []),
  ];

  const record = (m: number): LogRecord => {
    const msg = messages[m]!;
    return { id: m, label: msg.label, producer: msg.producer, index: msg.index, key: msg.key };
  };
  const records = (log: readonly Entry[]) => log.map((e) => record(e.m));

  let system: SystemModel<LogNode, LogMsg, LogInput, LogOutput>;
  const source: LogSource<St> = {
    logs(state) {
      const result: ReplicaLog[] = [];
      for (let b = 0; b < B; b++) {
        state.nodes[b]!.logs!.forEach((log, partition) => {
          if (log.length > 0) result.push({ partition, where: `b${b}`, records: records(log) });
        });
      }
      return result;
    },
    leaderLog(state, partition) {
      const leader = state.nodes[controller]!.ctl!.parts[partition]?.leader ?? -1;
      if (leader < 0 || !system.isUp(state, leader)) return null;
      return { where: `b${leader}`, records: records(state.nodes[leader]!.logs![partition]!) };
    },
    acknowledged(state) {
      const result: PlacedRecord[] = [];
      for (const op of system.history(state)) {
        if (op.input.f !== 'send' || op.output === undefined || !('off' in op.output) || op.output.off < 0) continue;
        result.push({ record: record(op.id), partition: op.output.p, offset: op.output.off });
      }
      return result;
    },
    consumed(state) {
      const result: PlacedRecord[] = [];
      for (const op of system.history(state)) {
        if (op.output === undefined || !('read' in op.output)) continue;
        const partition = op.output.p;
        op.output.read.forEach((m, offset) => result.push({ record: record(m), partition, offset }));
      }
      return result;
    },
  };

  const label = (m: number) => messages[m]?.label ?? `#${m}`;
  const showSet = (bits: number) => `{${[...Array(B).keys()].filter((j) => (bits >> j) & 1).map((j) => `b${j}`).join(',')}}`;
  const showEntries = (log: readonly Entry[]) => `[${log.map((e) => label(e.m)).join(' ')}]`;
  const nodeName = (n: number) => (n < B ? `b${n}` : n === controller ? 'ctl' : `prod${n - B - 1}`);

  system = compileSystem<LogNode, LogMsg, LogInput, LogOutput>({
    ...logHandlers(options, messages),
    // One TCP connection per pair of nodes: requests on a link arrive in the order they were sent.
    network: 'fifo',
    workload: steps,
    faults,
    // Bounded delay: a request times out (and is retried) only when it or its answer is gone.
    clock: { horizon: p.horizon as number, synchronous: true },
    properties: () => propertiesOf(variant, source),
    describeMessage(msg) {
      switch (msg.t) {
        case 'Produce':
          return `Produce(P${msg.p}, ${label(msg.m)}${msg.s >= 0 ? `, seq ${msg.s}` : ''})`;
        case 'ProduceResp':
          return msg.err !== undefined ? `ProduceResp(P${msg.p}, ${label(msg.m)}: ${msg.err})` : `ProduceResp(P${msg.p}, ${label(msg.m)} at offset ${msg.off})`;
        case 'Fetch':
          return `Fetch(P${msg.p}, from offset ${msg.leo}, epoch ${msg.epoch})`;
        case 'FetchResp':
          return msg.err !== undefined ? `FetchResp(P${msg.p}: ${msg.err})` : `FetchResp(P${msg.p}, ${showEntries(msg.entries)} from offset ${msg.from}, hw ${msg.hw})`;
        case 'Truncate':
          return `Truncate(P${msg.p} to ${msg.to})`;
        case 'LeaderAndIsr':
          return `LeaderAndIsr(P${msg.p}: leader ${msg.leader < 0 ? 'none' : `b${msg.leader}`}, epoch ${msg.epoch}, isr ${showSet(msg.isr)})`;
        case 'Metadata':
          return `Metadata(P${msg.p}: leader ${msg.leader < 0 ? 'none' : `b${msg.leader}`}, ${msg.count} partitions)`;
        case 'Register':
          return 'Register';
      }
    },
    // Name nodes by role in traces: b0.., ctl, prod0..
    describeNodeId: nodeName,
    describeInput: (i) => (i.f === 'send' ? `send ${i.label}` : i.f === 'poll' ? `poll P${i.p} from offset 0` : `set partitions to ${i.count}`),
    describeOutput: (out) => ('off' in out ? (out.off < 0 ? 'sent (acks=0)' : `ack P${out.p} offset ${out.off}`) : 'read' in out ? `read [${out.read.map(label).join(' ')}]` : `ok`),
    describeNode(s) {
      if (s.ctl) {
        return Object.fromEntries(
          s.ctl.parts.slice(0, s.ctl.count).map((c, p) => [`P${p}`, `leader ${c.leader < 0 ? 'none' : `b${c.leader}`} epoch ${c.epoch} isr ${showSet(c.isr)}`]),
        );
      }
      if (s.prod) {
        const view: Record<string, string> = {};
        if (s.prod.inflight.length > 0) view['in flight'] = s.prod.inflight.map((q) => `${label(q.m)}→P${q.p}`).join(' ');
        if (s.prod.queue.length > 0) view['queued'] = s.prod.queue.map((q) => `${label(q.m)}→P${q.p}`).join(' ');
        view['leaders'] = s.prod.leaders.slice(0, s.prod.count).map((l, p) => `P${p}:${l < 0 ? '-' : `b${l}`}`).join(' ');
        return view;
      }
      const view: Record<string, string> = {};
      s.logs!.forEach((log, p) => {
        const v = s.parts![p]!;
        if (log.length === 0 && v.leader < 0) return;
        view[`P${p}`] = `${showEntries(log)} hw ${s.hws![p]}${v.leader < 0 ? '' : ` (epoch ${v.epoch}, leader b${v.leader})`}`;
      });
      return view;
    },
  });

  return { ...system, system, canonical: forgetRealTime };
}

/**
 * The state with every operation's call and return counts set to 0 (keeping which have returned
 * and their outputs): no property of this model reads the real-time order of operations (they
 * judge outputs against the logs), and the counts never feed back into the nodes, so states that
 * differ only there have the same futures and verdicts. Without it, the order in which the
 * producers' sends and the consumer's poll complete multiplies the states about tenfold.
 */
function forgetRealTime(state: St): St {
  if (state.ops.every((slot) => slot === null || (slot.call === 0 && (slot.ret ?? 0) === 0))) return state;
  const ops = state.ops.map((slot) => (slot === null ? null : slot.ret === undefined ? { ...slot, call: 0 } : { ...slot, call: 0, ret: 0 }));
  return { ...state, ops };
}

/** The catalog entry. */
export const partitionedLogModel = defineModel({
  name: 'partitioned-log',
  description: 'A Kafka-like partitioned log: keyed producers, replication with ISR and high watermark, leader election, retries, idempotence',
  params: {
    brokers: { type: 'int', default: 3, min: 2, max: 5, description: 'brokers b0.. (the controller and producers are extra nodes)' },
    partitions: { type: 'int', default: 2, min: 1, max: 3, description: 'partitions of the topic at the start (repartition adds one)' },
    replication: { type: 'int', default: 2, min: 1, max: 3, description: 'replication factor (at most brokers)' },
    producers: { type: 'int', default: 2, min: 1, max: 3, description: 'producers; producer i sends with key a, b, c (see keys)' },
    keys: { type: 'int', default: 1, min: 1, max: 3, description: 'keys per producer, cycled message by message: with 2, producer 0 sends a1, b1, a2, ... (producers × keys at most 3)' },
    messages: { type: 'int', default: 2, min: 1, max: 3, description: 'messages per producer' },
    acks: { type: 'enum', default: '1', values: ['0', '1', 'all'], description: 'acks the producer waits for' },
    'min-insync': { type: 'int', default: 1, min: 1, max: 3, description: 'min.insync.replicas for acks=all (at most replication)' },
    'in-flight': { type: 'int', default: 1, min: 1, max: 3, description: 'requests in flight per producer and partition' },
    idempotent: { type: 'bool', default: false, description: 'producer ids and per-partition sequence numbers checked by the leader' },
    unclean: { type: 'bool', default: false, description: 'unclean leader election: an out-of-sync replica may lead' },
    faults: { type: 'int', default: 1, min: 0, max: 3, description: 'fault budget (drops for the producer variants, broker crashes for the replication ones)' },
    horizon: { type: 'int', default: 1, min: 0, max: 3, description: 'time horizon: rounds of request timeouts (retries)' },
  },
  variants: {
    keyed: { description: 'partition = hash(key) mod P, P fixed, one request in flight, retries; a response may be lost' },
    repartition: { description: 'an admin adds a partition while the producer sends; a response may be lost', params: { producers: 1, keys: 2, messages: 3 } },
    'retries-in-flight': { description: 'retries with 2 requests in flight, not idempotent; a request or response may be lost', params: { producers: 2, 'in-flight': 2 } },
    idempotent: { description: 'as retries-in-flight, with idempotence (producer id, sequence numbers)', params: { producers: 2, 'in-flight': 2, idempotent: true } },
    'acks-all': { description: 'acks=all, min.insync.replicas=2, clean election; a broker may crash', params: { acks: 'all', 'min-insync': 2, producers: 1, keys: 2, messages: 3 } },
    'acks-one': { description: 'acks=1, clean election; a broker may crash', params: { acks: '1' } },
    'unclean-election': { description: 'acks=all, min.insync.replicas=1, unclean election; brokers may crash twice', params: { acks: 'all', unclean: true, faults: 2, producers: 1, keys: 2, messages: 3 } },
    'high-watermark': { description: 'a consumer reads partition 0 below the high watermark; a broker may crash; no retries', params: { producers: 1, keys: 2, horizon: 0 } },
    'read-uncommitted': { description: "a consumer reads partition 0 up to the leader's log end; a broker may crash; no retries", params: { producers: 1, keys: 2, horizon: 0 } },
  },
  build: (variant, params) => partitionedLog(variant as LogVariant, params),
  validate(_variant, p) {
    const brokers = p.brokers as number;
    const rf = p.replication as number;
    if (rf > brokers) return `replication=${rf} is not allowed: replication must be from 1 to brokers (${brokers})`;
    const keys = (p.producers as number) * (p.keys as number);
    if (keys > KEYS.length) return `producers=${p.producers} with keys=${p.keys} is not allowed: producers × keys must be at most ${KEYS.length} (keys a, b, c)`;
    if ((p['min-insync'] as number) > rf) return `min-insync=${p['min-insync']} is not allowed: min-insync must be from 1 to replication (${rf})`;
    return undefined;
  },
});

export { hashKey };
